import { and, asc, desc, eq, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { OrderStatus, RiskReview } from './orders.enums.js';
import {
  type NewOrderRow,
  type OrderEventRow,
  type OrderPaymentRow,
  type OrderRow,
  orderEventTable,
  orderPaymentTable,
  orderTable,
} from './orders.schema.js';

// The only code that reads and writes the orders tables.

export async function insertOrder(db: DbHandle, row: NewOrderRow): Promise<OrderRow> {
  const [inserted] = await db.insert(orderTable).values(row).returning();
  if (!inserted) throw new Error('insert returned no order');
  return inserted;
}

export async function findOrder(db: DbHandle, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orderTable).where(eq(orderTable.id, id));
  return row;
}

/** Live orders paid with a loan application (a disbursement moves them on). */
export async function findOrderIdsByLoanApplication(
  db: DbHandle,
  loanApplicationId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: orderTable.id })
    .from(orderTable)
    .where(eq(orderTable.loanApplicationId, loanApplicationId));
  return rows.map((r) => r.id);
}

/** Locks the row (`for update`): every change to one order queues here, payments and cancels alike. */
export async function lockOrder(db: DbHandle, id: string): Promise<OrderRow | null> {
  const [row] = await db.select().from(orderTable).where(eq(orderTable.id, id)).for('update');
  return row ?? null;
}

/** Writes a locked order; bumps the version and returns the row as stored. */
export async function updateOrder(db: DbHandle, id: string, set: Partial<NewOrderRow>): Promise<OrderRow> {
  const [row] = await db
    .update(orderTable)
    .set({ ...set, version: sql`${orderTable.version} + 1` })
    .where(eq(orderTable.id, id))
    .returning();
  if (!row) throw new Error(`order ${id} vanished under its lock`);
  return row;
}

/** The next order number's running part (a sequence: no lock held, no two callers get the same). */
export async function nextOrderSequence(db: DbHandle): Promise<number> {
  const result = (await db.execute(sql`select nextval('order_number_seq') as n`)) as unknown as {
    rows: { n: string | number }[];
  };
  const n = Number(result.rows[0]?.n);
  if (!Number.isSafeInteger(n)) throw new Error('order number sequence returned nothing');
  return n;
}

// ---- timeline ----

export async function insertTimelineEntry(db: DbHandle, row: OrderEventRow): Promise<void> {
  await db.insert(orderEventTable).values(row);
}

export function timelineOf(db: DbHandle, orderId: string): Promise<OrderEventRow[]> {
  return db
    .select()
    .from(orderEventTable)
    .where(eq(orderEventTable.orderId, orderId))
    .orderBy(asc(orderEventTable.at), asc(orderEventTable.id));
}

// ---- payments ----

/** Records a payment once: undefined when its reference was applied before (the retry is a no-op). */
export async function insertPaymentOnce(
  db: DbHandle,
  row: OrderPaymentRow,
): Promise<OrderPaymentRow | undefined> {
  const [inserted] = await db.insert(orderPaymentTable).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findPayment(db: DbHandle, paymentRef: string): Promise<OrderPaymentRow | undefined> {
  const [row] = await db.select().from(orderPaymentTable).where(eq(orderPaymentTable.paymentRef, paymentRef));
  return row;
}

// ---- lists ----

export interface OrderFilter {
  buyerId?: string | undefined;
  dealerId?: string | undefined;
  storeId?: string | undefined;
  status?: OrderStatus | undefined;
  riskReview?: RiskReview | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  q?: string | undefined;
}

function searchCondition(q: string): SQL | undefined {
  const s = q.trim().toUpperCase();
  if (/^AY\d{8}-\d{6}$/.test(s)) return eq(orderTable.orderNumber, s);
  if (/^\d{4}$/.test(s)) return eq(orderTable.buyerPhoneLast4, s);
  // A VIN, or its last characters (what staff read off the windscreen).
  if (/^[A-HJ-NPR-Z0-9]{4,17}$/.test(s)) {
    return s.length === 17 ? eq(orderTable.vin, s) : sql`${orderTable.vin} like ${`%${s}`}`;
  }
  return sql`false`;
}

function conditions(filter: OrderFilter): (SQL | undefined)[] {
  return [
    filter.buyerId ? eq(orderTable.buyerId, filter.buyerId) : undefined,
    filter.dealerId ? eq(orderTable.dealerId, filter.dealerId) : undefined,
    filter.storeId
      ? or(eq(orderTable.storeId, filter.storeId), eq(orderTable.unitStoreId, filter.storeId))
      : undefined,
    filter.status ? eq(orderTable.status, filter.status) : undefined,
    filter.riskReview ? eq(orderTable.riskReview, filter.riskReview) : undefined,
    filter.createdFrom ? sql`${orderTable.createdAt} >= ${filter.createdFrom.toISOString()}` : undefined,
    filter.createdBefore ? lt(orderTable.createdAt, filter.createdBefore) : undefined,
    filter.q ? searchCondition(filter.q) : undefined,
  ];
}

/** Newest first, keyset-paged on (created_at, id); returns limit+1 rows. */
export function listOrders(
  db: DbHandle,
  filter: OrderFilter,
  limit: number,
  after: { c: string; id: string } | undefined,
): Promise<OrderRow[]> {
  const keyset = after
    ? or(
        lt(orderTable.createdAt, new Date(after.c)),
        and(eq(orderTable.createdAt, new Date(after.c)), lt(orderTable.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(orderTable)
    .where(and(...conditions(filter), keyset))
    .orderBy(desc(orderTable.createdAt), desc(orderTable.id))
    .limit(limit + 1);
}

// ---- jobs ----

/**
 * Marks up to `limit` unpaid orders whose deadline falls within `leadMs` as reminded, in one statement,
 * and returns them: each gets one reminder, whichever process runs the job.
 */
export function claimPaymentReminders(
  db: DbHandle,
  now: Date,
  leadMs: number,
  limit: number,
): Promise<OrderRow[]> {
  const due = sql`(select ${orderTable.id} from ${orderTable}
    where ${orderTable.status} = 'created' and ${orderTable.reminderSentAt} is null
      and ${orderTable.paymentDeadline} > ${now.toISOString()}
      and ${orderTable.paymentDeadline} <= ${new Date(now.getTime() + leadMs).toISOString()}
    order by ${orderTable.paymentDeadline} limit ${limit} for update skip locked)`;
  return db
    .update(orderTable)
    .set({ reminderSentAt: now })
    .where(and(sql`${orderTable.id} in ${due}`, isNull(orderTable.reminderSentAt)))
    .returning();
}

/** Unpaid orders past their deadline (the expiry job cancels each under its own lock). */
export async function overdueOrderIds(db: DbHandle, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: orderTable.id })
    .from(orderTable)
    .where(and(eq(orderTable.status, 'created'), lte(orderTable.paymentDeadline, now)))
    .orderBy(asc(orderTable.paymentDeadline))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Paid orders nobody allocated since `cutoff` whose risk review does not stop them. */
export async function autoAllocatableOrderIds(db: DbHandle, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: orderTable.id })
    .from(orderTable)
    .where(
      and(
        eq(orderTable.status, 'deposit_paid'),
        lte(orderTable.depositPaidAt, cutoff),
        inArray(orderTable.riskReview, ['none', 'cleared']),
        sql`${orderTable.unitId} is not null`,
      ),
    )
    .orderBy(asc(orderTable.depositPaidAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
