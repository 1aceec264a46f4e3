import { subscription } from '../../kernel/events/define.js';
import { defineErrors, errorDefsOf } from '../../kernel/http/errors.js';
import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { OrdersEvents } from '../orders/index.js';
import { AftersalesErrors } from './fulfilment.aftersales.errors.js';
import { AftersalesEvents } from './fulfilment.aftersales.events.js';
import {
  plateServiceMachine,
  reinspectionMachine,
  titleTransferMachine,
} from './fulfilment.aftersales.machine.js';
import { AftersalesPermissions } from './fulfilment.aftersales.permissions.js';
import { aftersalesRoutes } from './fulfilment.aftersales.routes.js';
import { SANDBOX_CARRIER_EVENT_JOB } from './fulfilment.carriers.js';
import { ZCarrierEvent } from './fulfilment.contract.js';
import { FulfilmentErrors } from './fulfilment.errors.js';
import { FulfilmentEvents } from './fulfilment.events.js';
import { alertDelayedDeliveries } from './fulfilment.jobs.js';
import { deliveryStatusMachine } from './fulfilment.machine.js';
import { FulfilmentPermissions } from './fulfilment.permissions.js';
import { fulfilmentRoutes } from './fulfilment.routes.js';
import { generateUpcomingSlots, seedDemoDeliveries } from './fulfilment.seed.js';
import { cancelDeliveryOfOrder, ingestCarrierEvent } from './fulfilment.service.js';
import { WarrantyErrors } from './fulfilment.warranty.errors.js';
import { WarrantyEvents } from './fulfilment.warranty.events.js';
import { warrantyClaimMachine } from './fulfilment.warranty.machine.js';
import { WarrantyPermissions } from './fulfilment.warranty.permissions.js';
import { warrantyRoutes } from './fulfilment.warranty.routes.js';

/** Finds deliveries past their slot and alerts staff and the buyer. */
export const DELAY_ALERT_JOB = 'fulfilment.delay_alerts';
/** Keeps four weeks of bookable slots ahead at every store with a delivery calendar. */
export const GENERATE_SLOTS_JOB = 'fulfilment.generate_slots';

// The fulfilment module's public surface: delivery calendars, booking, carriers and tracking, checklists and
// handover, and the completion gates. Other modules use these, never its repository or tables.

export const fulfilmentModule = defineModule({
  name: 'fulfilment',
  routes: [
    { prefix: 'fulfilment', plugin: fulfilmentRoutes },
    // After-sales (三包 claims, title transfer, re-inspection, plate service) in their own files.
    { prefix: 'fulfilment/warranty', plugin: warrantyRoutes },
    { prefix: 'fulfilment/aftersales', plugin: aftersalesRoutes },
  ],
  errors: defineErrors({
    ...errorDefsOf(FulfilmentErrors),
    ...errorDefsOf(WarrantyErrors),
    ...errorDefsOf(AftersalesErrors),
  }),
  permissions: { ...FulfilmentPermissions, ...WarrantyPermissions, ...AftersalesPermissions },
  events: { ...FulfilmentEvents, ...WarrantyEvents, ...AftersalesEvents },
  stateMachines: [
    deliveryStatusMachine,
    warrantyClaimMachine,
    titleTransferMachine,
    reinspectionMachine,
    plateServiceMachine,
  ],
  // A cancelled order gives its delivery slot back.
  subscriptions: [
    subscription(OrdersEvents.cancelled, 'fulfilment.cancelled_order_frees_slot', async (event, j) => {
      await cancelDeliveryOfOrder(j.db, event.payload.orderId, systemMutation(j.ctx.clock.now()));
    }),
  ],
  jobs: [
    job(DELAY_ALERT_JOB, async (j) => {
      await alertDelayedDeliveries(j.db, j.ctx.clock.now(), j.ctx.config);
    }),
    job(GENERATE_SLOTS_JOB, async (j) => {
      await generateUpcomingSlots(j.db, j.ctx.clock.now());
    }),
    // The sandbox carrier's timed events: the job is the carrier calling back when the moment comes.
    job(SANDBOX_CARRIER_EVENT_JOB, async (j) => {
      await ingestCarrierEvent(j.db, 'sandbox', ZCarrierEvent.parse(j.payload), j.ctx.clock.now());
    }),
  ],
  schedules: [
    { name: 'fulfilment.generate_slots.daily', spec: { dailyAt: '03:30' }, job: GENERATE_SLOTS_JOB },
    { name: 'fulfilment.delay_alerts.every_5_minutes', spec: { everySeconds: 300 }, job: DELAY_ALERT_JOB },
  ],
  // Demo only (never in production): calendars at the demo stores and the fee rules.
  seed: [{ name: 'fulfilment.demo_calendars', run: (ctx) => seedDemoDeliveries(ctx) }],
});

export type { TCompletionBlocker, TTitleTransfer } from './fulfilment.aftersales.contract.js';
export { AftersalesEvents } from './fulfilment.aftersales.events.js';
export {
  cancelPlateServiceOfOrder,
  markPlateServicePaid,
} from './fulfilment.aftersales.plate-service.js';
export { reinspectionGate } from './fulfilment.aftersales.reinspection.js';
export { titleTransferGate } from './fulfilment.aftersales.title-transfer.js';
export type { TDelivery } from './fulfilment.contract.js';
export { FulfilmentEvents } from './fulfilment.events.js';
export { type CompletionGate, completionGates, firstOpenGate, type GateBlock } from './fulfilment.gates.js';
export { getDeliveryOfOrder, ingestCarrierEvent } from './fulfilment.service.js';
export type { TWarrantyClaim } from './fulfilment.warranty.contract.js';
export { WarrantyEvents } from './fulfilment.warranty.events.js';
export { claimEligibility, windowEnd } from './fulfilment.warranty.policy.js';
