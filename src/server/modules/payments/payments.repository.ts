import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type {
  OnlineProvider,
  PaymentIntentStatus,
  PaymentProvider,
  PaymentPurpose,
  RefundStatus,
} from './payments.enums.js';
import {
  type LedgerEntryRow,
  ledgerEntries,
  type NewPaymentIntentRow,
  type NewPaymentRefundRow,
  type PaymentIntentRow,
  type PaymentNotificationRow,
  type PaymentRefundRow,
  paymentIntents,
  paymentNotifications,
  paymentRefunds,
  type ReconMismatchRow,
  type ReconRunRow,
  reconMismatches,
  reconRuns,
  type SandboxRefundRow,
  type SandboxTradeRow,
  sandboxRefunds,
  sandboxTrades,
  type TransferProofRow,
  transferProofs,
} from './payments.schema.js';

// The only code that reads and writes the payments tables. State changes run on rows locked `for update`
// (or as one conditional update), never read-then-write.

// ---- intents ----

export async function insertIntent(db: DbHandle, row: NewPaymentIntentRow): Promise<PaymentIntentRow> {
  const [inserted] = await db.insert(paymentIntents).values(row).returning();
  if (!inserted) throw new Error('intent insert returned nothing');
  return inserted;
}

export async function findIntent(db: DbHandle, id: string): Promise<PaymentIntentRow | undefined> {
  const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, id));
  return row;
}

export async function lockIntent(db: DbHandle, id: string): Promise<PaymentIntentRow | null> {
  const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, id)).for('update');
  return row ?? null;
}

export async function lockIntentByMerchantNo(
  db: DbHandle,
  merchantOrderNo: string,
): Promise<PaymentIntentRow | null> {
  const [row] = await db
    .select()
    .from(paymentIntents)
    .where(eq(paymentIntents.merchantOrderNo, merchantOrderNo))
    .for('update');
  return row ?? null;
}

export async function findIntentByMerchantNo(
  db: DbHandle,
  merchantOrderNo: string,
): Promise<PaymentIntentRow | undefined> {
  const [row] = await db
    .select()
    .from(paymentIntents)
    .where(eq(paymentIntents.merchantOrderNo, merchantOrderNo));
  return row;
}

export async function updateIntent(
  db: DbHandle,
  id: string,
  set: Partial<NewPaymentIntentRow>,
): Promise<PaymentIntentRow> {
  const [row] = await db.update(paymentIntents).set(set).where(eq(paymentIntents.id, id)).returning();
  if (!row) throw new Error(`intent ${id} vanished`);
  return row;
}

export function listIntentsOfOrder(db: DbHandle, orderId: string): Promise<PaymentIntentRow[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(eq(paymentIntents.orderId, orderId))
    .orderBy(asc(paymentIntents.createdAt), asc(paymentIntents.id));
}

/** The order's intents locked in id order (one order of locking everywhere: no deadlocks). */
export function lockIntentsOfOrder(db: DbHandle, orderId: string): Promise<PaymentIntentRow[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(eq(paymentIntents.orderId, orderId))
    .orderBy(asc(paymentIntents.id))
    .for('update');
}

export interface IntentFilter {
  status?: PaymentIntentStatus | undefined;
  provider?: PaymentProvider | undefined;
  purpose?: PaymentPurpose | undefined;
  orderId?: string | undefined;
  payerUserId?: string | undefined;
}

export function listIntents(
  db: DbHandle,
  filter: IntentFilter,
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<PaymentIntentRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(paymentIntents.status, filter.status));
  if (filter.provider) where.push(eq(paymentIntents.provider, filter.provider));
  if (filter.purpose) where.push(eq(paymentIntents.purpose, filter.purpose));
  if (filter.orderId) where.push(eq(paymentIntents.orderId, filter.orderId));
  if (filter.payerUserId) where.push(eq(paymentIntents.payerUserId, filter.payerUserId));
  if (after) {
    const at = new Date(after.createdAt);
    const page = or(
      lt(paymentIntents.createdAt, at),
      and(eq(paymentIntents.createdAt, at), lt(paymentIntents.id, after.id)),
    );
    if (page) where.push(page);
  }
  return db
    .select()
    .from(paymentIntents)
    .where(and(...where))
    .orderBy(desc(paymentIntents.createdAt), desc(paymentIntents.id))
    .limit(limit + 1);
}

/** Online intents still pending that were opened before `before` (the query job's work list). */
export function listPendingOnline(db: DbHandle, before: Date, limit: number): Promise<PaymentIntentRow[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(
      and(
        eq(paymentIntents.status, 'pending'),
        sql`${paymentIntents.provider} <> 'bank_transfer'`,
        lte(paymentIntents.createdAt, before),
        or(isNull(paymentIntents.lastQueriedAt), lte(paymentIntents.lastQueriedAt, before)),
      ),
    )
    .orderBy(asc(paymentIntents.createdAt))
    .limit(limit);
}

/** Bank-transfer intents past their time (no gateway to ask). */
export function listExpiredTransfers(db: DbHandle, now: Date, limit: number): Promise<PaymentIntentRow[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(
      and(
        eq(paymentIntents.status, 'pending'),
        eq(paymentIntents.provider, 'bank_transfer'),
        lte(paymentIntents.expiresAt, now),
      ),
    )
    .limit(limit);
}

/** Intents of a provider that succeeded within [from, to) (reconciliation). */
export function listSucceededBetween(
  db: DbHandle,
  provider: OnlineProvider,
  from: Date,
  to: Date,
): Promise<PaymentIntentRow[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(
      and(
        eq(paymentIntents.provider, provider),
        gte(paymentIntents.succeededAt, from),
        lt(paymentIntents.succeededAt, to),
      ),
    );
}

export function findIntentsByMerchantNos(db: DbHandle, nos: string[]): Promise<PaymentIntentRow[]> {
  if (nos.length === 0) return Promise.resolve([]);
  return db.select().from(paymentIntents).where(inArray(paymentIntents.merchantOrderNo, nos));
}

// ---- refunds ----

export async function insertRefund(db: DbHandle, row: NewPaymentRefundRow): Promise<PaymentRefundRow> {
  const [inserted] = await db.insert(paymentRefunds).values(row).returning();
  if (!inserted) throw new Error('refund insert returned nothing');
  return inserted;
}

export async function findRefund(db: DbHandle, id: string): Promise<PaymentRefundRow | undefined> {
  const [row] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id));
  return row;
}

export async function lockRefund(db: DbHandle, id: string): Promise<PaymentRefundRow | null> {
  const [row] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id)).for('update');
  return row ?? null;
}

export async function updateRefund(
  db: DbHandle,
  id: string,
  set: Partial<NewPaymentRefundRow>,
): Promise<PaymentRefundRow> {
  const [row] = await db.update(paymentRefunds).set(set).where(eq(paymentRefunds.id, id)).returning();
  if (!row) throw new Error(`refund ${id} vanished`);
  return row;
}

export function listRefundsOfOrder(db: DbHandle, orderId: string): Promise<PaymentRefundRow[]> {
  return db
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, orderId))
    .orderBy(asc(paymentRefunds.createdAt));
}

export function listRefundsOfIntent(db: DbHandle, intentId: string): Promise<PaymentRefundRow[]> {
  return db.select().from(paymentRefunds).where(eq(paymentRefunds.intentId, intentId));
}

export function listRefunds(
  db: DbHandle,
  status: RefundStatus | undefined,
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<PaymentRefundRow[]> {
  const where: SQL[] = [];
  if (status) where.push(eq(paymentRefunds.status, status));
  if (after) {
    const at = new Date(after.createdAt);
    const page = or(
      lt(paymentRefunds.createdAt, at),
      and(eq(paymentRefunds.createdAt, at), lt(paymentRefunds.id, after.id)),
    );
    if (page) where.push(page);
  }
  return db
    .select()
    .from(paymentRefunds)
    .where(and(...where))
    .orderBy(desc(paymentRefunds.createdAt), desc(paymentRefunds.id))
    .limit(limit + 1);
}

/** Refunds in flight at a gateway (the query job asks about them). */
export function listProcessingRefunds(
  db: DbHandle,
  before: Date,
  limit: number,
): Promise<PaymentRefundRow[]> {
  return db
    .select()
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.status, 'processing'), lte(paymentRefunds.updatedAt, before)))
    .limit(limit);
}

export function listRefundsSettledBetween(
  db: DbHandle,
  provider: OnlineProvider,
  from: Date,
  to: Date,
): Promise<PaymentRefundRow[]> {
  return db
    .select()
    .from(paymentRefunds)
    .where(
      and(
        eq(paymentRefunds.provider, provider),
        eq(paymentRefunds.status, 'succeeded'),
        gte(paymentRefunds.settledAt, from),
        lt(paymentRefunds.settledAt, to),
      ),
    );
}

export function findRefundsByNos(db: DbHandle, nos: string[]): Promise<PaymentRefundRow[]> {
  if (nos.length === 0) return Promise.resolve([]);
  return db.select().from(paymentRefunds).where(inArray(paymentRefunds.refundNo, nos));
}

// ---- notifications ----

/** Records a verified notification; undefined when (provider, event id) was recorded before. */
export async function insertVerifiedNotification(
  db: DbHandle,
  row: typeof paymentNotifications.$inferInsert,
): Promise<PaymentNotificationRow | undefined> {
  const [inserted] = await db
    .insert(paymentNotifications)
    .values(row)
    .onConflictDoNothing({
      target: [paymentNotifications.provider, paymentNotifications.providerEventId],
      where: sql`${paymentNotifications.providerEventId} is not null`,
    })
    .returning();
  return inserted;
}

export async function insertNotification(
  db: DbHandle,
  row: typeof paymentNotifications.$inferInsert,
): Promise<void> {
  await db.insert(paymentNotifications).values(row);
}

/** Counts a repeat delivery on the first record of an event. */
export async function countRepeat(
  db: DbHandle,
  provider: OnlineProvider,
  eventId: string,
  at: Date,
): Promise<void> {
  await db
    .update(paymentNotifications)
    .set({ deliveries: sql`${paymentNotifications.deliveries} + 1`, lastReceivedAt: at })
    .where(
      and(eq(paymentNotifications.provider, provider), eq(paymentNotifications.providerEventId, eventId)),
    );
}

export async function updateNotification(
  db: DbHandle,
  id: string,
  set: Partial<typeof paymentNotifications.$inferInsert>,
): Promise<void> {
  await db.update(paymentNotifications).set(set).where(eq(paymentNotifications.id, id));
}

export function listNotificationsOfIntent(db: DbHandle, intentId: string): Promise<PaymentNotificationRow[]> {
  return db
    .select()
    .from(paymentNotifications)
    .where(eq(paymentNotifications.intentId, intentId))
    .orderBy(asc(paymentNotifications.receivedAt));
}

// ---- ledger ----

export async function insertLedgerEntries(
  db: DbHandle,
  rows: (typeof ledgerEntries.$inferInsert)[],
): Promise<void> {
  await db.insert(ledgerEntries).values(rows);
}

export function listLedgerOfOrder(db: DbHandle, orderId: string): Promise<LedgerEntryRow[]> {
  return db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.orderId, orderId))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

/** Sum of debit - credit per (kind, account) of an order. */
export async function ledgerSums(
  db: DbHandle,
  orderId: string,
): Promise<{ kind: string; account: string; net: number }[]> {
  const rows = await db
    .select({
      kind: ledgerEntries.kind,
      account: ledgerEntries.account,
      net: sql<string>`coalesce(sum(${ledgerEntries.debitFen} - ${ledgerEntries.creditFen}), 0)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.orderId, orderId))
    .groupBy(ledgerEntries.kind, ledgerEntries.account);
  return rows.map((r) => ({ kind: r.kind, account: r.account, net: Number(r.net) }));
}

/** Postings whose debits differ from their credits (must be none). */
export async function unbalancedPostings(db: DbHandle): Promise<{ postingId: string; diff: number }[]> {
  const rows = await db
    .select({
      postingId: ledgerEntries.postingId,
      diff: sql<string>`sum(${ledgerEntries.debitFen}) - sum(${ledgerEntries.creditFen})`,
    })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.postingId)
    .having(sql`sum(${ledgerEntries.debitFen}) <> sum(${ledgerEntries.creditFen})`);
  return rows.map((r) => ({ postingId: r.postingId, diff: Number(r.diff) }));
}

// ---- transfer proofs ----

export async function insertProof(db: DbHandle, row: typeof transferProofs.$inferInsert): Promise<void> {
  await db.insert(transferProofs).values(row);
}

export async function findProofOfIntent(
  db: DbHandle,
  intentId: string,
): Promise<TransferProofRow | undefined> {
  const [row] = await db.select().from(transferProofs).where(eq(transferProofs.intentId, intentId));
  return row;
}

export async function findProofByKey(db: DbHandle, key: string): Promise<TransferProofRow | undefined> {
  const [row] = await db.select().from(transferProofs).where(eq(transferProofs.idempotencyKey, key));
  return row;
}

// ---- reconciliation ----

export async function insertReconRun(db: DbHandle, row: typeof reconRuns.$inferInsert): Promise<ReconRunRow> {
  const [inserted] = await db.insert(reconRuns).values(row).returning();
  if (!inserted) throw new Error('recon run insert returned nothing');
  return inserted;
}

export async function updateReconRun(
  db: DbHandle,
  id: string,
  set: Partial<typeof reconRuns.$inferInsert>,
): Promise<ReconRunRow> {
  const [row] = await db.update(reconRuns).set(set).where(eq(reconRuns.id, id)).returning();
  if (!row) throw new Error(`recon run ${id} vanished`);
  return row;
}

export async function findReconRun(db: DbHandle, id: string): Promise<ReconRunRow | undefined> {
  const [row] = await db.select().from(reconRuns).where(eq(reconRuns.id, id));
  return row;
}

export function listReconRuns(db: DbHandle, limit: number): Promise<ReconRunRow[]> {
  return db.select().from(reconRuns).orderBy(desc(reconRuns.startedAt), desc(reconRuns.id)).limit(limit);
}

export async function insertMismatches(
  db: DbHandle,
  rows: (typeof reconMismatches.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(reconMismatches).values(rows);
}

export function listMismatches(db: DbHandle, runId: string): Promise<ReconMismatchRow[]> {
  return db
    .select()
    .from(reconMismatches)
    .where(eq(reconMismatches.runId, runId))
    .orderBy(asc(reconMismatches.merchantOrderNo));
}

// ---- sandbox gateway books ----

export async function insertSandboxTrade(
  db: DbHandle,
  row: typeof sandboxTrades.$inferInsert,
): Promise<void> {
  await db.insert(sandboxTrades).values(row).onConflictDoNothing();
}

export async function findSandboxTrade(
  db: DbHandle,
  merchantOrderNo: string,
): Promise<SandboxTradeRow | undefined> {
  const [row] = await db
    .select()
    .from(sandboxTrades)
    .where(eq(sandboxTrades.merchantOrderNo, merchantOrderNo));
  return row;
}

/** Moves a sandbox trade out of WAIT in one conditional statement; undefined when it had left WAIT. */
export async function settleSandboxTrade(
  db: DbHandle,
  merchantOrderNo: string,
  state: 'PAID' | 'FAILED' | 'CLOSED',
  at: Date,
): Promise<SandboxTradeRow | undefined> {
  const [row] = await db
    .update(sandboxTrades)
    .set({ state, paidAt: state === 'PAID' ? at : null })
    .where(and(eq(sandboxTrades.merchantOrderNo, merchantOrderNo), eq(sandboxTrades.state, 'WAIT')))
    .returning();
  return row;
}

export async function insertSandboxRefund(
  db: DbHandle,
  row: typeof sandboxRefunds.$inferInsert,
): Promise<SandboxRefundRow> {
  await db.insert(sandboxRefunds).values(row).onConflictDoNothing();
  const [existing] = await db.select().from(sandboxRefunds).where(eq(sandboxRefunds.refundNo, row.refundNo));
  if (!existing) throw new Error('sandbox refund vanished');
  return existing;
}

/** What the sandbox has refunded of one trade so far. */
export async function sandboxRefundedFen(db: DbHandle, merchantOrderNo: string): Promise<number> {
  const [row] = await db
    .select({ fen: sql<number>`coalesce(sum(${sandboxRefunds.amountFen}), 0)::int` })
    .from(sandboxRefunds)
    .where(eq(sandboxRefunds.merchantOrderNo, merchantOrderNo));
  return row?.fen ?? 0;
}

export async function findSandboxRefund(
  db: DbHandle,
  refundNo: string,
): Promise<SandboxRefundRow | undefined> {
  const [row] = await db.select().from(sandboxRefunds).where(eq(sandboxRefunds.refundNo, refundNo));
  return row;
}

export function sandboxTradesPaidBetween(
  db: DbHandle,
  provider: OnlineProvider,
  from: Date,
  to: Date,
): Promise<SandboxTradeRow[]> {
  return db
    .select()
    .from(sandboxTrades)
    .where(
      and(
        eq(sandboxTrades.provider, provider),
        eq(sandboxTrades.state, 'PAID'),
        gte(sandboxTrades.paidAt, from),
        lt(sandboxTrades.paidAt, to),
      ),
    )
    .orderBy(asc(sandboxTrades.paidAt));
}

export function sandboxRefundsBetween(
  db: DbHandle,
  provider: OnlineProvider,
  from: Date,
  to: Date,
): Promise<SandboxRefundRow[]> {
  return db
    .select()
    .from(sandboxRefunds)
    .where(
      and(
        eq(sandboxRefunds.provider, provider),
        gte(sandboxRefunds.createdAt, from),
        lt(sandboxRefunds.createdAt, to),
      ),
    )
    .orderBy(asc(sandboxRefunds.createdAt));
}

export function sandboxTradesByNos(db: DbHandle, nos: string[]): Promise<SandboxTradeRow[]> {
  if (nos.length === 0) return Promise.resolve([]);
  return db.select().from(sandboxTrades).where(inArray(sandboxTrades.merchantOrderNo, nos));
}
