import type { DbHandle } from '../../kernel/db/client.js';
import { isForeignKeyViolation } from '../../kernel/db/constraint-errors.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import type {
  TColour,
  TCreateTrimRequest,
  TOptionPackage,
  TParameterValue,
  TPutColoursRequest,
  TPutPackagesRequest,
  TTrim,
  TTrimDetail,
  TUpdateTrimRequest,
} from './model.contract.js';
import { toColour, toPackage, toTrim } from './model.mappers.js';
import { getTrimDetail } from './model.read.js';
import * as repo from './model.repository.js';
import { loadSeries, publishTrimChanged, uniqueOr } from './model.shared.js';
import { factsFromSheet, KEY_FACT_PARAMS, validateSheet } from './model.sheet.js';

// Trims with their parameter sheets, colours and option packages (console).

/** Deterministic trim id for (series, model year, name): seed and import reruns find the same row. */
export function trimIdFor(seriesId: string, modelYear: number, name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of `${seriesId}|${modelYear}|${name}`) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return `trm_${h1.toString(36).padStart(7, '0')}${h2.toString(36).padStart(7, '0')}`;
}

export async function createTrim(db: DbHandle, input: TCreateTrimRequest, m: Mutation): Promise<TTrim> {
  return withTransaction(db, async (tx) => {
    await loadSeries(tx, input.seriesId);
    const row = await uniqueOr(
      () =>
        repo.insertTrim(tx, {
          id: trimIdFor(input.seriesId, input.modelYear, input.name),
          seriesId: input.seriesId,
          modelYear: input.modelYear,
          name: input.name,
          guidePriceFen: input.guidePriceFen,
          energyType: input.energyType,
          seats: input.seats,
          nevTaxExempt: input.nevTaxExempt,
          status: input.status,
          createdAt: m.at,
          updatedAt: m.at,
        }),
      'TRIM_NAME_TAKEN',
    );
    await syncSeatsParameter(tx, row.id, row.seats);
    await audit(tx, m, {
      action: 'catalog.trim.create',
      entityType: 'trim',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publishTrimChanged(tx, row.id, m.at);
    return toTrim(row);
  });
}

/** Keeps the sheet's seat count equal to the key fact when the fact is edited directly. */
async function syncSeatsParameter(tx: DbHandle, trimId: string, seats: number): Promise<void> {
  const def = await repo.findDefinition(tx, KEY_FACT_PARAMS.seats);
  if (def?.valueType !== 'number') return;
  const rows = await repo.listTrimParameters(tx, [trimId]);
  const others = rows.filter((r) => r.paramKey !== def.key);
  await repo.replaceTrimParameters(tx, trimId, [
    ...others,
    {
      trimId,
      paramKey: def.key,
      numberValue: String(seats),
      textValue: null,
      booleanValue: null,
      featureValue: null,
      optionPriceFen: null,
    },
  ]);
}

export async function updateTrim(
  db: DbHandle,
  id: string,
  input: TUpdateTrimRequest,
  m: Mutation,
): Promise<TTrim> {
  return withTransaction(db, async (tx) => {
    const before = await repo.lockTrim(tx, id);
    if (!before) throw new AppError('TRIM_NOT_FOUND');
    const after = await uniqueOr(
      () => repo.updateTrim(tx, id, { ...input, updatedAt: m.at }),
      'TRIM_NAME_TAKEN',
    );
    if (input.seats !== undefined && input.seats !== before.seats)
      await syncSeatsParameter(tx, id, input.seats);
    await audit(tx, m, {
      action: 'catalog.trim.update',
      entityType: 'trim',
      entityId: id,
      before,
      after,
    });
    await publishTrimChanged(tx, id, m.at);
    return toTrim(after);
  });
}

export async function deleteTrim(db: DbHandle, id: string, m: Mutation): Promise<void> {
  try {
    await withTransaction(db, async (tx) => {
      const before = await repo.lockTrim(tx, id);
      if (!before) throw new AppError('TRIM_NOT_FOUND');
      await repo.deleteTrim(tx, id);
      await audit(tx, m, {
        action: 'catalog.trim.delete',
        entityType: 'trim',
        entityId: id,
        before,
        after: null,
      });
      await publishTrimChanged(tx, id, m.at);
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new AppError('TRIM_IN_USE');
    throw e;
  }
}

/** The spec editor saves a whole sheet: each value is checked against its definition, all bad keys listed. */
export async function putTrimParameters(
  db: DbHandle,
  id: string,
  values: Record<string, TParameterValue>,
  m: Mutation,
): Promise<TTrimDetail> {
  await withTransaction(db, async (tx) => {
    const before = await repo.lockTrim(tx, id);
    if (!before) throw new AppError('TRIM_NOT_FOUND');
    const defs = new Map((await repo.listDefinitions(tx)).map((d) => [d.key, d]));
    const { rows, problems } = validateSheet(defs, values);
    if (problems.length) {
      throw new AppError('VALIDATION_FAILED', {
        fields: problems.map((p) => ({ path: `body.values.${p.key}`, message: p.message })),
      });
    }
    const beforeValues = await repo.listTrimParameters(tx, [id]);
    await repo.replaceTrimParameters(
      tx,
      id,
      rows.map((r) => ({ ...r, trimId: id })),
    );
    const facts = factsFromSheet(rows);
    const after = await repo.updateTrim(tx, id, { ...facts, updatedAt: m.at });
    await audit(tx, m, {
      action: 'catalog.trim.parameters',
      entityType: 'trim',
      entityId: id,
      before: { facts: toTrim(before), values: beforeValues.length },
      after: { facts: toTrim(after), values: rows.length },
    });
    await publishTrimChanged(tx, id, m.at);
  });
  return getTrimDetail(db, id);
}

export async function putColours(
  db: DbHandle,
  id: string,
  input: TPutColoursRequest,
  m: Mutation,
): Promise<TColour[]> {
  return withTransaction(db, async (tx) => {
    if (!(await repo.lockTrim(tx, id))) throw new AppError('TRIM_NOT_FOUND');
    const before = await repo.listColours(tx, id);
    await repo.replaceColours(
      tx,
      id,
      input.colours.map((c, i) => ({ id: newId('col'), trimId: id, ...c, sort: i })),
    );
    const after = await repo.listColours(tx, id);
    await audit(tx, m, {
      action: 'catalog.trim.colours',
      entityType: 'trim',
      entityId: id,
      before,
      after,
    });
    await publishTrimChanged(tx, id, m.at);
    return after.map(toColour);
  });
}

export async function putPackages(
  db: DbHandle,
  id: string,
  input: TPutPackagesRequest,
  m: Mutation,
): Promise<TOptionPackage[]> {
  return withTransaction(db, async (tx) => {
    if (!(await repo.lockTrim(tx, id))) throw new AppError('TRIM_NOT_FOUND');
    const defs = new Set((await repo.listDefinitions(tx)).map((d) => d.key));
    const unknown = input.packages.flatMap((p, i) =>
      p.includes
        .filter((k) => !defs.has(k))
        .map((k) => ({
          path: `body.packages.${i}.includes`,
          message: { zh: `未知参数 ${k}`, en: `Unknown parameter ${k}` },
        })),
    );
    if (unknown.length) throw new AppError('VALIDATION_FAILED', { fields: unknown });
    const before = await repo.listPackages(tx, id);
    await repo.replacePackages(
      tx,
      id,
      input.packages.map((p) => ({ id: newId('opk'), trimId: id, ...p })),
    );
    const after = await repo.listPackages(tx, id);
    await audit(tx, m, {
      action: 'catalog.trim.packages',
      entityType: 'trim',
      entityId: id,
      before,
      after,
    });
    await publishTrimChanged(tx, id, m.at);
    return after.map(toPackage);
  });
}
