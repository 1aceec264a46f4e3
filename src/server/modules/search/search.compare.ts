import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { mediaOf, parametersOfTrims, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { searchCaches } from './search.caches.js';
import type { TCompareQuery, TCompareResponse } from './search.contract.js';
import {
  displayParameter,
  kindLabel,
  type Lang,
  toVehicleCard,
  unitLabel,
  withCardExtras,
  yearLabel,
} from './search.mappers.js';
import type { SearchRow } from './search.repository.js';
import * as repo from './search.repository.js';

type Direction = 'higher' | 'lower';

/**
 * Which way is better, per compared row key (overview rows and parameter dictionary keys). Only rows with
 * a clear direction are listed: more range, power, torque, speed, space and charging power is better;
 * a lower price, mileage, 0-100 time, consumption and charging time is better. Everything else (size,
 * weight, doors, colours ...) has no best value.
 */
export const COMPARE_DIRECTIONS: Readonly<Record<string, Direction>> = {
  price: 'lower',
  guidePrice: 'lower',
  mileage: 'lower',
  'basic.max_power_kw': 'higher',
  'basic.max_torque_nm': 'higher',
  'basic.top_speed_kmh': 'higher',
  'basic.acceleration_s': 'lower',
  'basic.fuel_consumption_l': 'lower',
  'basic.power_consumption_kwh': 'lower',
  'body.wheelbase_mm': 'higher',
  'body.trunk_l': 'higher',
  'engine.max_hp': 'higher',
  'engine.max_power_kw': 'higher',
  'engine.max_torque_nm': 'higher',
  'motor.total_power_kw': 'higher',
  'motor.total_torque_nm': 'higher',
  'battery.capacity_kwh': 'higher',
  'battery.cltc_range_km': 'higher',
  'battery.fast_charge_kw': 'higher',
  'battery.fast_charge_min': 'lower',
  'battery.slow_charge_h': 'lower',
};

/** The columns holding the best of `numbers` in `direction` (none when fewer than two differ). */
export function bestColumns(numbers: readonly (number | null)[], direction: Direction | null): number[] {
  if (!direction) return [];
  const present = numbers.filter((n): n is number => n !== null && Number.isFinite(n));
  if (present.length < 2 || new Set(present).size < 2) return [];
  const best = direction === 'higher' ? Math.max(...present) : Math.min(...present);
  return numbers.flatMap((n, i) => (n === best ? [i] : []));
}

function numeric(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

interface OverviewRow {
  key: string;
  name: string;
  unit: string | null;
  values: (string | null)[];
  /** The numbers behind the values, for the best mark (the values may be formatted). */
  numbers?: (number | null)[];
}

function row(r: OverviewRow): TCompareResponse['groups'][number]['rows'][number] {
  const direction = COMPARE_DIRECTIONS[r.key] ?? null;
  return {
    key: r.key,
    name: r.name,
    unit: r.unit,
    values: r.values,
    different: new Set(r.values).size > 1,
    direction,
    best: bestColumns(r.numbers ?? r.values.map(numeric), direction),
  };
}

/** 12.98 (万) in Chinese, 129,800 (CNY) in English. */
function priceValue(fen: number, lang: Lang): string {
  if (lang === 'en') return Math.round(fen / 100).toLocaleString('en-US');
  return String(Number((fen / 1_000_000).toFixed(2)));
}

/**
 * GET /compare: 2-4 listings or trims as columns, parameter rows grouped, each flagged when it differs
 * and with its best value marked. Names, units and labels in the request's language.
 */
export async function compare(
  ctx: AppContext,
  q: TCompareQuery,
  lang: Lang = 'zh-CN',
): Promise<TCompareResponse> {
  const db = ctx.database.db;
  const caches = searchCaches(ctx);
  const en = lang === 'en';
  const priceUnit = en ? 'CNY' : '万';
  const listingIds = q.ids ?? [];
  const trimIdsAsked = q.trims ?? [];
  let columns: TCompareResponse['columns'];
  let overview: OverviewRow[];
  if (listingIds.length > 0) {
    const rows = await repo.searchRowsByIds(db, listingIds);
    const byId = new Map(rows.map((r) => [r.listingId, r]));
    const missing = listingIds.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('VEHICLE_NOT_FOUND', { id: missing.join(',') });
    const cards = await withCardExtras(
      ctx,
      listingIds.map((id) => toVehicleCard(byId.get(id) as SearchRow)),
    );
    columns = cards.map((c) => ({
      id: c.id,
      trimId: c.trimId,
      title: c.title,
      brandName: en ? (c.brand.nameEn ?? c.brand.name) : c.brand.name,
      seriesName: en ? (c.series.nameEn ?? c.series.name) : c.series.name,
      priceFen: c.priceFen,
      imageUrl: c.imageUrl,
    }));
    const cities = new Map((await caches.cities(db)).map((c) => [c.code, en ? c.nameEn : c.name]));
    overview = [
      {
        key: 'price',
        name: en ? 'Price' : '售价',
        unit: priceUnit,
        values: cards.map((c) => priceValue(c.priceFen, lang)),
        numbers: cards.map((c) => c.priceFen),
      },
      {
        key: 'guidePrice',
        name: en ? 'Guide price' : '厂商指导价',
        unit: priceUnit,
        values: cards.map((c) => priceValue(c.guidePriceFen, lang)),
        numbers: cards.map((c) => c.guidePriceFen),
      },
      {
        key: 'kind',
        name: en ? 'Type' : '车源',
        unit: null,
        values: cards.map((c) => kindLabel(c.kind, lang)),
      },
      {
        key: 'modelYear',
        name: en ? 'Model year' : '年款',
        unit: null,
        values: cards.map((c) => yearLabel(c.modelYear, lang)),
      },
      {
        // New cars have no mileage to compare: "—" on the page, and no best mark.
        key: 'mileage',
        name: en ? 'Mileage' : '表显里程',
        unit: 'km',
        values: cards.map((c) => (c.kind === 'new' ? null : c.mileageKm.toLocaleString('en-US'))),
        numbers: cards.map((c) => (c.kind === 'new' ? null : c.mileageKm)),
      },
      {
        key: 'city',
        name: en ? 'City' : '所在城市',
        unit: null,
        values: cards.map((c) => cities.get(c.cityCode) ?? c.cityCode),
      },
    ];
  } else {
    const rows = await trimsWithSeriesAndBrand(db, trimIdsAsked);
    const byId = new Map(rows.map((r) => [r.trim.id, r]));
    const missing = trimIdsAsked.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('COMPARE_TRIM_NOT_FOUND', { id: missing.join(',') });
    const media = await mediaOf(
      db,
      trimIdsAsked.map((id) => ({ type: 'trim' as const, id })),
    );
    const ordered = trimIdsAsked.map((id) => byId.get(id) as (typeof rows)[number]);
    columns = ordered.map((r) => {
      const brandName = en ? r.brand.nameEn : r.brand.name;
      const seriesName = en ? r.series.nameEn : r.series.name;
      return {
        id: r.trim.id,
        trimId: r.trim.id,
        title: `${brandName} ${seriesName} ${r.trim.name}`,
        brandName,
        seriesName,
        priceFen: Number(r.trim.guidePriceFen),
        imageUrl: media.find((m) => m.ownerId === r.trim.id && m.kind === 'image')?.url ?? null,
      };
    });
    overview = [
      {
        key: 'guidePrice',
        name: en ? 'Guide price' : '厂商指导价',
        unit: priceUnit,
        values: ordered.map((r) => priceValue(Number(r.trim.guidePriceFen), lang)),
        numbers: ordered.map((r) => Number(r.trim.guidePriceFen)),
      },
      {
        key: 'modelYear',
        name: en ? 'Model year' : '年款',
        unit: null,
        values: ordered.map((r) => yearLabel(r.trim.modelYear, lang)),
      },
    ];
  }
  const trimIds = columns.map((c) => c.trimId);
  const [defs, params] = await Promise.all([caches.definitions(db), parametersOfTrims(db, trimIds)]);
  const byTrimKey = new Map(params.map((p) => [`${p.trimId}|${p.paramKey}`, p]));
  const groups: TCompareResponse['groups'] = [{ group: 'overview', rows: overview.map(row) }];
  const groupIndex = new Map<string, TCompareResponse['groups'][number]>();
  for (const def of defs) {
    const values = trimIds.map((t) => displayParameter(def, byTrimKey.get(`${t}|${def.key}`), lang));
    if (values.every((v) => v === null)) continue;
    let g = groupIndex.get(def.group);
    if (!g) {
      g = { group: def.group, rows: [] };
      groupIndex.set(def.group, g);
      groups.push(g);
    }
    g.rows.push(
      row({
        key: def.key,
        name: en ? def.nameEn : def.name,
        unit: unitLabel(def.unit, lang),
        values,
        numbers: def.valueType === 'number' ? values.map(numeric) : values.map(() => null),
      }),
    );
  }
  return { columns, groups };
}
