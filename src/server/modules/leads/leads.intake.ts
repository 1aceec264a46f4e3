import type { TTrafficSource } from '../../kernel/attribution.contract.js';
import { formatShanghai } from '../../kernel/clock.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { publish } from '../../kernel/events/define.js';
import { newId } from '../../kernel/ids.js';
import { notify } from '../../kernel/notify/notify.js';
import { maskMainlandPhone, normalizePhone } from '../crm/index.js';
import { findAdvisor, pickAdvisor } from './leads.advisors.js';
import {
  DEFAULT_SLA_HOURS,
  LEAD_OPEN_FLOW,
  type LeadActivityKind,
  type LeadSourceKind,
  type LeadStatus,
} from './leads.enums.js';
import { LeadsEvents } from './leads.events.js';
import type { TLeadVehicle } from './leads.intake.contract.js';
import * as repo from './leads.repository.js';
import type { LeadRow, LeadVehicleJson } from './leads.schema.js';

// Intake: every contact a person leaves (a chat, a test-drive booking, an order, a loan application, a call
// staff log) lands on the one lead of their phone number, created on first contact and assigned by the
// routing rules.

export interface LeadContact {
  readonly phone: string;
  readonly name?: string | null;
  readonly buyerId?: string | null;
  readonly cityCode?: string | null;
  readonly sourceKind: LeadSourceKind;
  readonly source?: TTrafficSource | null;
  readonly vehicle?: TLeadVehicle | null;
  readonly consentToContact: boolean;
  /** What the contact said or what staff noted. */
  readonly note?: string | null;
  /** The record behind the contact (conversation, test drive, order, loan application, valuation). */
  readonly refId?: string | null;
  readonly data?: Record<string, unknown>;
  /** An advisor already attached to the contact (the test drive's host): they own a new lead. */
  readonly advisorAccountId?: string | null;
  /** Staff who logged it (a call); null for buyer contacts. */
  readonly actorAccountId?: string | null;
  readonly at: Date;
}

export interface LeadContactResult {
  readonly leadId: string;
  readonly created: boolean;
}

const DIRECT: TTrafficSource = {
  channel: 'direct',
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  referrer: null,
};

const SOURCE_ZH: Record<LeadSourceKind, string> = {
  consultation: '在线咨询',
  callback_request: '预约回电',
  test_drive: '预约试驾',
  price_drop_subscription: '降价提醒',
  loan_application: '贷款申请',
  trade_in_request: '置换估价',
  order_unpaid: '未支付订单',
  phone_call: '来电',
};

function activityKindOf(kind: LeadSourceKind): LeadActivityKind {
  if (kind === 'consultation' || kind === 'callback_request') return 'consultation';
  if (kind === 'test_drive') return 'test_drive';
  if (kind === 'order_unpaid') return 'order';
  if (kind === 'phone_call') return 'call';
  return 'contact';
}

/** The first-response window of a source kind (console setting, else 24 h). */
export async function slaHoursFor(db: DbHandle, kind: LeadSourceKind): Promise<number> {
  const settings = await repo.slaSettings(db);
  return settings.find((s) => s.sourceKind === kind)?.hours ?? DEFAULT_SLA_HOURS;
}

function sameVehicle(a: LeadVehicleJson, b: LeadVehicleJson): boolean {
  if (a.listingId || b.listingId) return a.listingId === b.listingId;
  if (a.trimId || b.trimId) return a.trimId === b.trimId;
  return a.seriesId === b.seriesId && a.brandId === b.brandId;
}

function hasAnyVehicleFact(v: TLeadVehicle): boolean {
  return Boolean(v.listingId || v.seriesId || v.trimId || v.brandId);
}

/** Adds a vehicle to the interest list unless the same one is already on it. */
export function mergeVehicles(
  list: LeadVehicleJson[],
  v: TLeadVehicle | null | undefined,
): LeadVehicleJson[] {
  if (!v || !hasAnyVehicleFact(v)) return list;
  if (list.some((x) => sameVehicle(x, v))) return list;
  return [...list, { ...v }];
}

/** Whether `to` is further along the open flow than `from` (a contact never moves a lead back). */
export function isForward(from: LeadStatus, to: LeadStatus): boolean {
  const a = LEAD_OPEN_FLOW.indexOf(from);
  const b = LEAD_OPEN_FLOW.indexOf(to);
  return a >= 0 && b > a;
}

/**
 * Creates or updates the lead of the contact's phone, in the caller's transaction. Race-safe: the insert
 * is `on conflict (phone) do nothing`, so two contacts of one new number at once make one lead (the second
 * waits on the unique index, then updates). Returns null when the phone is not a mainland mobile.
 */
export async function recordLeadContact(tx: Tx, contact: LeadContact): Promise<LeadContactResult | null> {
  const phone = normalizePhone(contact.phone);
  if (!phone) return null;
  const at = contact.at;
  const source = contact.source ?? DIRECT;
  const vehicle = contact.vehicle ?? null;
  const hours = await slaHoursFor(tx, contact.sourceKind);
  const consent = contact.consentToContact;
  const created = await repo.insertLeadIfNew(tx, {
    id: newId('lea'),
    phone,
    name: contact.name ?? null,
    buyerId: contact.buyerId ?? null,
    cityCode: contact.cityCode ?? null,
    status: 'new',
    consentToContact: consent,
    consentAt: consent ? at : null,
    consentSourceKind: consent ? contact.sourceKind : null,
    firstSourceKind: contact.sourceKind,
    firstSource: source,
    channel: source.channel,
    lastSourceKind: contact.sourceKind,
    lastContactAt: at,
    vehicles: mergeVehicles([], vehicle),
    dealerId: vehicle?.dealerId ?? null,
    storeId: vehicle?.storeId ?? null,
    slaDueAt: new Date(at.getTime() + hours * 3600_000),
    createdAt: at,
    updatedAt: at,
  });
  let lead: LeadRow;
  if (created) {
    lead = created;
  } else {
    const existing = await repo.lockLeadByPhone(tx, phone);
    if (!existing) throw new Error('lead of a conflicting phone not found');
    const newConsent = consent && !existing.consentToContact;
    lead = await repo.updateLead(tx, existing.id, {
      name: existing.name ?? contact.name ?? null,
      buyerId: existing.buyerId ?? contact.buyerId ?? null,
      cityCode: existing.cityCode ?? contact.cityCode ?? null,
      lastSourceKind: contact.sourceKind,
      lastContactAt: new Date(Math.max(at.getTime(), existing.lastContactAt.getTime())),
      vehicles: mergeVehicles(existing.vehicles, vehicle),
      // A platform lead about a dealer's vehicle becomes that dealer's; a dealer's lead stays theirs.
      ...(existing.dealerId === null && vehicle?.dealerId
        ? { dealerId: vehicle.dealerId, storeId: vehicle.storeId }
        : {}),
      ...(newConsent ? { consentToContact: true, consentAt: at, consentSourceKind: contact.sourceKind } : {}),
      // Contacts are events handled in any order: the first source is that of the earliest contact.
      ...(at < existing.createdAt
        ? { firstSourceKind: contact.sourceKind, firstSource: source, channel: source.channel }
        : {}),
      updatedAt: at,
    });
  }
  // Events arrive at least once: a contact already on the timeline (same source and record) is not added again.
  const seen =
    !created && contact.refId
      ? await repo.hasContactActivity(tx, lead.id, contact.sourceKind, contact.refId)
      : false;
  if (!seen)
    await repo.addActivity(tx, {
      leadId: lead.id,
      kind: activityKindOf(contact.sourceKind),
      sourceKind: contact.sourceKind,
      refId: contact.refId ?? null,
      body: contact.note ?? null,
      data: {
        channel: source.channel,
        ...(source.utmCampaign ? { utmCampaign: source.utmCampaign } : {}),
        ...(vehicle && hasAnyVehicleFact(vehicle) ? { vehicle } : {}),
        consentToContact: consent,
        ...(contact.data ?? {}),
      },
      actorAccountId: contact.actorAccountId ?? null,
      at,
    });
  if (created) {
    const owner = await assignNewLead(tx, lead, contact);
    await publish(
      tx,
      LeadsEvents.leadCreated,
      lead.id,
      {
        leadId: lead.id,
        sourceKind: contact.sourceKind,
        dealerId: lead.dealerId,
        ownerAccountId: owner,
      },
      at,
    );
  }
  return { leadId: lead.id, created: created !== null };
}

/**
 * Gives a new lead to an advisor: the contact's own advisor (a test drive's host) when given, else the
 * routing rules (vehicle's store, its dealer, city + brand, platform; round-robin), online or busy.
 */
async function assignNewLead(tx: Tx, lead: LeadRow, contact: LeadContact): Promise<string | null> {
  let ownerId = contact.advisorAccountId ?? null;
  if (!ownerId) {
    const picked = await pickAdvisor(
      tx,
      {
        dealerId: lead.dealerId,
        storeId: lead.storeId,
        cityCode: lead.cityCode,
        brandId: contact.vehicle?.brandId ?? null,
      },
      { onlineOnly: false, at: contact.at },
    );
    ownerId = picked?.accountId ?? null;
  }
  if (!ownerId) return null;
  await setOwner(tx, lead, ownerId, null, contact.at, 'rules');
  return ownerId;
}

/**
 * Where a staff member opens a lead: dealer staff work in the dealer portal, platform staff (and roles) in the
 * console. A recipient outside the roster (a dealer manager) is taken to be of the lead's dealer.
 */
export async function leadLinkFor(
  db: DbHandle,
  accountId: string | null,
  lead: { id: string; dealerId: string | null },
): Promise<string> {
  const advisor = accountId ? await findAdvisor(db, accountId) : null;
  const dealerSide = advisor ? advisor.dealerId !== null : accountId !== null && lead.dealerId !== null;
  return dealerSide ? `/dealer/leads/${lead.id}` : `/console/leads/${lead.id}`;
}

/** Records a new owner on the lead, its timeline and the outbox, and tells the advisor in-app at once. */
export async function setOwner(
  tx: DbHandle,
  lead: LeadRow,
  ownerId: string,
  actorAccountId: string | null,
  at: Date,
  by: 'rules' | 'manager',
): Promise<LeadRow> {
  const updated = await repo.updateLead(tx, lead.id, { ownerAccountId: ownerId, updatedAt: at });
  await repo.addActivity(tx, {
    leadId: lead.id,
    kind: 'assignment',
    sourceKind: null,
    refId: ownerId,
    body: null,
    data: { by, from: lead.ownerAccountId, to: ownerId },
    actorAccountId,
    at,
  });
  await publish(
    tx,
    LeadsEvents.leadAssigned,
    lead.id,
    { leadId: lead.id, ownerAccountId: ownerId, previousOwnerAccountId: lead.ownerAccountId },
    at,
  );
  await notify(tx, {
    recipient: { kind: 'staff', id: ownerId },
    templateKey: 'leads.assigned',
    params: {
      name: lead.name ?? '客户',
      phone: maskMainlandPhone(lead.phone),
      source: SOURCE_ZH[lead.lastSourceKind],
      due: formatShanghai(lead.slaDueAt),
    },
    channels: ['in_app'],
    link: await leadLinkFor(tx, ownerId, lead),
    at,
    dedupKey: `lead_assigned:${lead.id}:${ownerId}:${at.getTime()}`,
  });
  return updated;
}

/**
 * The lead's first response: the advisor called, messaged, moved it to contacted, or (the chat's use)
 * replied in a consultation. Only the first counts; later calls change nothing. Call inside a transaction.
 */
export async function markLeadResponded(tx: DbHandle, leadId: string, at: Date): Promise<boolean> {
  const lead = await repo.lockLead(tx, leadId);
  if (!lead || lead.respondedAt) return false;
  await repo.updateLead(tx, leadId, { respondedAt: at, updatedAt: at });
  return true;
}

/** The chat's convenience: marks the lead of a phone responded (no lead yet: nothing to do). */
/** Whether the lead of a phone exists yet; null for a number that can never have one (not a mainland mobile). */
export async function leadOfPhoneExists(tx: DbHandle, phone: string): Promise<boolean | null> {
  const normal = normalizePhone(phone);
  if (!normal) return null;
  return (await repo.findLeadByPhone(tx, normal)) !== undefined;
}

export async function markLeadOfPhoneResponded(tx: DbHandle, phone: string, at: Date): Promise<boolean> {
  const normal = normalizePhone(phone);
  if (!normal) return false;
  const lead = await repo.findLeadByPhone(tx, normal);
  return lead ? markLeadResponded(tx, lead.id, at) : false;
}

export { SOURCE_ZH };

/** What analytics records about a lead: its dimensions, when it came, its SLA and its first response. */
export interface LeadResponseFacts {
  readonly leadId: string;
  readonly buyerId: string | null;
  readonly dealerId: string | null;
  readonly cityCode: string | null;
  readonly channel: TTrafficSource['channel'];
  readonly createdAt: Date;
  readonly slaDueAt: Date;
  readonly respondedAt: Date | null;
}

/** The lead by id, or the lead of a phone or a buyer (a consultation names one of them); null when none. */
export async function leadResponseFacts(
  db: DbHandle,
  ref: { leadId?: string; phone?: string | null; buyerId?: string | null },
): Promise<LeadResponseFacts | null> {
  const normal = ref.phone ? normalizePhone(ref.phone) : null;
  const row = ref.leadId
    ? await repo.findLead(db, ref.leadId)
    : normal
      ? await repo.findLeadByPhone(db, normal)
      : ref.buyerId
        ? await repo.findLeadByBuyer(db, ref.buyerId)
        : undefined;
  if (!row) return null;
  return {
    leadId: row.id,
    buyerId: row.buyerId,
    dealerId: row.dealerId,
    cityCode: row.cityCode,
    channel: row.channel,
    createdAt: row.createdAt,
    slaDueAt: row.slaDueAt,
    respondedAt: row.respondedAt,
  };
}
