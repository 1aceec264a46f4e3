import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { TLoanApplicationState } from './finance.applications.contract.js';
import {
  type LenderCallbackRow,
  type LoanApplicationRow,
  lenderCallbacks,
  loanApplications,
  type NewLenderCallbackRow,
  type NewLoanApplicationRow,
  type SandboxLenderCaseRow,
  sandboxLenderCases,
} from './finance.applications.schema.js';
import type { LenderCode } from './finance.enums.js';

// The only SQL on the loan-application tables (and on the sandbox lender's book).

// ---- applications ----

export async function insertApplication(
  db: DbHandle,
  row: NewLoanApplicationRow,
): Promise<LoanApplicationRow> {
  const [inserted] = await db.insert(loanApplications).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function findApplication(db: DbHandle, id: string): Promise<LoanApplicationRow | undefined> {
  const [row] = await db.select().from(loanApplications).where(eq(loanApplications.id, id));
  return row;
}

/** Locks an application (`for update`): callbacks, queries and the buyer's actions queue on it. */
export async function lockApplication(db: DbHandle, id: string): Promise<LoanApplicationRow | undefined> {
  const [row] = await db.select().from(loanApplications).where(eq(loanApplications.id, id)).for('update');
  return row;
}

/** Writes fields of a locked application and bumps its version; returns the row as stored. */
export async function updateApplication(
  db: DbHandle,
  id: string,
  patch: Partial<Omit<NewLoanApplicationRow, 'id' | 'version'>>,
): Promise<LoanApplicationRow> {
  const [row] = await db
    .update(loanApplications)
    .set({ ...patch, version: sql`${loanApplications.version} + 1` })
    .where(eq(loanApplications.id, id))
    .returning();
  if (!row) throw new Error(`loan application ${id} vanished under its lock`);
  return row;
}

/** Stores the lender's reference once (a retried submission or an early callback may race to it). */
export async function setLenderRefIfAbsent(
  db: DbHandle,
  id: string,
  lenderRef: string,
  at: Date,
): Promise<LoanApplicationRow | undefined> {
  const [row] = await db
    .update(loanApplications)
    .set({ lenderRef, updatedAt: at, version: sql`${loanApplications.version} + 1` })
    .where(and(eq(loanApplications.id, id), isNull(loanApplications.lenderRef)))
    .returning();
  return row;
}

export interface ApplicationFilter {
  buyerId?: string | undefined;
  state?: TLoanApplicationState | undefined;
  lenderCode?: LenderCode | undefined;
  cityCode?: string | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  after?: { t: string; id: string } | undefined;
  limit: number;
}

/** Newest first, `limit + 1` rows after the cursor. */
export async function listApplications(db: DbHandle, f: ApplicationFilter): Promise<LoanApplicationRow[]> {
  const where: SQL[] = [];
  if (f.buyerId) where.push(eq(loanApplications.buyerId, f.buyerId));
  if (f.state) where.push(eq(loanApplications.state, f.state));
  if (f.lenderCode) where.push(eq(loanApplications.lenderCode, f.lenderCode));
  if (f.cityCode) where.push(eq(loanApplications.cityCode, f.cityCode));
  if (f.createdFrom) where.push(gte(loanApplications.createdAt, f.createdFrom));
  if (f.createdBefore) where.push(lt(loanApplications.createdAt, f.createdBefore));
  if (f.after) {
    const t = new Date(f.after.t);
    const older = or(
      lt(loanApplications.createdAt, t),
      and(eq(loanApplications.createdAt, t), lt(loanApplications.id, f.after.id)),
    );
    if (older) where.push(older);
  }
  return db
    .select()
    .from(loanApplications)
    .where(and(...where))
    .orderBy(desc(loanApplications.createdAt), desc(loanApplications.id))
    .limit(f.limit + 1);
}

/** Applications waiting on their lender since before `quietSince` (oldest first). */
export async function listWaitingOnLender(
  db: DbHandle,
  states: readonly TLoanApplicationState[],
  quietSince: Date,
  limit: number,
): Promise<LoanApplicationRow[]> {
  return db
    .select()
    .from(loanApplications)
    .where(and(inArray(loanApplications.state, [...states]), lte(loanApplications.updatedAt, quietSince)))
    .orderBy(asc(loanApplications.updatedAt))
    .limit(limit);
}

// ---- callbacks ----

/**
 * Records a verified callback unless its (lender, event id) is already recorded; returns the new row, or
 * undefined for a repeat. A concurrent twin waits on the unique index and then sees the first.
 */
export async function insertVerifiedCallback(
  db: DbHandle,
  row: NewLenderCallbackRow,
): Promise<LenderCallbackRow | undefined> {
  const [inserted] = await db
    .insert(lenderCallbacks)
    .values(row)
    .onConflictDoNothing({
      target: [lenderCallbacks.lenderCode, lenderCallbacks.providerEventId],
      where: sql`${lenderCallbacks.signatureVerified} and ${lenderCallbacks.providerEventId} is not null`,
    })
    .returning();
  return inserted;
}

/** Records a callback that failed verification or could not be read (never unique on its event id). */
export async function insertCallbackRecord(db: DbHandle, row: NewLenderCallbackRow): Promise<void> {
  await db.insert(lenderCallbacks).values(row);
}

export async function lockVerifiedCallback(
  db: DbHandle,
  lenderCode: LenderCode,
  eventId: string,
): Promise<LenderCallbackRow | undefined> {
  const [row] = await db
    .select()
    .from(lenderCallbacks)
    .where(
      and(
        eq(lenderCallbacks.lenderCode, lenderCode),
        eq(lenderCallbacks.providerEventId, eventId),
        eq(lenderCallbacks.signatureVerified, true),
      ),
    )
    .for('update');
  return row;
}

export async function updateCallback(
  db: DbHandle,
  id: string,
  patch: Partial<Omit<NewLenderCallbackRow, 'id'>>,
): Promise<void> {
  await db.update(lenderCallbacks).set(patch).where(eq(lenderCallbacks.id, id));
}

export async function countRepeatDelivery(db: DbHandle, id: string, at: Date): Promise<void> {
  await db
    .update(lenderCallbacks)
    .set({ deliveries: sql`${lenderCallbacks.deliveries} + 1`, lastReceivedAt: at })
    .where(eq(lenderCallbacks.id, id));
}

export async function listCallbacksOf(db: DbHandle, applicationId: string): Promise<LenderCallbackRow[]> {
  return db
    .select()
    .from(lenderCallbacks)
    .where(eq(lenderCallbacks.applicationId, applicationId))
    .orderBy(asc(lenderCallbacks.receivedAt), asc(lenderCallbacks.id))
    .limit(200);
}

// ---- the sandbox lender's book ----

/** Opens a case, or returns the one already open for this application (a retried submission). */
export async function openSandboxCase(
  db: DbHandle,
  row: SandboxLenderCaseRow,
): Promise<{ row: SandboxLenderCaseRow; opened: boolean }> {
  const [inserted] = await db.insert(sandboxLenderCases).values(row).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, opened: true };
  const [existing] = await db
    .select()
    .from(sandboxLenderCases)
    .where(
      and(
        eq(sandboxLenderCases.lenderCode, row.lenderCode),
        eq(sandboxLenderCases.applicationId, row.applicationId),
      ),
    );
  if (!existing) throw new Error('sandbox case neither inserted nor found');
  return { row: existing, opened: false };
}

export async function findSandboxCase(
  db: DbHandle,
  lenderRef: string,
): Promise<SandboxLenderCaseRow | undefined> {
  const [row] = await db.select().from(sandboxLenderCases).where(eq(sandboxLenderCases.lenderRef, lenderRef));
  return row;
}

export async function updateSandboxCase(
  db: DbHandle,
  lenderRef: string,
  patch: Partial<Omit<SandboxLenderCaseRow, 'lenderRef'>>,
): Promise<SandboxLenderCaseRow | undefined> {
  const [row] = await db
    .update(sandboxLenderCases)
    .set(patch)
    .where(eq(sandboxLenderCases.lenderRef, lenderRef))
    .returning();
  return row;
}
