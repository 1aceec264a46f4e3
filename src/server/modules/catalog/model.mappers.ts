import type {
  BrandRow,
  MediaRow,
  OptionPackageRow,
  ParameterDefinitionRow,
  SeriesRow,
  TrimColourRow,
  TrimParameterRow,
  TrimRow,
} from './catalog.schema.js';
import {
  PARAMETER_GROUP_NAMES,
  PARAMETER_GROUPS,
  parameterRule,
  SPIN_FRAMES,
  type TBrand,
  type TColour,
  type TMedia,
  type TOptionPackage,
  type TParameterDefinition,
  type TParameterGroup,
  type TParameterValue,
  type TSeries,
  type TTrim,
} from './model.contract.js';
import type { SeriesStats } from './model.repository.js';
import { artUrl } from './model.shared.js';

// The one place model-database rows become API objects.

export function toBrand(row: BrandRow, seriesCount: number): TBrand {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    aliases: row.aliases,
    initial: row.initial,
    country: row.country,
    colours: row.colours,
    sort: row.sort,
    seriesCount,
  };
}

export function toSeries(row: SeriesRow, stats: SeriesStats | undefined): TSeries {
  return {
    id: row.id,
    brandId: row.brandId,
    slug: row.slug,
    name: row.name,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    aliases: row.aliases,
    manufacturer: row.manufacturer,
    bodyType: row.bodyType,
    energyType: row.energyType,
    segment: row.segment,
    status: row.status,
    trimCount: stats?.trimCount ?? 0,
    priceRange:
      stats && stats.minFen !== null && stats.maxFen !== null
        ? { minFen: stats.minFen, maxFen: stats.maxFen }
        : null,
    coverUrl: stats?.coverTrimId ? artUrl(stats.coverTrimId, 'front_45') : null,
  };
}

export function toTrim(row: TrimRow): TTrim {
  return {
    id: row.id,
    seriesId: row.seriesId,
    modelYear: row.modelYear,
    name: row.name,
    guidePriceFen: row.guidePriceFen,
    energyType: row.energyType,
    seats: row.seats,
    electricRangeKm: row.electricRangeKm,
    displacementL: row.displacementL === null ? null : Number(row.displacementL),
    powerKw: row.powerKw,
    nevTaxExempt: row.nevTaxExempt,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDefinition(row: ParameterDefinitionRow): TParameterDefinition {
  return {
    key: row.key,
    group: row.group,
    name: row.name,
    nameEn: row.nameEn,
    valueType: row.valueType,
    unit: row.unit,
    filterable: row.filterable,
    sort: row.sort,
    rule: parameterRule(row),
  };
}

export function toColour(row: TrimColourRow): TColour {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    nameEn: row.nameEn,
    hex: row.hex,
    priceDeltaFen: row.priceDeltaFen,
    sort: row.sort,
  };
}

export function toPackage(row: OptionPackageRow): TOptionPackage {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    priceFen: row.priceFen,
    includes: row.includes,
  };
}

export function toMedia(row: MediaRow): TMedia {
  const out: TMedia = {
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    kind: row.kind,
    angle: row.angle,
    url: row.url,
    thumbUrl: row.thumbUrl,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    sort: row.sort,
  };
  if (row.kind === 'spin360' && row.url.includes('spin-00')) {
    out.frames = Array.from({ length: SPIN_FRAMES }, (_, i) =>
      row.url.replace('spin-00', `spin-${String(i).padStart(2, '0')}`),
    );
  }
  return out;
}

/** The typed value stored in a parameter row (null when the row does not match its definition's type). */
export function valueOfRow(row: TrimParameterRow, def: ParameterDefinitionRow): TParameterValue | null {
  switch (def.valueType) {
    case 'number':
      return row.numberValue === null
        ? null
        : { type: 'number', value: Number(row.numberValue), unit: def.unit };
    case 'feature':
      return row.featureValue === null
        ? null
        : { type: 'feature', value: row.featureValue, optionPriceFen: row.optionPriceFen };
    case 'text':
      return row.textValue === null ? null : { type: 'text', value: row.textValue };
    case 'boolean':
      return row.booleanValue === null ? null : { type: 'boolean', value: row.booleanValue };
  }
}

/** Groups a trim's values in the dictionary's group order (and sort order within a group). */
export function buildParameterSheet(
  defs: ParameterDefinitionRow[],
  rows: TrimParameterRow[],
): TParameterGroup[] {
  const byKey = new Map(rows.map((r) => [r.paramKey, r]));
  const groups: TParameterGroup[] = [];
  for (const group of PARAMETER_GROUPS) {
    const items: TParameterGroup['items'] = [];
    for (const def of defs) {
      if (def.group !== group) continue;
      const row = byKey.get(def.key);
      const value = row ? valueOfRow(row, def) : null;
      if (value) items.push({ key: def.key, name: def.name, nameEn: def.nameEn, unit: def.unit, value });
    }
    if (items.length) {
      const names = PARAMETER_GROUP_NAMES[group];
      groups.push({ group, name: names.zh, nameEn: names.en, items });
    }
  }
  return groups;
}
