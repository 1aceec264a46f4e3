import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { requestRefund } from '../payments/index.js';
import { buyerOf } from './shop.cart.js';
import type { TReturnRequest } from './shop.contract.js';
import { moveShopOrder, restock } from './shop.orders.js';
import { refundForReturn, returnDeadline, returnWindowOpen } from './shop.policy.js';
import * as repo from './shop.repository.js';
import type { ShopOrderRow } from './shop.schema.js';

// The 7-day no-reason return: the buyer asks within the window (lines marked non-returnable at purchase
// excluded), sends the parcel back, and staff receiving it puts the units back in stock and refunds the
// goods returned (rules in shop.policy.ts: refundForReturn) through the payments module.

/** A buyer asks to return some units of a delivered order. */
export function requestShopReturn(
  db: DbHandle,
  id: string,
  input: TReturnRequest,
  mutation: Mutation,
): Promise<ShopOrderRow> {
  const buyerId = buyerOf(mutation);
  return withTransaction(db, async (tx) => {
    const lines = await repo.linesOf(tx, [id]);
    await moveShopOrder(tx, id, 'request_return', mutation, (row) => {
      if (row.buyerId !== buyerId) throw new AppError('SHOP_ORDER_NOT_FOUND');
      if (row.status !== 'delivered') return; // the machine answers 409 with the state
      if (!returnWindowOpen(row.deliveredAt, mutation.at)) {
        throw new AppError('SHOP_RETURN_WINDOW_CLOSED', {
          deadline: row.deliveredAt ? returnDeadline(row.deliveredAt).toISOString() : null,
        });
      }
      const seen = new Set<string>();
      for (const r of input.lines) {
        const line = lines.find((l) => l.id === r.lineId);
        if (!line || seen.has(r.lineId) || r.quantity > line.quantity) {
          throw new AppError('SHOP_RETURN_QUANTITY_INVALID', { lineId: r.lineId });
        }
        seen.add(r.lineId);
        if (!line.returnable) throw new AppError('SHOP_ITEM_NOT_RETURNABLE', { sku: line.sku });
      }
    });
    for (const r of input.lines) await repo.updateLine(tx, r.lineId, { returnQuantity: r.quantity });
    return repo.updateShopOrder(tx, id, {
      returnReason: input.reason?.trim() || null,
      returnTrackingNo: input.returnTrackingNo?.trim() || null,
    });
  });
}

/**
 * Staff received the returned parcel: the units go back on hand where they shipped from, the order is
 * returned, and the refund is requested (finance approves it above the payments threshold).
 */
export function receiveShopReturn(db: DbHandle, id: string, mutation: Mutation): Promise<ShopOrderRow> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const order = await moveShopOrder(tx, id, 'receive_return', mutation);
    const lines = await repo.linesOf(tx, [id]);
    for (const l of lines) {
      if (l.returnQuantity > 0) await repo.updateLine(tx, l.id, { returnedQuantity: l.returnQuantity });
    }
    const received = lines.map((l) => ({ ...l, returnedQuantity: l.returnQuantity }));
    await restock(
      tx,
      received,
      (l) => l.returnedQuantity,
      `商城订单 ${order.orderNumber} 退货入库`,
      mutation,
    );
    const money = refundForReturn(order, received);
    if (money.refundFen > 0) {
      await requestRefund(
        tx,
        {
          orderId: id,
          amountFen: money.refundFen,
          reason: `${order.orderNumber} 7天无理由退货`,
          kind: money.whole ? 'cancellation' : 'partial',
          requestedBy: staff.accountId,
        },
        mutation,
      );
    }
    await audit(tx, mutation, {
      action: 'shop_order.refund_return',
      entityType: 'shop_order',
      entityId: id,
      after: money,
    });
    return repo.updateShopOrder(tx, id, { refundFen: money.refundFen });
  });
}
