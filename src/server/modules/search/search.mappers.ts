import type { AppContext } from '../../kernel/context.js';
import type { Lang } from '../../kernel/http/errors.js';
import {
  type ParameterDefinitionRow,
  searchableNames,
  type TrimParameterRow,
  trimsWithSeriesAndBrand,
} from '../catalog/index.js';
import type { TVehicleCard } from './search.contract.js';
import type { SearchRow } from './search.repository.js';
import { translateValue } from './search.value-glossary.js';

export type { Lang };

// The one place read-model rows become API objects, and the labels buyers see.

export const BODY_LABELS: Record<string, string> = {
  sedan: '轿车',
  hatchback: '两厢车',
  suv: 'SUV',
  mpv: 'MPV',
  coupe: '跑车',
  wagon: '旅行车',
  pickup: '皮卡',
  convertible: '敞篷车',
};
export const ENERGY_LABELS: Record<string, string> = {
  petrol: '汽油',
  diesel: '柴油',
  hev: '油电混动',
  phev: '插电混动',
  erev: '增程式',
  bev: '纯电动',
  fcev: '氢燃料电池',
};
export const BODY_LABELS_EN: Record<string, string> = {
  sedan: 'Sedan',
  hatchback: 'Hatchback',
  suv: 'SUV',
  mpv: 'MPV',
  coupe: 'Coupe',
  wagon: 'Wagon',
  pickup: 'Pickup',
  convertible: 'Convertible',
};
export const ENERGY_LABELS_EN: Record<string, string> = {
  petrol: 'Petrol',
  diesel: 'Diesel',
  hev: 'Hybrid',
  phev: 'Plug-in hybrid',
  erev: 'Range extender',
  bev: 'Electric',
  fcev: 'Hydrogen fuel cell',
};

export function bodyLabel(v: string, lang: Lang): string {
  return (lang === 'en' ? BODY_LABELS_EN[v] : BODY_LABELS[v]) ?? v;
}
export function energyLabel(v: string, lang: Lang): string {
  return (lang === 'en' ? ENERGY_LABELS_EN[v] : ENERGY_LABELS[v]) ?? v;
}
export function kindLabel(kind: string, lang: Lang): string {
  if (lang === 'en') return kind === 'new' ? 'New' : 'Used';
  return kind === 'new' ? '新车' : '二手车';
}
/** "2024款" / "2024". */
export function yearLabel(year: number | string, lang: Lang): string {
  return lang === 'en' ? String(year) : `${year}款`;
}
export function seatsLabel(n: number | string, lang: Lang): string {
  return lang === 'en' ? `${n} seats` : `${n}座`;
}
/** A price as buyers read it: "12.98万" / "CNY 129,800" (the web's formatPrice rule). */
export function money(fen: number, lang: Lang): string {
  const yuan = Math.round(fen / 100);
  if (lang === 'en') return `CNY ${yuan.toLocaleString('en-US')}`;
  return yuan >= 10_000 ? wan(fen) : `¥${yuan.toLocaleString('zh-CN')}`;
}
/** Mileage, one rule everywhere: "1.2万公里" from 10,000 km up, else "8,000公里"; "12,000 km" in English. */
export function mileageLabel(km: number, lang: Lang): string {
  if (lang === 'en') return `${km.toLocaleString('en-US')} km`;
  if (km >= 10_000) return `${(km / 10_000).toFixed(1)}万公里`;
  return `${km.toLocaleString('zh-CN')}公里`;
}

/** Parameter units that are Chinese words, in English ("个" counts need no unit). */
const UNIT_EN: Record<string, string | null> = { 个: null, 英寸: 'in', 区: 'zones', 款: null };
export function unitLabel(unit: string | null, lang: Lang): string | null {
  if (unit === null || lang !== 'en') return unit;
  return unit in UNIT_EN ? (UNIT_EN[unit] ?? null) : unit;
}

const NAMES_TTL_MS = 60_000;
const englishNames = new WeakMap<
  AppContext,
  { at: number; value: Promise<{ brands: Map<string, string>; series: Map<string, string> }> }
>();

/** English brand and series names by slug, kept a minute per app (cards carry both languages). */
export async function namesEn(
  ctx: AppContext,
): Promise<{ brands: Map<string, string>; series: Map<string, string> }> {
  const hit = englishNames.get(ctx);
  if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit.value;
  const value = searchableNames(ctx.database.db).then((n) => ({
    brands: new Map(n.brands.map((b) => [b.slug, b.nameEn])),
    series: new Map(n.series.map((s) => [s.slug, s.nameEn])),
  }));
  englishNames.set(ctx, { at: Date.now(), value });
  value.catch(() => englishNames.delete(ctx));
  return value;
}

const displacements = new WeakMap<AppContext, { at: number; byTrim: Map<string, number | null> }>();

/** Engine displacement (litres) by trim, read once per trim and kept a few minutes per app. */
async function displacementsOf(
  ctx: AppContext,
  trimIds: readonly string[],
): Promise<Map<string, number | null>> {
  let entry = displacements.get(ctx);
  if (!entry || Date.now() - entry.at > 5 * NAMES_TTL_MS) {
    entry = { at: Date.now(), byTrim: new Map() };
    displacements.set(ctx, entry);
  }
  const byTrim = entry.byTrim;
  const missing = [...new Set(trimIds)].filter((id) => !byTrim.has(id));
  if (missing.length > 0) {
    for (const r of await trimsWithSeriesAndBrand(ctx.database.db, missing)) {
      byTrim.set(r.trim.id, r.trim.displacementL === null ? null : Number(r.trim.displacementL));
    }
  }
  return byTrim;
}

/**
 * The cards with what the storefront's card shows beyond the read model filled in (in place, and returned):
 * the English brand and series names and the engine displacement.
 */
export async function withCardExtras<T extends TVehicleCard>(ctx: AppContext, cards: T[]): Promise<T[]> {
  if (cards.length === 0) return cards;
  const [names, disp] = await Promise.all([
    namesEn(ctx),
    displacementsOf(
      ctx,
      cards.map((c) => c.trimId),
    ),
  ]);
  for (const c of cards) {
    c.brand.nameEn = names.brands.get(c.brand.slug) ?? c.brand.name;
    c.series.nameEn = names.series.get(c.series.slug) ?? c.series.name;
    c.displacementL = disp.get(c.trimId) ?? null;
  }
  return cards;
}

export function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/** Search row (snake/DB) -> vehicle card (API). */
export function toVehicleCard(r: SearchRow): TVehicleCard {
  return {
    id: r.listingId,
    kind: r.kind,
    status: r.status,
    title: r.title,
    brand: { slug: r.brandSlug, name: r.brandName },
    series: { id: r.seriesId, slug: r.seriesSlug, name: r.seriesName },
    trimId: r.trimId,
    trimName: r.trimName,
    modelYear: r.modelYear,
    bodyType: r.bodyType,
    energyType: r.energyType,
    seats: r.seats,
    electricRangeKm: r.electricRangeKm,
    priceFen: Number(r.priceFen),
    guidePriceFen: Number(r.guidePriceFen),
    mileageKm: r.mileageKm,
    firstRegistrationDate: r.firstRegistrationDate,
    cityCode: r.cityCode,
    conditionGrade: r.conditionGrade,
    dealerId: r.dealerId,
    storeId: r.storeId,
    imageUrl: r.imageUrl,
    popularity: r.popularity,
    listedAt: iso(r.listedAt),
  };
}

function formatNumber(v: string | number): string {
  return String(Number(v));
}

const FEATURE_SYMBOL = { standard: '●', optional: '○', none: '-' } as const;

/** The display value of one typed parameter. */
export function displayParameter(
  def: ParameterDefinitionRow,
  p: TrimParameterRow | undefined,
  lang: Lang = 'zh-CN',
): string | null {
  if (!p) return null;
  switch (def.valueType) {
    case 'number':
      return p.numberValue === null ? null : formatNumber(p.numberValue);
    case 'feature':
      return p.featureValue ? FEATURE_SYMBOL[p.featureValue] : null;
    case 'boolean':
      if (p.booleanValue === null) return null;
      if (lang === 'en') return p.booleanValue ? 'Yes' : 'No';
      return p.booleanValue ? '是' : '否';
    case 'text':
      return p.textValue === null ? null : (translateValue(p.textValue, lang) ?? p.textValue);
  }
}

export function wan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(2))}万`;
}
