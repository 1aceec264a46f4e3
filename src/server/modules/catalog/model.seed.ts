import { inArray } from 'drizzle-orm';
import type { Db, DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import {
  brands,
  optionPackages,
  parameterDefinitions,
  series,
  trimColours,
  trimParameters,
  trims,
} from './catalog.schema.js';
import * as repo from './model.repository.js';
import { SEED_BRANDS, SEED_PARAMETERS, SEED_SERIES } from './model.seed-data.js';
import { brandId, generateCatalog, SEEDED_AT, seriesId } from './model.seed-generate.js';
import { romanize } from './model.shared.js';
import { checkValue } from './model.sheet.js';

export {
  brandId,
  type GeneratedTrim,
  generateCatalog,
  generateTrims,
  seriesId,
} from './model.seed-generate.js';

async function insertChunked<T>(
  rows: T[],
  size: number,
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Loads the parameter dictionary (existing keys are kept as operators left them). */
export async function seedParameterDictionary(db: DbHandle): Promise<void> {
  await db
    .insert(parameterDefinitions)
    .values(
      SEED_PARAMETERS.map((p, i) => ({
        ...p,
        sort: (i + 1) * 10,
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      })),
    )
    .onConflictDoNothing();
}

/**
 * Loads the dictionary, brands, series, trims with full sheets, colours, packages and media. Re-runnable row
 * by row: ids are deterministic and existing rows are kept as they are (operators' edits survive a rerun).
 * A brand or series whose slug a row of another origin already holds (a bench fixture, an import) is that
 * row: the seed hangs its series and trims under it instead of failing on its own id. A trim that collides
 * with an existing one is skipped with its sheet, colours, packages and media.
 */
export async function seedModelDatabase(db: Db): Promise<void> {
  const generated = generateCatalog();
  await withTransaction(db, async (tx) => {
    await seedParameterDictionary(tx);
    await tx
      .insert(brands)
      .values(
        SEED_BRANDS.map((b) => {
          const py = romanize(b.name);
          return {
            id: brandId(b.slug),
            slug: b.slug,
            name: b.name,
            nameEn: b.nameEn,
            pinyin: py,
            aliases: b.aliases,
            initial: py.charAt(0).toUpperCase(),
            country: b.country,
            colours: [...b.colours],
            sort: b.sort,
            createdAt: SEEDED_AT,
            updatedAt: SEEDED_AT,
          };
        }),
      )
      .onConflictDoNothing();
    const brandBySlug = new Map(
      (
        await tx
          .select({ id: brands.id, slug: brands.slug })
          .from(brands)
          .where(
            inArray(
              brands.slug,
              SEED_BRANDS.map((b) => b.slug),
            ),
          )
      ).map((r) => [r.slug, r.id]),
    );
    await tx
      .insert(series)
      .values(
        SEED_SERIES.map((s) => ({
          id: seriesId(s.slug),
          brandId: brandBySlug.get(s.brand) ?? brandId(s.brand),
          slug: s.slug,
          name: s.name,
          nameEn: s.nameEn,
          pinyin: romanize(s.name),
          aliases: s.aliases,
          manufacturer: s.manufacturer,
          bodyType: s.body,
          energyType: s.energy,
          segment: s.segment,
          status: 'on_sale' as const,
          createdAt: SEEDED_AT,
          updatedAt: SEEDED_AT,
        })),
      )
      .onConflictDoNothing();
    const seriesBySlug = new Map(
      (
        await tx
          .select({ id: series.id, slug: series.slug })
          .from(series)
          .where(
            inArray(
              series.slug,
              SEED_SERIES.map((s) => s.slug),
            ),
          )
      ).map((r) => [r.slug, r.id]),
    );
    // Generated trims name the series by its seed id; point them at the row that holds the slug.
    const actualSeries = new Map(SEED_SERIES.map((s) => [seriesId(s.slug), seriesBySlug.get(s.slug)]));
    const inserted = new Set<string>();
    await insertChunked(generated, 200, async (chunk) => {
      const rows = chunk.map((g) => ({
        ...g.row,
        seriesId: actualSeries.get(g.row.seriesId) ?? g.row.seriesId,
      }));
      const ids = await tx.insert(trims).values(rows).onConflictDoNothing().returning({ id: trims.id });
      for (const r of ids) inserted.add(r.id);
    });
    // Only trims this run inserted get their sheet and the rest: an existing trim keeps what it has.
    const fresh = generated.filter((g) => inserted.has(g.row.id));
    const paramRows = fresh.flatMap((g) =>
      Object.entries(g.values).map(([key, value]) => {
        const def = SEED_PARAMETERS.find((p) => p.key === key);
        if (!def) throw new Error(`seed: unknown parameter ${key}`);
        const checked = checkValue({ ...def, sort: 0, createdAt: SEEDED_AT, updatedAt: SEEDED_AT }, value);
        if (!checked.ok) throw new Error(`seed: ${key}: ${checked.message.en}`);
        return { ...checked.row, trimId: g.row.id };
      }),
    );
    await insertChunked(paramRows, 1000, (chunk) =>
      tx.insert(trimParameters).values(chunk).onConflictDoNothing(),
    );
    await insertChunked(
      fresh.flatMap((g) => g.colours),
      1000,
      (chunk) => tx.insert(trimColours).values(chunk).onConflictDoNothing(),
    );
    const packs = fresh.flatMap((g) => g.packages);
    await insertChunked(packs, 500, (chunk) => tx.insert(optionPackages).values(chunk).onConflictDoNothing());
    await repo.insertMedia(
      tx,
      fresh.flatMap((g) => g.media),
    );
  });
}
