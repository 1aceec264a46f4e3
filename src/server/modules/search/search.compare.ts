import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { mediaOf, parametersOfTrims, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { searchCaches } from './search.caches.js';
import type { TCompareQuery, TCompareResponse } from './search.contract.js';
import { displayParameter, toVehicleCard, wan } from './search.mappers.js';
import type { SearchRow } from './search.repository.js';
import * as repo from './search.repository.js';

/** GET /compare: 2-4 listings or trims as columns, parameter rows grouped, each flagged when it differs. */
export async function compare(ctx: AppContext, q: TCompareQuery): Promise<TCompareResponse> {
  const db = ctx.database.db;
  const caches = searchCaches(ctx);
  const listingIds = q.ids ?? [];
  const trimIdsAsked = q.trims ?? [];
  let columns: TCompareResponse['columns'];
  let overview: { key: string; name: string; unit: string | null; values: (string | null)[] }[];
  if (listingIds.length > 0) {
    const rows = await repo.searchRowsByIds(db, listingIds);
    const byId = new Map(rows.map((r) => [r.listingId, r]));
    const missing = listingIds.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('VEHICLE_NOT_FOUND', { id: missing.join(',') });
    const cards = listingIds.map((id) => toVehicleCard(byId.get(id) as SearchRow));
    columns = cards.map((c) => ({
      id: c.id,
      trimId: c.trimId,
      title: c.title,
      brandName: c.brand.name,
      seriesName: c.series.name,
      priceFen: c.priceFen,
      imageUrl: c.imageUrl,
    }));
    overview = [
      { key: 'price', name: '售价', unit: '万', values: cards.map((c) => wan(c.priceFen).replace('万', '')) },
      {
        key: 'guidePrice',
        name: '厂商指导价',
        unit: '万',
        values: cards.map((c) => wan(c.guidePriceFen).replace('万', '')),
      },
      {
        key: 'kind',
        name: '车源',
        unit: null,
        values: cards.map((c) => (c.kind === 'new' ? '新车' : '二手车')),
      },
      { key: 'modelYear', name: '年款', unit: null, values: cards.map((c) => `${c.modelYear}款`) },
      { key: 'mileage', name: '表显里程', unit: 'km', values: cards.map((c) => String(c.mileageKm)) },
      { key: 'city', name: '所在城市', unit: null, values: cards.map((c) => c.cityCode) },
    ];
    const cityNames = new Map((await caches.cities(db)).map((c) => [c.code, c.name]));
    const cityRow = overview[overview.length - 1];
    if (cityRow) cityRow.values = cityRow.values.map((v) => (v ? (cityNames.get(v) ?? v) : v));
  } else {
    const rows = await trimsWithSeriesAndBrand(db, trimIdsAsked);
    const byId = new Map(rows.map((r) => [r.trim.id, r]));
    const missing = trimIdsAsked.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('COMPARE_TRIM_NOT_FOUND', { id: missing.join(',') });
    const media = await mediaOf(
      db,
      trimIdsAsked.map((id) => ({ type: 'trim' as const, id })),
    );
    const ordered = trimIdsAsked.map((id) => byId.get(id) as (typeof rows)[number]);
    columns = ordered.map((r) => ({
      id: r.trim.id,
      trimId: r.trim.id,
      title: `${r.brand.name} ${r.series.name} ${r.trim.name}`,
      brandName: r.brand.name,
      seriesName: r.series.name,
      priceFen: Number(r.trim.guidePriceFen),
      imageUrl: media.find((m) => m.ownerId === r.trim.id && m.kind === 'image')?.url ?? null,
    }));
    overview = [
      {
        key: 'guidePrice',
        name: '厂商指导价',
        unit: '万',
        values: ordered.map((r) => wan(Number(r.trim.guidePriceFen)).replace('万', '')),
      },
      { key: 'modelYear', name: '年款', unit: null, values: ordered.map((r) => `${r.trim.modelYear}款`) },
    ];
  }
  const trimIds = columns.map((c) => c.trimId);
  const [defs, params] = await Promise.all([caches.definitions(db), parametersOfTrims(db, trimIds)]);
  const byTrimKey = new Map(params.map((p) => [`${p.trimId}|${p.paramKey}`, p]));
  const groups: TCompareResponse['groups'] = [
    {
      group: 'overview',
      rows: overview.map((r) => ({ ...r, different: new Set(r.values).size > 1 })),
    },
  ];
  const groupIndex = new Map<string, TCompareResponse['groups'][number]>();
  for (const def of defs) {
    const values = trimIds.map((t) => displayParameter(def, byTrimKey.get(`${t}|${def.key}`)));
    if (values.every((v) => v === null)) continue;
    let g = groupIndex.get(def.group);
    if (!g) {
      g = { group: def.group, rows: [] };
      groupIndex.set(def.group, g);
      groups.push(g);
    }
    g.rows.push({
      key: def.key,
      name: def.name,
      unit: def.unit,
      values,
      different: new Set(values).size > 1,
    });
  }
  return { columns, groups };
}
