import { and, asc, desc, eq, gte, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { FaqCategory, FaqStatus } from './leads.faq.enums.js';
import {
  type LeadFaqRow,
  leadFaqConversationTable,
  leadFaqQuestionTable,
  leadFaqSettingsTable,
  leadFaqTable,
  type NewLeadFaqRow,
} from './leads.faq.schema.js';

// The only SQL on the FAQ library's tables.

export async function publishedFaqs(db: DbHandle): Promise<LeadFaqRow[]> {
  return db
    .select()
    .from(leadFaqTable)
    .where(eq(leadFaqTable.status, 'published'))
    .orderBy(asc(leadFaqTable.category), asc(leadFaqTable.sortOrder), asc(leadFaqTable.id));
}

export async function findFaq(db: DbHandle, id: string, lock = false): Promise<LeadFaqRow | undefined> {
  const q = db.select().from(leadFaqTable).where(eq(leadFaqTable.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Inserts the shipped FAQs whose key is not stored yet (edited or archived ones are kept as they are). */
export async function insertFaqsIfMissing(db: DbHandle, rows: NewLeadFaqRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(leadFaqTable)
    .values(rows)
    .onConflictDoNothing({ target: leadFaqTable.seedKey })
    .returning({ id: leadFaqTable.id });
  return inserted.length;
}

export async function listFaqs(
  db: DbHandle,
  filter: { category?: FaqCategory; status?: FaqStatus; q?: string },
  after: { category: string; sortOrder: number; id: string } | undefined,
  limit: number,
): Promise<LeadFaqRow[]> {
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(leadFaqTable)
    .where(
      and(
        filter.category ? eq(leadFaqTable.category, filter.category) : undefined,
        filter.status ? eq(leadFaqTable.status, filter.status) : undefined,
        like
          ? or(
              ilike(leadFaqTable.question, like),
              ilike(leadFaqTable.answer, like),
              sql`${leadFaqTable.synonyms}::text ilike ${like}`,
            )
          : undefined,
        after
          ? sql`(${leadFaqTable.category}, ${leadFaqTable.sortOrder}, ${leadFaqTable.id}) > (${after.category}, ${after.sortOrder}, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(leadFaqTable.category), asc(leadFaqTable.sortOrder), asc(leadFaqTable.id))
    .limit(limit + 1);
}

export async function insertFaq(db: DbHandle, row: NewLeadFaqRow): Promise<LeadFaqRow> {
  const [created] = await db.insert(leadFaqTable).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateFaq(
  db: DbHandle,
  id: string,
  patch: Partial<NewLeadFaqRow>,
): Promise<LeadFaqRow> {
  const [row] = await db.update(leadFaqTable).set(patch).where(eq(leadFaqTable.id, id)).returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

// ---- questions asked and conversations ----

export async function insertQuestion(
  db: DbHandle,
  row: typeof leadFaqQuestionTable.$inferInsert,
): Promise<void> {
  await db.insert(leadFaqQuestionTable).values(row);
}

export async function countQuestionInConversation(
  db: DbHandle,
  conversationId: string,
  answered: boolean,
  at: Date,
): Promise<void> {
  await db
    .insert(leadFaqConversationTable)
    .values({ conversationId, firstAskedAt: at, questions: 1, answered: answered ? 1 : 0 })
    .onConflictDoUpdate({
      target: leadFaqConversationTable.conversationId,
      set: {
        firstAskedAt: sql`coalesce(${leadFaqConversationTable.firstAskedAt}, excluded.first_asked_at)`,
        questions: sql`${leadFaqConversationTable.questions} + 1`,
        answered: sql`${leadFaqConversationTable.answered} + excluded.answered`,
      },
    });
}

export async function markHandedOff(db: DbHandle, conversationId: string, at: Date): Promise<void> {
  await db
    .insert(leadFaqConversationTable)
    .values({ conversationId, firstAskedAt: null, questions: 0, answered: 0, handedOffAt: at })
    .onConflictDoUpdate({
      target: leadFaqConversationTable.conversationId,
      // The first hand-off counts; a later transfer does not move it.
      set: { handedOffAt: sql`coalesce(${leadFaqConversationTable.handedOffAt}, excluded.handed_off_at)` },
    });
}

export async function findConversation(db: DbHandle, conversationId: string) {
  const [row] = await db
    .select()
    .from(leadFaqConversationTable)
    .where(eq(leadFaqConversationTable.conversationId, conversationId));
  return row;
}

/** Per Shanghai day: bot conversations and the deflected ones (answered at least once, never handed off). */
export async function conversationsByDay(db: DbHandle, from: Date, to: Date) {
  const day = sql<string>`to_char(${leadFaqConversationTable.firstAskedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  return db
    .select({
      day,
      conversations: sql<number>`count(*)::int`,
      deflected: sql<number>`(count(*) filter (where ${leadFaqConversationTable.answered} > 0 and ${leadFaqConversationTable.handedOffAt} is null))::int`,
    })
    .from(leadFaqConversationTable)
    .where(
      and(
        gte(leadFaqConversationTable.firstAskedAt, from),
        lt(leadFaqConversationTable.firstAskedAt, to),
        sql`${leadFaqConversationTable.questions} > 0`,
      ),
    )
    .groupBy(day);
}

export async function questionsByDay(db: DbHandle, from: Date, to: Date) {
  const day = sql<string>`to_char(${leadFaqQuestionTable.askedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  return db
    .select({
      day,
      questions: sql<number>`count(*)::int`,
      answered: sql<number>`(count(*) filter (where ${leadFaqQuestionTable.answered}))::int`,
    })
    .from(leadFaqQuestionTable)
    .where(and(gte(leadFaqQuestionTable.askedAt, from), lt(leadFaqQuestionTable.askedAt, to)))
    .groupBy(day);
}

/** Unanswered questions not yet turned into an FAQ or synonym, grouped by normalised text, most asked first. */
export async function unansweredGroups(db: DbHandle, limit: number) {
  return db
    .select({
      normalized: leadFaqQuestionTable.normalized,
      count: sql<number>`count(*)::int`,
      lastAskedAt: sql<Date>`max(${leadFaqQuestionTable.askedAt})`,
      text: sql<string>`(array_agg(${leadFaqQuestionTable.text} order by ${leadFaqQuestionTable.askedAt} desc))[1]`,
      bestFaqId: sql<
        string | null
      >`(array_agg(${leadFaqQuestionTable.faqId} order by ${leadFaqQuestionTable.askedAt} desc))[1]`,
      bestConfidence: sql<number>`max(${leadFaqQuestionTable.confidence})::float8`,
    })
    .from(leadFaqQuestionTable)
    .where(and(eq(leadFaqQuestionTable.answered, false), isNull(leadFaqQuestionTable.resolvedAt)))
    .groupBy(leadFaqQuestionTable.normalized)
    .orderBy(desc(sql`count(*)`), desc(sql`max(${leadFaqQuestionTable.askedAt})`))
    .limit(limit);
}

export async function resolveQuestions(db: DbHandle, normalized: string, at: Date): Promise<number> {
  const rows = await db
    .update(leadFaqQuestionTable)
    .set({ resolvedAt: at })
    .where(
      and(
        eq(leadFaqQuestionTable.normalized, normalized),
        eq(leadFaqQuestionTable.answered, false),
        isNull(leadFaqQuestionTable.resolvedAt),
      ),
    )
    .returning({ id: leadFaqQuestionTable.id });
  return rows.length;
}

// ---- settings ----

export async function findSettings(db: DbHandle) {
  const [row] = await db.select().from(leadFaqSettingsTable).where(eq(leadFaqSettingsTable.id, 'default'));
  return row;
}

export async function saveSettings(db: DbHandle, threshold: number, by: string | null, at: Date) {
  const [row] = await db
    .insert(leadFaqSettingsTable)
    .values({ id: 'default', threshold, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: leadFaqSettingsTable.id, set: { threshold, updatedBy: by, updatedAt: at } })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}
