import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { hasPermission } from '../../kernel/auth/guard.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { normalizePhone } from '../crm/index.js';
import { findAdvisor } from './leads.advisors.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';
import type {
  LeadAction,
  TLead,
  TLeadCallRequest,
  TLeadDetail,
  TLeadListQuery,
  TLeadPage,
  TLeadStatusRequest,
  TLogCallRequest,
} from './leads.contract.js';
import { markLeadResponded, recordLeadContact, setOwner } from './leads.intake.js';
import { leadStatusMachine } from './leads.machine.js';
import { toActivity, toLead, toTask } from './leads.mappers.js';
import * as repo from './leads.repository.js';
import { type LeadRow, leadTable } from './leads.schema.js';

// The leads module's rules for staff. Writes take the mutation (who, when, from where) and write their audit
// row, timeline row and event in the same transaction as the change.

/** Managers (leads.assign) see every lead of their scope; advisors see theirs and unassigned ones. */
function scopeOf(actor: StaffActor): SQL | undefined {
  const parts: SQL[] = [];
  if (actor.dealerId) parts.push(eq(leadTable.dealerId, actor.dealerId));
  if (!hasPermission(actor, 'leads.assign')) {
    parts.push(or(eq(leadTable.ownerAccountId, actor.accountId), isNull(leadTable.ownerAccountId)) as SQL);
  }
  return parts.length > 0 ? and(...parts) : undefined;
}

function inScope(actor: StaffActor, row: LeadRow): boolean {
  if (actor.dealerId && row.dealerId !== actor.dealerId) return false;
  if (!hasPermission(actor, 'leads.assign') && row.ownerAccountId && row.ownerAccountId !== actor.accountId)
    return false;
  return true;
}

async function ownerNames(db: DbHandle, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: leadAdvisorTable.accountId, name: leadAdvisorTable.displayName })
    .from(leadAdvisorTable)
    .where(inArray(leadAdvisorTable.accountId, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function slaFilter(state: TLeadListQuery['sla'], now: Date): SQL | undefined {
  const soon = new Date(now.getTime() + 2 * 3600_000);
  const open = sql`${leadTable.respondedAt} is null`;
  switch (state) {
    case 'overdue':
      return sql`${open} and ${leadTable.slaDueAt} < ${now}`;
    case 'due_soon':
      return sql`${open} and ${leadTable.slaDueAt} >= ${now} and ${leadTable.slaDueAt} <= ${soon}`;
    case 'pending':
      return sql`${open} and ${leadTable.slaDueAt} > ${soon}`;
    case 'met':
      return sql`${leadTable.respondedAt} <= ${leadTable.slaDueAt}`;
    case 'breached':
      return sql`${leadTable.respondedAt} > ${leadTable.slaDueAt}`;
    default:
      return undefined;
  }
}

export async function listLeads(db: DbHandle, query: TLeadListQuery, mutation: Mutation): Promise<TLeadPage> {
  const actor = staffOf(mutation);
  const now = mutation.at;
  const owner = query.owner === 'me' ? actor.accountId : query.owner;
  const phone = query.q ? normalizePhone(query.q) : null;
  const where = and(
    scopeOf(actor),
    query.status ? eq(leadTable.status, query.status) : undefined,
    owner ? eq(leadTable.ownerAccountId, owner) : undefined,
    query.sourceKind ? eq(leadTable.lastSourceKind, query.sourceKind) : undefined,
    query.channel ? eq(leadTable.channel, query.channel) : undefined,
    slaFilter(query.sla, now),
    query.q
      ? phone
        ? eq(leadTable.phone, phone)
        : sql`${leadTable.name} ilike ${`%${query.q.replace(/[%_\\]/g, '')}%`}`
      : undefined,
  );
  const offset = query.cursor ? Number(query.cursor) : 0;
  const rows = await repo.listLeads(db, where, query.limit, offset);
  const page = rows.slice(0, query.limit);
  const names = await ownerNames(
    db,
    page.map((r) => r.ownerAccountId),
  );
  return {
    items: page.map((r) =>
      toLead(r, now, {
        fullPhone: false,
        ownerName: r.ownerAccountId ? (names.get(r.ownerAccountId) ?? null) : null,
      }),
    ),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
  };
}

async function scopedLead(db: DbHandle, id: string, actor: StaffActor): Promise<LeadRow> {
  const row = await repo.findLead(db, id);
  // Out of scope answers like a missing lead, so ids of other dealers' leads reveal nothing.
  if (!row || !inScope(actor, row)) throw new AppError('LEAD_NOT_FOUND');
  return row;
}

export async function getLeadDetail(db: DbHandle, id: string, mutation: Mutation): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  const row = await scopedLead(db, id, actor);
  const [activities, tasks, names] = await Promise.all([
    repo.activitiesOf(db, id),
    repo.tasksOf(db, id),
    ownerNames(db, [row.ownerAccountId]),
  ]);
  return {
    lead: toLead(row, mutation.at, {
      fullPhone: true,
      ownerName: row.ownerAccountId ? (names.get(row.ownerAccountId) ?? null) : null,
    }),
    timeline: activities.map(toActivity),
    tasks: tasks.map(toTask),
    actions: leadStatusMachine.actionsFrom(row.status),
  };
}

/** For other modules: a lead by id (no staff scope). */
export async function getLead(db: DbHandle, id: string, at: Date): Promise<TLead> {
  const row = await repo.findLead(db, id);
  if (!row) throw new AppError('LEAD_NOT_FOUND');
  return toLead(row, at, { fullPhone: false, ownerName: null });
}

/** Staff log an inbound or outbound call with a phone number: creates or updates its lead (phone_call). */
export function logPhoneCall(db: DbHandle, input: TLogCallRequest, mutation: Mutation): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  if (!normalizePhone(input.phone)) throw new AppError('LEAD_PHONE_INVALID');
  const vehicle = input.vehicle
    ? { ...input.vehicle, dealerId: actor.dealerId ?? input.vehicle.dealerId }
    : actor.dealerId
      ? {
          listingId: null,
          seriesId: null,
          trimId: null,
          brandId: null,
          dealerId: actor.dealerId,
          storeId: null,
        }
      : null;
  return withTransaction(db, async (tx) => {
    const existing = await repo.findLeadByPhone(tx, normalizePhone(input.phone) ?? '');
    // Dealer staff cannot attach calls to another dealer's lead (nor learn it exists beyond this refusal).
    if (existing && actor.dealerId && existing.dealerId !== null && existing.dealerId !== actor.dealerId)
      throw new AppError('LEAD_OTHER_DEALER');
    const result = await recordLeadContact(tx, {
      phone: input.phone,
      name: input.name,
      cityCode: input.cityCode,
      sourceKind: 'phone_call',
      source: null,
      vehicle,
      consentToContact: input.consentToContact,
      note: input.note,
      data: { direction: input.direction },
      actorAccountId: actor.accountId,
      at: mutation.at,
    });
    if (!result) throw new AppError('LEAD_PHONE_INVALID');
    // A call staff make is itself a response; an inbound call answered by staff is too.
    await markLeadResponded(tx, result.leadId, mutation.at);
    await audit(tx, mutation, {
      action: 'lead.call',
      entityType: 'lead',
      entityId: result.leadId,
      after: { direction: input.direction, created: result.created },
    });
    const lead = await repo.findLead(tx, result.leadId);
    if (lead && !inScope(actor, lead) && !result.created) throw new AppError('LEAD_NOT_FOUND');
    return detailInTx(tx, result.leadId, mutation);
  });
}

async function detailInTx(tx: DbHandle, id: string, mutation: Mutation): Promise<TLeadDetail> {
  const row = await repo.findLead(tx, id);
  if (!row) throw new AppError('LEAD_NOT_FOUND');
  const [activities, tasks, names] = await Promise.all([
    repo.activitiesOf(tx, id),
    repo.tasksOf(tx, id),
    ownerNames(tx, [row.ownerAccountId]),
  ]);
  return {
    lead: toLead(row, mutation.at, {
      fullPhone: true,
      ownerName: row.ownerAccountId ? (names.get(row.ownerAccountId) ?? null) : null,
    }),
    timeline: activities.map(toActivity),
    tasks: tasks.map(toTask),
    actions: leadStatusMachine.actionsFrom(row.status),
  };
}

/** A call on a lead being worked: on the timeline, and the first response when it is the first. */
export function logLeadCall(
  db: DbHandle,
  id: string,
  input: TLeadCallRequest,
  mutation: Mutation,
): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = await repo.lockLead(tx, id);
    if (!row || !inScope(actor, row)) throw new AppError('LEAD_NOT_FOUND');
    await repo.addActivity(tx, {
      leadId: id,
      kind: 'call',
      sourceKind: 'phone_call',
      refId: null,
      body: input.note,
      data: { direction: input.direction, reached: input.reached },
      actorAccountId: actor.accountId,
      at: mutation.at,
    });
    await repo.updateLead(tx, id, { updatedAt: mutation.at });
    await markLeadResponded(tx, id, mutation.at);
    await audit(tx, mutation, {
      action: 'lead.call',
      entityType: 'lead',
      entityId: id,
      after: { direction: input.direction, reached: input.reached },
    });
    return detailInTx(tx, id, mutation);
  });
}

export function changeLeadStatus(
  db: DbHandle,
  id: string,
  input: TLeadStatusRequest,
  mutation: Mutation,
): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const action: LeadAction = input.action;
    const result = await applyTransition(tx, leadStatusMachine, id, action, mutation, (row) => {
      if (!inScope(actor, row)) throw new AppError('LEAD_NOT_FOUND');
    });
    if (input.action === 'lose') {
      await repo.updateLead(tx, id, { lostReason: input.reason, lostNote: input.note });
    }
    if (input.action === 'win') await repo.updateLead(tx, id, { wonOrderId: input.orderId });
    await repo.addActivity(tx, {
      leadId: id,
      kind: 'status_change',
      sourceKind: null,
      refId: input.action === 'win' ? input.orderId : null,
      body: input.action === 'lose' ? input.note : null,
      data: {
        from: result.from,
        to: result.to,
        ...(input.action === 'lose' ? { reason: input.reason } : {}),
      },
      actorAccountId: actor.accountId,
      at: mutation.at,
    });
    // Any status an advisor sets by hand means they reached the person.
    await markLeadResponded(tx, id, mutation.at);
    return detailInTx(tx, id, mutation);
  });
}

export function addLeadNote(
  db: DbHandle,
  id: string,
  body: string,
  mutation: Mutation,
): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = await repo.lockLead(tx, id);
    if (!row || !inScope(actor, row)) throw new AppError('LEAD_NOT_FOUND');
    await repo.addActivity(tx, {
      leadId: id,
      kind: 'note',
      sourceKind: null,
      refId: null,
      body,
      data: {},
      actorAccountId: actor.accountId,
      at: mutation.at,
    });
    await repo.updateLead(tx, id, { updatedAt: mutation.at });
    await audit(tx, mutation, { action: 'lead.note', entityType: 'lead', entityId: id, after: { body } });
    return detailInTx(tx, id, mutation);
  });
}

/** Managers move a lead to another advisor of the lead's dealer (or any advisor for platform leads). */
export function reassignLead(
  db: DbHandle,
  id: string,
  advisorAccountId: string,
  mutation: Mutation,
): Promise<TLeadDetail> {
  const actor = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = await repo.lockLead(tx, id);
    if (!row || !inScope(actor, row)) throw new AppError('LEAD_NOT_FOUND');
    const advisor = await findAdvisor(tx, advisorAccountId);
    if (!advisor) throw new AppError('ADVISOR_NOT_FOUND');
    if (row.dealerId && advisor.dealerId !== row.dealerId) throw new AppError('ADVISOR_NOT_FOUND');
    if (actor.dealerId && advisor.dealerId !== actor.dealerId) throw new AppError('ADVISOR_NOT_FOUND');
    if (row.ownerAccountId === advisorAccountId) return detailInTx(tx, id, mutation);
    await setOwner(tx, row, advisorAccountId, actor.accountId, mutation.at, 'manager');
    await audit(tx, mutation, {
      action: 'lead.reassign',
      entityType: 'lead',
      entityId: id,
      before: { ownerAccountId: row.ownerAccountId },
      after: { ownerAccountId: advisorAccountId },
    });
    return detailInTx(tx, id, mutation);
  });
}

export { inScope as leadInScope, scopeOf as leadScopeOf };
