import { and, asc, desc, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type NewRuleVersionRow,
  type PriceAlertRow,
  type PriceHistoryRow,
  priceAlertTable,
  priceHistoryTable,
  type QuoteRow,
  quoteTable,
  type RuleVersionRow,
  ruleVersionTable,
  type TradeInValuationRow,
  tradeInValuationTable,
} from './pricing.schema.js';

// The only code that reads and writes the pricing tables.

export function listRuleVersions(db: DbHandle): Promise<RuleVersionRow[]> {
  return db
    .select()
    .from(ruleVersionTable)
    .orderBy(asc(ruleVersionTable.code), asc(ruleVersionTable.scope), asc(ruleVersionTable.version));
}

/** The next version number of a rule in a scope (call inside the transaction that inserts it). */
export async function nextVersion(
  db: DbHandle,
  code: RuleVersionRow['code'],
  scope: string,
): Promise<number> {
  // Serialises concurrent saves of one rule and scope until the transaction ends.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`pricing:${code}:${scope}`}))`);
  const [row] = await db
    .select({ v: max(ruleVersionTable.version) })
    .from(ruleVersionTable)
    .where(and(eq(ruleVersionTable.code, code), eq(ruleVersionTable.scope, scope)));
  return (row?.v ?? 0) + 1;
}

export async function insertRuleVersion(db: DbHandle, row: NewRuleVersionRow): Promise<void> {
  await db.insert(ruleVersionTable).values(row);
}

export async function insertRuleVersionsIfMissing(db: DbHandle, rows: NewRuleVersionRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(ruleVersionTable)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: ruleVersionTable.id });
  return inserted.length;
}

export async function insertQuote(db: DbHandle, row: QuoteRow): Promise<void> {
  await db.insert(quoteTable).values(row);
}

export async function findQuote(db: DbHandle, id: string): Promise<QuoteRow | undefined> {
  const [row] = await db.select().from(quoteTable).where(eq(quoteTable.id, id));
  return row;
}

// ---- price history and alerts ----

export async function lastPrice(db: DbHandle, listingId: string): Promise<PriceHistoryRow | undefined> {
  const [row] = await db
    .select()
    .from(priceHistoryTable)
    .where(eq(priceHistoryTable.listingId, listingId))
    .orderBy(desc(priceHistoryTable.changedAt), desc(priceHistoryTable.id))
    .limit(1);
  return row;
}

export async function insertPricePoint(db: DbHandle, row: PriceHistoryRow): Promise<void> {
  await db.insert(priceHistoryTable).values(row);
}

export function priceHistory(db: DbHandle, listingId: string, limit: number): Promise<PriceHistoryRow[]> {
  return db
    .select()
    .from(priceHistoryTable)
    .where(eq(priceHistoryTable.listingId, listingId))
    .orderBy(asc(priceHistoryTable.changedAt), asc(priceHistoryTable.id))
    .limit(limit);
}

export async function upsertPriceAlert(db: DbHandle, row: PriceAlertRow): Promise<void> {
  await db
    .insert(priceAlertTable)
    .values(row)
    .onConflictDoNothing({ target: [priceAlertTable.listingId, priceAlertTable.buyerId] });
}

export async function deletePriceAlert(db: DbHandle, listingId: string, buyerId: string): Promise<number> {
  const gone = await db
    .delete(priceAlertTable)
    .where(and(eq(priceAlertTable.listingId, listingId), eq(priceAlertTable.buyerId, buyerId)))
    .returning({ id: priceAlertTable.id });
  return gone.length;
}

export async function findPriceAlert(
  db: DbHandle,
  listingId: string,
  buyerId: string,
): Promise<PriceAlertRow | undefined> {
  const [row] = await db
    .select()
    .from(priceAlertTable)
    .where(and(eq(priceAlertTable.listingId, listingId), eq(priceAlertTable.buyerId, buyerId)));
  return row;
}

/**
 * Takes the alerts a drop to `priceFen` fires: each one whose reference is above it moves its reference
 * down to the new price in the same statement (so a redelivered event notifies nobody twice).
 */
/**
 * The alerts a price below their reference fires, as they were (the reference the buyer was told about), each
 * moved to the new price so the same drop fires once.
 */
export async function takeFiredAlerts(
  db: DbHandle,
  listingId: string,
  priceFen: number,
): Promise<PriceAlertRow[]> {
  const fired = await db
    .select()
    .from(priceAlertTable)
    .where(and(eq(priceAlertTable.listingId, listingId), gt(priceAlertTable.referenceFen, priceFen)))
    .for('update');
  if (fired.length > 0) {
    await db
      .update(priceAlertTable)
      .set({ referenceFen: priceFen })
      .where(
        inArray(
          priceAlertTable.id,
          fired.map((a) => a.id),
        ),
      );
  }
  return fired;
}

// ---- trade-in valuations ----

export async function insertTradeInValuation(db: DbHandle, row: TradeInValuationRow): Promise<void> {
  await db.insert(tradeInValuationTable).values(row);
}

export async function findTradeInValuation(
  db: DbHandle,
  id: string,
): Promise<TradeInValuationRow | undefined> {
  const [row] = await db.select().from(tradeInValuationTable).where(eq(tradeInValuationTable.id, id));
  return row;
}
