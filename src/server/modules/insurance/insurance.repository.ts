import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { InsurerCode } from './insurance.enums.js';
import {
  type ChoiceRow,
  choiceTable,
  type InsurerRow,
  insurerTable,
  type PlanRow,
  planTable,
  type QuoteRow,
  quoteTable,
} from './insurance.schema.js';

// The only code that reads and writes the insurance tables.

// ---- insurers ----

export function listInsurers(db: DbHandle): Promise<InsurerRow[]> {
  return db.select().from(insurerTable).orderBy(asc(insurerTable.displayOrder), asc(insurerTable.code));
}

export async function findInsurer(db: DbHandle, code: string): Promise<InsurerRow | undefined> {
  const [row] = await db
    .select()
    .from(insurerTable)
    .where(eq(insurerTable.code, code as InsurerCode));
  return row;
}

/** Stores the row unless one exists (seed, first console edit); returns whether it was inserted. */
export async function insertInsurerIfAbsent(db: DbHandle, row: InsurerRow): Promise<boolean> {
  const inserted = await db
    .insert(insurerTable)
    .values(row)
    .onConflictDoNothing()
    .returning({ code: insurerTable.code });
  return inserted.length > 0;
}

/** Locks the row for a change (`for update`): concurrent edits of one insurer queue here. */
export async function lockInsurer(db: DbHandle, code: string): Promise<InsurerRow | null> {
  const [row] = await db
    .select()
    .from(insurerTable)
    .where(eq(insurerTable.code, code as InsurerCode))
    .for('update');
  return row ?? null;
}

export async function updateInsurer(
  db: DbHandle,
  code: InsurerCode,
  set: Partial<Omit<InsurerRow, 'code'>>,
): Promise<void> {
  await db.update(insurerTable).set(set).where(eq(insurerTable.code, code));
}

// ---- quotes ----

export async function insertQuote(db: DbHandle, quote: QuoteRow, plans: PlanRow[]): Promise<void> {
  await db.insert(quoteTable).values(quote);
  if (plans.length > 0) await db.insert(planTable).values(plans);
}

export async function findQuote(
  db: DbHandle,
  id: string,
): Promise<{ quote: QuoteRow; plans: PlanRow[] } | undefined> {
  const [quote] = await db.select().from(quoteTable).where(eq(quoteTable.id, id));
  if (!quote) return undefined;
  const plans = await db
    .select()
    .from(planTable)
    .where(eq(planTable.quoteId, id))
    .orderBy(asc(planTable.displayOrder), asc(planTable.insurerCode));
  return { quote, plans };
}

// ---- choices ----

export interface ChoiceView {
  choice: ChoiceRow;
  plan: PlanRow;
  listingId: string | null;
}

const choiceView = {
  choice: choiceTable,
  plan: planTable,
  listingId: quoteTable.listingId,
};

function choiceJoin(db: DbHandle) {
  return db
    .select(choiceView)
    .from(choiceTable)
    .innerJoin(
      planTable,
      and(eq(planTable.quoteId, choiceTable.quoteId), eq(planTable.insurerCode, choiceTable.insurerCode)),
    )
    .innerJoin(quoteTable, eq(quoteTable.id, choiceTable.quoteId));
}

/** Inserts the choice unless the buyer already picked that plan; returns whether it was inserted. */
export async function insertChoiceIfAbsent(db: DbHandle, row: ChoiceRow): Promise<boolean> {
  const inserted = await db
    .insert(choiceTable)
    .values(row)
    .onConflictDoNothing({ target: [choiceTable.buyerId, choiceTable.quoteId, choiceTable.insurerCode] })
    .returning({ id: choiceTable.id });
  return inserted.length > 0;
}

export async function findChoice(db: DbHandle, id: string): Promise<ChoiceView | undefined> {
  const [row] = await choiceJoin(db).where(eq(choiceTable.id, id));
  return row;
}

export async function findChoiceOfPlan(
  db: DbHandle,
  buyerId: string,
  quoteId: string,
  insurerCode: InsurerCode,
): Promise<ChoiceView | undefined> {
  const [row] = await choiceJoin(db).where(
    and(
      eq(choiceTable.buyerId, buyerId),
      eq(choiceTable.quoteId, quoteId),
      eq(choiceTable.insurerCode, insurerCode),
    ),
  );
  return row;
}

/** A buyer's choices, newest first. */
export function listBuyerChoices(db: DbHandle, buyerId: string, limit: number): Promise<ChoiceView[]> {
  return choiceJoin(db)
    .where(eq(choiceTable.buyerId, buyerId))
    .orderBy(desc(choiceTable.chosenAt), desc(choiceTable.id))
    .limit(limit);
}
