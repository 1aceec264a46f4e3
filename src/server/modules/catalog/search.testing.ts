// Test fixtures for the search sub-area: a small deterministic market (5 brands, 6 series, 12 trims,
// parameter sheets, media) and N listings, new and used, across Beijing, Shanghai, Guangzhou and Shenzhen.
import type { Db } from '../../kernel/db/client.js';
import { brands, media, parameterDefinitions, series, trimParameters, trims } from './catalog.schema.js';
import { listings, usedVehicles } from './listings.schema.js';

const AT = new Date('2026-01-05T02:00:00Z');

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

export const PLACES = [
  { cityCode: '110100', dealerId: 'dlr_demo_bj_byd', storeId: 'sto_bj_byd_chaoyang' },
  { cityCode: '310100', dealerId: 'dlr_demo_sh_tesla', storeId: 'sto_sh_tesla_jinqiao' },
  { cityCode: '440100', dealerId: 'dlr_gz_gac_toyota', storeId: 'sto_gz_toyota_tianhe' },
  { cityCode: '440300', dealerId: 'dlr_sz_byd', storeId: 'sto_sz_byd_nanshan' },
] as const;

/** What the in-memory oracle of the property test knows about each listing. */
export interface TestListing {
  id: string;
  kind: 'new' | 'used';
  status: 'listed' | 'delisted' | 'draft';
  brandSlug: string;
  seriesSlug: string;
  trimId: string;
  body: string;
  energy: string;
  seats: number;
  cityCode: string;
  grade: number | null;
  priceFen: number;
  rangeKm: number | null;
  modelYear: number;
  mileageKm: number;
  firstRegistrationDate: string | null;
  listedAt: Date;
  popularity: number;
}

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

/** Inserts the market and `count` listings (every 7th a draft, every 11th delisted); returns the oracle data. */
export async function insertSearchFixture(db: Db, count = 60): Promise<TestListing[]> {
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

  const out: TestListing[] = [];
  for (let i = 0; i < count; i++) {
    const trim = TEST_TRIMS[(i * 5) % TEST_TRIMS.length];
    const place = PLACES[i % PLACES.length];
    if (!trim || !place) continue;
    const used = i % 3 === 0;
    const status: TestListing['status'] = i % 7 === 6 ? 'draft' : i % 11 === 10 ? 'delisted' : 'listed';
    const priceFen = used
      ? Math.round((trim.guidePriceFen * (55 + (i % 30))) / 100 / 100) * 100
      : trim.guidePriceFen - (i % 4) * 500_000;
    const mileageKm = used ? 5_000 + ((i * 7919) % 120_000) : 0;
    const regYear = 2018 + (i % 8);
    const firstRegistrationDate = used ? `${regYear}-0${1 + (i % 9)}-15` : null;
    const grade = used ? 1 + (i % 3) : null;
    const id = `lst_s_${String(i).padStart(3, '0')}`;
    const listedAt = new Date(AT.getTime() + ((i * 37) % count) * 60_000);
    const popularity = (i * 13) % 17;
    await db.insert(listings).values({
      id,
      kind: used ? 'used' : 'new',
      trimId: trim.id,
      dealerId: place.dealerId,
      storeId: place.storeId,
      cityCode: place.cityCode,
      title: `${brandOf(trim.series.brandId).name} ${trim.series.name} ${trim.name}${used ? ' 准新车' : ''}`,
      description: used ? '一手车主, 按时保养, 无事故' : '现车充足, 可预约试驾',
      priceFen,
      status,
      popularity,
      listedAt: status === 'draft' ? null : listedAt,
      createdAt: AT,
      updatedAt: listedAt,
    });
    if (used) {
      await db.insert(usedVehicles).values({
        listingId: id,
        vin: `LGXCE4CB${String(100_000_000 + i).slice(0, 9)}`,
        firstRegistrationDate: firstRegistrationDate ?? '2020-01-01',
        mileageKm,
        ownersCount: 1,
        transferCount: i % 2,
        conditionGrade: grade,
        accidentHistory: false,
        floodHistory: false,
        fireHistory: false,
        plateCity: place.cityCode,
      });
    }
    out.push({
      id,
      kind: used ? 'used' : 'new',
      status,
      brandSlug: brandOf(trim.series.brandId).slug,
      seriesSlug: trim.series.slug,
      trimId: trim.id,
      body: trim.series.body,
      energy: trim.series.energy,
      seats: trim.seats,
      cityCode: place.cityCode,
      grade,
      priceFen,
      rangeKm: trim.electricRangeKm,
      modelYear: trim.modelYear,
      mileageKm,
      firstRegistrationDate,
      listedAt,
      popularity,
    });
  }
  return out;
}

function brandOf(id: string) {
  const b = TEST_BRANDS.find((x) => x.id === id);
  if (!b) throw new Error(`no brand ${id}`);
  return b;
}
