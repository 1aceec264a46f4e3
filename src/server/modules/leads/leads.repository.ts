import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { newId } from '../../kernel/ids.js';
import {
  type LeadActivityRow,
  type LeadRow,
  type LeadSlaSettingRow,
  type LeadTaskRow,
  leadActivityTable,
  leadSlaSettingTable,
  leadTable,
  leadTaskTable,
  type NewLeadActivityRow,
  type NewLeadRow,
} from './leads.schema.js';

// The only code that reads and writes the leads tables.

/** Inserts unless a lead of that phone exists (a concurrent insert waits on the unique index). */
export async function insertLeadIfNew(db: DbHandle, row: NewLeadRow): Promise<LeadRow | null> {
  const [created] = await db
    .insert(leadTable)
    .values(row)
    .onConflictDoNothing({ target: leadTable.phone })
    .returning();
  return created ?? null;
}

export async function lockLeadByPhone(db: DbHandle, phone: string): Promise<LeadRow | null> {
  const [row] = await db.select().from(leadTable).where(eq(leadTable.phone, phone)).for('update');
  return row ?? null;
}

export async function findLead(db: DbHandle, id: string): Promise<LeadRow | undefined> {
  const [row] = await db.select().from(leadTable).where(eq(leadTable.id, id));
  return row;
}

export async function findLeadByPhone(db: DbHandle, phone: string): Promise<LeadRow | undefined> {
  const [row] = await db.select().from(leadTable).where(eq(leadTable.phone, phone));
  return row;
}

export async function findLeadByBuyer(db: DbHandle, buyerId: string): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(leadTable)
    .where(eq(leadTable.buyerId, buyerId))
    .orderBy(desc(leadTable.lastContactAt))
    .limit(1);
  return row;
}

/** Locks the row for a transition (`for update`): concurrent changes to one lead queue here. */
export async function lockLead(db: DbHandle, id: string): Promise<LeadRow | null> {
  const [row] = await db.select().from(leadTable).where(eq(leadTable.id, id)).for('update');
  return row ?? null;
}

export async function updateLead(db: DbHandle, id: string, set: Partial<NewLeadRow>): Promise<LeadRow> {
  const [row] = await db.update(leadTable).set(set).where(eq(leadTable.id, id)).returning();
  if (!row) throw new Error(`lead ${id} vanished inside its transaction`);
  return row;
}

/** Leads matching `where`, most urgent first: open first-response deadlines soonest, then newest contact. */
export function listLeads(db: DbHandle, where: SQL | undefined, limit: number, offset: number) {
  return db
    .select()
    .from(leadTable)
    .where(where)
    .orderBy(
      sql`case when ${leadTable.respondedAt} is null and ${leadTable.status} not in ('won','lost') then 0 else 1 end`,
      sql`case when ${leadTable.respondedAt} is null then ${leadTable.slaDueAt} end asc nulls last`,
      desc(leadTable.lastContactAt),
      asc(leadTable.id),
    )
    .limit(limit + 1)
    .offset(offset);
}

export async function addActivity(
  db: DbHandle,
  row: Omit<NewLeadActivityRow, 'id'>,
): Promise<LeadActivityRow> {
  const [created] = await db
    .insert(leadActivityTable)
    .values({ id: newId('lac'), ...row })
    .returning();
  if (!created) throw new Error('activity insert returned nothing');
  return created;
}

export function activitiesOf(db: DbHandle, leadId: string): Promise<LeadActivityRow[]> {
  return db
    .select()
    .from(leadActivityTable)
    .where(eq(leadActivityTable.leadId, leadId))
    .orderBy(desc(leadActivityTable.at), desc(leadActivityTable.id));
}

/** Whether the lead's timeline already has this contact (a redelivered event). */
export async function hasContactActivity(
  db: DbHandle,
  leadId: string,
  sourceKind: NonNullable<LeadActivityRow['sourceKind']>,
  refId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: leadActivityTable.id })
    .from(leadActivityTable)
    .where(
      and(
        eq(leadActivityTable.leadId, leadId),
        eq(leadActivityTable.sourceKind, sourceKind),
        eq(leadActivityTable.refId, refId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function slaSettings(db: DbHandle): Promise<LeadSlaSettingRow[]> {
  return db.select().from(leadSlaSettingTable).orderBy(asc(leadSlaSettingTable.sourceKind));
}

export async function upsertSlaSetting(db: DbHandle, row: LeadSlaSettingRow): Promise<void> {
  await db
    .insert(leadSlaSettingTable)
    .values(row)
    .onConflictDoUpdate({
      target: leadSlaSettingTable.sourceKind,
      set: { hours: row.hours, updatedAt: row.updatedAt },
    });
}

/** Unanswered open leads whose deadline is within `before` of now and not yet reminded. */
export function leadsToRemind(db: DbHandle, remindFrom: Date): Promise<LeadRow[]> {
  return db
    .select()
    .from(leadTable)
    .where(
      and(
        isNull(leadTable.respondedAt),
        isNull(leadTable.slaRemindedAt),
        isNotNull(leadTable.ownerAccountId),
        lte(leadTable.slaDueAt, remindFrom),
        sql`${leadTable.status} not in ('won','lost')`,
      ),
    )
    .limit(200);
}

export function leadsBreached(db: DbHandle, now: Date): Promise<LeadRow[]> {
  return db
    .select()
    .from(leadTable)
    .where(
      and(
        isNull(leadTable.respondedAt),
        isNull(leadTable.slaEscalatedAt),
        lte(leadTable.slaDueAt, now),
        sql`${leadTable.status} not in ('won','lost')`,
      ),
    )
    .limit(200);
}

// Tasks

export async function insertTask(db: DbHandle, row: LeadTaskRow): Promise<LeadTaskRow> {
  const [created] = await db.insert(leadTaskTable).values(row).returning();
  if (!created) throw new Error('task insert returned nothing');
  return created;
}

export function tasksOf(db: DbHandle, leadId: string): Promise<LeadTaskRow[]> {
  return db
    .select()
    .from(leadTaskTable)
    .where(eq(leadTaskTable.leadId, leadId))
    .orderBy(asc(leadTaskTable.dueAt), asc(leadTaskTable.id));
}

export async function lockTask(db: DbHandle, leadId: string, taskId: string) {
  const [row] = await db
    .select()
    .from(leadTaskTable)
    .where(and(eq(leadTaskTable.id, taskId), eq(leadTaskTable.leadId, leadId)))
    .for('update');
  return row ?? null;
}

export async function updateTask(db: DbHandle, id: string, set: Partial<LeadTaskRow>): Promise<LeadTaskRow> {
  const [row] = await db.update(leadTaskTable).set(set).where(eq(leadTaskTable.id, id)).returning();
  if (!row) throw new Error(`task ${id} vanished inside its transaction`);
  return row;
}

export async function deleteTask(db: DbHandle, id: string): Promise<void> {
  await db.delete(leadTaskTable).where(eq(leadTaskTable.id, id));
}

export function tasksDue(db: DbHandle, now: Date): Promise<LeadTaskRow[]> {
  return db
    .select()
    .from(leadTaskTable)
    .where(and(isNull(leadTaskTable.doneAt), isNull(leadTaskTable.remindedAt), lte(leadTaskTable.dueAt, now)))
    .limit(200);
}

// Reports

export function leadsCreatedBetween(db: DbHandle, from: Date, to: Date, scope: SQL | undefined) {
  return db
    .select()
    .from(leadTable)
    .where(and(gte(leadTable.createdAt, from), lt(leadTable.createdAt, to), scope));
}

export function activitiesBetween(db: DbHandle, kind: LeadActivityRow['kind'], from: Date, to: Date) {
  return db
    .select()
    .from(leadActivityTable)
    .where(
      and(eq(leadActivityTable.kind, kind), gte(leadActivityTable.at, from), lt(leadActivityTable.at, to)),
    );
}
