import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition, defineStateMachine } from '../../kernel/state-machine.js';
import { trimFactsOf, trimsWithSeriesAndBrand } from '../catalog/index.js';
import type {
  TAcceptSuggestionRequest,
  TDismissSuggestionRequest,
  TPutReplenishmentSettingRequest,
  TReplenishmentSetting,
  TReplenishmentSuggestion,
  TSuggestionListQuery,
} from './inventory.contract.js';
import {
  DEFAULT_BUFFER_UNITS,
  DEFAULT_LEAD_TIME_DAYS,
  SALES_WINDOW_DAYS,
  SUGGESTION_STATUSES,
} from './inventory.enums.js';
import { InventoryEvents } from './inventory.events.js';
import { forecastDailyDemandBySeries } from './inventory.forecast.js';
import { toSuggestion } from './inventory.mappers.js';
import * as planning from './inventory.planning.repository.js';
import * as repo from './inventory.repository.js';
import type { ReplenishmentSettingRow, ReplenishmentSuggestionRow } from './inventory.schema.js';

// Replenishment suggestions (004 四(三)): per store and trim, from the last 30 days' sales,
//   safety stock = ceil(average daily sales x lead time + buffer)
//   (average daily sales: the larger of the last 30 days' and the sales forecast's, inventory.forecast.ts)
//   suggestion   = safety stock - (available + in transit), when positive.
// Lead time and buffer come from the location's setting, else its brand's, else the default row, else
// DEFAULT_LEAD_TIME_DAYS / DEFAULT_BUFFER_UNITS. Staff accept (optionally with their own quantity) or
// dismiss with a reason; one open suggestion per (store, trim), refreshed by each daily run.

const DAY_MS = 86_400_000;

/** What staff decide, carried into the machine's update (accepted quantity or dismissal reason). */
interface Decision {
  readonly acceptedQuantity: number | null;
  readonly dismissReason: string | null;
}

function suggestionMachineWith(decision: Decision) {
  return defineStateMachine({
    name: 'replenishment_suggestion',
    entityType: 'replenishment_suggestion',
    states: SUGGESTION_STATUSES,
    initial: ['open'],
    transitions: {
      accept: { from: ['open'], to: 'accepted' },
      dismiss: { from: ['open'], to: 'dismissed' },
    },
    notFound: 'SUGGESTION_NOT_FOUND',
    lock: planning.lockSuggestion,
    stateOf: (row: ReplenishmentSuggestionRow) => row.status,
    update: (tx, row, to, _action, mutation) =>
      planning.decideSuggestion(tx, row.id, {
        status: to,
        acceptedQuantity: to === 'accepted' ? (decision.acceptedQuantity ?? row.suggestedQuantity) : null,
        dismissReason: to === 'dismissed' ? decision.dismissReason : null,
        decidedBy: mutation.actor?.kind === 'staff' ? mutation.actor.accountId : null,
        decidedAt: mutation.at,
      }),
    snapshot: (row, status) => ({
      status,
      suggestedQuantity: row.suggestedQuantity,
      acceptedQuantity: row.acceptedQuantity,
      dismissReason: row.dismissReason,
    }),
    emit: async (tx, row, to, _action, mutation) => {
      await publish(
        tx,
        InventoryEvents.replenishmentDecided,
        row.id,
        {
          suggestionId: row.id,
          storeId: row.storeId,
          trimId: row.trimId,
          dealerId: row.dealerId,
          status: to === 'accepted' ? 'accepted' : 'dismissed',
          quantity: row.acceptedQuantity,
        },
        mutation.at,
      );
    },
  });
}

/** The suggestion machine as drawn in docs/state-machines.md. */
export const suggestionMachine = suggestionMachineWith({ acceptedQuantity: null, dismissReason: null });

/** Lead time and buffer for a location of a brand: location, then brand, then default, then constants. */
export function resolveParameters(
  settings: readonly ReplenishmentSettingRow[],
  locationId: string,
  brandId: string | undefined,
): { leadTimeDays: number; bufferUnits: number } {
  const find = (scope: ReplenishmentSettingRow['scope'], id: string) =>
    settings.find((s) => s.scope === scope && s.scopeId === id);
  const hit =
    find('location', locationId) ?? (brandId ? find('brand', brandId) : undefined) ?? find('default', '');
  return hit
    ? { leadTimeDays: hit.leadTimeDays, bufferUnits: hit.bufferUnits }
    : { leadTimeDays: DEFAULT_LEAD_TIME_DAYS, bufferUnits: DEFAULT_BUFFER_UNITS };
}

/**
 * ceil(sold / window x lead + buffer), in integers so no float rounding can move it (sold is fractional only
 * when the sales forecast sets the demand).
 */
export function safetyStock(sold: number, leadTimeDays: number, bufferUnits: number): number {
  return Math.ceil((sold * leadTimeDays) / SALES_WINDOW_DAYS) + bufferUnits;
}

/**
 * The daily job: recomputes every (store, trim) that sold in the last 30 days and opens (or refreshes the
 * open) suggestion where stock falls short of its safety stock. Returns how many it opened and refreshed.
 */
export async function computeSuggestions(
  db: DbHandle,
  mutation: Mutation,
): Promise<{ opened: number; refreshed: number }> {
  const now = mutation.at;
  const cells = await planning.demandCells(db, new Date(now.getTime() - SALES_WINDOW_DAYS * DAY_MS), now);
  const settings = await planning.listReplenishmentSettings(db);
  const trimRows = await trimsWithSeriesAndBrand(
    db,
    cells.map((c) => c.trimId),
  );
  const brands = new Map(trimRows.map((t) => [t.trim.id, t.brand.id]));
  const seriesOf = new Map(trimRows.map((t) => [t.trim.id, t.series.id]));
  // Looking ahead (analytics' sales forecast): a cell's share of its series' forecast daily orders, by its
  // share of the series' last-30-days sales; used where it is higher than the cell's own past average.
  const forecast = await forecastDailyDemandBySeries(db, now);
  const seriesSold = new Map<string, number>();
  for (const c of cells) {
    const s = seriesOf.get(c.trimId);
    if (s) seriesSold.set(s, (seriesSold.get(s) ?? 0) + c.sold);
  }
  let opened = 0;
  let refreshed = 0;
  for (const c of cells) {
    const p = resolveParameters(settings, c.locationId, brands.get(c.trimId));
    const series = seriesOf.get(c.trimId);
    const forecastDaily =
      series && forecast.has(series)
        ? ((forecast.get(series) ?? 0) * c.sold) / (seriesSold.get(series) ?? c.sold)
        : 0;
    // The demand as "units over the 30-day window", so safetyStock's integer formula stays one formula.
    const demand = Math.max(c.sold, Math.round(forecastDaily * SALES_WINDOW_DAYS * 1000) / 1000);
    const safety = safetyStock(demand, p.leadTimeDays, p.bufferUnits);
    const quantity = safety - (c.available + c.inTransit);
    if (quantity <= 0) continue;
    await withTransaction(db, async (tx) => {
      const { row, created } = await planning.upsertOpenSuggestion(
        tx,
        newId('rps'),
        {
          locationId: c.locationId,
          storeId: c.storeId,
          dealerId: c.dealerId,
          trimId: c.trimId,
          sold30d: c.sold,
          avgDailySales: (demand / SALES_WINDOW_DAYS).toFixed(4),
          leadTimeDays: p.leadTimeDays,
          bufferUnits: p.bufferUnits,
          safetyStock: safety,
          available: c.available,
          inTransit: c.inTransit,
          suggestedQuantity: quantity,
          computedAt: now,
        },
        now,
      );
      if (created) {
        opened++;
        await audit(tx, mutation, {
          action: 'replenishment_suggestion.open',
          entityType: 'replenishment_suggestion',
          entityId: row.id,
          after: { storeId: row.storeId, trimId: row.trimId, suggestedQuantity: row.suggestedQuantity },
        });
      } else refreshed++;
    });
  }
  return { opened, refreshed };
}

function visible(actor: StaffActor, row: ReplenishmentSuggestionRow | undefined | null): boolean {
  return !!row && (actor.dealerId === null || actor.dealerId === row.dealerId);
}

async function toSuggestions(db: DbHandle, rows: ReplenishmentSuggestionRow[]) {
  const trims = new Map(
    (
      await trimFactsOf(
        db,
        rows.map((r) => r.trimId),
      )
    ).map((t) => [t.id, t]),
  );
  const locations = new Map(
    (
      await repo.locationsByIds(
        db,
        rows.map((r) => r.locationId),
      )
    ).map((l) => [l.id, l]),
  );
  return rows.map((r) => toSuggestion(r, trims.get(r.trimId), locations.get(r.locationId)));
}

/** Suggestions, biggest shortfall first (dealer staff: their stores only). */
export async function listSuggestions(
  db: DbHandle,
  actor: StaffActor,
  query: TSuggestionListQuery,
): Promise<{ items: TReplenishmentSuggestion[] }> {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  const rows = await planning.listSuggestions(
    db,
    { dealerId: actor.dealerId ?? query.dealerId, status: query.status, storeId: query.storeId },
    500,
  );
  return { items: await toSuggestions(db, rows) };
}

/** Accepts an open suggestion, as suggested or with the quantity staff order; 409 once decided. */
export function acceptSuggestion(
  db: DbHandle,
  id: string,
  input: TAcceptSuggestionRequest,
  mutation: Mutation,
): Promise<TReplenishmentSuggestion> {
  return decide(
    db,
    id,
    'accept',
    { acceptedQuantity: input.quantity ?? null, dismissReason: null },
    mutation,
  );
}

/** Dismisses an open suggestion with the reason; 409 once decided. */
export function dismissSuggestion(
  db: DbHandle,
  id: string,
  input: TDismissSuggestionRequest,
  mutation: Mutation,
): Promise<TReplenishmentSuggestion> {
  return decide(db, id, 'dismiss', { acceptedQuantity: null, dismissReason: input.reason }, mutation);
}

function decide(
  db: DbHandle,
  id: string,
  action: 'accept' | 'dismiss',
  decision: Decision,
  mutation: Mutation,
): Promise<TReplenishmentSuggestion> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const { after } = await applyTransition(
      tx,
      suggestionMachineWith(decision),
      id,
      action,
      mutation,
      (row) => {
        if (!visible(actor, row)) throw new AppError('SUGGESTION_NOT_FOUND');
      },
    );
    const [out] = await toSuggestions(tx, [after]);
    if (!out) throw new AppError('SUGGESTION_NOT_FOUND');
    return out;
  });
}

// ---- settings ----

export async function listSettings(db: DbHandle): Promise<{
  items: TReplenishmentSetting[];
  defaults: { leadTimeDays: number; bufferUnits: number };
}> {
  const rows = await planning.listReplenishmentSettings(db);
  const brandIds = rows.filter((r) => r.scope === 'brand').map((r) => r.scopeId);
  const brandNames = new Map<string, string>();
  if (brandIds.length > 0) {
    for (const t of await trimsWithSeriesAndBrand(db, 'all')) brandNames.set(t.brand.id, t.brand.name);
  }
  const locations = new Map(
    (
      await repo.locationsByIds(
        db,
        rows.filter((r) => r.scope === 'location').map((r) => r.scopeId),
      )
    ).map((l) => [l.id, l.name]),
  );
  return {
    items: rows.map((r) => ({
      scope: r.scope,
      scopeId: r.scopeId,
      name:
        r.scope === 'brand'
          ? (brandNames.get(r.scopeId) ?? r.scopeId)
          : r.scope === 'location'
            ? (locations.get(r.scopeId) ?? r.scopeId)
            : '',
      leadTimeDays: r.leadTimeDays,
      bufferUnits: r.bufferUnits,
      updatedAt: r.updatedAt.toISOString(),
    })),
    defaults: { leadTimeDays: DEFAULT_LEAD_TIME_DAYS, bufferUnits: DEFAULT_BUFFER_UNITS },
  };
}

/** Sets the lead time and buffer of the default, a brand or a location (audited). */
export function putSetting(
  db: DbHandle,
  input: TPutReplenishmentSettingRequest,
  mutation: Mutation,
): Promise<TReplenishmentSetting> {
  return withTransaction(db, async (tx) => {
    let name = '';
    if (input.scope === 'location') {
      const location = await repo.findLocation(tx, input.scopeId);
      if (!location) {
        throw new AppError('REPLENISHMENT_SETTING_INVALID', {
          reason: { zh: '库存地点不存在', en: 'no such stock location' },
        });
      }
      name = location.name;
    } else if (input.scope === 'brand') {
      const brand = (await trimsWithSeriesAndBrand(tx, 'all')).find((t) => t.brand.id === input.scopeId);
      if (!brand) {
        throw new AppError('REPLENISHMENT_SETTING_INVALID', {
          reason: { zh: '品牌不存在或没有车型', en: 'no such brand (with trims)' },
        });
      }
      name = brand.brand.name;
    }
    const row = {
      scope: input.scope,
      scopeId: input.scopeId,
      leadTimeDays: input.leadTimeDays,
      bufferUnits: input.bufferUnits,
      updatedAt: mutation.at,
    };
    const before = await planning.upsertReplenishmentSetting(tx, row);
    await audit(tx, mutation, {
      action: 'replenishment_setting.put',
      entityType: 'replenishment_setting',
      entityId: `${input.scope}:${input.scopeId}`,
      before: before ?? null,
      after: row,
    });
    return { ...row, name, updatedAt: row.updatedAt.toISOString() };
  });
}
