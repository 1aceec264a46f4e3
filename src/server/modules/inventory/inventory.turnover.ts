import type { StaffActor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { trimFactsOf, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { LOW_STOCK_THRESHOLD } from './inventory.alerts.js';
import type {
  TStockSummary,
  TStockSummaryCell,
  TTurnoverLine,
  TTurnoverQuery,
  TTurnoverReport,
} from './inventory.contract.js';
import { TURNOVER_DEFAULT_DAYS } from './inventory.enums.js';
import { daysBetween } from './inventory.mappers.js';
import * as planning from './inventory.planning.repository.js';
import * as repo from './inventory.repository.js';

// The stock board's figures: stock per store and trim with aged and low flags, the alert counts, and
// turnover per location and brand (004 四(三)). Definitions in docs/inventory.md ("Turnover").

const DAY_MS = 86_400_000;
/** An accessory at a location with fewer than this free counts as low. */
export const LOW_ACCESSORY_THRESHOLD = 5;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One line of the report from units sold in the period and unit-days on hand in it:
 * average on hand = unit-days / period days; turnover = sold / average on hand; days of stock =
 * period days / turnover (= unit-days / sold).
 */
export function turnoverLine(
  id: string,
  name: string,
  sold: number,
  onHandDays: number,
  periodDays: number,
): TTurnoverLine {
  const average = periodDays > 0 ? onHandDays / periodDays : 0;
  return {
    id,
    name,
    sold,
    averageOnHand: round2(average),
    turnover: average > 0 ? round2(sold / average) : null,
    daysOfStock: sold > 0 ? round2(onHandDays / sold) : null,
  };
}

/** Turnover for a period (default the last 90 days) per location and per brand, and in total. */
export async function turnoverReport(
  db: DbHandle,
  actor: StaffActor,
  query: TTurnoverQuery,
  now: Date,
): Promise<TTurnoverReport> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - TURNOVER_DEFAULT_DAYS * DAY_MS);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  const cells = await planning.turnoverCells(db, from, to, actor.dealerId);
  const trims = new Map(
    (
      await trimsWithSeriesAndBrand(
        db,
        cells.map((c) => c.trimId),
      )
    ).map((t) => [t.trim.id, t]),
  );
  const locations = new Map(
    (
      await repo.locationsByIds(
        db,
        cells.map((c) => c.locationId),
      )
    ).map((l) => [l.id, l]),
  );
  const sum = (key: (c: planning.TurnoverCell) => { id: string; name: string }) => {
    const acc = new Map<string, { name: string; sold: number; onHandDays: number }>();
    for (const c of cells) {
      const k = key(c);
      const a = acc.get(k.id) ?? { name: k.name, sold: 0, onHandDays: 0 };
      a.sold += c.sold;
      a.onHandDays += c.onHandDays;
      acc.set(k.id, a);
    }
    return [...acc.entries()]
      .map(([id, a]) => turnoverLine(id, a.name, a.sold, a.onHandDays, days))
      .sort((x, y) => (y.turnover ?? -1) - (x.turnover ?? -1) || x.name.localeCompare(y.name));
  };
  const totalSold = cells.reduce((n, c) => n + c.sold, 0);
  const totalDays = cells.reduce((n, c) => n + c.onHandDays, 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days: round2(days),
    total: turnoverLine('all', '', totalSold, totalDays, days),
    byLocation: sum((c) => ({ id: c.locationId, name: locations.get(c.locationId)?.name ?? c.locationId })),
    byBrand: sum((c) => {
      const t = trims.get(c.trimId);
      return t ? { id: t.brand.id, name: t.brand.name } : { id: 'unknown', name: '' };
    }),
  };
}

/** Stock per store (location) and trim with aged and low flags, and the alert counts for the board. */
export async function stockSummary(db: DbHandle, actor: StaffActor, now: Date): Promise<TStockSummary> {
  const cells = await planning.stockSummaryCells(db, now, actor.dealerId);
  const trims = new Map(
    (
      await trimFactsOf(
        db,
        cells.map((c) => c.trimId),
      )
    ).map((t) => [t.id, t]),
  );
  const locations = new Map(
    (
      await repo.locationsByIds(
        db,
        cells.map((c) => c.locationId),
      )
    ).map((l) => [l.id, l]),
  );
  const out: TStockSummaryCell[] = cells.map((c) => {
    const trim = trims.get(c.trimId);
    return {
      storeId: c.storeId,
      location: { id: c.locationId, name: locations.get(c.locationId)?.name ?? c.locationId },
      dealerId: c.dealerId,
      trim: {
        id: c.trimId,
        name: trim?.name ?? c.trimId,
        seriesName: trim?.seriesName ?? '',
        brandName: trim?.brandName ?? '',
      },
      inTransit: c.inTransit,
      available: c.available,
      reserved: c.reserved,
      aged60: c.aged60,
      aged90: c.aged90,
      maxDaysInStock: c.oldestEnteredAt ? daysBetween(c.oldestEnteredAt, now) : null,
      // A store's trim is low when fewer than the threshold can be sold (warehouses feed stores: never low).
      low: c.storeId !== null && c.available < LOW_STOCK_THRESHOLD,
    };
  });
  out.sort(
    (a, b) =>
      a.location.name.localeCompare(b.location.name) ||
      `${a.trim.brandName}${a.trim.seriesName}${a.trim.name}`.localeCompare(
        `${b.trim.brandName}${b.trim.seriesName}${b.trim.name}`,
      ),
  );
  const open = await planning.listSuggestions(
    db,
    { dealerId: actor.dealerId ?? undefined, status: 'open' },
    1000,
  );
  return {
    cells: out,
    alerts: {
      aged60: out.reduce((n, c) => n + c.aged60, 0),
      aged90: out.reduce((n, c) => n + c.aged90, 0),
      lowStock: out.filter((c) => c.low).length,
      lowStockThreshold: LOW_STOCK_THRESHOLD,
      lowAccessories: await repo.lowAccessoryCount(db, actor.dealerId, LOW_ACCESSORY_THRESHOLD),
      openSuggestions: open.length,
    },
  };
}
