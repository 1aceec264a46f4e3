// Test fixtures of the model database, for this module's tests and other modules' (through this file):
// small markets that do not depend on the model seed.
import type { Db } from '../../kernel/db/client.js';
import {
  brands,
  media,
  parameterDefinitions,
  series,
  trimColours,
  trimParameters,
  trims,
} from './catalog.schema.js';

/** The full demo model database, for tests that need realistic trims. */
export { generateCatalog, seedModelDatabase } from './model.seed.js';

const AT = new Date('2026-01-05T02:00:00Z');

/** BYD 汉 EV 2025 (guide 209,800) with two exterior and one interior colour; returns the trim id. */
export async function insertTestTrims(db: Db): Promise<{ bydHan: string; teslaModel3: string }> {
  await db
    .insert(brands)
    .values([
      {
        id: 'brd_t_byd',
        slug: 'byd-t',
        name: '比亚迪',
        nameEn: 'BYD',
        pinyin: 'biyadi',
        initial: 'B',
        country: 'CN',
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'brd_t_tesla',
        slug: 'tesla-t',
        name: '特斯拉',
        nameEn: 'Tesla',
        pinyin: 'tesila',
        initial: 'T',
        country: 'US',
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(series)
    .values([
      {
        id: 'ser_t_han',
        brandId: 'brd_t_byd',
        slug: 'byd-han-t',
        name: '汉',
        nameEn: 'Han',
        pinyin: 'han',
        manufacturer: '比亚迪汽车',
        bodyType: 'sedan',
        energyType: 'bev',
        segment: 'C',
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'ser_t_m3',
        brandId: 'brd_t_tesla',
        slug: 'tesla-model-3-t',
        name: 'Model 3',
        nameEn: 'Model 3',
        pinyin: 'model3',
        manufacturer: '特斯拉中国',
        bodyType: 'sedan',
        energyType: 'bev',
        segment: 'B',
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(trims)
    .values([
      {
        id: 'trm_t_han',
        seriesId: 'ser_t_han',
        modelYear: 2025,
        name: '2025款 EV 冠军版 605KM 尊贵型',
        guidePriceFen: 20_980_000,
        energyType: 'bev',
        seats: 5,
        electricRangeKm: 605,
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'trm_t_m3',
        seriesId: 'ser_t_m3',
        modelYear: 2024,
        name: '2024款 后轮驱动版',
        guidePriceFen: 23_190_000,
        energyType: 'bev',
        seats: 5,
        electricRangeKm: 606,
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(trimColours)
    .values([
      { id: 'col_t_han_1', trimId: 'trm_t_han', kind: 'exterior', name: '时空灰', hex: '#5a5e63', sort: 1 },
      { id: 'col_t_han_2', trimId: 'trm_t_han', kind: 'exterior', name: '汉宫红', hex: '#9b1b1f', sort: 2 },
      { id: 'col_t_han_3', trimId: 'trm_t_han', kind: 'interior', name: '黑色', hex: '#111111', sort: 3 },
    ])
    .onConflictDoNothing();
  return { bydHan: 'trm_t_han', teslaModel3: 'trm_t_m3' };
}

type Body = 'sedan' | 'suv' | 'mpv';
type Energy = 'petrol' | 'hev' | 'phev' | 'erev' | 'bev';
interface SeriesDef {
  id: string;
  brandId: string;
  slug: string;
  name: string;
  nameEn: string;
  pinyin: string;
  aliases: string[];
  body: Body;
  energy: Energy;
  segment: 'A' | 'B' | 'C' | 'D';
  seats: number;
  range: number | null;
  basePriceYuan: number;
}

export const TEST_BRANDS = [
  {
    id: 'brd_s_byd',
    slug: 'byd',
    name: '比亚迪',
    nameEn: 'BYD',
    pinyin: 'biyadi',
    aliases: ['迪子', 'BYD Auto'],
  },
  { id: 'brd_s_tesla', slug: 'tesla', name: '特斯拉', nameEn: 'Tesla', pinyin: 'tesila', aliases: [] },
  {
    id: 'brd_s_li',
    slug: 'li-auto',
    name: '理想',
    nameEn: 'Li Auto',
    pinyin: 'lixiang',
    aliases: ['理想汽车'],
  },
  { id: 'brd_s_toyota', slug: 'toyota', name: '丰田', nameEn: 'Toyota', pinyin: 'fengtian', aliases: [] },
  { id: 'brd_s_honda', slug: 'honda', name: '本田', nameEn: 'Honda', pinyin: 'bentian', aliases: [] },
] as const;

export const TEST_SERIES: SeriesDef[] = [
  {
    id: 'ser_s_han',
    brandId: 'brd_s_byd',
    slug: 'byd-han',
    name: '汉',
    nameEn: 'Han',
    pinyin: 'han',
    aliases: [],
    body: 'sedan',
    energy: 'bev',
    segment: 'C',
    seats: 5,
    range: 605,
    basePriceYuan: 209_800,
  },
  {
    id: 'ser_s_song',
    brandId: 'brd_s_byd',
    slug: 'byd-song-plus',
    name: '宋PLUS',
    nameEn: 'Song PLUS',
    pinyin: 'songplus',
    aliases: [],
    body: 'suv',
    energy: 'phev',
    segment: 'A',
    seats: 5,
    range: 110,
    basePriceYuan: 159_800,
  },
  {
    id: 'ser_s_my',
    brandId: 'brd_s_tesla',
    slug: 'tesla-model-y',
    name: 'Model Y',
    nameEn: 'Model Y',
    pinyin: 'modely',
    aliases: [],
    body: 'suv',
    energy: 'bev',
    segment: 'B',
    seats: 5,
    range: 554,
    basePriceYuan: 263_500,
  },
  {
    id: 'ser_s_l9',
    brandId: 'brd_s_li',
    slug: 'li-l9',
    name: '理想L9',
    nameEn: 'Li L9',
    pinyin: 'lixiangl9',
    aliases: ['L9'],
    body: 'suv',
    energy: 'erev',
    segment: 'D',
    seats: 6,
    range: 280,
    basePriceYuan: 409_800,
  },
  {
    id: 'ser_s_camry',
    brandId: 'brd_s_toyota',
    slug: 'toyota-camry',
    name: '凯美瑞',
    nameEn: 'Camry',
    pinyin: 'kaimeirui',
    aliases: [],
    body: 'sedan',
    energy: 'hev',
    segment: 'B',
    seats: 5,
    range: null,
    basePriceYuan: 179_800,
  },
  {
    id: 'ser_s_odyssey',
    brandId: 'brd_s_honda',
    slug: 'honda-odyssey',
    name: '奥德赛',
    nameEn: 'Odyssey',
    pinyin: 'aodesai',
    aliases: [],
    body: 'mpv',
    energy: 'petrol',
    segment: 'C',
    seats: 7,
    range: null,
    basePriceYuan: 259_800,
  },
];

/** Two trims per series: 2024 and 2025 model years, the 2025 one dearer. */
export const TEST_TRIMS = TEST_SERIES.flatMap((s, i) =>
  [2024, 2025].map((year, j) => ({
    id: `trm_s_${i}_${j}`,
    seriesId: s.id,
    modelYear: year,
    name: `${year}款 ${j === 0 ? '标准型' : '尊贵型'}`,
    guidePriceFen: (s.basePriceYuan + j * 20_000) * 100,
    energyType: s.energy,
    seats: s.seats,
    electricRangeKm: s.range === null ? null : s.range + j * 20,
    series: s,
  })),
);

export const PARAM_DEFS = [
  {
    key: 'body.length_mm',
    group: 'body' as const,
    name: '长度',
    nameEn: 'Length',
    valueType: 'number' as const,
    unit: 'mm',
    sort: 1,
  },
  {
    key: 'battery.cltc_range_km',
    group: 'battery' as const,
    name: 'CLTC纯电续航',
    nameEn: 'CLTC range',
    valueType: 'number' as const,
    unit: 'km',
    sort: 1,
  },
  {
    key: 'driver_assistance.acc',
    group: 'driver_assistance' as const,
    name: '全速自适应巡航',
    nameEn: 'ACC',
    valueType: 'feature' as const,
    unit: null,
    sort: 1,
  },
  {
    key: 'seats.front_heating',
    group: 'seats' as const,
    name: '前排座椅加热',
    nameEn: 'Front seat heating',
    valueType: 'boolean' as const,
    unit: null,
    sort: 1,
  },
  {
    key: 'basic.warranty',
    group: 'basic' as const,
    name: '整车质保',
    nameEn: 'Warranty',
    valueType: 'text' as const,
    unit: null,
    sort: 1,
  },
];

/**
 * A small deterministic market for search tests: 5 brands, 6 series, 12 trims with parameter sheets and
 * a picture each. Re-runnable (rows that exist are kept).
 */
export async function insertTestMarket(db: Db): Promise<void> {
  await db
    .insert(brands)
    .values(
      TEST_BRANDS.map((b) => ({
        ...b,
        aliases: [...b.aliases],
        initial: b.nameEn.slice(0, 1),
        country: 'CN',
        createdAt: AT,
        updatedAt: AT,
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(series)
    .values(
      TEST_SERIES.map((s) => ({
        id: s.id,
        brandId: s.brandId,
        slug: s.slug,
        name: s.name,
        nameEn: s.nameEn,
        pinyin: s.pinyin,
        aliases: s.aliases,
        manufacturer: '测试制造商',
        bodyType: s.body,
        energyType: s.energy,
        segment: s.segment,
        createdAt: AT,
        updatedAt: AT,
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(trims)
    .values(TEST_TRIMS.map(({ series: _s, ...t }) => ({ ...t, createdAt: AT, updatedAt: AT })))
    .onConflictDoNothing();
  await db
    .insert(parameterDefinitions)
    .values(PARAM_DEFS.map((d) => ({ ...d, createdAt: AT, updatedAt: AT })))
    .onConflictDoNothing();
  await db
    .insert(trimParameters)
    .values(
      TEST_TRIMS.flatMap((t, i) => [
        { trimId: t.id, paramKey: 'body.length_mm', numberValue: String(4800 + (i % 3) * 100) },
        ...(t.electricRangeKm !== null
          ? [{ trimId: t.id, paramKey: 'battery.cltc_range_km', numberValue: String(t.electricRangeKm) }]
          : []),
        {
          trimId: t.id,
          paramKey: 'driver_assistance.acc',
          featureValue: (i % 2 === 0 ? 'optional' : 'standard') as 'optional' | 'standard',
          optionPriceFen: i % 2 === 0 ? 600_000 : null,
        },
        { trimId: t.id, paramKey: 'seats.front_heating', booleanValue: true },
        { trimId: t.id, paramKey: 'basic.warranty', textValue: '6年或15万公里' },
      ]),
    )
    .onConflictDoNothing();
  await db
    .insert(media)
    .values(
      TEST_TRIMS.map((t) => ({
        id: `med_s_${t.id}`,
        ownerType: 'trim' as const,
        ownerId: t.id,
        kind: 'image' as const,
        angle: 'front_45',
        url: `/media/demo/${t.id}/front_45.svg`,
        sort: 0,
        createdAt: AT,
      })),
    )
    .onConflictDoNothing();
}
