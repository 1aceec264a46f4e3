import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENTS_CONFIG } from '../../config.js';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp } from '../../testing/app.js';
import { reportWith, updateTestListing } from '../listings/listings.testing.js';
import { type Buyer, drainJobs, type OrdersWorld, setupOrdersWorld } from '../orders/orders.testing.js';
import { assertLedgerBalanced, orderMoney } from '../payments/index.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import type { TReinspection } from './fulfilment.aftersales.contract.js';
import { reinspectionGate } from './fulfilment.aftersales.reinspection.js';
import { buyerOrder, paidOrder } from './fulfilment.aftersales.testing.js';

// The used car's re-inspection at handover against its listed GB/T 30323 report: differences listed, the
// buyer accepts or disputes, staff resolve a dispute with a full refund (order cancelled) or a partial one;
// the completion gate waits for it.

let w: OrdersWorld;
const T0 = new Date('2026-12-08T02:00:00Z');

beforeAll(async () => {
  const t = await createTestApp({
    config: { payments: { ...TEST_PAYMENTS_CONFIG, refundApprovalThresholdFen: 1_000_000_000 } },
  });
  t.clock.set(T0);
  w = await setupOrdersWorld(t);
  useSandboxGatewaysInProcess(t);
});
afterEach(async () => {
  await assertLedgerBalanced(w.t.database.db);
});
afterAll(async () => {
  await w.t.close();
});

// Listed with a minor scratch on the left front fender (B01).
const LISTED = reportWith({ B01: { result: 'minor', deduction: 0.5, note: '轻微划痕' } });

async function usedOrderWithReport(): Promise<{ buyer: Buyer; orderId: string; paidFen: number }> {
  const { buyer, order } = await paidOrder(w, 'used', {
    beforeOrder: async (listingId) => {
      // Reports are written while the listing is a draft (a listed one is frozen); then it is listed again.
      await updateTestListing(w.t.database.db, listingId, { status: 'draft' });
      const res = await w.t.app.inject({
        method: 'PUT',
        url: `/api/v1/catalog/used/${listingId}/inspection`,
        headers: w.operator.bearer,
        payload: LISTED,
      });
      expect(res.statusCode, res.body).toBe(200);
      await updateTestListing(w.t.database.db, listingId, { status: 'listed' });
    },
  });
  return { buyer, orderId: order.id, paidFen: (await orderMoney(w.t.database.db, order.id)).paidFen };
}

/** The listed items as found at handover, with `changes` (code -> result) applied. */
const found = (changes: Record<string, 'ok' | 'minor' | 'moderate' | 'severe'> = {}) =>
  LISTED.items.map((i) => ({
    code: i.code,
    result: changes[i.code] ?? i.result,
    note: changes[i.code] ? '交车前新增' : null,
  }));

const record = (orderId: string, items: ReturnType<typeof found>) =>
  w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/aftersales/reinspections/${orderId}`,
    headers: w.supply.bearer,
    payload: { inspector: '李质检', items },
  });
const buyerPost = (
  buyer: Buyer,
  orderId: string,
  what: 'accept' | 'dispute',
  payload?: Record<string, unknown>,
) =>
  w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/aftersales/orders/${orderId}/reinspection/${what}`,
    headers: buyer.bearer,
    ...(payload ? { payload } : {}),
  });
const resolve = (orderId: string, payload: Record<string, unknown>) =>
  w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/aftersales/reinspections/${orderId}/resolve`,
    headers: w.supply.bearer,
    payload,
  });

describe('handover re-inspection', () => {
  it('lists the differences from the listed report and holds completion until the buyer accepts them', async () => {
    const { buyer, orderId } = await usedOrderWithReport();
    expect(await reinspectionGate(w.t.database.db, orderId)).toMatchObject({
      code: 'REINSPECTION_OPEN',
      details: { status: 'not_recorded' },
    });
    const res = await record(orderId, found({ B04: 'moderate', B01: 'minor' }));
    expect(res.statusCode, res.body).toBe(201);
    const rin = res.json() as TReinspection;
    expect(rin.status).toBe('awaiting_buyer');
    expect(rin.differences.map((d) => [d.code, d.listed, d.found])).toEqual([['B04', 'ok', 'moderate']]);
    expect(rin.items).toHaveLength(LISTED.items.length);
    expect(await reinspectionGate(w.t.database.db, orderId)).toMatchObject({
      details: { status: 'awaiting_buyer' },
    });
    // Recorded once.
    expect((await record(orderId, found())).json().error.code).toBe('REINSPECTION_ALREADY_RECORDED');

    const mine = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/fulfilment/aftersales/orders/${orderId}/reinspection`,
      headers: buyer.bearer,
    });
    expect((mine.json() as TReinspection).differences).toHaveLength(1);
    const accepted = await buyerPost(buyer, orderId, 'accept');
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(await reinspectionGate(w.t.database.db, orderId)).toBeNull();
    expect((await buyerPost(buyer, orderId, 'accept')).statusCode).toBe(409);
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, rin.id), eq(auditLog.action, 'vehicle_reinspection.accept')));
    expect(audits).toHaveLength(1);
  });

  it('resolves a dispute with a full refund: the order is cancelled and every fen paid goes back', async () => {
    const { buyer, orderId, paidFen } = await usedOrderWithReport();
    await record(orderId, found({ B09: 'severe' }));
    const disputed = await buyerPost(buyer, orderId, 'dispute', { reason: '前保险杠严重损伤，与报告不符' });
    expect(disputed.json()).toMatchObject({
      status: 'disputed',
      disputeReason: '前保险杠严重损伤，与报告不符',
    });
    const res = await resolve(orderId, { outcome: 'full_refund', note: '车况与报告不符，全额退款' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved_full_refund', refundFen: paidFen });
    await drainJobs(w);
    const order = await buyerOrder(w, buyer, orderId);
    expect(order).toMatchObject({ status: 'cancelled', cancelledBy: 'seller' });
    expect(await orderMoney(w.t.database.db, orderId)).toMatchObject({ refundedFen: paidFen, netHeldFen: 0 });
  });

  it('resolves a dispute with a staff-decided partial refund and the order goes on', async () => {
    const { buyer, orderId, paidFen } = await usedOrderWithReport();
    await record(orderId, found({ B04: 'moderate' }));
    await buyerPost(buyer, orderId, 'dispute', { reason: '左前门新增凹陷' });
    expect(
      (await resolve(orderId, { outcome: 'partial_refund', note: '补偿钣金费用' })).json().error.code,
    ).toBe('REINSPECTION_REFUND_INVALID');
    expect(
      (
        await resolve(orderId, { outcome: 'partial_refund', refundFen: paidFen + 1, note: '补偿钣金费用' })
      ).json().error.code,
    ).toBe('REINSPECTION_REFUND_INVALID');
    const res = await resolve(orderId, {
      outcome: 'partial_refund',
      refundFen: 300_000,
      note: '补偿钣金费用',
    });
    expect(res.json()).toMatchObject({ status: 'resolved_partial_refund', refundFen: 300_000 });
    await drainJobs(w);
    expect(await orderMoney(w.t.database.db, orderId)).toMatchObject({
      refundedFen: 300_000,
      netHeldFen: paidFen - 300_000,
    });
    const order = await buyerOrder(w, buyer, orderId);
    expect(order.status).toBe('ready_for_delivery');
    expect(order.timeline.at(-1)?.note).toContain('部分退款');
    expect(await reinspectionGate(w.t.database.db, orderId)).toBeNull();
  });

  it('needs every listed item once, passes a matching car at once, and is for used cars only', async () => {
    const { orderId } = await usedOrderWithReport();
    const short = await record(orderId, found().slice(1));
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      error: { code: 'REINSPECTION_ITEMS_MISMATCH', details: { missing: ['B01'], unknown: [] } },
    });
    const same = await record(orderId, found());
    expect(same.json()).toMatchObject({ status: 'no_differences', differences: [] });
    expect(await reinspectionGate(w.t.database.db, orderId)).toBeNull();

    const { order } = await paidOrder(w, 'new');
    expect((await record(order.id, found())).json().error.code).toBe('REINSPECTION_USED_ONLY');
    expect(await reinspectionGate(w.t.database.db, order.id)).toBeNull();
  });
});
