import { maskMainlandPhone } from '../crm/index.js';
import type { TLead, TLeadActivity, TLeadTask } from './leads.contract.js';
import { type LeadSlaState, SLA_REMINDER_BEFORE_HOURS } from './leads.enums.js';
import type { LeadActivityRow, LeadRow, LeadTaskRow } from './leads.schema.js';

/** Where a lead stands against its first-response deadline at `now`. */
export function slaStateOf(row: Pick<LeadRow, 'slaDueAt' | 'respondedAt'>, now: Date): LeadSlaState {
  if (row.respondedAt) return row.respondedAt <= row.slaDueAt ? 'met' : 'breached';
  if (now > row.slaDueAt) return 'overdue';
  if (row.slaDueAt.getTime() - now.getTime() <= SLA_REMINDER_BEFORE_HOURS * 3600_000) return 'due_soon';
  return 'pending';
}

/** The one place a lead row becomes its API object; `fullPhone` only on the detail a worker opens. */
export function toLead(
  row: LeadRow,
  now: Date,
  opts: { fullPhone: boolean; ownerName: string | null },
): TLead {
  return {
    id: row.id,
    phone: opts.fullPhone ? row.phone : maskMainlandPhone(row.phone),
    name: row.name,
    buyerId: row.buyerId,
    cityCode: row.cityCode,
    status: row.status,
    lostReason: row.lostReason,
    lostNote: row.lostNote,
    wonOrderId: row.wonOrderId,
    consentToContact: row.consentToContact,
    consentAt: row.consentAt?.toISOString() ?? null,
    consentSourceKind: row.consentSourceKind,
    firstSourceKind: row.firstSourceKind,
    firstSource: row.firstSource,
    lastSourceKind: row.lastSourceKind,
    lastContactAt: row.lastContactAt.toISOString(),
    vehicles: row.vehicles,
    ownerAccountId: row.ownerAccountId,
    ownerName: opts.ownerName,
    dealerId: row.dealerId,
    storeId: row.storeId,
    slaDueAt: row.slaDueAt.toISOString(),
    respondedAt: row.respondedAt?.toISOString() ?? null,
    slaState: slaStateOf(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toActivity(row: LeadActivityRow): TLeadActivity {
  return {
    id: row.id,
    kind: row.kind,
    sourceKind: row.sourceKind,
    refId: row.refId,
    body: row.body,
    data: row.data,
    actorAccountId: row.actorAccountId,
    at: row.at.toISOString(),
  };
}

export function toTask(row: LeadTaskRow): TLeadTask {
  return {
    id: row.id,
    leadId: row.leadId,
    title: row.title,
    dueAt: row.dueAt.toISOString(),
    assigneeAccountId: row.assigneeAccountId,
    done: row.doneAt !== null,
    doneAt: row.doneAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
