import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { flushWritesAtCommit } from '../db/transaction.js';
import { type AuditRow, auditLog } from './audit.schema.js';

export interface AuditFilter {
  actorId?: string | undefined;
  /** Part of the actor label (an email or a masked phone), case-insensitive. */
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Set for dealer staff: only rows of their dealer. */
  dealerId?: string | null | undefined;
}

/** Escapes LIKE wildcards so a search for `a_b` matches literally. */
function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(f: AuditFilter): SQL[] {
  const c: SQL[] = [];
  if (f.actorId) c.push(eq(auditLog.actorId, f.actorId));
  if (f.actor) c.push(ilike(auditLog.actorLabel, `%${likeLiteral(f.actor)}%`));
  if (f.action) c.push(eq(auditLog.action, f.action));
  if (f.entityType) c.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.from) c.push(gte(auditLog.occurredAt, f.from));
  if (f.to) c.push(lte(auditLog.occurredAt, f.to));
  if (f.dealerId) c.push(eq(auditLog.dealerId, f.dealerId));
  return c;
}

/** Audit rows matching the filter, newest first, `limit + 1` rows after the cursor. */
export async function queryAudit(
  db: Db | Tx,
  filter: AuditFilter,
  limit: number,
  after?: { t: string; id: string },
): Promise<AuditRow[]> {
  await flushWritesAtCommit(db);
  const c = conditions(filter);
  if (after) {
    const t = new Date(after.t);
    c.push(or(lt(auditLog.occurredAt, t), and(eq(auditLog.occurredAt, t), lt(auditLog.id, after.id))) as SQL);
  }
  return db
    .select()
    .from(auditLog)
    .where(and(...c))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(limit + 1);
}

/** One audit row, or null (also when it belongs to another dealer than `dealerId`). */
export async function findAudit(db: Db | Tx, id: string, dealerId: string | null): Promise<AuditRow | null> {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.id, id), dealerId ? eq(auditLog.dealerId, dealerId) : undefined));
  return row ?? null;
}
