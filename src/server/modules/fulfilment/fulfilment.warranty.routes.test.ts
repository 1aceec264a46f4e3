import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENTS_CONFIG } from '../../config.js';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import type { Mutation } from '../../kernel/mutation.js';
import { createTestApp } from '../../testing/app.js';
import { createTestStaff } from '../identity/identity.testing.js';
import {
  type Buyer,
  drainJobs,
  type OrdersWorld,
  setupOrdersWorld,
  TESLA_DEALER,
} from '../orders/orders.testing.js';
import { assertLedgerBalanced, orderMoney } from '../payments/index.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import { buyerOrder, handOver, paidOrder } from './fulfilment.aftersales.testing.js';
import type { TWarrantyClaim } from './fulfilment.warranty.contract.js';
import { warrantyClaimTable } from './fulfilment.warranty.schema.js';
import { fileClaim } from './fulfilment.warranty.service.js';

// 三包 claims through the API: filed by the buyer on a delivered new car, queued with deadlines, decided by
// staff once; a refund returns every fen paid through payments and the order's timeline says so.

let w: OrdersWorld;
const T0 = new Date('2026-12-08T02:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  // Refunds above the threshold wait for finance; here they go straight to the gateway.
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

const photos = ['/media/claims/brake-1.jpg', '/media/claims/brake-2.jpg'];
const claimBody = (patch: Record<string, unknown> = {}) => ({
  defect: 'brake_failure',
  description: '高速行驶时刹车踏板变软，制动距离明显变长',
  mileageKm: 2_999,
  photos,
  ...patch,
});

function file(buyer: Buyer, orderId: string, body: Record<string, unknown>) {
  return w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/warranty/orders/${orderId}/claims`,
    headers: buyer.bearer,
    payload: body,
  });
}

function decide(headers: Record<string, string>, id: string, body: Record<string, unknown>) {
  return w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/warranty/claims/${id}/decision`,
    headers,
    payload: body,
  });
}

async function deliveredNewCar() {
  const { buyer, order } = await paidOrder(w, 'new');
  await handOver(w, order.id);
  return { buyer, order: await buyerOrder(w, buyer, order.id) };
}

const buyerMutation = (buyer: Buyer, at: Date): Mutation => ({
  actor: { kind: 'buyer', buyerId: buyer.id, sessionId: 'test', phone: buyer.phone },
  at,
  requestId: null,
  ip: null,
  lang: 'zh-CN',
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe('三包 claims', () => {
  it('files a claim with its windows and deadline, queues it, refunds every fen paid and notes it on the order', async () => {
    const { buyer, order } = await deliveredNewCar();
    expect(order.status).toBe('delivered');
    const paid = (await orderMoney(w.t.database.db, order.id)).paidFen;
    expect(paid).toBe(order.totalDueFen);

    const res = await file(buyer, order.id, claimBody());
    expect(res.statusCode, res.body).toBe(201);
    const claim = res.json() as TWarrantyClaim;
    expect(claim).toMatchObject({
      status: 'submitted',
      rule: 'serious_defect_window',
      eligible: true,
      windowKm: 3_000,
      windowEndsAt: '2027-02-06T16:00:00.000Z',
      decisionDueAt: new Date(w.t.clock.now().getTime() + 10 * DAY).toISOString(),
      photos,
      overdue: false,
    });
    // A second claim while this one waits is refused.
    expect((await file(buyer, order.id, claimBody())).json().error.code).toBe('WARRANTY_CLAIM_OPEN');

    const cs = await createTestStaff(w.t.ctx, { roles: ['customer_service'] });
    const queue = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/fulfilment/warranty/claims?status=submitted',
      headers: cs.bearer,
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect((queue.json() as { items: TWarrantyClaim[] }).items.map((c) => c.id)).toContain(claim.id);
    // Another dealer's staff neither see it in their queue nor can open or decide it.
    const tesla = await createTestStaff(w.t.ctx, { roles: ['dealer_staff'], dealerId: TESLA_DEALER });
    const theirs = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/fulfilment/warranty/claims',
      headers: tesla.bearer,
    });
    expect((theirs.json() as { items: TWarrantyClaim[] }).items).toHaveLength(0);
    expect((await decide(tesla.bearer, claim.id, { decision: 'refund' })).statusCode).toBe(404);

    const decided = await decide(cs.bearer, claim.id, { decision: 'refund', reason: '制动系统严重故障' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'refunded', decision: 'refund', refundFen: paid });
    await drainJobs(w);
    expect(await orderMoney(w.t.database.db, order.id)).toMatchObject({
      paidFen: paid,
      refundedFen: paid,
      netHeldFen: 0,
    });
    const after = await buyerOrder(w, buyer, order.id);
    expect(after.timeline.at(-1)?.note).toContain('三包申请已同意退车');
    expect(after.timeline.at(-1)?.note).toContain('原路退回');
    // Decided once: a second decision is a 409 naming the state.
    const again = await decide(cs.bearer, claim.id, { decision: 'repair' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'refunded' } },
    });

    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, claim.id), eq(auditLog.action, 'warranty_claim.refund')));
    expect(audits).toHaveLength(1);
    const events = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, claim.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type).sort()).toEqual([
      'fulfilment.warranty_claim_decided',
      'fulfilment.warranty_claim_filed',
    ]);
  });

  it('sends a claim past 3,000 km to repair: replacement and refund are refused, a rejection needs a reason', async () => {
    const { buyer, order } = await deliveredNewCar();
    const res = await file(buyer, order.id, claimBody({ mileageKm: 3_001 }));
    const claim = res.json() as TWarrantyClaim;
    expect(claim).toMatchObject({ rule: 'outside_window', eligible: false });
    const cs = await createTestStaff(w.t.ctx, { roles: ['customer_service'] });
    expect((await decide(cs.bearer, claim.id, { decision: 'refund' })).json().error.code).toBe(
      'WARRANTY_DECISION_NOT_ALLOWED',
    );
    expect((await decide(cs.bearer, claim.id, { decision: 'reject' })).json().error.code).toBe(
      'WARRANTY_REASON_REQUIRED',
    );
    const repaired = await decide(cs.bearer, claim.id, { decision: 'repair', reason: '安排门店保修' });
    expect(repaired.json()).toMatchObject({ status: 'repair', refundFen: null });
    expect((await orderMoney(w.t.database.db, order.id)).refundedFen).toBe(0);
  });

  it('counts the 7 days by the Shanghai calendar: a gearbox claim at 23:59:59 of day 7 qualifies, at 00:00 of day 8 not', async () => {
    const { buyer, order } = await deliveredNewCar();
    const deliveredAt = new Date(order.deliveredAt ?? '');
    // Delivered 2026-12-08 (Shanghai): the window closes at 2026-12-16 00:00 Shanghai.
    const end = new Date('2026-12-15T16:00:00Z');
    expect(deliveredAt.getTime()).toBeLessThan(end.getTime());
    const body = { defect: 'gearbox' as const, description: '变速箱异响并无法换挡', mileageKm: 420, photos };
    const late = await fileClaim(w.t.database.db, order.id, body, buyerMutation(buyer, end));
    expect(late).toMatchObject({ rule: 'outside_window', eligible: false });
    await w.t.database.db.delete(warrantyClaimTable).where(eq(warrantyClaimTable.id, late.id));
    const inTime = await fileClaim(
      w.t.database.db,
      order.id,
      body,
      buyerMutation(buyer, new Date(end.getTime() - 1000)),
    );
    expect(inTime).toMatchObject({ rule: 'major_part_window', eligible: true });
  });

  it('refuses a claim before handover, on a used car, and on another buyer’s order', async () => {
    const { buyer, order } = await paidOrder(w, 'new');
    expect((await file(buyer, order.id, claimBody())).json().error.code).toBe('WARRANTY_ORDER_NOT_DELIVERED');
    const used = await paidOrder(w, 'used');
    await handOver(w, used.order.id);
    expect((await file(used.buyer, used.order.id, claimBody())).json().error.code).toBe(
      'WARRANTY_NOT_NEW_CAR',
    );
    expect(
      await codeOf(
        fileClaim(
          w.t.database.db,
          used.order.id,
          claimBody() as never,
          buyerMutation(buyer, w.t.clock.now()),
        ),
      ),
    ).toBe('ORDER_NOT_FOUND');
    const stored = await w.t.database.db
      .select()
      .from(warrantyClaimTable)
      .where(eq(warrantyClaimTable.orderId, order.id));
    expect(stored).toHaveLength(0);
  });

  it('rejects a claim without photos or with a negative mileage and stores nothing', async () => {
    const { buyer, order } = await deliveredNewCar();
    expect((await file(buyer, order.id, claimBody({ photos: [] }))).statusCode).toBe(400);
    expect((await file(buyer, order.id, claimBody({ mileageKm: -1 }))).statusCode).toBe(400);
    // Photos come as uploaded images or links; other data is refused.
    for (const bad of [
      'data:text/html;base64,PHNjcmlwdD4=',
      'javascript:alert(1)',
      'data:image/gif;base64,R0lG',
    ]) {
      expect((await file(buyer, order.id, claimBody({ photos: [bad] }))).statusCode).toBe(400);
    }
    const stored = await w.t.database.db
      .select()
      .from(warrantyClaimTable)
      .where(eq(warrantyClaimTable.orderId, order.id));
    expect(stored).toHaveLength(0);
  });

  it('takes photos uploaded from the phone as images and shows them to staff', async () => {
    const { buyer, order } = await deliveredNewCar();
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const res = await file(buyer, order.id, claimBody({ photos: [png] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ photos: [png] });
  });

  it('files one claim when the buyer submits five at the same moment (the rest get WARRANTY_CLAIM_OPEN)', async () => {
    const { buyer, order } = await deliveredNewCar();
    const answers = await Promise.all(Array.from({ length: 5 }, () => file(buyer, order.id, claimBody())));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of answers.filter((a) => a.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().error.code).toBe('WARRANTY_CLAIM_OPEN');
    }
    const stored = await w.t.database.db
      .select()
      .from(warrantyClaimTable)
      .where(eq(warrantyClaimTable.orderId, order.id));
    expect(stored).toHaveLength(1);
  });
});
