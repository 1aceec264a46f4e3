import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import {
  assessCheckout,
  type CheckoutSignals,
  openRiskCase,
  orderUnderReview,
  PURGE_SIGNALS_JOB,
} from './index.js';
import * as repo from './risk.repository.js';
import { riskCases, riskSignals } from './risk.schema.js';
import { publicIp } from './risk.service.js';

let t: TestApp;
let seq = 0;
const T0 = new Date('2026-11-20T02:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
});
afterAll(async () => {
  await t.close();
});

/** A checkout with its own phone, device and IP unless the test shares one on purpose. */
function checkout(at: Date, over: Partial<CheckoutSignals> = {}): CheckoutSignals {
  seq += 1;
  return {
    subjectId: `ord_risk_${seq}`,
    buyerUserId: `cus_risk_${seq}`,
    phone: `139${String(10_000_000 + seq).slice(-8)}`,
    deviceId: `dev-${seq}`,
    ip: `117.${seq >> 8}.${seq & 255}.7`,
    amountFen: 25_980_000,
    at,
    ...over,
  };
}

function assess(s: CheckoutSignals) {
  return assessCheckout(t.database.db, s, systemMutation(s.at), t.ctx.config);
}

async function eventsOf(aggregateId: string) {
  return t.database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, aggregateId))
    .orderBy(outboxEvents.id);
}

describe('checkout velocity rules', () => {
  it('lets three orders from one phone in 24 hours through and flags the fourth (limit 3)', async () => {
    const phone = '13800138000';
    for (const h of [0, 1, 2]) {
      const r = await assess(checkout(new Date(T0.getTime() + h * HOUR), { phone }));
      expect(r.flags).toEqual([]);
      expect(r.riskCase).toBeNull();
    }
    const fourth = checkout(new Date(T0.getTime() + 3 * HOUR), { phone });
    const r = await assess(fourth);
    expect(r.flags).toEqual([{ rule: 'phone_velocity', count: 4, limit: 3, windowMinutes: 1440 }]);
    expect(r.riskCase).toMatchObject({
      subjectType: 'order',
      subjectId: fourth.subjectId,
      orderId: fourth.subjectId,
      rule: 'phone_velocity',
      status: 'open',
      signals: { phoneMasked: '138****8000', deviceId: fourth.deviceId, amountFen: 25_980_000 },
    });
    expect(await orderUnderReview(t.database.db, fourth.subjectId)).toBe(true);
    const caseId = r.riskCase?.id ?? '';
    const events = await eventsOf(caseId);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      [
        'risk.case_opened',
        {
          caseId,
          orderId: fourth.subjectId,
          rule: 'phone_velocity',
          subjectType: 'order',
          subjectId: fourth.subjectId,
        },
      ],
    ]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, caseId), eq(auditLog.action, 'risk_case.open')));
    expect(audits).toHaveLength(1);
  });

  it('counts the window as (at - 24 h, at]: an order exactly 24 hours old no longer counts', async () => {
    const phone = '13700137000';
    for (const m of [0, 1, 2]) await assess(checkout(new Date(T0.getTime() + m * MIN), { phone }));
    // Window (T0, T0+24h]: the T0 order falls out, T0+1m, T0+2m and this one make 3, not over 3.
    const atEdge = await assess(checkout(new Date(T0.getTime() + 24 * HOUR), { phone }));
    expect(atEdge.flags).toEqual([]);
    // Window (T0+1m-1s, T0+24h+1m-1s]: T0+1m, T0+2m, T0+24h and this one make 4.
    const inside = await assess(checkout(new Date(T0.getTime() + 24 * HOUR + MIN - 1000), { phone }));
    expect(inside.flags).toEqual([{ rule: 'phone_velocity', count: 4, limit: 3, windowMinutes: 1440 }]);
  });

  it('flags the sixth order from one device within an hour, not the fifth (limit 5)', async () => {
    const deviceId = 'ios-8F2C1A77-device';
    const base = T0.getTime() + 2 * 24 * HOUR;
    for (const m of [0, 10, 20, 30, 40]) {
      expect((await assess(checkout(new Date(base + m * MIN), { deviceId }))).flags).toEqual([]);
    }
    const sixth = await assess(checkout(new Date(base + 59 * MIN), { deviceId }));
    expect(sixth.flags).toEqual([{ rule: 'device_velocity', count: 6, limit: 5, windowMinutes: 60 }]);
    // (T, T+60m]: the first order falls out, 10, 20, 30, 40, 59 and this one still make 6.
    const later = await assess(checkout(new Date(base + 60 * MIN), { deviceId }));
    expect(later.flags).toEqual([{ rule: 'device_velocity', count: 6, limit: 5, windowMinutes: 60 }]);
    const muchLater = await assess(checkout(new Date(base + 70 * MIN), { deviceId }));
    // (T+10m, T+70m]: 20, 30, 40, 59, 60 and this one make 6: the rule counts orders, not cases.
    expect(muchLater.flags.map((f) => f.count)).toEqual([6]);
  });

  it('never counts a loopback or private address (a proxy or the machine itself, shared by every buyer)', async () => {
    const base = T0.getTime() + 5 * 24 * HOUR;
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.0.9', '172.20.1.1']) {
      for (let i = 0; i < 12; i++) {
        expect((await assess(checkout(new Date(base + i * MIN), { ip }))).flags).toEqual([]);
      }
    }
    expect(publicIp('172.32.0.1')).toBe('172.32.0.1');
    expect(publicIp('223.104.3.41')).toBe('223.104.3.41');
  });

  it('flags the eleventh order from one IP within an hour, not the tenth (limit 10)', async () => {
    const ip = '223.104.3.41';
    const base = T0.getTime() + 3 * 24 * HOUR;
    for (let i = 0; i < 10; i++) {
      expect((await assess(checkout(new Date(base + i * MIN), { ip }))).flags).toEqual([]);
    }
    const eleventh = await assess(checkout(new Date(base + 30 * MIN), { ip }));
    expect(eleventh.flags).toEqual([{ rule: 'ip_velocity', count: 11, limit: 10, windowMinutes: 60 }]);
  });

  it('counts one phone however it is typed, and stores only its keyed hash', async () => {
    const base = T0.getTime() + 4 * 24 * HOUR;
    const typed = ['+86 136 0013 6000', '0086-136-0013-6000', '136 0013 6000'];
    for (const [i, phone] of typed.entries()) {
      expect((await assess(checkout(new Date(base + i * MIN), { phone }))).flags).toEqual([]);
    }
    const fourth = checkout(new Date(base + 5 * MIN), { phone: '13600136000' });
    expect((await assess(fourth)).flags.map((f) => f.rule)).toEqual(['phone_velocity']);
    const [row] = await t.database.db
      .select()
      .from(riskSignals)
      .where(eq(riskSignals.subjectId, fourth.subjectId));
    expect(row?.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('13600136000');
  });

  it('skips device and IP rules when the checkout has neither', async () => {
    const base = T0.getTime() + 5 * 24 * HOUR;
    for (let i = 0; i < 12; i++) {
      const r = await assess(checkout(new Date(base + i * MIN), { deviceId: null, ip: null }));
      expect(r.flags).toEqual([]);
    }
  });

  it('counts a re-assessed order once and keeps its one open case', async () => {
    const phone = '13500135000';
    const base = T0.getTime() + 6 * 24 * HOUR;
    for (const m of [0, 1, 2]) await assess(checkout(new Date(base + m * MIN), { phone }));
    const fourth = checkout(new Date(base + 3 * MIN), { phone });
    const first = await assess(fourth);
    const again = await assess({ ...fourth, at: new Date(base + 4 * MIN) });
    expect(again.flags).toEqual(first.flags);
    expect(again.riskCase?.id).toBe(first.riskCase?.id);
    const cases = await t.database.db.select().from(riskCases).where(eq(riskCases.orderId, fourth.subjectId));
    expect(cases).toHaveLength(1);
    expect(await eventsOf(first.riskCase?.id ?? '')).toHaveLength(1);
  });

  it('follows an edited rule: a lower limit flags sooner, a disabled rule never', async () => {
    const base = T0.getTime() + 7 * 24 * HOUR;
    const deviceId = 'android-5e1f-edited';
    await repo.updateRule(t.database.db, 'device_velocity', {
      maxCount: 1,
      windowMinutes: 10,
      enabled: true,
      updatedAt: new Date(base),
      updatedBy: null,
    });
    expect((await assess(checkout(new Date(base), { deviceId }))).flags).toEqual([]);
    expect((await assess(checkout(new Date(base + MIN), { deviceId }))).flags).toEqual([
      { rule: 'device_velocity', count: 2, limit: 1, windowMinutes: 10 },
    ]);
    // Window of 10 minutes: 11 minutes after the second order it counts alone.
    expect((await assess(checkout(new Date(base + 12 * MIN), { deviceId }))).flags).toEqual([]);
    await repo.updateRule(t.database.db, 'device_velocity', {
      maxCount: 1,
      windowMinutes: 10,
      enabled: false,
      updatedAt: new Date(base),
      updatedBy: null,
    });
    expect((await assess(checkout(new Date(base + 13 * MIN), { deviceId }))).flags).toEqual([]);
    await repo.updateRule(t.database.db, 'device_velocity', {
      maxCount: 5,
      windowMinutes: 60,
      enabled: true,
      updatedAt: new Date(base),
      updatedBy: null,
    });
  });
});

describe('cases other modules report', () => {
  it('opens one case for an amount mismatch however often it is reported, and puts the order under review', async () => {
    const input = {
      subjectType: 'payment' as const,
      subjectId: 'pay_mismatch_1',
      orderId: 'ord_mismatch_1',
      rule: 'amount_mismatch' as const,
      details: { paymentId: 'pay_mismatch_1', expectedFen: 500_000, paidFen: 50_000, provider: 'alipay' },
    };
    expect(await orderUnderReview(t.database.db, input.orderId)).toBe(false);
    const first = await openRiskCase(t.database.db, input, systemMutation(T0));
    const again = await openRiskCase(t.database.db, input, systemMutation(T0));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ rule: 'amount_mismatch', status: 'open', flags: [], signals: null });
    expect(first.details).toEqual(input.details);
    expect(await orderUnderReview(t.database.db, input.orderId)).toBe(true);
    expect((await eventsOf(first.id)).map((e) => e.type)).toEqual(['risk.case_opened']);
  });

  it('opens a refund-after-delivery case on the refund', async () => {
    const c = await openRiskCase(
      t.database.db,
      {
        subjectType: 'refund',
        subjectId: 'rfd_after_delivery_1',
        orderId: 'ord_delivered_1',
        rule: 'refund_after_delivery',
        details: {
          refundId: 'rfd_after_delivery_1',
          amountFen: 2_000_000,
          deliveredAt: '2026-11-10T06:00:00Z',
        },
      },
      systemMutation(T0),
    );
    expect(c).toMatchObject({ subjectType: 'refund', orderId: 'ord_delivered_1', status: 'open' });
    expect(await orderUnderReview(t.database.db, 'ord_delivered_1')).toBe(true);
  });
});

describe('signal retention', () => {
  it('purges signals older than RISK_SIGNAL_RETENTION_DAYS in the daily job', async () => {
    const old = checkout(new Date(T0.getTime() - 91 * 24 * HOUR));
    const recent = checkout(new Date(T0.getTime() - 89 * 24 * HOUR));
    await assess(old);
    await assess(recent);
    await enqueueJob(t.database.db, { name: PURGE_SIGNALS_JOB, payload: {} }, t.clock.now());
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const ids = (await t.database.db.select({ id: riskSignals.subjectId }).from(riskSignals)).map(
      (r) => r.id,
    );
    expect(ids).not.toContain(old.subjectId);
    expect(ids).toContain(recent.subjectId);
  });
});
