import type { ParameterDefinitionRow, TrimParameterRow } from '../catalog/index.js';
import type { TVehicleCard } from './search.contract.js';
import type { SearchRow } from './search.repository.js';

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
): string | null {
  if (!p) return null;
  switch (def.valueType) {
    case 'number':
      return p.numberValue === null ? null : formatNumber(p.numberValue);
    case 'feature':
      return p.featureValue ? FEATURE_SYMBOL[p.featureValue] : null;
    case 'boolean':
      return p.booleanValue === null ? null : p.booleanValue ? '是' : '否';
    case 'text':
      return p.textValue;
  }
}

export function wan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(2))}万`;
}
