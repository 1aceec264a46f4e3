import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError, localize } from '../../kernel/http/errors.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { readSpreadsheet } from '../../kernel/spreadsheet.js';
import type {
  TBulkShipResult,
  TShippingRate,
  TShippingRule,
  TShippingRuleInput,
  TShipRequest,
} from './shop.contract.js';
import { SHIP_WITHIN_HOURS, SHOP_CARRIERS, type ShopCarrier } from './shop.enums.js';
import { moveShopOrder } from './shop.orders.js';
import { pickupLate, returnDeadline, shanghaiDayStart } from './shop.policy.js';
import * as repo from './shop.repository.js';
import type { ShopOrderRow, ShopShippingRuleRow } from './shop.schema.js';
import { scopeLocations } from './shop.scope.js';

// Shipping: the fee rules operators edit, shipping orders with a carrier and tracking number (one by one or
// a CSV/XLSX of tracking numbers), the carrier's pickup (due within 24 h), delivery, completion after the
// return window, and the 48 h shipping rate.

// ---- rules ----

function toRule(r: ShopShippingRuleRow): TShippingRule {
  return {
    province: r.province,
    feeFen: r.feeFen,
    freeOverFen: r.freeOverFen,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listShippingRules(db: DbHandle): Promise<{ items: TShippingRule[] }> {
  return { items: (await repo.listShippingRules(db)).map(toRule) };
}

export function putShippingRule(
  db: DbHandle,
  input: TShippingRuleInput,
  mutation: Mutation,
): Promise<TShippingRule> {
  staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const before = await repo.findShippingRule(tx, input.province);
    const row = { ...input, updatedAt: mutation.at };
    await repo.upsertShippingRule(tx, row);
    await audit(tx, mutation, {
      action: 'shipping_rule.put',
      entityType: 'shipping_rule',
      entityId: input.province || 'default',
      before: before ? { feeFen: before.feeFen, freeOverFen: before.freeOverFen } : null,
      after: { feeFen: input.feeFen, freeOverFen: input.freeOverFen },
    });
    return toRule(row);
  });
}

export function deleteShippingRule(db: DbHandle, province: string, mutation: Mutation): Promise<void> {
  staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const before = await repo.findShippingRule(tx, province);
    if (!before || !(await repo.deleteShippingRule(tx, province))) {
      throw new AppError('SHIPPING_RULE_NOT_FOUND');
    }
    await audit(tx, mutation, {
      action: 'shipping_rule.delete',
      entityType: 'shipping_rule',
      entityId: province || 'default',
      before: { feeFen: before.feeFen, freeOverFen: before.freeOverFen },
      after: null,
    });
  });
}

// ---- shipping an order ----

export function shipShopOrder(
  db: DbHandle,
  id: string,
  input: TShipRequest,
  mutation: Mutation,
): Promise<ShopOrderRow> {
  staffOf(mutation);
  return withTransaction(db, async (tx) => {
    await moveShopOrder(tx, id, 'ship', mutation);
    return repo.updateShopOrder(tx, id, { carrier: input.carrier, trackingNo: input.trackingNo });
  });
}

/** The carrier picked the parcel up (its scan, or staff recording it): stamped once, audited. */
export function recordPickup(db: DbHandle, id: string, mutation: Mutation): Promise<ShopOrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await repo.lockShopOrder(tx, id);
    if (!row) throw new AppError('SHOP_ORDER_NOT_FOUND');
    if (row.status !== 'shipped' && !row.shippedAt) {
      throw new AppError('INVALID_TRANSITION', { machine: 'shop_order', from: row.status, action: 'pickup' });
    }
    if (row.pickedUpAt) return row;
    const after = await repo.updateShopOrder(tx, id, { pickedUpAt: mutation.at, updatedAt: mutation.at });
    await audit(tx, mutation, {
      action: 'shop_order.pickup',
      entityType: 'shop_order',
      entityId: id,
      before: { pickedUpAt: null },
      after: { pickedUpAt: mutation.at.toISOString(), late: pickupLate(after, mutation.at) },
    });
    return after;
  });
}

export function deliverShopOrder(db: DbHandle, id: string, mutation: Mutation): Promise<ShopOrderRow> {
  return withTransaction(db, async (tx) => {
    const row = await moveShopOrder(tx, id, 'deliver', mutation);
    // A delivery without a pickup scan means it was picked up at the latest now.
    if (!row.pickedUpAt) return repo.updateShopOrder(tx, id, { pickedUpAt: mutation.at });
    return row;
  });
}

/** The daily job: delivered orders whose return window has closed are completed. */
export async function completeDeliveredShopOrders(db: DbHandle, mutation: Mutation): Promise<number> {
  const cutoff = new Date(mutation.at.getTime() - 7 * 24 * 3_600_000);
  let n = 0;
  for (const row of await repo.deliveredBefore(db, cutoff, 500)) {
    if (!row.deliveredAt || returnDeadline(row.deliveredAt).getTime() >= mutation.at.getTime()) continue;
    await withTransaction(db, (tx) => moveShopOrder(tx, row.id, 'complete', mutation));
    n++;
  }
  return n;
}

// ---- bulk ship ----

const HEADERS: Record<'orderNumber' | 'carrier' | 'trackingNo', readonly string[]> = {
  orderNumber: ['订单号', 'order_number', 'orderNumber'],
  carrier: ['快递公司', 'carrier'],
  trackingNo: ['运单号', 'tracking_no', 'trackingNo'],
};
const CARRIER_NAMES: Record<string, ShopCarrier> = {
  顺丰: 'sf',
  顺丰速运: 'sf',
  京东: 'jd',
  京东物流: 'jd',
  中通: 'zto',
  圆通: 'yto',
  申通: 'sto',
  韵达: 'yunda',
  邮政: 'ems',
  EMS: 'ems',
};

/**
 * Ships orders from a CSV/XLSX of (order number, carrier, tracking number). Each row is its own
 * transaction: good rows ship, bad rows are listed with their code and message (row numbers as in the
 * file, the header being row 1), so the operator fixes and re-uploads only those.
 */
export async function bulkShip(db: DbHandle, bytes: Buffer, mutation: Mutation): Promise<TBulkShipResult> {
  staffOf(mutation);
  const locations = await scopeLocations(db, mutation);
  const table = await readSpreadsheet(bytes);
  const [header, ...rows] = table ?? [];
  const col = (k: keyof typeof HEADERS) => (header ?? []).findIndex((h) => HEADERS[k].includes(h.trim()));
  const ci = { orderNumber: col('orderNumber'), carrier: col('carrier'), trackingNo: col('trackingNo') };
  if (!header || ci.orderNumber < 0 || ci.carrier < 0 || ci.trackingNo < 0) {
    throw new AppError('SHOP_BULK_SHIP_FILE_INVALID');
  }
  const out: TBulkShipResult['rows'] = [];
  const seen = new Set<string>();
  for (const [i, cells] of rows.entries()) {
    const orderNumber = (cells[ci.orderNumber] ?? '').trim();
    const carrierText = (cells[ci.carrier] ?? '').trim();
    const trackingNo = (cells[ci.trackingNo] ?? '').trim();
    const row = i + 2;
    if (!orderNumber && !carrierText && !trackingNo) continue;
    const fail = (code: string, message: string) => out.push({ row, orderNumber, ok: false, code, message });
    const carrier = (SHOP_CARRIERS as readonly string[]).includes(carrierText.toLowerCase())
      ? (carrierText.toLowerCase() as ShopCarrier)
      : CARRIER_NAMES[carrierText];
    if (!carrier) {
      fail('CARRIER_UNKNOWN', mutation.lang === 'en' ? 'unknown carrier' : '未知的快递公司');
      continue;
    }
    if (!/^[A-Za-z0-9]{6,30}$/.test(trackingNo)) {
      fail(
        'TRACKING_NO_INVALID',
        mutation.lang === 'en' ? 'tracking number: 6-30 letters or digits' : '运单号应为6-30位字母或数字',
      );
      continue;
    }
    if (seen.has(orderNumber)) {
      fail('DUPLICATE_ROW', mutation.lang === 'en' ? 'order listed twice in the file' : '文件中订单号重复');
      continue;
    }
    seen.add(orderNumber);
    const order = await repo.findShopOrderByNumber(db, orderNumber);
    const inScope =
      order !== undefined &&
      (locations === null ||
        (await repo.linesOf(db, [order.id])).some((l) => locations.includes(l.locationId)));
    if (!order || !inScope) {
      fail('SHOP_ORDER_NOT_FOUND', localize('SHOP_ORDER_NOT_FOUND', mutation.lang));
      continue;
    }
    try {
      await shipShopOrder(db, order.id, { carrier, trackingNo }, mutation);
      out.push({ row, orderNumber, ok: true, code: null, message: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      fail(e.code, localize(e.code, mutation.lang));
    }
  }
  return {
    shipped: out.filter((r) => r.ok).length,
    failed: out.filter((r) => !r.ok).length,
    rows: out,
  };
}

// ---- the 48 h shipping rate ----

/**
 * Of the orders paid in [from, to] (Asia/Shanghai days; cancelled before shipping left out), how many
 * shipped within 48 h of payment; plus those still unshipped past 48 h and late carrier pickups.
 */
export async function shippingRate(
  db: DbHandle,
  range: { from: string; to: string },
  mutation: Mutation,
): Promise<TShippingRate> {
  const now = mutation.at;
  const start = shanghaiDayStart(range.from);
  const end = new Date(shanghaiDayStart(range.to).getTime() + 24 * 3_600_000);
  let rows = (await repo.paidBetween(db, start, end)).filter(
    (r) => !(r.status === 'cancelled' && !r.shippedAt),
  );
  // Dealer staff: the rate of the orders shipping from their own locations.
  const locations = await scopeLocations(db, mutation);
  if (locations !== null) {
    const lines = await repo.linesOf(
      db,
      rows.map((r) => r.id),
    );
    const mine = new Set(lines.filter((l) => locations.includes(l.locationId)).map((l) => l.orderId));
    rows = rows.filter((r) => mine.has(r.id));
  }
  const limit = SHIP_WITHIN_HOURS * 3_600_000;
  const within = rows.filter(
    (r) => r.paidAt && r.shippedAt && r.shippedAt.getTime() - r.paidAt.getTime() <= limit,
  ).length;
  const overdue = rows.filter(
    (r) => !r.shippedAt && r.paidAt && now.getTime() - r.paidAt.getTime() > limit,
  ).length;
  return {
    from: range.from,
    to: range.to,
    paid: rows.length,
    shippedWithin48h: within,
    rate: rows.length > 0 ? Math.round((within / rows.length) * 10_000) / 10_000 : null,
    overdue,
    pickupLate: rows.filter((r) => pickupLate(r, now)).length,
  };
}
