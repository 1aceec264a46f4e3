import { z } from 'zod';
import { labelFields } from '../../kernel/http/validation.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import { BODY_TYPES, ENERGY_TYPES, PARAMETER_GROUPS, PARAMETER_TYPES, SEGMENTS } from './catalog.enums.js';

// Request/response schemas of the model database under /api/v1/catalog. Imported by the web app: only
// zod, *.enums.ts, other contracts and kernel/text.ts here (never *.schema.ts: its table definitions
// would pull drizzle-orm into the browser bundle; test/e2e/bundle.test.ts checks).

export { BODY_TYPES, ENERGY_TYPES, PARAMETER_GROUPS, PARAMETER_TYPES, SEGMENTS };
export const CATALOG_STATUSES = ['on_sale', 'discontinued', 'upcoming'] as const;
export const FEATURE_VALUES = ['standard', 'optional', 'none'] as const;
export const MEDIA_OWNER_TYPES = ['trim', 'listing', 'inspection_item', 'accessory'] as const;
export const MEDIA_KINDS = ['image', 'video', 'spin360'] as const;
/** Angles the demo artwork generator draws. */
export const ART_ANGLES = ['front_45', 'side', 'rear_45', 'dashboard', 'seats'] as const;
/** Frames of a generated 360° set. */
export const SPIN_FRAMES = 12;

export const PARAMETER_GROUP_NAMES: Record<(typeof PARAMETER_GROUPS)[number], { zh: string; en: string }> = {
  basic: { zh: '基本信息', en: 'Basic' },
  body: { zh: '车身', en: 'Body' },
  engine: { zh: '发动机', en: 'Engine' },
  motor: { zh: '电动机', en: 'Electric motor' },
  battery: { zh: '电池/充电', en: 'Battery & charging' },
  transmission: { zh: '变速箱', en: 'Transmission' },
  chassis: { zh: '底盘/转向', en: 'Chassis & steering' },
  wheels_brakes: { zh: '车轮/制动', en: 'Wheels & brakes' },
  passive_safety: { zh: '被动安全', en: 'Passive safety' },
  driver_assistance: { zh: '辅助驾驶', en: 'Driver assistance' },
  exterior: { zh: '外部配置', en: 'Exterior' },
  interior: { zh: '内部配置', en: 'Interior' },
  seats: { zh: '座椅配置', en: 'Seats' },
  infotainment: { zh: '信息娱乐', en: 'Infotainment' },
  lights: { zh: '灯光配置', en: 'Lights' },
  climate: { zh: '空调/冰箱', en: 'Climate' },
};

export const ZBrandId = z.string().regex(/^brd_[a-z0-9_]{1,60}$/, 'a brand id (brd_...)');
export const ZSeriesId = z.string().regex(/^ser_[a-z0-9_]{1,60}$/, 'a series id (ser_...)');
export const ZTrimId = z.string().regex(/^trm_[a-z0-9_]{1,60}$/, 'a trim id (trm_...)');
export const ZMediaId = z.string().regex(/^(med|blb)_[a-z0-9_]{1,60}$/, 'a media id');
export const ZParameterKey = z
  .string()
  .regex(/^[a-z_]+\.[a-z0-9_]{1,60}$/, 'a parameter key such as body.length_mm');
/** Labels of the catalogue forms' fields (server messages name fields by these). */
export const CATALOG_FIELD_LABELS = {
  key: {
    zh: '参数键',
    en: 'Parameter key',
    formatZh: '分组.名称，小写字母、数字和下划线，如 body.length_mm',
    formatEn: 'group.name in lowercase letters, digits and underscores, e.g. body.length_mm',
  },
  group: { zh: '分组', en: 'Group' },
  name: { zh: '名称', en: 'Name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  valueType: { zh: '值类型', en: 'Value type' },
  unit: { zh: '单位', en: 'Unit' },
  filterable: { zh: '可筛选', en: 'Filterable' },
  sort: { zh: '排序', en: 'Sort order' },
  slug: {
    zh: '别名',
    en: 'Slug',
    formatZh: '小写字母、数字和连字符',
    formatEn: 'lowercase letters, digits and hyphens',
  },
  modelYear: { zh: '年款', en: 'Model year' },
  guidePriceFen: { zh: '厂商指导价', en: 'Guide price' },
  energyType: { zh: '能源类型', en: 'Energy type' },
  seats: { zh: '座位数', en: 'Seats' },
  status: { zh: '状态', en: 'Status' },
  values: { zh: '参数值', en: 'Parameter values' },
  'values.*': { zh: '参数值', en: 'Parameter value' },
  colour: { zh: '颜色', en: 'Colour' },
  hex: {
    zh: '色值',
    en: 'Colour value',
    formatZh: '# 加 6 位十六进制，如 #c8102e',
    formatEn: '# and 6 hex digits, e.g. #c8102e',
  },
} as const;
export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and hyphens')
  .max(60);
const ZHex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #c8102e');
const ZName = ZVisibleText({ max: 80 });
const ZFen = z.number().int().min(0).max(100_000_000_00);

export const ZIdParams = z.object({ id: z.string().min(1).max(80) });
export const ZBrandIdParams = z.object({ id: ZBrandId });
export const ZSeriesIdParams = z.object({ id: ZSeriesId });
export const ZTrimIdParams = z.object({ id: ZTrimId });
export const ZParameterKeyParams = z.object({ key: ZParameterKey });

// ---- parameter values ----

/** One typed value of a parameter sheet (request and response use the same shape). */
export const ZParameterValue = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('number'),
    value: z.number().finite(),
    /** When given, must be the definition's unit. */
    unit: z.string().max(20).nullable().optional(),
  }),
  z.object({
    type: z.literal('feature'),
    value: z.enum(FEATURE_VALUES),
    /** Price of an optional feature in fen (only for `optional`). */
    optionPriceFen: ZFen.nullable().optional(),
  }),
  z.object({ type: z.literal('text'), value: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('boolean'), value: z.boolean() }),
]);
export type TParameterValue = z.infer<typeof ZParameterValue>;

export const ZPutParametersRequest = z.object({
  values: z.record(ZParameterKey, ZParameterValue),
});
export type TPutParametersRequest = z.infer<typeof ZPutParametersRequest>;

// ---- dictionary ----

/** The value rule of a numeric parameter: bounds and step, in the parameter's unit. */
export const ZParameterRule = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  step: z.number().nullable(),
});
export type TParameterRule = z.infer<typeof ZParameterRule>;

/** Bounds and step by unit: physical amounts are never negative; counted things are whole numbers. */
const RULES_BY_UNIT: Record<string, TParameterRule> = {
  mm: { min: 0, max: 30_000, step: 1 },
  kg: { min: 0, max: 50_000, step: null },
  'km/h': { min: 0, max: 500, step: null },
  km: { min: 0, max: 3_000, step: null },
  kW: { min: 0, max: 2_000, step: null },
  Ps: { min: 0, max: 3_000, step: null },
  N·m: { min: 0, max: 10_000, step: null },
  s: { min: 0, max: 60, step: null },
  min: { min: 0, max: 1_440, step: null },
  h: { min: 0, max: 200, step: null },
  L: { min: 0, max: 10_000, step: null },
  'L/100km': { min: 0, max: 50, step: null },
  kWh: { min: 0, max: 500, step: null },
  'kWh/100km': { min: 0, max: 100, step: null },
  个: { min: 0, max: 100, step: 1 },
  区: { min: 0, max: 10, step: 1 },
  英寸: { min: 0, max: 100, step: null },
};
/** Parameters with a tighter rule than their unit's. */
const RULES_BY_KEY: Record<string, TParameterRule> = {
  'body.seats': { min: 1, max: 12, step: 1 },
  'body.doors': { min: 1, max: 6, step: 1 },
};

/**
 * The value rule of a parameter of the dictionary (its key, then its unit; numbers without a unit have
 * none). The server refuses values outside it, and the trim editor checks the same rule while typing.
 */
export function parameterRule(def: {
  key: string;
  valueType: string;
  unit: string | null;
}): TParameterRule | null {
  if (def.valueType !== 'number') return null;
  return RULES_BY_KEY[def.key] ?? (def.unit ? RULES_BY_UNIT[def.unit] : undefined) ?? null;
}

export const ZParameterDefinition = z.object({
  key: ZParameterKey,
  group: z.enum(PARAMETER_GROUPS),
  name: z.string(),
  nameEn: z.string(),
  valueType: z.enum(PARAMETER_TYPES),
  unit: z.string().nullable(),
  filterable: z.boolean(),
  sort: z.number().int(),
  /** Numbers: the bounds and step values must keep (null: none). */
  rule: ZParameterRule.nullable(),
});
export type TParameterDefinition = z.infer<typeof ZParameterDefinition>;

export const ZCreateParameterRequest = z.object({
  key: ZParameterKey,
  group: z.enum(PARAMETER_GROUPS),
  name: ZName,
  nameEn: ZName,
  valueType: z.enum(PARAMETER_TYPES),
  unit: z.string().trim().min(1).max(20).nullable().default(null),
  filterable: z.boolean().default(false),
  sort: z.number().int().min(0).max(100_000).default(0),
});
export type TCreateParameterRequest = z.infer<typeof ZCreateParameterRequest>;

export const ZUpdateParameterRequest = z
  .object({
    group: z.enum(PARAMETER_GROUPS),
    name: ZName,
    nameEn: ZName,
    valueType: z.enum(PARAMETER_TYPES),
    unit: z.string().trim().min(1).max(20).nullable(),
    filterable: z.boolean(),
    sort: z.number().int().min(0).max(100_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateParameterRequest = z.infer<typeof ZUpdateParameterRequest>;

// ---- brands ----

export const ZBrand = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  pinyin: z.string(),
  aliases: z.array(z.string()),
  initial: z.string(),
  country: z.string(),
  colours: z.array(z.string()),
  sort: z.number().int(),
  seriesCount: z.number().int(),
});
export type TBrand = z.infer<typeof ZBrand>;

/** GET /brands: brands A-Z, grouped by initial. */
export const ZBrandIndex = z.object({
  initials: z.array(z.object({ initial: z.string(), brands: z.array(ZBrand) })),
  total: z.number().int(),
});
export type TBrandIndex = z.infer<typeof ZBrandIndex>;

export const ZCreateBrandRequest = z.object({
  slug: ZSlug,
  name: ZName,
  nameEn: ZName,
  /** Derived from the Chinese name when absent. */
  pinyin: z.string().trim().toLowerCase().min(1).max(80).optional(),
  aliases: z
    .array(ZVisibleText({ max: 40 }))
    .max(20)
    .default([]),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO country code such as CN'),
  colours: z.array(ZHex).min(1).max(3),
  sort: z.number().int().min(0).max(100_000).default(0),
});
export type TCreateBrandRequest = z.infer<typeof ZCreateBrandRequest>;

export const ZUpdateBrandRequest = z
  .object({
    slug: ZSlug,
    name: ZName,
    nameEn: ZName,
    pinyin: z.string().trim().toLowerCase().min(1).max(80),
    aliases: z.array(ZVisibleText({ max: 40 })).max(20),
    country: z.string().regex(/^[A-Z]{2}$/),
    colours: z.array(ZHex).min(1).max(3),
    sort: z.number().int().min(0).max(100_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateBrandRequest = z.infer<typeof ZUpdateBrandRequest>;

// ---- series ----

export const ZPriceRange = z.object({ minFen: z.number().int(), maxFen: z.number().int() });

export const ZSeries = z.object({
  id: z.string(),
  brandId: z.string(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  pinyin: z.string(),
  aliases: z.array(z.string()),
  manufacturer: z.string(),
  bodyType: z.enum(BODY_TYPES),
  energyType: z.enum(ENERGY_TYPES),
  segment: z.enum(SEGMENTS),
  status: z.enum(CATALOG_STATUSES),
  trimCount: z.number().int(),
  /** Guide price range of its on-sale trims (all trims when none is on sale); null without trims. */
  priceRange: ZPriceRange.nullable(),
  /** A generated cover picture (front 45°) of its newest trim. */
  coverUrl: z.string().nullable(),
});
export type TSeries = z.infer<typeof ZSeries>;

export const ZBrandDetail = ZBrand.extend({ series: z.array(ZSeries) });
export type TBrandDetail = z.infer<typeof ZBrandDetail>;

export const ZCreateSeriesRequest = z.object({
  brandId: ZBrandId,
  slug: ZSlug,
  name: ZName,
  nameEn: ZName,
  pinyin: z.string().trim().toLowerCase().min(1).max(80).optional(),
  aliases: z
    .array(ZVisibleText({ max: 40 }))
    .max(20)
    .default([]),
  manufacturer: ZName,
  bodyType: z.enum(BODY_TYPES),
  energyType: z.enum(ENERGY_TYPES),
  segment: z.enum(SEGMENTS),
  status: z.enum(CATALOG_STATUSES).default('on_sale'),
});
export type TCreateSeriesRequest = z.infer<typeof ZCreateSeriesRequest>;

export const ZUpdateSeriesRequest = z
  .object({
    slug: ZSlug,
    name: ZName,
    nameEn: ZName,
    pinyin: z.string().trim().toLowerCase().min(1).max(80),
    aliases: z.array(ZVisibleText({ max: 40 })).max(20),
    manufacturer: ZName,
    bodyType: z.enum(BODY_TYPES),
    energyType: z.enum(ENERGY_TYPES),
    segment: z.enum(SEGMENTS),
    status: z.enum(CATALOG_STATUSES),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateSeriesRequest = z.infer<typeof ZUpdateSeriesRequest>;

// ---- trims ----

export const ZTrim = z.object({
  id: z.string(),
  seriesId: z.string(),
  modelYear: z.number().int(),
  name: z.string(),
  guidePriceFen: z.number().int(),
  energyType: z.enum(ENERGY_TYPES),
  seats: z.number().int(),
  electricRangeKm: z.number().int().nullable(),
  displacementL: z.number().nullable(),
  powerKw: z.number().int().nullable(),
  nevTaxExempt: z.boolean(),
  status: z.enum(CATALOG_STATUSES),
  updatedAt: z.string(),
});
export type TTrim = z.infer<typeof ZTrim>;

export const ZSeriesDetail = ZSeries.extend({
  brand: ZBrand.omit({ seriesCount: true }),
  /** Newest model year first; trims by price within a year. */
  years: z.array(z.object({ modelYear: z.number().int(), trims: z.array(ZTrim) })),
});
export type TSeriesDetail = z.infer<typeof ZSeriesDetail>;

export const ZColour = z.object({
  id: z.string(),
  kind: z.enum(['exterior', 'interior']),
  name: z.string(),
  nameEn: z.string().nullable(),
  hex: z.string(),
  priceDeltaFen: z.number().int(),
  sort: z.number().int(),
});
export type TColour = z.infer<typeof ZColour>;

export const ZOptionPackage = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  priceFen: z.number().int(),
  includes: z.array(z.string()),
});
export type TOptionPackage = z.infer<typeof ZOptionPackage>;

export const ZMedia = z.object({
  id: z.string(),
  ownerType: z.enum(MEDIA_OWNER_TYPES),
  ownerId: z.string(),
  kind: z.enum(MEDIA_KINDS),
  angle: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
  contentType: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sort: z.number().int(),
  /** spin360 only: the frame URLs in order. */
  frames: z.array(z.string()).optional(),
});
export type TMedia = z.infer<typeof ZMedia>;

export const ZParameterItem = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string().nullable(),
  value: ZParameterValue,
});
export type TParameterItem = z.infer<typeof ZParameterItem>;

export const ZParameterGroup = z.object({
  group: z.enum(PARAMETER_GROUPS),
  name: z.string(),
  nameEn: z.string(),
  items: z.array(ZParameterItem),
});
export type TParameterGroup = z.infer<typeof ZParameterGroup>;

export const ZTrimDetail = ZTrim.extend({
  brand: ZBrand.pick({ id: true, slug: true, name: true, nameEn: true, colours: true }),
  series: ZSeries.pick({
    id: true,
    slug: true,
    name: true,
    nameEn: true,
    bodyType: true,
    energyType: true,
    segment: true,
    manufacturer: true,
  }),
  /** The parameter sheet in the dictionary's group order; only parameters with a value. */
  parameters: z.array(ZParameterGroup),
  colours: z.array(ZColour),
  packages: z.array(ZOptionPackage),
  media: z.array(ZMedia),
});
export type TTrimDetail = z.infer<typeof ZTrimDetail>;

export const ZCreateTrimRequest = z.object({
  seriesId: ZSeriesId,
  modelYear: z.number().int().min(1990).max(2100),
  name: ZVisibleText({ max: 120 }),
  guidePriceFen: ZFen.min(1),
  energyType: z.enum(ENERGY_TYPES),
  seats: z.number().int().min(1).max(12),
  nevTaxExempt: z.boolean().default(false),
  status: z.enum(CATALOG_STATUSES).default('on_sale'),
});
export type TCreateTrimRequest = z.infer<typeof ZCreateTrimRequest>;

export const ZUpdateTrimRequest = z
  .object({
    modelYear: z.number().int().min(1990).max(2100),
    name: ZVisibleText({ max: 120 }),
    guidePriceFen: ZFen.min(1),
    energyType: z.enum(ENERGY_TYPES),
    seats: z.number().int().min(1).max(12),
    nevTaxExempt: z.boolean(),
    status: z.enum(CATALOG_STATUSES),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateTrimRequest = z.infer<typeof ZUpdateTrimRequest>;

export const ZPutColoursRequest = z.object({
  colours: z
    .array(
      z.object({
        kind: z.enum(['exterior', 'interior']),
        name: ZName,
        nameEn: ZVisibleText({ max: 80 }).nullable().default(null),
        hex: ZHex,
        priceDeltaFen: ZFen.default(0),
      }),
    )
    .max(40),
});
export type TPutColoursRequest = z.infer<typeof ZPutColoursRequest>;

export const ZPutPackagesRequest = z.object({
  packages: z
    .array(
      z.object({
        name: ZName,
        nameEn: ZVisibleText({ max: 80 }).nullable().default(null),
        description: z.string().trim().max(500).nullable().default(null),
        priceFen: ZFen,
        includes: z.array(ZParameterKey).max(50).default([]),
      }),
    )
    .max(20),
});
export type TPutPackagesRequest = z.infer<typeof ZPutPackagesRequest>;

// ---- media ----

export const ZMediaListQuery = z.object({
  ownerType: z.enum(MEDIA_OWNER_TYPES),
  ownerId: z.string().min(1).max(80),
});
export const ZMediaOrderRequest = z.object({
  ownerType: z.enum(MEDIA_OWNER_TYPES),
  ownerId: z.string().min(1).max(80),
  /** Every image of the owner, cover first. */
  ids: z.array(ZMediaId).max(100),
});
export type TMediaOrderRequest = z.infer<typeof ZMediaOrderRequest>;
export const ZArtParams = z.object({
  trimId: ZTrimId,
  file: z
    .string()
    .regex(/^(front_45|side|rear_45|dashboard|seats|spin-(0\d|1[01])|video)\.svg$/, 'an artwork file name'),
});
export const ZMediaFileParams = z.object({ id: z.string().regex(/^blb_[a-z0-9_]{1,60}$/) });

// ---- import / export ----

export const ZImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});
export const ZImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;
export const ZImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type TImportResult = z.infer<typeof ZImportResult>;

/** How a value reads on a parameter sheet: `4995 mm`, ●, ○ (¥3,000), -, 是/否. */
export function formatParameterValue(
  value: TParameterValue,
  unit: string | null,
  lang: 'zh-CN' | 'en',
): string {
  switch (value.type) {
    case 'number':
      return unit ? `${value.value} ${unit}` : String(value.value);
    case 'feature':
      if (value.value === 'standard') return '●';
      if (value.value === 'none') return '-';
      return value.optionPriceFen ? `○ (¥${(value.optionPriceFen / 100).toLocaleString('en-US')})` : '○';
    case 'boolean':
      return lang === 'en' ? (value.value ? 'Yes' : 'No') : value.value ? '是' : '否';
    case 'text':
      return value.value;
  }
}

// Server messages name the fields of these requests by their labels.
for (const schema of [
  ZPutParametersRequest,
  ZCreateParameterRequest,
  ZUpdateParameterRequest,
  ZCreateBrandRequest,
  ZUpdateBrandRequest,
  ZCreateSeriesRequest,
  ZUpdateSeriesRequest,
  ZCreateTrimRequest,
  ZUpdateTrimRequest,
  ZPutColoursRequest,
  ZPutPackagesRequest,
  ZParameterKeyParams,
]) {
  labelFields(schema, CATALOG_FIELD_LABELS);
}
