import { subscription } from '../../kernel/events/define.js';
import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { SalesForecastEvents } from '../../kernel/sales-forecast.events.js';
import { sendStockAlert } from './inventory.alerts.js';
import { InventoryErrors } from './inventory.errors.js';
import { InventoryEvents } from './inventory.events.js';
import { storeDemandForecast } from './inventory.forecast.js';
import { expireHolds } from './inventory.holds.js';
import { syncListingsWithStock } from './inventory.listings.js';
import { holdMachine, unitStatusMachine } from './inventory.machine.js';
import { InventoryPermissions } from './inventory.permissions.js';
import { computeSuggestions, suggestionMachine } from './inventory.replenishment.js';
import { inventoryRoutes } from './inventory.routes.js';
import { seedDemoHistory, seedDemoStock } from './inventory.seed.js';

/** Releases holds whose time is up; the holds table itself is the queue, so a restart loses nothing. */
export const EXPIRE_HOLDS_JOB = 'inventory.expire_holds';
/** The morning aged- and low-stock alert to supply-chain staff. */
export const STOCK_ALERT_JOB = 'inventory.stock_alert';
/** Recomputes replenishment suggestions from the last 30 days' sales, before the morning alert. */
export const REPLENISHMENT_JOB = 'inventory.replenishment';

// The inventory module's public surface: vehicle units by VIN at stock locations, and holds on them for the
// orders module (hold, confirm, release). Other modules use these, never its repository or tables.

export const inventoryModule = defineModule({
  name: 'inventory',
  routes: [{ prefix: 'inventory', plugin: inventoryRoutes }],
  errors: InventoryErrors,
  permissions: InventoryPermissions,
  events: InventoryEvents,
  // Listings follow stock: nothing available takes a car off sale, stock back puts it back on sale.
  subscriptions: [
    subscription(InventoryEvents.stockChanged, 'inventory.listings_follow_stock', async (event, j) => {
      await syncListingsWithStock(j.db, event.payload, systemMutation(j.ctx.clock.now()));
    }),
    // Replenishment looks ahead: the weekly sales forecast (analytics) is kept for the daily suggestions.
    subscription(SalesForecastEvents.salesForecastUpdated, 'inventory.demand_forecast', async (event, j) => {
      await storeDemandForecast(j.db, event.payload);
    }),
  ],
  jobs: [
    job(EXPIRE_HOLDS_JOB, async (j) => {
      await expireHolds(j.db, systemMutation(j.ctx.clock.now()));
    }),
    job(STOCK_ALERT_JOB, async (j) => {
      await sendStockAlert(j.db, j.ctx.clock.now());
    }),
    job(REPLENISHMENT_JOB, async (j) => {
      await computeSuggestions(j.db, systemMutation(j.ctx.clock.now()));
    }),
  ],
  schedules: [
    { name: 'inventory.expire_holds.every_minute', spec: { everySeconds: 60 }, job: EXPIRE_HOLDS_JOB },
    { name: 'inventory.stock_alert.daily', spec: { dailyAt: '08:30' }, job: STOCK_ALERT_JOB },
    { name: 'inventory.replenishment.daily', spec: { dailyAt: '07:30' }, job: REPLENISHMENT_JOB },
  ],
  // Demo only (the seed never runs in production unless asked to): units for the demo's new-car listings.
  seed: [
    { name: 'inventory.demo_stock', run: (ctx) => seedDemoStock(ctx) },
    // Sales of the last 30 days and accessory quantities, so turnover and suggestions have figures.
    { name: 'inventory.demo_history', run: (ctx) => seedDemoHistory(ctx) },
  ],
  stateMachines: [unitStatusMachine, holdMachine, suggestionMachine],
});

// Accessory stock for the shop: one guarded statement each; sum the lines of one SKU before reserving.
export {
  type AccessoryAdjustment,
  type AccessoryStockLevel,
  type AccessoryStockLine,
  accessoryStockLevels,
  adjustAccessoryStock,
  commitAccessoryStock,
  releaseAccessoryStock,
  reserveAccessoryStock,
} from './inventory.accessories.js';
export type {
  TAccessoryStock,
  TReplenishmentSuggestion,
  TStockLocation,
  TUnitHold,
  TVehicleUnit,
} from './inventory.contract.js';
export { DEFAULT_HOLD_MINUTES, UNIT_STATUSES, type UnitStatus } from './inventory.enums.js';
export { InventoryErrors } from './inventory.errors.js';
export { InventoryEvents } from './inventory.events.js';
export {
  confirmHold,
  expireHolds,
  getHold,
  type HoldOptions,
  type HoldResult,
  type HoldTarget,
  holdUnit,
  releaseHold,
  returnUnitToStock,
  storesWithAvailableUnit,
  takeBackUnit,
  unitOfListing,
} from './inventory.holds.js';
export { stockSnapshot } from './inventory.repository.js';
export { getUnit, locationIdsOfDealer, markUnitDelivered } from './inventory.service.js';
