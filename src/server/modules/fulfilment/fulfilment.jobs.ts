import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { type Mutation, staffOf } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { notifyOrderBuyer, type OrdersEnv } from '../orders/index.js';
import { datesIn, slotLabel } from './fulfilment.calendar.js';
import type { TDateRange, TDeliveryRates } from './fulfilment.contract.js';
import { FulfilmentEvents } from './fulfilment.events.js';
import * as repo from './fulfilment.repository.js';

// Scheduled work: delay alerts for deliveries past their slot, and the delivery rates report.

const BATCH = 100;

/**
 * Alerts once per missed slot: staff in the console (supply chain) and the buyer in the app. The conditional
 * mark makes a second run, or a second process, skip what was already alerted.
 */
export async function alertDelayedDeliveries(db: DbHandle, now: Date, env: OrdersEnv): Promise<number> {
  let alerted = 0;
  for (const d of await repo.overdueDeliveries(db, now, BATCH)) {
    const sent = await withTransaction(db, async (tx) => {
      if (!(await repo.markDelayAlerted(tx, d.id, now))) return false;
      const slot = slotLabel({ startsAt: d.slotStartsAt, endsAt: d.slotEndsAt });
      // The buyer by SMS and in-app: the orders module holds the phone number.
      await notifyOrderBuyer(
        tx,
        env,
        {
          orderId: d.orderId,
          templateKey: 'fulfilment.delivery_delayed',
          params: { slot },
          dedupKey: `delay:${d.id}:${d.slotId}:buyer`,
        },
        now,
      );
      await notify(tx, {
        recipient: { kind: 'role', role: 'supply_chain' },
        templateKey: 'fulfilment.delivery_delayed_staff',
        params: { orderNumber: d.orderNumber, slot, mode: d.mode === 'home' ? '送车上门' : '到店提车' },
        channels: ['in_app'],
        link: `/console/deliveries?delayed=true`,
        at: now,
        dedupKey: `delay:${d.id}:${d.slotId}:staff`,
      });
      await publish(
        tx,
        FulfilmentEvents.deliveryDelayed,
        d.id,
        { deliveryId: d.id, orderId: d.orderId },
        now,
      );
      return true;
    });
    if (sent) alerted += 1;
  }
  return alerted;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/**
 * On-time rate: handovers in the range at or before their slot's end. 48 h rate: deliveries that became
 * ready in the range and left the store (dispatch, or the pickup handover) within 48 hours.
 */
export async function deliveryRates(
  db: DbHandle,
  range: TDateRange,
  mutation: Mutation,
): Promise<TDeliveryRates> {
  const actor = staffOf(mutation);
  datesIn(range);
  const from = new Date(`${range.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${range.to}T00:00:00+08:00`).getTime() + 86_400_000);
  const f = await repo.rateFigures(db, actor.dealerId, from, to);
  return {
    from: range.from,
    to: range.to,
    handedOver: f.handedOver,
    onTime: f.onTime,
    onTimeRate: ratio(f.onTime, f.handedOver),
    ready: f.ready,
    dispatchedWithin48h: f.within48h,
    rate48h: ratio(f.within48h, f.ready),
    delayedOpen: f.delayedOpen,
  };
}
