import { and, count, eq, gt, lt, lte, or, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { RiskCaseStatus, VelocityRule } from './risk.enums.js';
import {
  type NewRiskCaseRow,
  type NewRiskRuleRow,
  type NewRiskSignalRow,
  type RiskCaseRow,
  type RiskRuleRow,
  type RiskSignalKind,
  riskCases,
  riskRules,
  riskSignals,
} from './risk.schema.js';

// The only code that reads and writes the risk tables.

// ---- rules

export function listRules(db: DbHandle): Promise<RiskRuleRow[]> {
  return db.select().from(riskRules).orderBy(riskRules.rule);
}

/** Writes the rows that are missing and keeps the ones that exist (operators' edits win); returns how many. */
export async function insertRulesIfMissing(db: DbHandle, rows: NewRiskRuleRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(riskRules)
    .values(rows)
    .onConflictDoNothing({ target: riskRules.rule })
    .returning({ rule: riskRules.rule });
  return inserted.length;
}

export async function lockRule(db: DbHandle, rule: VelocityRule): Promise<RiskRuleRow | undefined> {
  const [row] = await db.select().from(riskRules).where(eq(riskRules.rule, rule)).for('update');
  return row;
}

export async function updateRule(
  db: DbHandle,
  rule: VelocityRule,
  set: Pick<NewRiskRuleRow, 'maxCount' | 'windowMinutes' | 'enabled' | 'updatedAt' | 'updatedBy'>,
): Promise<RiskRuleRow | undefined> {
  const [row] = await db.update(riskRules).set(set).where(eq(riskRules.rule, rule)).returning();
  return row;
}

// ---- signals

/** Records a checkout's signals once per order; returns false when that order was already recorded. */
export async function insertSignal(db: DbHandle, row: NewRiskSignalRow): Promise<boolean> {
  const inserted = await db
    .insert(riskSignals)
    .values(row)
    .onConflictDoNothing({ target: riskSignals.subjectId })
    .returning({ id: riskSignals.id });
  return inserted.length > 0;
}

const SIGNAL_COLUMN = {
  phone: riskSignals.phoneHash,
  device: riskSignals.deviceId,
  ip: riskSignals.ip,
} as const;

/**
 * Orders with this signal value in the window `(at - windowMinutes, at]`: one aggregate statement per
 * rule. Flags only add review, so a concurrent checkout counted or not is harmless.
 */
export async function countSignals(
  db: DbHandle,
  kind: RiskSignalKind,
  value: string,
  windowMinutes: number,
  at: Date,
): Promise<number> {
  const since = new Date(at.getTime() - windowMinutes * 60_000);
  const [row] = await db
    .select({ n: count() })
    .from(riskSignals)
    .where(and(eq(SIGNAL_COLUMN[kind], value), gt(riskSignals.at, since), lte(riskSignals.at, at)));
  return row?.n ?? 0;
}

/** Deletes signals recorded before `before` (retention); returns how many. */
export async function deleteSignalsBefore(db: DbHandle, before: Date): Promise<number> {
  const deleted = await db
    .delete(riskSignals)
    .where(lt(riskSignals.at, before))
    .returning({ id: riskSignals.id });
  return deleted.length;
}

// ---- cases

/** Inserts a case unless an open one for the same subject and rule exists; returns it if inserted. */
export async function insertCaseIfNoneOpen(
  db: DbHandle,
  row: NewRiskCaseRow,
): Promise<RiskCaseRow | undefined> {
  const [inserted] = await db.insert(riskCases).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findOpenCase(
  db: DbHandle,
  subjectType: RiskCaseRow['subjectType'],
  subjectId: string,
  rule: RiskCaseRow['rule'],
): Promise<RiskCaseRow | undefined> {
  const [row] = await db
    .select()
    .from(riskCases)
    .where(
      and(
        eq(riskCases.subjectType, subjectType),
        eq(riskCases.subjectId, subjectId),
        eq(riskCases.rule, rule),
        eq(riskCases.status, 'open'),
      ),
    );
  return row;
}

export async function findCase(db: DbHandle, id: string): Promise<RiskCaseRow | undefined> {
  const [row] = await db.select().from(riskCases).where(eq(riskCases.id, id));
  return row;
}

/** Locks the case for a decision (`for update`): two people deciding at once queue here. */
export async function lockCase(db: DbHandle, id: string): Promise<RiskCaseRow | null> {
  const [row] = await db.select().from(riskCases).where(eq(riskCases.id, id)).for('update');
  return row ?? null;
}

export async function decideCase(
  db: DbHandle,
  id: string,
  set: Pick<
    NewRiskCaseRow,
    'status' | 'decisionNote' | 'decidedBy' | 'decidedByName' | 'decidedAt' | 'updatedAt'
  >,
): Promise<RiskCaseRow | undefined> {
  const [row] = await db.update(riskCases).set(set).where(eq(riskCases.id, id)).returning();
  return row;
}

export async function hasOpenCaseForOrder(db: DbHandle, orderId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(riskCases)
    .where(and(eq(riskCases.orderId, orderId), eq(riskCases.status, 'open')))
    .limit(1);
  return rows.length > 0;
}

/** Oldest first (the queue is worked in order), keyset-paged on (created_at, id); returns limit+1 rows. */
export function listCases(
  db: DbHandle,
  filter: { status?: RiskCaseStatus | undefined; orderId?: string | undefined },
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<RiskCaseRow[]> {
  const keyset = after
    ? or(
        gt(riskCases.createdAt, new Date(after.createdAt)),
        and(eq(riskCases.createdAt, new Date(after.createdAt)), gt(riskCases.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(riskCases)
    .where(
      and(
        filter.status ? eq(riskCases.status, filter.status) : undefined,
        filter.orderId ? eq(riskCases.orderId, filter.orderId) : undefined,
        keyset,
      ),
    )
    .orderBy(riskCases.createdAt, riskCases.id)
    .limit(limit + 1);
}
