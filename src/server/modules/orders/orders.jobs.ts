import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { systemMutation } from '../../kernel/mutation.js';
import { PAYMENT_REMINDER_LEAD_MINUTES } from './orders.enums.js';
import { allocateOrderUnit, cancelOrder } from './orders.lifecycle.js';
import * as repo from './orders.repository.js';
import { notifyBuyer, type OrdersEnv } from './orders.shared.js';

// The every-minute order jobs. The orders table is the queue (status + deadline columns), so a restart or a
// second process loses and doubles nothing: each order is claimed by a conditional update or its row lock.

const BATCH = 100;
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Reminds buyers whose unpaid order expires within the lead time (once per order). */
export async function sendPaymentReminders(db: DbHandle, env: OrdersEnv, now: Date): Promise<number> {
  return withTransaction(db, async (tx) => {
    const due = await repo.claimPaymentReminders(tx, now, PAYMENT_REMINDER_LEAD_MINUTES * 60_000, BATCH);
    for (const row of due) {
      await notifyBuyer(tx, env, row, 'orders.payment_reminder', {}, now, `order:${row.id}:payment_reminder`);
    }
    return due.length;
  });
}

/** Cancels unpaid orders past their deadline (by the system, hold released); returns how many. */
export async function expireUnpaidOrders(db: DbHandle, env: OrdersEnv, now: Date): Promise<number> {
  let n = 0;
  for (const id of await repo.overdueOrderIds(db, now, BATCH)) {
    const cancelled = await withTransaction(db, async (tx) => {
      const row = await repo.lockOrder(tx, id);
      // Paid (or cancelled) between the scan and the lock: nothing to do.
      if (row?.status !== 'created' || row.paymentDeadline > now) return false;
      await cancelOrder(
        tx,
        { orderId: id, by: 'system', reason: 'payment_timeout' },
        systemMutation(now),
        env,
      );
      return true;
    });
    if (cancelled) n += 1;
    await yieldTurn();
  }
  return n;
}

/**
 * Allocates paid orders staff have not allocated within ORDER_AUTO_ALLOCATE_MINUTES to their held unit.
 * An order that cannot be allocated now (state moved on, review opened) is skipped and looked at next time.
 */
export async function autoAllocateOrders(db: DbHandle, env: OrdersEnv, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - env.orders.autoAllocateMinutes * 60_000);
  let n = 0;
  for (const id of await repo.autoAllocatableOrderIds(db, cutoff, BATCH)) {
    try {
      await allocateOrderUnit(db, { orderId: id }, systemMutation(now), env);
      n += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    await yieldTurn();
  }
  return n;
}
