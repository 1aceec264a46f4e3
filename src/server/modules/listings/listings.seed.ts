// Demo listings: ~2,000 new-car offers and used cars (with GB/T 30323 reports) over the dealers' stores,
// and the ad-law term list. Deterministic (seeded PRNG, fixed ids) and re-runnable.
import type { Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { coloursOfTrims, trimFactsOf } from '../catalog/index.js';
import { listCities, listPublicStores } from '../dealers/index.js';
import { DEFAULT_AD_LAW_TERMS, scanAdLaw } from './adlaw.js';
import { type SCORED_SECTIONS, SECTION_MAX, STANDARD_ITEMS, scoreInspection } from './inspection.js';
import { adLawTerms, inspectionItems, inspectionReports, listings, usedVehicles } from './listings.schema.js';
import { vinYearCode, withCheckDigit } from './vin.js';

const SEEDED_AT = new Date('2026-11-01T02:00:00Z');
const DAY = 86_400_000;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

export interface SeedTrim {
  id: string;
  name: string;
  modelYear: number;
  guidePriceFen: number;
  brandName: string;
  brandNameEn: string;
  seriesName: string;
  exterior: string[];
  interior: string[];
}

export interface SeedStore {
  id: string;
  dealerId: string;
  brands: string[];
  cityCode: string;
}

/** Trims with their brand, series and colours (read once; the model seed must have run). */
export async function loadSeedTrims(db: Db): Promise<SeedTrim[]> {
  const rows = await trimFactsOf(db, 'all');
  const colours = await coloursOfTrims(db, 'all');
  const byTrim = new Map<string, { exterior: string[]; interior: string[] }>();
  for (const c of colours) {
    const entry = byTrim.get(c.trimId) ?? { exterior: [], interior: [] };
    entry[c.kind].push(c.name);
    byTrim.set(c.trimId, entry);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    modelYear: r.modelYear,
    guidePriceFen: r.guidePriceFen,
    brandName: r.brandName,
    brandNameEn: r.brandNameEn,
    seriesName: r.seriesName,
    exterior: [],
    interior: [],
    ...byTrim.get(r.id),
  }));
}

/** Every open store of an active dealer, through the dealers module. */
export async function loadSeedStores(db: Db): Promise<SeedStore[]> {
  const out: SeedStore[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPublicStores(db, { limit: 100, cursor });
    for (const s of page.items) {
      out.push({ id: s.id, dealerId: s.dealer.id, brands: s.dealer.brands, cityCode: s.city.code });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** World manufacturer identifiers of the Chinese joint ventures and makers (GB 16735 VINs). */
const WMI: Record<string, string[]> = {
  BYD: ['LGX', 'LC0'],
  Tesla: ['LRW'],
  Volkswagen: ['LFV', 'LSV'],
  Audi: ['LFV'],
  Toyota: ['LVG', 'LFM'],
  Honda: ['LHG', 'LVH'],
  Nissan: ['LGB'],
  Buick: ['LSG'],
  Geely: ['LB3'],
  Zeekr: ['LB3'],
  Haval: ['LGW'],
  'Great Wall': ['LGW'],
  Changan: ['LS5'],
  Chery: ['LVV'],
  BMW: ['LBV'],
  'Mercedes-Benz': ['LE4'],
  NIO: ['LJ1'],
  'Li Auto': ['LW4'],
  XPeng: ['LMG'],
};
const VDS_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** A valid, unique VIN: WMI + VDS + check digit + model-year code + plant + 6-digit serial. */
export function seedVin(
  rng: Rng,
  brandNameEn: string,
  modelYear: number,
  plant: string,
  serial: number,
): string {
  const wmi = pick(rng, WMI[brandNameEn] ?? ['LK6', 'LSJ', 'LVS']);
  let vds = '';
  for (let i = 0; i < 5; i++) vds += pick(rng, VDS_CHARS.split(''));
  const body = `${wmi}${vds}0${vinYearCode(modelYear)}${plant}${String(serial).padStart(6, '0')}`;
  return withCheckDigit(body);
}

function trimLabel(t: SeedTrim): string {
  const rest = t.name.replace(/^\d{4}款\s*/, '');
  const joiner = /^[A-Za-z0-9]/.test(t.seriesName) ? ' ' : '';
  return `${t.modelYear}款 ${t.brandName}${joiner}${t.seriesName} ${rest}`.trim();
}

const wan = (fen: number) => `${Number((fen / 1_000_000).toFixed(1))}万`;

const NEW_DESCRIPTIONS = [
  '店内现车，多色可选，支持预约试驾；可办理分期与上牌，提车前全车检查。',
  '经销商授权门店报价，含厂家质保；到店可享免费充电卡或保养礼包（以门店为准）。',
  '现车充足，当天可提；置换旧车另有补贴，欢迎咨询销售顾问。',
];
const USED_NOTES_OK = [
  '车况良好，原版原漆为主，4S店定期保养，记录可查。',
  '个人一手车，内饰干净，轮胎八成新，随车钥匙两把。',
  '公里数真实可查，无重大事故，已做全车检测，支持第三方复检。',
];
const REJECT_REASONS = [
  '标题含绝对化用语，请修改后重新提交',
  '车辆图片与车型不符',
  '价格明显低于市场价，请核实',
];
const AD_LAW_TITLES = ['全网最低价', '顶级配置', '唯一一台'];

export interface GeneratedListing {
  listing: typeof listings.$inferInsert;
  used?: typeof usedVehicles.$inferInsert;
  report?: typeof inspectionReports.$inferInsert;
  items?: (typeof inspectionItems.$inferInsert)[];
}

type Status = (typeof listings.$inferInsert)['status'] & string;

function pickStatus(rng: Rng): Status {
  const r = rng();
  if (r < 0.86) return 'listed';
  if (r < 0.9) return 'in_review';
  if (r < 0.94) return 'draft';
  if (r < 0.97) return 'rejected';
  return 'delisted';
}

/** Defects for a target grade: deductions spread over random scored items (findings with photos). */
function generateReport(
  rng: Rng,
  listingId: string,
  inspectedAt: Date,
  withItems: boolean,
): {
  report: typeof inspectionReports.$inferInsert;
  items: (typeof inspectionItems.$inferInsert)[];
  grade: number;
  redline: string | null;
} {
  const r = rng();
  const redline = r < 0.025 ? pick(rng, ['R01', 'R03', 'R04', 'R07']) : r < 0.035 ? 'R08' : null;
  const band = rng();
  const targetDeduction =
    band < 0.55 ? between(rng, 0, 9.5) : band < 0.93 ? between(rng, 11, 38) : between(rng, 41, 70);
  const scored = STANDARD_ITEMS.filter((i) => i.section !== 'accident_redline');
  const deductions = new Map<string, number>();
  let left = Math.round(targetDeduction * 2) / 2;
  let guard = 0;
  while (left > 0 && guard++ < 60) {
    const item = pick(rng, scored);
    const cap = SECTION_MAX[item.section as (typeof SCORED_SECTIONS)[number]] / 2;
    const d = Math.min(left, Math.round(between(rng, 0.5, Math.min(6, cap)) * 2) / 2);
    if (d <= 0) break;
    deductions.set(item.code, Math.min(cap, (deductions.get(item.code) ?? 0) + d));
    left -= d;
  }
  const items = STANDARD_ITEMS.map((i, idx) => {
    const d = deductions.get(i.code) ?? 0;
    const isRedline = i.code === redline;
    const result = isRedline ? 'redline' : d === 0 ? 'ok' : d < 2 ? 'minor' : d < 4 ? 'moderate' : 'severe';
    return {
      id: `ipi_${listingId.slice(4)}_${String(idx).padStart(2, '0')}`,
      reportId: `isp_${listingId.slice(4)}`,
      section: i.section,
      code: i.code,
      name: i.name,
      result: result as 'ok' | 'minor' | 'moderate' | 'severe' | 'redline',
      deduction: d,
      note:
        result === 'ok'
          ? null
          : isRedline
            ? '检测发现结构性损伤/泡水痕迹，已如实披露'
            : pick(rng, ['漆面划痕', '轻微凹陷', '有补漆痕迹', '磨损', '轻微渗油', '异响']),
      photoUrls: result === 'ok' ? [] : [`/api/v1/catalog/inspections/photos/${i.code}.svg`],
      sort: idx,
    };
  });
  const score = scoreInspection(items);
  const report = {
    id: `isp_${listingId.slice(4)}`,
    listingId,
    inspectedAt,
    inspector: pick(rng, ['王建国', '李志强', '张伟', '陈晓东', '刘洋']),
    inspectionOrg: pick(rng, ['中检二手车鉴定评估中心', '查博士检测', '平台认证检测中心', '268V 二手车检测']),
    sectionScores: score.sectionScores,
    totalScore: score.totalScore,
    grade: score.grade,
    summary:
      score.grade === 5
        ? '事故车：已在车源中如实披露。'
        : score.grade <= 2
          ? '车况良好。'
          : '有若干瑕疵，详见检测项。',
    createdAt: inspectedAt,
  };
  return { report, items: withItems ? items : [], grade: score.grade, redline };
}

const byBrandCache = new WeakMap<readonly SeedTrim[], Map<string, SeedTrim[]>>();

/** Trims grouped by lower-cased English brand name (computed once per trim list). */
function trimsOfBrand(trimsAll: readonly SeedTrim[]): Map<string, SeedTrim[]> {
  let m = byBrandCache.get(trimsAll);
  if (!m) {
    m = new Map();
    for (const t of trimsAll) {
      const key = t.brandNameEn.toLowerCase();
      m.set(key, [...(m.get(key) ?? []), t]);
    }
    byBrandCache.set(trimsAll, m);
  }
  return m;
}

export interface GenerateOptions {
  /** Listing ids are `lst_<prefix><index>`; VIN plants differ per prefix so VINs stay unique. */
  prefix: string;
  plant: string;
  /** Full inspection items (demo) or the report row only (bench). */
  withItems: boolean;
  now: Date;
}

/** Listing number `index` of a generated market (same index, same listing). */
export function generateListing(
  index: number,
  trimsAll: readonly SeedTrim[],
  stores: readonly SeedStore[],
  storesByBrand: ReadonlyMap<string, SeedStore[]>,
  cities: readonly string[],
  options: GenerateOptions,
): GeneratedListing {
  const rng = prng(index * 2654435761 + 12345);
  const id = `lst_${options.prefix}${String(index).padStart(6, '0')}`;
  const status = pickStatus(rng);
  const createdAt = new Date(
    options.now.getTime() - Math.floor(between(rng, 2, 180)) * DAY - Math.floor(rng() * DAY),
  );
  const updatedAt = new Date(createdAt.getTime() + Math.floor(rng() * 2 * DAY));
  const isNew = rng() < 0.55;
  const adLaw =
    (status === 'in_review' || status === 'rejected') && rng() < 0.5 ? pick(rng, AD_LAW_TITLES) : null;
  if (isNew) {
    const brandStores = [...storesByBrand.keys()];
    const brandKey = pick(rng, brandStores);
    const candidates = trimsOfBrand(trimsAll).get(brandKey) ?? [];
    const trim = candidates.length > 0 ? pick(rng, candidates) : pick(rng, trimsAll);
    const store = pick(rng, storesByBrand.get(brandKey) ?? stores);
    const discountRate = rng() < 0.15 ? 0 : between(rng, 0.01, 0.14);
    const discountFen = Math.round((trim.guidePriceFen * discountRate) / 100_000) * 100_000;
    const title = `${adLaw ? `${adLaw} ` : ''}${trimLabel(trim)} | 现车${discountFen > 0 ? ` | 直降${wan(discountFen)}` : ''}`;
    const description = pick(rng, NEW_DESCRIPTIONS);
    return {
      listing: {
        id,
        kind: 'new',
        trimId: trim.id,
        dealerId: store.dealerId,
        storeId: store.id,
        cityCode: store.cityCode,
        title,
        description,
        priceFen: trim.guidePriceFen - discountFen,
        exteriorColour: trim.exterior.length > 0 ? pick(rng, trim.exterior) : null,
        interiorColour: trim.interior.length > 0 ? pick(rng, trim.interior) : null,
        status,
        reviewFlags: status === 'draft' ? [] : scanAdLaw({ title, description }, DEFAULT_AD_LAW_TERMS),
        reviewNote: status === 'rejected' ? pick(rng, REJECT_REASONS) : null,
        inventoryRef: null,
        popularity: Math.floor(rng() ** 3 * 5000),
        listedAt: status === 'listed' || status === 'delisted' ? updatedAt : null,
        createdAt,
        updatedAt,
        version: 1,
      },
    };
  }
  const trim = pick(rng, trimsAll);
  // Dealers mostly resell trade-ins of the brands they sell; other brands go to any store.
  const store = pick(rng, storesByBrand.get(trim.brandNameEn.toLowerCase()) ?? stores);
  const cityCode = rng() < 0.6 ? store.cityCode : pick(rng, cities);
  const regYear = Math.min(2025, trim.modelYear + (rng() < 0.3 ? 1 : 0));
  const regDate = `${regYear}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  const ageYears = Math.max(
    0.3,
    (options.now.getTime() - Date.parse(`${regDate}T00:00:00Z`)) / (365.25 * DAY),
  );
  const mileageKm = Math.round((ageYears * between(rng, 10_000, 25_000)) / 100) * 100;
  const ownersRoll = rng();
  // A second or third owner needs the years for it.
  const owners = Math.min(ownersRoll < 0.7 ? 1 : ownersRoll < 0.92 ? 2 : 3, 1 + Math.floor(ageYears / 2));
  const inspectedAt = new Date(createdAt.getTime() - Math.floor(between(rng, 1, 10)) * DAY);
  const gen = generateReport(rng, id, inspectedAt, options.withItems);
  const flood = gen.redline === 'R08';
  const accident = gen.grade === 5;
  // Residual value: ~15% off in year one, then ~8-10% a year, minus condition; rounded to 100 yuan.
  const residual = Math.max(
    0.18,
    0.85 * 0.91 ** Math.max(0, ageYears - 1) - (gen.grade - 1) * 0.03 - (accident ? 0.2 : 0),
  );
  const priceFen = Math.round((trim.guidePriceFen * residual) / 10_000) * 10_000;
  const ownerLabel = owners === 1 ? '一手车' : `${owners}手车`;
  const title = `${adLaw ? `${adLaw} ` : ''}${trimLabel(trim)} | ${(mileageKm / 10_000).toFixed(1)}万公里 | ${ownerLabel}`;
  const description = accident
    ? `${flood ? '泡水车' : '事故车'}，已如实披露，详见检测报告；价格已充分考虑车况。`
    : pick(rng, USED_NOTES_OK);
  const reportNeeded = status !== 'draft' || rng() < 0.5;
  return {
    listing: {
      id,
      kind: 'used',
      trimId: trim.id,
      dealerId: store.dealerId,
      storeId: cityCode === store.cityCode ? store.id : null,
      cityCode,
      title,
      description,
      priceFen,
      exteriorColour: trim.exterior.length > 0 ? pick(rng, trim.exterior) : null,
      interiorColour: trim.interior.length > 0 ? pick(rng, trim.interior) : null,
      status,
      reviewFlags: status === 'draft' ? [] : scanAdLaw({ title, description }, DEFAULT_AD_LAW_TERMS),
      reviewNote: status === 'rejected' ? pick(rng, REJECT_REASONS) : null,
      inventoryRef: null,
      popularity: Math.floor(rng() ** 3 * 5000),
      listedAt: status === 'listed' || status === 'delisted' ? updatedAt : null,
      createdAt,
      updatedAt,
      version: 1,
    },
    used: {
      listingId: id,
      vin: seedVin(rng, trim.brandNameEn, trim.modelYear, options.plant, index),
      firstRegistrationDate: regDate,
      mileageKm,
      ownersCount: owners,
      transferCount: owners - 1,
      conditionGrade: reportNeeded ? gen.grade : null,
      accidentHistory: accident,
      floodHistory: flood,
      fireHistory: false,
      disclosureNote: accident ? (flood ? '曾泡水，水位超过车身一半' : '曾发生事故，结构件有维修') : null,
      plateCity: null,
    },
    ...(reportNeeded ? { report: gen.report, items: gen.items } : {}),
  };
}

/** Stores grouped by the lower-cased brands their dealer sells, keeping brands the model database has. */
export function storesByBrand(
  stores: readonly SeedStore[],
  trimsAll: readonly SeedTrim[],
): Map<string, SeedStore[]> {
  const known = new Set(trimsAll.map((t) => t.brandNameEn.toLowerCase()));
  const out = new Map<string, SeedStore[]>();
  for (const s of stores) {
    for (const b of s.brands) {
      const key = b.toLowerCase();
      if (!known.has(key)) continue;
      out.set(key, [...(out.get(key) ?? []), s]);
    }
  }
  return out;
}

/**
 * Inserts generated listings in multi-row batches, yielding to the event loop between batches. A listing
 * whose id exists is kept as it is, and its generated vehicle, report and items are not added to it.
 */
export async function insertGenerated(db: Db, batch: GeneratedListing[]): Promise<void> {
  await withTransaction(db, async (tx) => {
    const inserted = new Set(
      (
        await tx
          .insert(listings)
          .values(batch.map((g) => g.listing))
          .onConflictDoNothing()
          .returning({ id: listings.id })
      ).map((r) => r.id),
    );
    const fresh = batch.filter((g) => inserted.has(g.listing.id));
    const used = fresh.flatMap((g) => (g.used ? [g.used] : []));
    if (used.length > 0) await tx.insert(usedVehicles).values(used).onConflictDoNothing();
    const reports = fresh.flatMap((g) => (g.report ? [g.report] : []));
    if (reports.length > 0) await tx.insert(inspectionReports).values(reports).onConflictDoNothing();
    const items = fresh.flatMap((g) => g.items ?? []);
    for (let i = 0; i < items.length; i += 2000) {
      await tx
        .insert(inspectionItems)
        .values(items.slice(i, i + 2000))
        .onConflictDoNothing();
    }
  });
  await new Promise((r) => setImmediate(r));
}

export const DEMO_LISTING_COUNT = 2000;

/** The demo market. Needs the model seed (trims) and the dealers seed (stores). */
export async function seedListings(db: Db, count = DEMO_LISTING_COUNT): Promise<void> {
  await db
    .insert(adLawTerms)
    .values(DEFAULT_AD_LAW_TERMS.map((t) => ({ ...t, createdAt: SEEDED_AT })))
    .onConflictDoNothing();
  const trimsAll = await loadSeedTrims(db);
  const stores = await loadSeedStores(db);
  if (trimsAll.length === 0 || stores.length === 0) return;
  const cities = (await listCities(db)).filter((c) => c.hot).map((c) => c.code);
  const byBrand = storesByBrand(stores, trimsAll);
  const options: GenerateOptions = { prefix: 'seed', plant: 'S', withItems: true, now: SEEDED_AT };
  for (let start = 1; start <= count; start += 200) {
    const batch: GeneratedListing[] = [];
    for (let i = start; i < Math.min(start + 200, count + 1); i++) {
      batch.push(generateListing(i, trimsAll, stores, byBrand, cities, options));
    }
    await insertGenerated(db, batch);
  }
}
