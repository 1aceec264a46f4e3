import { and, asc, desc, eq, gt, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  type ConversationMessageRow,
  type ConversationRow,
  leadConversationImageTable,
  leadConversationMessageTable,
  leadConversationTable,
  type NewConversationRow,
} from './leads.consultation.schema.js';

// Consultation tables only; the service decides who may see what.

export async function lockConversation(db: DbHandle, id: string): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(leadConversationTable)
    .where(eq(leadConversationTable.id, id))
    .for('update');
  return row ?? null;
}

export async function findConversation(db: DbHandle, id: string): Promise<ConversationRow | null> {
  const [row] = await db.select().from(leadConversationTable).where(eq(leadConversationTable.id, id));
  return row ?? null;
}

export async function insertConversation(db: DbHandle, row: NewConversationRow): Promise<ConversationRow> {
  const [inserted] = await db.insert(leadConversationTable).values(row).returning();
  if (!inserted) throw new Error('conversation insert returned nothing');
  return inserted;
}

export async function updateConversation(
  db: DbHandle,
  id: string,
  values: Partial<NewConversationRow>,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .update(leadConversationTable)
    .set(values)
    .where(eq(leadConversationTable.id, id))
    .returning();
  return row;
}

export async function listConversations(
  db: DbHandle,
  where: SQL,
  order: 'recent' | 'queue',
  limit = 100,
): Promise<ConversationRow[]> {
  return db
    .select()
    .from(leadConversationTable)
    .where(where)
    .orderBy(
      ...(order === 'queue'
        ? [asc(leadConversationTable.queuedAt), asc(leadConversationTable.id)]
        : [desc(leadConversationTable.lastMessageAt), desc(leadConversationTable.id)]),
    )
    .limit(limit);
}

export async function findMessageByClientId(
  db: DbHandle,
  conversationId: string,
  sender: ConversationMessageRow['sender'],
  clientMessageId: string,
): Promise<ConversationMessageRow | null> {
  const [row] = await db
    .select()
    .from(leadConversationMessageTable)
    .where(
      and(
        eq(leadConversationMessageTable.conversationId, conversationId),
        eq(leadConversationMessageTable.sender, sender),
        eq(leadConversationMessageTable.clientMessageId, clientMessageId),
      ),
    );
  return row ?? null;
}

export async function insertMessage(
  db: DbHandle,
  row: typeof leadConversationMessageTable.$inferInsert,
): Promise<ConversationMessageRow> {
  const [inserted] = await db.insert(leadConversationMessageTable).values(row).returning();
  if (!inserted) throw new Error('message insert returned nothing');
  return inserted;
}

/** Messages after `afterSeq`, oldest first. */
export function messagesAfter(
  db: DbHandle,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<ConversationMessageRow[]> {
  return db
    .select()
    .from(leadConversationMessageTable)
    .where(
      and(
        eq(leadConversationMessageTable.conversationId, conversationId),
        gt(leadConversationMessageTable.seq, afterSeq),
      ),
    )
    .orderBy(asc(leadConversationMessageTable.seq))
    .limit(limit);
}

/** The `limit` messages before `beforeSeq`, newest first. */
export function messagesBefore(
  db: DbHandle,
  conversationId: string,
  beforeSeq: number,
  limit: number,
): Promise<ConversationMessageRow[]> {
  return db
    .select()
    .from(leadConversationMessageTable)
    .where(
      and(
        eq(leadConversationMessageTable.conversationId, conversationId),
        lt(leadConversationMessageTable.seq, beforeSeq),
      ),
    )
    .orderBy(desc(leadConversationMessageTable.seq))
    .limit(limit);
}

/** Per conversation: messages from the other side after the reader's read mark, and the oldest one's time. */
export async function unreadOf(
  db: DbHandle,
  ids: readonly string[],
  reader: 'buyer' | 'advisor',
): Promise<Map<string, { count: number; oldest: Date | null }>> {
  const out = new Map<string, { count: number; oldest: Date | null }>();
  if (ids.length === 0) return out;
  const m = leadConversationMessageTable;
  const c = leadConversationTable;
  const readSeq = reader === 'buyer' ? c.buyerReadSeq : c.advisorReadSeq;
  const fromOther = reader === 'buyer' ? sql`${m.sender} <> 'buyer'` : sql`${m.sender} = 'buyer'`;
  const rows = await db
    .select({
      id: c.id,
      count: sql<number>`count(${m.id})::int`,
      oldest: sql<string | null>`min(${m.createdAt})`,
    })
    .from(c)
    .innerJoin(m, and(eq(m.conversationId, c.id), gt(m.seq, readSeq), fromOther))
    .where(sql`${c.id} in ${ids}`)
    .groupBy(c.id);
  for (const r of rows) out.set(r.id, { count: r.count, oldest: r.oldest ? new Date(r.oldest) : null });
  return out;
}

/** Live conversations per advisor (for the conversation limit). */
export async function activeCountsByAdvisor(db: DbHandle): Promise<Map<string, number>> {
  const c = leadConversationTable;
  const rows = await db
    .select({ advisor: c.advisorAccountId, n: sql<number>`count(*)::int` })
    .from(c)
    .where(and(eq(c.status, 'active'), isNotNull(c.advisorAccountId)))
    .groupBy(c.advisorAccountId);
  const out = new Map<string, number>();
  for (const r of rows) if (r.advisor) out.set(r.advisor, r.n);
  return out;
}

/** Queued conversations that started waiting before this one (the buyer's place in the queue). */
export async function queuedAhead(db: DbHandle, row: ConversationRow): Promise<number> {
  const c = leadConversationTable;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(c)
    .where(
      and(
        eq(c.status, 'queued'),
        sql`(${c.queuedAt}, ${c.id}) < (${row.queuedAt?.toISOString() ?? null}::timestamptz, ${row.id})`,
      ),
    );
  return r?.n ?? 0;
}

/** Average wait from queued to assigned over the last 20 queued conversations that got an advisor. */
export async function recentAverageWaitSeconds(db: DbHandle): Promise<number | null> {
  const c = leadConversationTable;
  const [r] = await db
    .select({
      avg: sql<string | null>`avg(extract(epoch from (w.assigned_at - w.queued_at)))`,
    })
    .from(
      sql`(select ${c.assignedAt} as assigned_at, ${c.queuedAt} as queued_at from ${c} where ${c.queuedAt} is not null and ${c.assignedAt} is not null order by ${c.assignedAt} desc limit 20) w`,
    );
  return r?.avg == null ? null : Math.round(Number(r.avg));
}

export async function insertImage(
  db: DbHandle,
  row: typeof leadConversationImageTable.$inferInsert,
): Promise<void> {
  await db.insert(leadConversationImageTable).values(row);
}

export async function findImage(db: DbHandle, id: string) {
  const [row] = await db
    .select()
    .from(leadConversationImageTable)
    .where(eq(leadConversationImageTable.id, id));
  return row ?? null;
}
