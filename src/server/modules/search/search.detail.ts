import type { Actor } from '../../kernel/auth/actor.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { mediaOf, parametersOfTrims, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import { DETAIL_CACHE_MAX, DETAIL_TTL_MS, type SearchCaches, searchCaches } from './search.caches.js';
import type { TParameterGroup, TVehicleDetail } from './search.contract.js';
import { reindexListings } from './search.index.js';
import { BODY_LABELS, displayParameter, ENERGY_LABELS, iso, toVehicleCard, wan } from './search.mappers.js';
import * as repo from './search.repository.js';
import { recordView } from './search.views.js';
import { buildVehicleJsonLd, vehicleUrl } from './seo.service.js';

// GET /vehicles/:id: a public vehicle page, assembled from the read model, the listing, its trim and store.

async function parameterSheet(
  caches: SearchCaches,
  db: DbHandle,
  trimId: string,
): Promise<TParameterGroup[]> {
  const [defs, params] = await Promise.all([caches.definitions(db), parametersOfTrims(db, [trimId])]);
  const byKey = new Map(params.map((p) => [p.paramKey, p]));
  const groups = new Map<string, TParameterGroup>();
  for (const def of defs) {
    const p = byKey.get(def.key);
    if (!p) continue;
    const group = groups.get(def.group) ?? { group: def.group, rows: [] };
    group.rows.push({
      key: def.key,
      name: def.name,
      unit: def.unit,
      valueType: def.valueType,
      display: displayParameter(def, p),
      optionPriceFen: p.optionPriceFen === null ? null : Number(p.optionPriceFen),
    });
    groups.set(def.group, group);
  }
  return [...groups.values()];
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
  options: { recordView: boolean } = { recordView: true },
): Promise<TVehicleDetail> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const caches = searchCaches(ctx);
  const cache = caches.details;
  const buyerId = actor?.kind === 'buyer' ? actor.buyerId : null;
  const hit = cache.get(id);
  let detail: TVehicleDetail;
  if (hit && Date.now() - hit.at < DETAIL_TTL_MS) {
    detail = hit.value;
  } else {
    // A page built while its listing is reindexed (here or in another process) may be stale: not kept.
    const generation = caches.detailGeneration;
    detail = await buildVehicleDetail(ctx, caches, id);
    if (generation === caches.detailGeneration) {
      if (cache.size >= DETAIL_CACHE_MAX) cache.clear();
      cache.set(id, { at: Date.now(), value: detail });
    }
  }
  const favourite = buyerId ? await repo.isFavourite(db, buyerId, id) : false;
  if (options.recordView) await recordView(ctx, id, now);
  return favourite === detail.favourite ? detail : { ...detail, favourite };
}

async function buildVehicleDetail(
  ctx: AppContext,
  caches: SearchCaches,
  id: string,
): Promise<TVehicleDetail> {
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
  const card = toVehicleCard(row);
  const inspection = found.inspection;
  const [mediaRows, parameters, [names], similar, store] = await Promise.all([
    mediaOf(db, [
      { type: 'listing', id },
      { type: 'trim', id: trimId },
    ]),
    parameterSheet(caches, db, trimId),
    trimsWithSeriesAndBrand(db, [trimId]),
    repo.similarRows(db, row, 6),
    found.listing.storeId
      ? getPublicStore(db, found.listing.storeId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'STORE_NOT_FOUND') return null;
          throw e;
        })
      : Promise.resolve(null),
  ]);
  const gallery = [...mediaRows]
    .sort((a, b) => (a.ownerType === b.ownerType ? 0 : a.ownerType === 'listing' ? -1 : 1))
    .map((m) => ({ id: m.id, kind: m.kind, angle: m.angle, url: m.url, thumbUrl: m.thumbUrl }));
  const u = found.used;
  const keyFacts: TVehicleDetail['keyFacts'] = [
    { key: 'price', label: '售价', value: wan(card.priceFen) },
    { key: 'guidePrice', label: '厂商指导价', value: wan(card.guidePriceFen) },
    { key: 'modelYear', label: '年款', value: `${card.modelYear}款` },
    { key: 'energyType', label: '能源类型', value: ENERGY_LABELS[card.energyType] ?? card.energyType },
    { key: 'bodyType', label: '车身类型', value: BODY_LABELS[card.bodyType] ?? card.bodyType },
    { key: 'seats', label: '座位数', value: `${card.seats}座` },
  ];
  if (card.electricRangeKm !== null) {
    keyFacts.push({ key: 'electricRange', label: '纯电续航', value: `${card.electricRangeKm}km` });
  }
  if (u) {
    keyFacts.push(
      { key: 'mileage', label: '表显里程', value: `${Number((u.mileageKm / 10_000).toFixed(2))}万公里` },
      { key: 'firstRegistration', label: '首次上牌', value: u.firstRegistrationDate.slice(0, 7) },
      { key: 'owners', label: '过户次数', value: `${u.transferCount}次` },
    );
  }
  const storeDto = store
    ? {
        id: store.id,
        name: store.name,
        address: store.address,
        cityCode: store.city.code,
        phone: store.phone,
        latitude: store.latitude,
        longitude: store.longitude,
        openingHours: store.openingHours,
      }
    : null;
  const severity = { redline: 0, severe: 1, moderate: 2, minor: 3, ok: 4 } as const;
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
  const detail: TVehicleDetail = {
    vehicle: card,
    description: found.listing.description,
    exteriorColour: found.listing.exteriorColour,
    interiorColour: found.listing.interiorColour,
    segment: names?.series.segment ?? row.segment,
    manufacturer: names?.series.manufacturer ?? '',
    gallery,
    keyFacts,
    parameters,
    price: {
      priceFen: card.priceFen,
      guidePriceFen: card.guidePriceFen,
      discountFen: Math.max(0, card.guidePriceFen - card.priceFen),
    },
    store: storeDto,
    used: usedDto,
    similar: similar.map(toVehicleCard),
    favourite: false,
    canonicalUrl: vehicleUrl(deps.publicUrl, id),
    jsonLd: {},
  };
  detail.jsonLd = buildVehicleJsonLd(detail, deps.publicUrl);
  return detail;
}
