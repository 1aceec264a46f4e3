import {
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  max,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type ListingValuationRow,
  listingValuationTable,
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
  type ValuationOverrideRow,
  valuationOverrideTable,
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

// ---- the listing valuation read model and overrides ----

export async function upsertListingValuation(db: DbHandle, row: ListingValuationRow): Promise<void> {
  const { listingId: _key, ...rest } = row;
  await db.insert(listingValuationTable).values(row).onConflictDoUpdate({
    target: listingValuationTable.listingId,
    set: rest,
  });
}

export async function deleteListingValuations(db: DbHandle, listingIds: readonly string[]): Promise<void> {
  if (listingIds.length === 0) return;
  await db.delete(listingValuationTable).where(inArray(listingValuationTable.listingId, [...listingIds]));
}

/** Removes the rows of listings not in `keep` (no longer public or no longer used); returns how many. */
export async function deleteListingValuationsExcept(db: DbHandle, keep: readonly string[]): Promise<number> {
  const gone = await db
    .delete(listingValuationTable)
    .where(keep.length === 0 ? undefined : notInArray(listingValuationTable.listingId, [...keep]))
    .returning({ id: listingValuationTable.listingId });
  return gone.length;
}

export async function hasAnyListingValuation(db: DbHandle): Promise<boolean> {
  const rows = await db.select({ id: listingValuationTable.listingId }).from(listingValuationTable).limit(1);
  return rows.length > 0;
}

export async function findListingValuation(
  db: DbHandle,
  listingId: string,
): Promise<ListingValuationRow | undefined> {
  const [row] = await db
    .select()
    .from(listingValuationTable)
    .where(eq(listingValuationTable.listingId, listingId));
  return row;
}

/** Locks a listing's read-model row until the transaction ends (override writes serialise on it). */
export async function lockListingValuation(
  tx: DbHandle,
  listingId: string,
): Promise<ListingValuationRow | undefined> {
  const [row] = await tx
    .select()
    .from(listingValuationTable)
    .where(eq(listingValuationTable.listingId, listingId))
    .for('update');
  return row;
}

export async function setListingValuationValue(
  db: DbHandle,
  listingId: string,
  values: Pick<ListingValuationRow, 'overrideFen' | 'valueFen' | 'flag' | 'diffBp' | 'gapBp'>,
): Promise<void> {
  await db.update(listingValuationTable).set(values).where(eq(listingValuationTable.listingId, listingId));
}

export interface ValuationBoardFilter {
  flag?: ListingValuationRow['flag'];
  cityCode?: string;
  brandSlug?: string;
  q?: string;
  status?: ListingValuationRow['status'];
  overridden?: boolean;
  /** The last row of the previous page (sorted by gap, largest first, then listing id). */
  after?: { gapBp: number; listingId: string };
  limit: number;
}

/** One page (limit + 1 rows) of the board, the furthest from their valuation first. */
export function listListingValuations(db: DbHandle, f: ValuationBoardFilter): Promise<ListingValuationRow[]> {
  const t = listingValuationTable;
  const where: (SQL | undefined)[] = [
    f.flag ? eq(t.flag, f.flag) : undefined,
    f.cityCode ? eq(t.cityCode, f.cityCode) : undefined,
    f.brandSlug ? eq(t.brandSlug, f.brandSlug) : undefined,
    f.status ? eq(t.status, f.status) : undefined,
    f.overridden === undefined ? undefined : f.overridden ? isNotNull(t.overrideFen) : isNull(t.overrideFen),
    f.q ? or(ilike(t.title, `%${escapeLike(f.q)}%`), eq(t.listingId, f.q)) : undefined,
    f.after
      ? or(lt(t.gapBp, f.after.gapBp), and(eq(t.gapBp, f.after.gapBp), gt(t.listingId, f.after.listingId)))
      : undefined,
  ];
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.gapBp), asc(t.listingId))
    .limit(f.limit + 1);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function activeOverride(
  db: DbHandle,
  listingId: string,
): Promise<ValuationOverrideRow | undefined> {
  const [row] = await db
    .select()
    .from(valuationOverrideTable)
    .where(and(eq(valuationOverrideTable.listingId, listingId), isNull(valuationOverrideTable.clearedAt)));
  return row;
}

export function overrideHistory(db: DbHandle, listingId: string): Promise<ValuationOverrideRow[]> {
  return db
    .select()
    .from(valuationOverrideTable)
    .where(eq(valuationOverrideTable.listingId, listingId))
    .orderBy(desc(valuationOverrideTable.setAt), desc(valuationOverrideTable.id))
    .limit(200);
}

export async function insertValuationOverride(db: DbHandle, row: ValuationOverrideRow): Promise<void> {
  await db.insert(valuationOverrideTable).values(row);
}

export async function clearValuationOverride(
  db: DbHandle,
  id: string,
  cleared: { at: Date; by: string; byName: string; reason: string },
): Promise<void> {
  await db
    .update(valuationOverrideTable)
    .set({
      clearedAt: cleared.at,
      clearedBy: cleared.by,
      clearedByName: cleared.byName,
      clearReason: cleared.reason,
    })
    .where(and(eq(valuationOverrideTable.id, id), isNull(valuationOverrideTable.clearedAt)));
}
