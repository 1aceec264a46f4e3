import type { AppContext } from '../../kernel/context.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { subscription } from '../../kernel/events/define.js';
import { systemMutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { buyerContact, normalizePhone } from '../crm/index.js';
import { LoanApplicationEvents } from '../finance/index.js';
import { getOrderFacts, OrdersEvents } from '../orders/index.js';
import { PricingEvents } from '../pricing/index.js';
import type { LeadStatus } from './leads.enums.js';
import { LeadsEvents } from './leads.events.js';
import {
  isForward,
  type LeadContact,
  leadOfPhoneExists,
  markLeadOfPhoneResponded,
  recordLeadContact,
} from './leads.intake.js';

import { leadStatusMachine } from './leads.machine.js';
import * as repo from './leads.repository.js';

// How other modules' events become lead contacts and stage changes. Each handler runs in one transaction,
// so a retried delivery either did all of its work or none.

type Action = 'test_drive' | 'negotiate';

/** Moves a lead forward to `to` when it is earlier in the flow (never back, never out of won/lost). */
async function advance(tx: Tx, leadId: string, to: LeadStatus, action: Action, at: Date): Promise<void> {
  const lead = await repo.lockLead(tx, leadId);
  if (!lead || !isForward(lead.status, to)) return;
  await applyTransition(tx, leadStatusMachine, leadId, action, systemMutation(at));
  await repo.addActivity(tx, {
    leadId,
    kind: 'status_change',
    sourceKind: null,
    refId: null,
    body: null,
    data: { from: lead.status, to, by: 'system' },
    actorAccountId: null,
    at,
  });
}

async function buyerPhone(db: Db | Tx, ctx: AppContext, buyerId: string): Promise<string | null> {
  return (await buyerContact(db, ctx, buyerId))?.phone ?? null;
}

async function record(db: Db, contact: LeadContact, then?: (tx: Tx, leadId: string) => Promise<void>) {
  await withTransaction(db, async (tx) => {
    const result = await recordLeadContact(tx, contact);
    if (result && then) await then(tx, result.leadId);
  });
}

/** The testdrives.booked payload (wired in flows: testdrives imports leads, so leads cannot import it back). */
export interface TestdriveBookedFacts {
  testdriveId: string;
  buyerId: string;
  name: string;
  phone: string;
  brandId: string;
  seriesId: string;
  trimId: string | null;
  listingId: string | null;
  dealerId: string;
  storeId: string;
  cityCode: string;
  startsAt: string;
  advisorAccountId: string | null;
  source: LeadContact['source'];
  consentToContact: boolean;
}

/** A test-drive booking is a contact: it makes or updates the buyer's lead (its host owns a new lead). */
export async function recordTestdriveBooked(db: Db, p: TestdriveBookedFacts, at: Date): Promise<void> {
  await record(db, {
    phone: p.phone,
    name: p.name,
    buyerId: p.buyerId,
    cityCode: p.cityCode,
    sourceKind: 'test_drive',
    source: p.source,
    vehicle: {
      listingId: p.listingId,
      seriesId: p.seriesId,
      trimId: p.trimId,
      brandId: p.brandId,
      dealerId: p.dealerId,
      storeId: p.storeId,
    },
    consentToContact: p.consentToContact,
    refId: p.testdriveId,
    data: { startsAt: p.startsAt, bookingStatus: 'booked' },
    advisorAccountId: p.advisorAccountId,
    at,
  });
}

/** The testdrives.booking_status_changed payload. */
export interface TestdriveOutcomeFacts {
  testdriveId: string;
  phone: string;
  status: 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
  startsAt: string;
}

/**
 * A booking's later status lands on the lead's timeline (reports count shows and no-shows from it); a
 * check-in or completion moves the lead to test_drive when it is earlier in the flow.
 */
export async function recordTestdriveOutcome(db: Db, p: TestdriveOutcomeFacts, at: Date): Promise<void> {
  const phone = normalizePhone(p.phone);
  if (!phone) return;
  await withTransaction(db, async (tx) => {
    const lead = await repo.findLeadByPhone(tx, phone);
    if (!lead) return;
    await repo.addActivity(tx, {
      leadId: lead.id,
      kind: 'test_drive',
      sourceKind: 'test_drive',
      refId: p.testdriveId,
      body: null,
      data: { bookingStatus: p.status, startsAt: p.startsAt },
      actorAccountId: null,
      at,
    });
    if (p.status === 'completed' || p.status === 'checked_in')
      await advance(tx, lead.id, 'test_drive', 'test_drive', at);
  });
}

const noVehicle = {
  listingId: null,
  seriesId: null,
  trimId: null,
  brandId: null,
  dealerId: null,
  storeId: null,
};

export const leadSubscriptions = [
  subscription(LeadsEvents.consultationContactLeft, 'leads.consultation_contact', async (event, j) => {
    const p = event.payload;
    await record(j.db, {
      phone: p.phone,
      name: p.name,
      buyerId: p.buyerId,
      cityCode: p.cityCode,
      sourceKind: p.kind,
      source: p.source,
      vehicle: p.vehicle,
      consentToContact: p.consentToContact,
      note: p.note,
      refId: p.conversationId,
      at: new Date(event.occurredAt),
    });
  }),

  // An advisor's first reply in a consultation is the lead's first response (its SLA is met).
  subscription(LeadsEvents.consultationReplied, 'leads.consultation_first_response', async (event, j) => {
    const p = event.payload;
    const phone = p.phone ?? (p.buyerId ? await buyerPhone(j.db, j.ctx, p.buyerId) : null);
    if (!phone) return;
    // The contact that makes the lead is another event, perhaps handled by another job at this very moment:
    // until its lead exists, fail so this job runs again (with backoff) and then meets the SLA.
    const exists = await leadOfPhoneExists(j.db, phone);
    if (exists === null) return;
    if (!exists) throw new Error('the lead of this consultation is not recorded yet');
    await markLeadOfPhoneResponded(j.db, phone, new Date(event.occurredAt));
  }),

  subscription(OrdersEvents.created, 'leads.order_started', async (event, j) => {
    const p = event.payload;
    const phone = await buyerPhone(j.db, j.ctx, p.buyerUserId);
    if (!phone) return;
    const facts = await getOrderFacts(j.db, p.orderId);
    await record(
      j.db,
      {
        phone,
        name: facts.buyer.name,
        buyerId: p.buyerUserId,
        sourceKind: 'order_unpaid',
        vehicle: { ...noVehicle, listingId: p.listingId, trimId: facts.vehicle.trimId, dealerId: p.dealerId },
        consentToContact: false,
        refId: p.orderId,
        data: { orderNumber: p.orderNumber, totalDueFen: p.totalDueFen, title: facts.vehicle.title },
        at: new Date(event.occurredAt),
      },
      (tx, leadId) => advance(tx, leadId, 'negotiating', 'negotiate', new Date(event.occurredAt)),
    );
  }),

  subscription(OrdersEvents.statusChanged, 'leads.order_deposit_paid', async (event, j) => {
    const p = event.payload;
    if (p.to !== 'deposit_paid') return;
    const phone = await buyerPhone(j.db, j.ctx, p.buyerUserId);
    const at = new Date(event.occurredAt);
    await withTransaction(j.db, async (tx) => {
      const lead = phone
        ? await repo.findLeadByPhone(tx, phone)
        : await repo.findLeadByBuyer(tx, p.buyerUserId);
      if (!lead) return;
      const locked = await repo.lockLead(tx, lead.id);
      if (!locked || !leadStatusMachine.can(locked.status, 'win')) return;
      await applyTransition(tx, leadStatusMachine, lead.id, 'win', systemMutation(at));
      await repo.updateLead(tx, lead.id, { wonOrderId: p.orderId });
      await repo.addActivity(tx, {
        leadId: lead.id,
        kind: 'order',
        sourceKind: null,
        refId: p.orderId,
        body: null,
        data: { orderNumber: p.orderNumber, event: 'deposit_paid', from: locked.status, to: 'won' },
        actorAccountId: null,
        at,
      });
    });
  }),

  subscription(LoanApplicationEvents.loanSubmitted, 'leads.loan_submitted', async (event, j) => {
    const p = event.payload;
    const phone = await buyerPhone(j.db, j.ctx, p.buyerId);
    if (!phone) return;
    await record(j.db, {
      phone,
      buyerId: p.buyerId,
      sourceKind: 'loan_application',
      vehicle: { ...noVehicle, listingId: p.listingId },
      consentToContact: false,
      refId: p.applicationId,
      data: { lenderCode: p.lenderCode, principalFen: p.principalFen },
      at: new Date(event.occurredAt),
    });
  }),

  subscription(PricingEvents.priceAlertSubscribed, 'leads.price_alert', async (event, j) => {
    const p = event.payload;
    const phone = await buyerPhone(j.db, j.ctx, p.buyerId);
    if (!phone) return;
    await record(j.db, {
      phone,
      buyerId: p.buyerId,
      sourceKind: 'price_drop_subscription',
      vehicle: { ...noVehicle, listingId: p.listingId },
      // Asking to hear about price drops is consent to be told about this car.
      consentToContact: true,
      refId: p.listingId,
      data: { referenceFen: p.referenceFen },
      at: new Date(event.occurredAt),
    });
  }),

  subscription(PricingEvents.tradeInValuationRequested, 'leads.trade_in_request', async (event, j) => {
    const p = event.payload;
    const phone = await buyerPhone(j.db, j.ctx, p.buyerId);
    if (!phone) return;
    await record(j.db, {
      phone,
      buyerId: p.buyerId,
      cityCode: p.cityCode,
      sourceKind: 'trade_in_request',
      // The trim valued is the buyer's current car, not one they want: kept in the timeline only.
      vehicle: null,
      consentToContact: false,
      refId: p.valuationId,
      data: { tradeInTrimId: p.trimId, valueFen: p.valueFen },
      at: new Date(event.occurredAt),
    });
  }),
];
