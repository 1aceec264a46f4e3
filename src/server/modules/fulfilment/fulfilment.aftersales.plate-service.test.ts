import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp } from '../../testing/app.js';
import { createTestStaff } from '../identity/identity.testing.js';
import {
  drainJobs,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  placeOk,
  receiveUnit,
  setupOrdersWorld,
  TESLA_DEALER,
} from '../orders/orders.testing.js';
import { assertLedgerBalanced, orderMoney } from '../payments/index.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import type { TPlateService } from './fulfilment.aftersales.contract.js';
import { buyerOrder, paidOrder } from './fulfilment.aftersales.testing.js';

// The plate registration service: its fee from the pricing rules paid through payments (purpose
// plate_service, which must not move the vehicle order), Beijing's lottery quota, and the staff steps.

let w: OrdersWorld;
const T0 = new Date('2026-12-08T02:00:00Z');

beforeAll(async () => {
  const t = await createTestApp();
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

const base = '/api/v1/fulfilment/aftersales';

describe('plate service', () => {
  it('is paid through payments without moving the order, waits for the Beijing quota, then runs its steps', async () => {
    const { buyer, order } = await paidOrder(w, 'new');
    const paidBefore = (await orderMoney(w.t.database.db, order.id)).paidFen;
    const res = await w.t.app.inject({
      method: 'POST',
      url: `${base}/orders/${order.id}/plate-service`,
      headers: buyer.bearer,
      payload: { provider: 'alipay' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const ordered = res.json() as TPlateService;
    // optional_services.plateServiceFen (CNY 800), not chosen at the quote: paid now.
    expect(ordered).toMatchObject({
      status: 'awaiting_payment',
      feeFen: 80_000,
      prepaid: false,
      quotaKind: 'lottery',
      cityCode: '110100',
    });
    expect(ordered.payUrl).toContain(`/sandbox/pay/${ordered.paymentIntentId}`);
    const again = await w.t.app.inject({
      method: 'POST',
      url: `${base}/orders/${order.id}/plate-service`,
      headers: buyer.bearer,
      payload: {},
    });
    expect(again.json().error.code).toBe('PLATE_SERVICE_EXISTS');

    const pay = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/sandbox/${ordered.paymentIntentId}/succeed`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(pay.statusCode).toBe(303);
    await drainJobs(w);
    const mine = async () =>
      (
        await w.t.app.inject({
          method: 'GET',
          url: `${base}/orders/${order.id}/plate-service`,
          headers: buyer.bearer,
        })
      ).json() as TPlateService;
    expect(await mine()).toMatchObject({ status: 'awaiting_quota', payUrl: null });
    expect((await orderMoney(w.t.database.db, order.id)).paidFen).toBe(paidBefore + 80_000);
    const after = await buyerOrder(w, buyer, order.id);
    expect(after.status).toBe('ready_for_delivery');
    expect(after.balancePaidFen).toBe(order.balancePaidFen);

    // Staff cannot skip the quota.
    const skip = await w.t.app.inject({
      method: 'POST',
      url: `${base}/plate-services/${order.id}/advance`,
      headers: w.supply.bearer,
      payload: { step: 'documents_done' },
    });
    expect(skip.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'awaiting_quota' } },
    });
    const quota = await w.t.app.inject({
      method: 'POST',
      url: `${base}/orders/${order.id}/plate-service/quota`,
      headers: buyer.bearer,
      payload: { certificateNumber: '1102026123456' },
    });
    expect(quota.json()).toMatchObject({ status: 'documents', quotaCertificateNo: '1102026123456' });

    const step = (payload: Record<string, unknown>, headers = w.supply.bearer) =>
      w.t.app.inject({ method: 'POST', url: `${base}/plate-services/${order.id}/advance`, headers, payload });
    const tesla = await createTestStaff(w.t.ctx, { roles: ['dealer_staff'], dealerId: TESLA_DEALER });
    expect((await step({ step: 'documents_done' }, tesla.bearer)).statusCode).toBe(404);
    expect((await step({ step: 'documents_done' })).json().status).toBe('inspection');
    expect((await step({ step: 'inspection_done' })).json().status).toBe('plate_selection');
    expect((await step({ step: 'issue_plate' })).json().error.code).toBe('PLATE_NUMBER_REQUIRED');
    const issued = await step({ step: 'issue_plate', plateNumber: '京AD12345' });
    expect(issued.json()).toMatchObject({ status: 'plate_issued', plateNumber: '京AD12345' });
    expect((await buyerOrder(w, buyer, order.id)).timeline.at(-1)?.note).toContain('京AD12345');
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ordered.id), eq(auditLog.action, 'plate_service.issue_plate')));
    expect(audits).toHaveLength(1);

    const board = await w.t.app.inject({
      method: 'GET',
      url: `${base}/plate-services?status=plate_issued`,
      headers: w.supply.bearer,
    });
    expect((board.json() as { items: TPlateService[] }).items.map((i) => i.orderId)).toContain(order.id);
  });

  it('ends with the order: a cancelled order cancels its plate service and refunds the fee paid', async () => {
    const { buyer, order } = await paidOrder(w, 'new');
    const ordered = (
      await w.t.app.inject({
        method: 'POST',
        url: `${base}/orders/${order.id}/plate-service`,
        headers: buyer.bearer,
        payload: { provider: 'alipay' },
      })
    ).json() as TPlateService;
    await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/sandbox/${ordered.paymentIntentId}/succeed`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    await drainJobs(w);
    const before = await orderMoney(w.t.database.db, order.id);
    const cancel = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel-by-seller`,
      headers: w.operator.bearer,
      payload: { reason: '门店无法交车' },
    });
    expect(cancel.statusCode, cancel.body).toBeLessThan(300);
    await drainJobs(w);
    const service = (
      await w.t.app.inject({
        method: 'GET',
        url: `${base}/orders/${order.id}/plate-service`,
        headers: buyer.bearer,
      })
    ).json() as TPlateService;
    expect(service.status).toBe('cancelled');
    const after = await orderMoney(w.t.database.db, order.id);
    // The plate fee comes back at once (the car's refund, above the approval threshold, waits for finance).
    expect(after.refundedFen - before.refundedFen).toBe(80_000);
  });

  it('is refused on an order that is not paid yet', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: 'sto_bj_byd_chaoyang', colour: '时空灰' });
    const order = await placeOk(w, buyer, listingId);
    const res = await w.t.app.inject({
      method: 'POST',
      url: `${base}/orders/${order.id}/plate-service`,
      headers: buyer.bearer,
      payload: {},
    });
    expect(res.json()).toMatchObject({ error: { code: 'PLATE_SERVICE_ORDER_NOT_PAID' } });
  });
});
