import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { type DeliveredEvent, subscription } from '../../kernel/events/define.js';
import { newId } from '../../kernel/ids.js';
import { trimsWithSeriesAndBrand } from '../catalog/index.js';
import { CrmEvents } from '../crm/index.js';
import { getPublicStore } from '../dealers/index.js';
import { getUnit } from '../inventory/index.js';
import { LeadsEvents, leadResponseFacts } from '../leads/index.js';
import { getOrderFacts, OrdersEvents } from '../orders/index.js';
import { PaymentsEvents } from '../payments/index.js';
import { ShopEvents } from '../shop/index.js';
import { TestdrivesEvents, testdriveDimensions } from '../testdrives/index.js';
import type { AnalyticsFactKind } from './analytics.enums.js';
import { firstChannelOfAccount, firstFactOf, insertFact } from './analytics.facts.repository.js';
import type { AnalyticsFactRow } from './analytics.tracking.schema.js';

// Trusted business facts from the modules' typed events (never from the browser). Each subscription turns one
// event into at most a few facts, idempotent by (source event id, kind), with the dimensions resolved once
// here so the rollups never join other modules' data. docs/metrics.md lists which event makes which fact.

/** The dimensions a fact carries (what the dashboard's filters narrow by). */
export interface FactDims {
  cityCode: string | null;
  brandId: string | null;
  seriesId: string | null;
  trimId: string | null;
  dealerId: string | null;
  channel: TrafficChannel | null;
}

const NO_DIMS: FactDims = {
  cityCode: null,
  brandId: null,
  seriesId: null,
  trimId: null,
  dealerId: null,
  channel: null,
};

type Props = Record<string, string | number | boolean | null>;

/** Records one fact from a delivered event; a redelivery of the same event records nothing. */
export async function recordFact(
  db: DbHandle,
  event: Pick<DeliveredEvent, 'eventId' | 'occurredAt'>,
  fact: {
    kind: AnalyticsFactKind;
    subjectId: string;
    accountId: string | null;
    dims: FactDims;
    amountFen?: number | null;
    costFen?: number | null;
    props?: Props;
  },
  now: Date,
): Promise<boolean> {
  return insertFact(
    db,
    {
      id: newId('fct'),
      kind: fact.kind,
      sourceEventId: event.eventId,
      occurredAt: new Date(event.occurredAt),
      subjectId: fact.subjectId,
      accountId: fact.accountId,
      amountFen: fact.amountFen ?? null,
      costFen: fact.costFen ?? null,
      ...fact.dims,
      props: fact.props ?? {},
    },
    now,
  );
}

function dimsOf(row: AnalyticsFactRow): FactDims {
  return {
    cityCode: row.cityCode,
    brandId: row.brandId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    dealerId: row.dealerId,
    channel: row.channel,
  };
}

interface OrderBasics {
  accountId: string;
  orderNumber: string;
  totalDueFen: number;
  unitId: string | null;
  dims: FactDims;
}

/** An order's buyer, total and dimensions, resolved through the owning modules' public reads. */
async function resolveOrder(db: DbHandle, orderId: string): Promise<OrderBasics> {
  const o = await getOrderFacts(db, orderId);
  const [trim] = o.vehicle.trimId ? await trimsWithSeriesAndBrand(db, [o.vehicle.trimId]) : [];
  // The store's city is where the car is sold; a closed store no longer resolves, and then the city is unknown.
  const storeId = o.storeId ?? o.unitStoreId;
  const store = storeId ? await getPublicStore(db, storeId).catch(() => null) : null;
  return {
    accountId: o.buyerUserId,
    orderNumber: o.orderNumber,
    totalDueFen: o.price.totalDueFen,
    unitId: o.vehicle.unitId,
    dims: {
      cityCode: store?.city.code ?? null,
      brandId: trim?.brand.id ?? null,
      seriesId: trim?.series.id ?? null,
      trimId: o.vehicle.trimId,
      dealerId: o.dealerId,
      channel: await firstChannelOfAccount(db, o.buyerUserId),
    },
  };
}

/**
 * The order's placement fact carries its dimensions; later facts of the same order copy them (an order does
 * not move city or brand), falling back to the orders module for orders placed before analytics existed.
 */
async function orderContext(
  db: DbHandle,
  orderId: string,
): Promise<{
  accountId: string | null;
  orderNumber: string | null;
  totalDueFen: number | null;
  dims: FactDims;
}> {
  const placed = await firstFactOf(db, 'order_placed', orderId);
  if (placed) {
    return {
      accountId: placed.accountId,
      orderNumber: typeof placed.props.orderNumber === 'string' ? placed.props.orderNumber : null,
      totalDueFen: placed.amountFen,
      dims: dimsOf(placed),
    };
  }
  return resolveOrder(db, orderId);
}

/**
 * A test drive's dimensions: from its booking fact, or from the testdrives module when the outcome or survey
 * is delivered before the booking's own fact was recorded (each subscription is its own job, in no order).
 */
async function testdriveContext(db: DbHandle, testdriveId: string): Promise<FactDims> {
  const booked = await firstFactOf(db, 'testdrive_booked', testdriveId);
  if (booked) return dimsOf(booked);
  const d = await testdriveDimensions(db, testdriveId);
  return d
    ? {
        cityCode: d.cityCode,
        brandId: d.brandId,
        seriesId: d.seriesId,
        trimId: d.trimId,
        dealerId: d.dealerId,
        channel: d.channel,
      }
    : NO_DIMS;
}

const FULLY_PAID = new Set(['balance_paid', 'loan_disbursed']);

export const factSubscriptions = [
  subscription(OrdersEvents.created, 'analytics.fact_order_placed', async (event, j) => {
    const o = await resolveOrder(j.db, event.payload.orderId);
    await recordFact(
      j.db,
      event,
      {
        kind: 'order_placed',
        subjectId: event.payload.orderId,
        accountId: o.accountId,
        dims: o.dims,
        amountFen: event.payload.totalDueFen,
        props: { orderNumber: event.payload.orderNumber, paymentMethod: event.payload.paymentMethod },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(OrdersEvents.statusChanged, 'analytics.fact_order_status', async (event, j) => {
    const p = event.payload;
    const kind: AnalyticsFactKind | null =
      p.to === 'deposit_paid'
        ? 'deposit_paid'
        : FULLY_PAID.has(p.to)
          ? 'order_paid'
          : p.to === 'delivered'
            ? 'order_delivered'
            : null;
    if (!kind) return;
    const o = await orderContext(j.db, p.orderId);
    let costFen: number | null = null;
    if (kind === 'order_delivered') {
      // Gross margin needs the sold unit's cost; the order names the unit it was allocated.
      const facts = await getOrderFacts(j.db, p.orderId);
      const unitId = facts.vehicle.unitId;
      if (unitId) {
        const unit = await getUnit(j.db, null, unitId, j.ctx.clock.now()).catch(() => null);
        costFen = unit?.costFen ?? null;
      }
    }
    await recordFact(
      j.db,
      event,
      {
        kind,
        subjectId: p.orderId,
        accountId: p.buyerUserId,
        dims: { ...o.dims, dealerId: p.dealerId },
        amountFen: kind === 'deposit_paid' ? null : o.totalDueFen,
        costFen,
        props: { orderNumber: p.orderNumber },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(OrdersEvents.cancelled, 'analytics.fact_order_cancelled', async (event, j) => {
    const p = event.payload;
    const o = await orderContext(j.db, p.orderId);
    const now = j.ctx.clock.now();
    const base = { subjectId: p.orderId, accountId: o.accountId, dims: o.dims };
    await recordFact(
      j.db,
      event,
      {
        ...base,
        kind: 'order_cancelled',
        amountFen: o.totalDueFen,
        props: { orderNumber: p.orderNumber, by: p.by },
      },
      now,
    );
    if (p.forfeitFen > 0) {
      await recordFact(
        j.db,
        event,
        { ...base, kind: 'deposit_forfeit', amountFen: p.forfeitFen, props: { orderNumber: p.orderNumber } },
        now,
      );
    }
  }),

  subscription(PaymentsEvents.refundSucceeded, 'analytics.fact_refund', async (event, j) => {
    const p = event.payload;
    // Refunds of car orders carry the order's dimensions; a refund of anything else has none.
    const placed = await firstFactOf(j.db, 'order_placed', p.orderId);
    await recordFact(
      j.db,
      event,
      {
        kind: 'refund',
        subjectId: p.orderId,
        accountId: placed?.accountId ?? null,
        dims: placed ? dimsOf(placed) : NO_DIMS,
        amountFen: p.amountFen,
        props: { refundId: p.refundId, kind: p.kind },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(CrmEvents.customerRegistered, 'analytics.fact_customer_registered', async (event, j) => {
    const id = event.payload.customerId;
    await recordFact(
      j.db,
      event,
      {
        kind: 'customer_registered',
        subjectId: id,
        accountId: id,
        dims: { ...NO_DIMS, channel: await firstChannelOfAccount(j.db, id) },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(LeadsEvents.leadCreated, 'analytics.fact_lead_created', async (event, j) => {
    const p = event.payload;
    const lead = await leadResponseFacts(j.db, { leadId: p.leadId });
    await recordFact(
      j.db,
      event,
      {
        kind: 'lead_created',
        subjectId: p.leadId,
        accountId: lead?.buyerId ?? null,
        dims: {
          ...NO_DIMS,
          dealerId: p.dealerId,
          cityCode: lead?.cityCode ?? null,
          channel: lead?.channel ?? null,
        },
        props: { sourceKind: p.sourceKind },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(LeadsEvents.consultationReplied, 'analytics.fact_lead_first_response', async (event, j) => {
    const p = event.payload;
    if (!p.phone && !p.buyerId) return;
    const lead = await leadResponseFacts(j.db, { phone: p.phone, buyerId: p.buyerId });
    // The lead is made by another subscriber of the contact event, maybe at this moment: retry until it exists.
    if (!lead) throw new Error('the lead of this consultation is not recorded yet');
    const at = new Date(event.occurredAt);
    const seconds = Math.max(0, Math.round((at.getTime() - lead.createdAt.getTime()) / 1000));
    await recordFact(
      j.db,
      event,
      {
        kind: 'lead_first_response',
        subjectId: lead.leadId,
        accountId: lead.buyerId,
        dims: { ...NO_DIMS, dealerId: lead.dealerId, cityCode: lead.cityCode, channel: lead.channel },
        props: { responseSeconds: seconds, withinSla: at.getTime() <= lead.slaDueAt.getTime() },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(TestdrivesEvents.testdriveBooked, 'analytics.fact_testdrive_booked', async (event, j) => {
    const p = event.payload;
    await recordFact(
      j.db,
      event,
      {
        kind: 'testdrive_booked',
        subjectId: p.testdriveId,
        accountId: p.buyerId,
        dims: {
          cityCode: p.cityCode,
          brandId: p.brandId,
          seriesId: p.seriesId,
          trimId: p.trimId,
          dealerId: p.dealerId,
          channel: p.source.channel,
        },
        props: { startsAt: p.startsAt },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(
    TestdrivesEvents.testdriveBookingStatusChanged,
    'analytics.fact_testdrive_outcome',
    async (event, j) => {
      const p = event.payload;
      if (p.status !== 'completed' && p.status !== 'no_show') return;
      const dims = await testdriveContext(j.db, p.testdriveId);
      await recordFact(
        j.db,
        event,
        {
          kind: 'testdrive_outcome',
          subjectId: p.testdriveId,
          accountId: p.buyerId,
          dims,
          props: { outcome: p.status },
        },
        j.ctx.clock.now(),
      );
    },
  ),

  subscription(TestdrivesEvents.testdriveFeedbackLeft, 'analytics.fact_survey_answered', async (event, j) => {
    const p = event.payload;
    const dims = await testdriveContext(j.db, p.testdriveId);
    await recordFact(
      j.db,
      event,
      {
        kind: 'survey_answered',
        subjectId: p.testdriveId,
        accountId: p.buyerId,
        dims,
        props: { survey: 'testdrive_feedback', rating: p.rating, wouldBuy: p.wouldBuy },
      },
      j.ctx.clock.now(),
    );
  }),

  subscription(ShopEvents.statusChanged, 'analytics.fact_shop_order', async (event, j) => {
    const p = event.payload;
    if (p.to === 'paid') {
      await recordFact(
        j.db,
        event,
        { kind: 'shop_order_paid', subjectId: p.shopOrderId, accountId: null, dims: NO_DIMS },
        j.ctx.clock.now(),
      );
    } else if (p.to === 'shipped') {
      // The 48 h promise runs from payment: the paid fact says when that was.
      const paid = await firstFactOf(j.db, 'shop_order_paid', p.shopOrderId);
      const hours = paid
        ? (new Date(event.occurredAt).getTime() - paid.occurredAt.getTime()) / 3600_000
        : null;
      await recordFact(
        j.db,
        event,
        {
          kind: 'shop_order_shipped',
          subjectId: p.shopOrderId,
          accountId: null,
          dims: NO_DIMS,
          props: { shippedWithin48h: hours === null ? null : hours <= 48 },
        },
        j.ctx.clock.now(),
      );
    }
  }),
];
