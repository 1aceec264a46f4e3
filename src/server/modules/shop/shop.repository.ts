import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { ShopOrderStatus } from './shop.enums.js';
import {
  type NewShopOrderRow,
  type ShopCartLineRow,
  type ShopOrderLineRow,
  type ShopOrderRow,
  type ShopShippingRuleRow,
  shopCartLines,
  shopOrderLines,
  shopOrders,
  shopShippingRules,
} from './shop.schema.js';

// The only code that reads and writes the shop tables.

// ---- cart ----

export function cartOf(db: DbHandle, buyerId: string): Promise<ShopCartLineRow[]> {
  return db
    .select()
    .from(shopCartLines)
    .where(eq(shopCartLines.buyerId, buyerId))
    .orderBy(asc(shopCartLines.updatedAt), asc(shopCartLines.variantId));
}

export async function setCartLine(
  db: DbHandle,
  buyerId: string,
  variantId: string,
  quantity: number,
  at: Date,
): Promise<void> {
  if (quantity <= 0) {
    await db
      .delete(shopCartLines)
      .where(and(eq(shopCartLines.buyerId, buyerId), eq(shopCartLines.variantId, variantId)));
    return;
  }
  await db
    .insert(shopCartLines)
    .values({ buyerId, variantId, quantity, updatedAt: at })
    .onConflictDoUpdate({
      target: [shopCartLines.buyerId, shopCartLines.variantId],
      set: { quantity, updatedAt: at },
    });
}

export async function removeCartLines(db: DbHandle, buyerId: string, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return;
  await db
    .delete(shopCartLines)
    .where(and(eq(shopCartLines.buyerId, buyerId), inArray(shopCartLines.variantId, variantIds)));
}

// ---- orders ----

export async function nextShopOrderSequence(db: DbHandle): Promise<number> {
  const result = (await db.execute(sql`select nextval('shop_order_number_seq') as n`)) as unknown as {
    rows: { n: string | number }[];
  };
  const n = Number(result.rows[0]?.n);
  if (!Number.isSafeInteger(n)) throw new Error('shop order number sequence returned nothing');
  return n;
}

export async function insertShopOrder(
  db: DbHandle,
  row: NewShopOrderRow,
  lines: ShopOrderLineRow[],
): Promise<void> {
  await db.insert(shopOrders).values(row);
  await db.insert(shopOrderLines).values(lines);
}

export async function findShopOrder(db: DbHandle, id: string): Promise<ShopOrderRow | undefined> {
  const [row] = await db.select().from(shopOrders).where(eq(shopOrders.id, id));
  return row;
}

export async function findShopOrderByNumber(
  db: DbHandle,
  orderNumber: string,
): Promise<ShopOrderRow | undefined> {
  const [row] = await db.select().from(shopOrders).where(eq(shopOrders.orderNumber, orderNumber));
  return row;
}

/** Locks the row for a transition (`for update`): concurrent changes to one order queue here. */
export async function lockShopOrder(db: DbHandle, id: string): Promise<ShopOrderRow | null> {
  const [row] = await db.select().from(shopOrders).where(eq(shopOrders.id, id)).for('update');
  return row ?? null;
}

export async function updateShopOrder(
  db: DbHandle,
  id: string,
  set: Partial<NewShopOrderRow>,
): Promise<ShopOrderRow> {
  const [row] = await db.update(shopOrders).set(set).where(eq(shopOrders.id, id)).returning();
  if (!row) throw new Error(`shop order ${id} vanished under its lock`);
  return row;
}

export function linesOf(db: DbHandle, orderIds: readonly string[]): Promise<ShopOrderLineRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(shopOrderLines)
    .where(inArray(shopOrderLines.orderId, [...orderIds]))
    .orderBy(asc(shopOrderLines.id));
}

export async function updateLine(
  db: DbHandle,
  id: string,
  set: Partial<Pick<ShopOrderLineRow, 'returnQuantity' | 'returnedQuantity'>>,
): Promise<void> {
  await db.update(shopOrderLines).set(set).where(eq(shopOrderLines.id, id));
}

export interface ShopOrderFilter {
  buyerId?: string | undefined;
  status?: ShopOrderStatus | undefined;
  q?: string | undefined;
  /** Only orders with a line shipping from one of these locations (dealer staff). */
  locationIds?: readonly string[] | undefined;
}

/** Newest first, keyset-paged on (created_at, id); returns limit+1 rows. */
export function listShopOrders(
  db: DbHandle,
  filter: ShopOrderFilter,
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<ShopOrderRow[]> {
  const page = after
    ? or(
        lt(shopOrders.createdAt, new Date(after.createdAt)),
        and(eq(shopOrders.createdAt, new Date(after.createdAt)), lt(shopOrders.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(shopOrders)
    .where(
      and(
        page,
        filter.buyerId ? eq(shopOrders.buyerId, filter.buyerId) : undefined,
        filter.status ? eq(shopOrders.status, filter.status) : undefined,
        filter.locationIds
          ? filter.locationIds.length === 0
            ? sql`false`
            : inArray(
                shopOrders.id,
                db
                  .select({ id: shopOrderLines.orderId })
                  .from(shopOrderLines)
                  .where(inArray(shopOrderLines.locationId, [...filter.locationIds])),
              )
          : undefined,
        filter.q
          ? or(
              ilike(shopOrders.orderNumber, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
              eq(shopOrders.trackingNo, filter.q),
            )
          : undefined,
      ),
    )
    .orderBy(desc(shopOrders.createdAt), desc(shopOrders.id))
    .limit(limit + 1);
}

/** Unpaid orders whose stock hold ran out (the expiry job cancels them). */
export function expiredUnpaid(db: DbHandle, now: Date, limit: number): Promise<ShopOrderRow[]> {
  return db
    .select()
    .from(shopOrders)
    .where(and(eq(shopOrders.status, 'pending_payment'), lte(shopOrders.holdExpiresAt, now)))
    .orderBy(asc(shopOrders.holdExpiresAt))
    .limit(limit);
}

/** Delivered orders delivered before `before` (the return window has closed for them). */
export function deliveredBefore(db: DbHandle, before: Date, limit: number): Promise<ShopOrderRow[]> {
  return db
    .select()
    .from(shopOrders)
    .where(and(eq(shopOrders.status, 'delivered'), lt(shopOrders.deliveredAt, before)))
    .orderBy(asc(shopOrders.deliveredAt))
    .limit(limit);
}

/** Orders paid in [from, to): what the 48 h shipping rate is computed over. */
export function paidBetween(db: DbHandle, from: Date, to: Date): Promise<ShopOrderRow[]> {
  return db
    .select()
    .from(shopOrders)
    .where(and(gte(shopOrders.paidAt, from), lt(shopOrders.paidAt, to)))
    .orderBy(asc(shopOrders.paidAt));
}

/** Shipped orders not yet picked up by the carrier. */
export function awaitingPickup(db: DbHandle): Promise<ShopOrderRow[]> {
  return db
    .select()
    .from(shopOrders)
    .where(and(eq(shopOrders.status, 'shipped'), isNull(shopOrders.pickedUpAt)))
    .orderBy(asc(shopOrders.shippedAt))
    .limit(1000);
}

// ---- shipping rules ----

export function listShippingRules(db: DbHandle): Promise<ShopShippingRuleRow[]> {
  return db.select().from(shopShippingRules).orderBy(asc(shopShippingRules.province));
}

/** The rule of a province, falling back to the default ('') rule. */
export async function shippingRuleFor(
  db: DbHandle,
  province: string,
): Promise<ShopShippingRuleRow | undefined> {
  const rows = await db
    .select()
    .from(shopShippingRules)
    .where(inArray(shopShippingRules.province, [province, '']));
  return rows.find((r) => r.province === province) ?? rows.find((r) => r.province === '');
}

export async function findShippingRule(
  db: DbHandle,
  province: string,
): Promise<ShopShippingRuleRow | undefined> {
  const [row] = await db.select().from(shopShippingRules).where(eq(shopShippingRules.province, province));
  return row;
}

export async function upsertShippingRule(db: DbHandle, row: ShopShippingRuleRow): Promise<void> {
  await db
    .insert(shopShippingRules)
    .values(row)
    .onConflictDoUpdate({
      target: shopShippingRules.province,
      set: { feeFen: row.feeFen, freeOverFen: row.freeOverFen, updatedAt: row.updatedAt },
    });
}

export async function deleteShippingRule(db: DbHandle, province: string): Promise<boolean> {
  const rows = await db
    .delete(shopShippingRules)
    .where(eq(shopShippingRules.province, province))
    .returning({ p: shopShippingRules.province });
  return rows.length > 0;
}
