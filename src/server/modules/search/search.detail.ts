import type { Actor } from '../../kernel/auth/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import {
  coloursAndPackagesOfTrim,
  mediaOf,
  type ParameterDefinitionRow,
  parametersOfTrims,
  trimsWithSeriesAndBrand,
} from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import { DETAIL_CACHE_MAX, DETAIL_TTL_MS, type SearchCaches, searchCaches } from './search.caches.js';
import type { TParameterGroup, TVehicleCard, TVehicleDetail } from './search.contract.js';
import { reindexListings } from './search.index.js';
import {
  bodyLabel,
  displayParameter,
  energyLabel,
  iso,
  type Lang,
  mileageLabel,
  money,
  seatsLabel,
  toVehicleCard,
  unitLabel,
  withCardExtras,
  yearLabel,
} from './search.mappers.js';
import * as repo from './search.repository.js';
import { recordView } from './search.views.js';
import { buildVehicleJsonLd, vehicleUrl } from './seo.service.js';

// GET /vehicles/:id: a public vehicle page, assembled from the read model, the listing, its trim and store.

function parameterSheet(
  defs: readonly ParameterDefinitionRow[],
  params: Awaited<ReturnType<typeof parametersOfTrims>>,
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

/** Similar vehicles kept per built page: the nearest in price and body, re-ranked by the buyer's city. */
const SIMILAR_POOL = 24;
const SIMILAR_SHOWN = 6;

/** A built page in both languages with its pool of similar vehicles (the cache keeps the Chinese one). */
interface DetailBundle {
  byLang: Record<Lang, TVehicleDetail>;
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
    view = { ...bundle.byLang[lang], similar: rankSimilar(bundle.pool, cityCode, SIMILAR_SHOWN) };
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
    bundle = await buildVehicleDetail(ctx, caches, id);
    bundles.set(bundle.byLang['zh-CN'], bundle);
    if (generation === caches.detailGeneration) {
      if (cache.size >= DETAIL_CACHE_MAX) cache.clear();
      cache.set(id, { at: Date.now(), value: bundle.byLang['zh-CN'] });
    }
  }
  const detail = viewOf(bundle, options.lang ?? 'zh-CN', options.cityCode);
  const favourite = buyerId ? await repo.isFavourite(db, buyerId, id) : false;
  if (options.recordView ?? true) await recordView(ctx, id, now);
  return favourite === detail.favourite ? detail : { ...detail, favourite };
}

async function buildVehicleDetail(ctx: AppContext, caches: SearchCaches, id: string): Promise<DetailBundle> {
  const db = ctx.database.db;
  const deps = { publicUrl: ctx.config.publicUrl };
  const found = await listingForVehiclePage(db, id);
  if (!found || (found.listing.status !== 'listed' && found.listing.status !== 'delisted')) {
    throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  const trimId = found.listing.trimId;
  let row = await repo.searchRowById(db, id);
  if (!row) {
    // The index lags the listing (event not yet delivered): index this one now.
    await reindexListings(ctx, [id]);
    row = await repo.searchRowById(db, id);
    if (!row) throw new AppError('VEHICLE_NOT_FOUND', { id });
  }
  const searchRow = row;
  const [card] = await withCardExtras(ctx, [toVehicleCard(searchRow)]);
  if (!card) throw new AppError('VEHICLE_NOT_FOUND', { id });
  const inspection = found.inspection;
  const [mediaRows, defs, params, [names], similarRows, store, options, cities] = await Promise.all([
    mediaOf(db, [
      { type: 'listing', id },
      { type: 'trim', id: trimId },
    ]),
    caches.definitions(db),
    parametersOfTrims(db, [trimId]),
    trimsWithSeriesAndBrand(db, [trimId]),
    repo.similarRows(db, searchRow, SIMILAR_POOL),
    found.listing.storeId
      ? getPublicStore(db, found.listing.storeId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'STORE_NOT_FOUND') return null;
          throw e;
        })
      : Promise.resolve(null),
    coloursAndPackagesOfTrim(db, trimId),
    caches.cities(db),
  ]);
  const pool = await withCardExtras(ctx, similarRows.map(toVehicleCard));
  const gallery = [...mediaRows]
    .sort((a, b) => (a.ownerType === b.ownerType ? 0 : a.ownerType === 'listing' ? -1 : 1))
    .map((m) => ({ id: m.id, kind: m.kind, angle: m.angle, url: m.url, thumbUrl: m.thumbUrl }));
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
      parameters: parameterSheet(defs, params, lang),
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
  return { byLang: { 'zh-CN': build('zh-CN'), en: build('en') }, pool, views: new Map() };
}
