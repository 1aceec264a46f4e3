import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import {
  coloursAndPackagesOfTrim,
  type MediaRow,
  mediaOf,
  type ParameterDefinitionRow,
  parametersOfTrims,
  type TrimParameterRow,
  type TrimWithSeriesAndBrand,
  trimsWithSeriesAndBrand,
} from '../catalog/index.js';
import { getPublicStore, type TStore } from '../dealers/index.js';
import { DETAIL_TTL_MS, type SearchCaches } from './search.caches.js';
import type { TParameterGroup } from './search.contract.js';
import { displayParameter, type Lang, unitLabel } from './search.mappers.js';

// The parts of a vehicle page that many listings share: the trim's sheet (thousands of listings of one
// trim) and the store. Built once and reused by every page built soon after, instead of five queries per
// page. A part is reused for PART_TTL_MS at most, and never across a reindex (any listing or trim change
// bumps the caches' detail generation, here and, through the cache bus, in every other process); a page
// built from parts is cached as of its oldest part's time, so it shows nothing older than DETAIL_TTL_MS,
// as before.

/** Half the page TTL: a page (cached from its oldest part's time) is never older than DETAIL_TTL_MS. */
export const PART_TTL_MS = DETAIL_TTL_MS / 2;
/** Above this many trims or stores the part caches start afresh. */
const PARTS_MAX = 5_000;

/** What a vehicle page shows of its trim, whatever the listing. */
export interface TrimSheet {
  /** Its media in display order (the gallery shows them after the listing's own). */
  media: MediaRow[];
  names: TrimWithSeriesAndBrand | undefined;
  options: Awaited<ReturnType<typeof coloursAndPackagesOfTrim>>;
  definitions: readonly ParameterDefinitionRow[];
  /** The parameter sheet by group, per language. */
  parameters: Record<Lang, TParameterGroup[]>;
}

interface Part<T> {
  /** When its load started (what it shows is at least this recent). */
  at: number;
  value: Promise<T>;
}

interface Parts {
  generation: number;
  sheets: Map<string, Part<TrimSheet> & { definitions: readonly ParameterDefinitionRow[] }>;
  stores: Map<string, Part<TStore | null>>;
}

const partsByCaches = new WeakMap<SearchCaches, Parts>();

/** The part caches of this generation (a reindex since the last use starts them afresh). */
function partsOf(caches: SearchCaches): Parts {
  let parts = partsByCaches.get(caches);
  if (!parts || parts.generation !== caches.detailGeneration) {
    parts = { generation: caches.detailGeneration, sheets: new Map(), stores: new Map() };
    partsByCaches.set(caches, parts);
  }
  return parts;
}

/**
 * The cached part of `key`, or a new one from `load` (concurrent pages of one trim or store share one
 * load; a failed load is not kept).
 */
function partOf<T, P extends Part<T>>(
  map: Map<string, P>,
  key: string,
  fresh: (p: P) => boolean,
  make: (at: number) => P,
): P {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < PART_TTL_MS && fresh(hit)) return hit;
  const part = make(Date.now());
  if (map.size >= PARTS_MAX) map.clear();
  map.set(key, part);
  part.value.catch(() => {
    if (map.get(key) === part) map.delete(key);
  });
  return part;
}

function parameterSheet(
  defs: readonly ParameterDefinitionRow[],
  params: readonly TrimParameterRow[],
  lang: Lang,
): TParameterGroup[] {
  const byKey = new Map(params.map((p) => [p.paramKey, p]));
  const groups = new Map<string, TParameterGroup>();
  for (const def of defs) {
    const p = byKey.get(def.key);
    if (!p) continue;
    const group = groups.get(def.group) ?? { group: def.group, rows: [] };
    group.rows.push({
      key: def.key,
      name: lang === 'en' ? def.nameEn : def.name,
      unit: unitLabel(def.unit, lang),
      valueType: def.valueType,
      display: displayParameter(def, p, lang),
      optionPriceFen: p.optionPriceFen === null ? null : Number(p.optionPriceFen),
    });
    groups.set(def.group, group);
  }
  return [...groups.values()];
}

async function loadTrimSheet(
  ctx: AppContext,
  trimId: string,
  definitions: readonly ParameterDefinitionRow[],
): Promise<TrimSheet> {
  const db = ctx.database.db;
  const [media, params, [names], options] = await Promise.all([
    mediaOf(db, [{ type: 'trim', id: trimId }]),
    parametersOfTrims(db, [trimId]),
    trimsWithSeriesAndBrand(db, [trimId]),
    coloursAndPackagesOfTrim(db, trimId),
  ]);
  return {
    media,
    names,
    options,
    definitions,
    parameters: {
      'zh-CN': parameterSheet(definitions, params, 'zh-CN'),
      en: parameterSheet(definitions, params, 'en'),
    },
  };
}

/** The trim's sheet and when it was read (rebuilt when the parameter dictionary was reread). */
export async function trimSheetOf(
  ctx: AppContext,
  caches: SearchCaches,
  trimId: string,
): Promise<{ at: number; sheet: TrimSheet }> {
  const definitions = await caches.definitions(ctx.database.db);
  const part = partOf(
    partsOf(caches).sheets,
    trimId,
    (p) => p.definitions === definitions,
    (at) => ({ at, definitions, value: loadTrimSheet(ctx, trimId, definitions) }),
  );
  return { at: part.at, sheet: await part.value };
}

/** The store as the public sees it (null when closed or its dealer suspended) and when it was read. */
export async function publicStoreOf(
  ctx: AppContext,
  caches: SearchCaches,
  storeId: string,
): Promise<{ at: number; store: TStore | null }> {
  const part = partOf(
    partsOf(caches).stores,
    storeId,
    () => true,
    (at) => ({
      at,
      value: getPublicStore(ctx.database.db, storeId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'STORE_NOT_FOUND') return null;
        throw e;
      }),
    }),
  );
  return { at: part.at, store: await part.value };
}
