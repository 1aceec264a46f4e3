import type { Actor } from '../../kernel/auth/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { mediaOf } from '../catalog/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import { DETAIL_CACHE_MAX, DETAIL_TTL_MS, type SearchCaches, searchCaches } from './search.caches.js';
import type { TVehicleCard, TVehicleDetail } from './search.contract.js';
import { publicStoreOf, trimSheetOf } from './search.detail-shared.js';
import { reindexListings } from './search.index.js';
import {
  bodyLabel,
  energyLabel,
  iso,
  type Lang,
  mileageLabel,
  money,
  seatsLabel,
  toVehicleCard,
  withCardExtras,
  yearLabel,
} from './search.mappers.js';
import * as repo from './search.repository.js';
import * as buyerRepo from './search.saved.repository.js';
import { recordView } from './search.views.js';
import { buildVehicleJsonLd, vehicleUrl } from './seo.service.js';

// GET /vehicles/:id: a public vehicle page, assembled from the read model, the listing, its trim and store.

/** Similar vehicles kept per built page: the nearest in price and body, re-ranked by the buyer's city. */
const SIMILAR_POOL = 24;
const SIMILAR_SHOWN = 6;

/**
 * A built page with its pool of similar vehicles (the cache keeps the Chinese one). The English page is built
 * when first asked for: most pages are only ever read in Chinese.
 */
interface DetailBundle {
  byLang: { 'zh-CN': TVehicleDetail; en?: TVehicleDetail };
  build: (lang: Lang) => TVehicleDetail;
  pool: TVehicleCard[];
  /** Pages handed out per language and city, so each such object is serialized once. */
  views: Map<string, TVehicleDetail>;
}
const bundles = new WeakMap<TVehicleDetail, DetailBundle>();

/** The pool with the buyer's city first (stable: nearest in price first within each part). */
export function rankSimilar(pool: readonly TVehicleCard[], cityCode: string | undefined, limit: number) {
  if (!cityCode) return pool.slice(0, limit);
  const here = pool.filter((c) => c.cityCode === cityCode);
  const elsewhere = pool.filter((c) => c.cityCode !== cityCode);
  return [...here, ...elsewhere].slice(0, limit);
}

function viewOf(bundle: DetailBundle, lang: Lang, cityCode: string | undefined): TVehicleDetail {
  const key = `${lang}|${cityCode ?? ''}`;
  let view = bundle.views.get(key);
  if (!view) {
    bundle.byLang[lang] ??= bundle.build(lang);
    const page = bundle.byLang[lang];
    view = { ...page, similar: rankSimilar(bundle.pool, cityCode, SIMILAR_SHOWN) };
    if (bundle.views.size >= 64) bundle.views.clear();
    bundle.views.set(key, view);
  }
  return view;
}

/**
 * GET /vehicles/:id: everything the detail page shows. Also counts the view for popularity (an anonymous,
 * append-only row). It never writes the buyer's history: a GET can be sent by any site the buyer visits
 * with their cookie, so history is recorded only by the page's CSRF-checked POST /history.
 */
export async function getVehicleDetail(
  ctx: AppContext,
  id: string,
  actor: Actor | null,
  options: { recordView?: boolean; lang?: Lang; cityCode?: string } = {},
): Promise<TVehicleDetail> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const caches = searchCaches(ctx);
  const cache = caches.details;
  const buyerId = actor?.kind === 'buyer' ? actor.buyerId : null;
  const hit = cache.get(id);
  let bundle = hit && Date.now() - hit.at < DETAIL_TTL_MS ? bundles.get(hit.value) : undefined;
  if (!bundle) {
    // A page built while its listing is reindexed (here or in another process) may be stale: not kept.
    const generation = caches.detailGeneration;
    const built = await buildVehicleDetail(ctx, caches, id);
    bundle = built.bundle;
    bundles.set(bundle.byLang['zh-CN'], bundle);
    if (generation === caches.detailGeneration) {
      if (cache.size >= DETAIL_CACHE_MAX) cache.clear();
      // As of the oldest shared part it was built from: no page outlives DETAIL_TTL_MS from its data.
      cache.set(id, { at: built.at, value: bundle.byLang['zh-CN'] });
    }
  }
  const detail = viewOf(bundle, options.lang ?? 'zh-CN', options.cityCode);
  const favourite = buyerId ? await buyerRepo.isFavourite(db, buyerId, id) : false;
  if (options.recordView ?? true) await recordView(ctx, id, now);
  return favourite === detail.favourite ? detail : { ...detail, favourite };
}

/**
 * Builds a page not in the cache in three statements, run at once: the listing with its inspection, its
 * read-model row with the similar vehicles, its media. The trim's sheet and the store come from their
 * shared caches (search.detail-shared.ts).
 * Returns the page and the time of the oldest data it was built from.
 */
async function buildVehicleDetail(
  ctx: AppContext,
  caches: SearchCaches,
  id: string,
): Promise<{ bundle: DetailBundle; at: number }> {
  const db = ctx.database.db;
  const deps = { publicUrl: ctx.config.publicUrl };
  const startedAt = Date.now();
  const [found, indexed, listingMedia] = await Promise.all([
    listingForVehiclePage(db, id),
    repo.rowWithSimilar(db, id, SIMILAR_POOL),
    mediaOf(db, [{ type: 'listing', id }]),
  ]);
  if (!found || (found.listing.status !== 'listed' && found.listing.status !== 'delisted')) {
    throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  const trimId = found.listing.trimId;
  let withSimilar = indexed;
  if (!withSimilar) {
    // The index lags the listing (event not yet delivered): index this one now.
    await reindexListings(ctx, [id]);
    withSimilar = await repo.rowWithSimilar(db, id, SIMILAR_POOL);
    if (!withSimilar) throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  const searchRow = withSimilar.row;
  const similarRows = withSimilar.similar;
  const storeId = found.listing.storeId;
  const [[card], trim, shop, cities] = await Promise.all([
    withCardExtras(ctx, [toVehicleCard(searchRow)]),
    trimSheetOf(ctx, caches, trimId),
    storeId ? publicStoreOf(ctx, caches, storeId) : Promise.resolve({ at: startedAt, store: null }),
    caches.cities(db),
  ]);
  if (!card) throw new AppError('VEHICLE_NOT_FOUND', { id });
  const sheet = trim.sheet;
  const store = shop.store;
  const defs = sheet.definitions;
  const names = sheet.names;
  const options = sheet.options;
  const inspection = found.inspection;
  const pool = await withCardExtras(ctx, similarRows.map(toVehicleCard));
  // The listing's media first, then the trim's, each in display order.
  const gallery = [...listingMedia, ...sheet.media].map((m) => ({
    id: m.id,
    kind: m.kind,
    angle: m.angle,
    url: m.url,
    thumbUrl: m.thumbUrl,
  }));
  const u = found.used;
  const defByKey = new Map(defs.map((d) => [d.key, d]));
  const severity = { redline: 0, severe: 1, moderate: 2, minor: 3, ok: 4 } as const;

  const build = (lang: Lang): TVehicleDetail => {
    const en = lang === 'en';
    const label = (zh: string, english: string) => (en ? english : zh);
    const keyFacts: TVehicleDetail['keyFacts'] = [
      { key: 'price', label: label('售价', 'Price'), value: money(card.priceFen, lang) },
      {
        key: 'guidePrice',
        label: label('厂商指导价', 'Guide price'),
        value: money(card.guidePriceFen, lang),
      },
      { key: 'modelYear', label: label('年款', 'Model year'), value: yearLabel(card.modelYear, lang) },
      { key: 'energyType', label: label('能源类型', 'Energy'), value: energyLabel(card.energyType, lang) },
      { key: 'bodyType', label: label('车身类型', 'Body type'), value: bodyLabel(card.bodyType, lang) },
      { key: 'seats', label: label('座位数', 'Seats'), value: seatsLabel(card.seats, lang) },
    ];
    if (card.electricRangeKm !== null) {
      keyFacts.push({
        key: 'electricRange',
        label: label('纯电续航', 'Electric range'),
        value: `${card.electricRangeKm} km`,
      });
    }
    if (u) {
      keyFacts.push(
        { key: 'mileage', label: label('表显里程', 'Mileage'), value: mileageLabel(u.mileageKm, lang) },
        {
          key: 'firstRegistration',
          label: label('首次上牌', 'First registered'),
          value: u.firstRegistrationDate.slice(0, 7),
        },
        {
          key: 'owners',
          label: label('过户次数', 'Transfers'),
          value: en ? String(u.transferCount) : `${u.transferCount}次`,
        },
      );
    }
    const city = store ? cities.find((c) => c.code === store.city.code) : undefined;
    const storeDto = store
      ? {
          id: store.id,
          name: store.name,
          address: store.address,
          cityCode: store.city.code,
          cityName: (en ? city?.nameEn : city?.name) ?? store.city.code,
          phone: store.phone,
          latitude: store.latitude,
          longitude: store.longitude,
          openingHours: store.openingHours,
        }
      : null;
    const usedDto = u
      ? {
          vin: u.vin,
          firstRegistrationDate: u.firstRegistrationDate,
          mileageKm: u.mileageKm,
          ownersCount: u.ownersCount,
          transferCount: u.transferCount,
          conditionGrade: u.conditionGrade,
          accidentHistory: u.accidentHistory,
          floodHistory: u.floodHistory,
          fireHistory: u.fireHistory,
          disclosureNote: u.disclosureNote,
          inspection: inspection
            ? {
                id: inspection.report.id,
                inspectedAt: iso(inspection.report.inspectedAt),
                inspectionOrg: inspection.report.inspectionOrg,
                totalScore: inspection.report.totalScore,
                grade: inspection.report.grade,
                summary: inspection.report.summary,
                sectionScores: Object.fromEntries(
                  Object.entries((inspection.report.sectionScores ?? {}) as Record<string, unknown>).map(
                    ([k, v]) => [k, Number(v)],
                  ),
                ),
                findings: inspection.items
                  .filter((i) => i.result !== 'ok')
                  .sort((a, b) => severity[a.result] - severity[b.result] || a.sort - b.sort)
                  .map((i) => ({
                    section: i.section,
                    code: i.code,
                    name: i.name,
                    result: i.result,
                    note: i.note,
                    photoUrls: i.photoUrls,
                  })),
                itemsChecked: inspection.items.length,
              }
            : null,
        }
      : null;
    const colourName = (c: { name: string; nameEn: string | null }) => (en ? (c.nameEn ?? c.name) : c.name);
    const detail: TVehicleDetail = {
      vehicle: card,
      description: found.listing.description,
      exteriorColour: found.listing.exteriorColour,
      interiorColour: found.listing.interiorColour,
      segment: names?.series.segment ?? searchRow.segment,
      manufacturer: names?.series.manufacturer ?? '',
      gallery,
      keyFacts,
      parameters: sheet.parameters[lang],
      colours: [...options.colours]
        .sort((a, b) => (a.kind === b.kind ? a.sort - b.sort : a.kind === 'exterior' ? -1 : 1))
        .map((c) => ({ kind: c.kind, name: colourName(c), hex: c.hex, priceDeltaFen: c.priceDeltaFen })),
      packages: options.packages.map((p) => ({
        id: p.id,
        name: colourName(p),
        description: p.description,
        priceFen: p.priceFen,
        includes: p.includes.map((key) => {
          const def = defByKey.get(key);
          return def ? (en ? def.nameEn : def.name) : key;
        }),
      })),
      price: {
        priceFen: card.priceFen,
        guidePriceFen: card.guidePriceFen,
        discountFen: Math.max(0, card.guidePriceFen - card.priceFen),
      },
      store: storeDto,
      used: usedDto,
      similar: pool.slice(0, SIMILAR_SHOWN),
      favourite: false,
      canonicalUrl: vehicleUrl(deps.publicUrl, id),
      jsonLd: {},
    };
    detail.jsonLd = buildVehicleJsonLd(detail, deps.publicUrl);
    return detail;
  };
  return {
    bundle: { byLang: { 'zh-CN': build('zh-CN') }, build, pool, views: new Map() },
    at: Math.min(startedAt, trim.at, shop.at),
  };
}
