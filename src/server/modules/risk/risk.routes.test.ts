import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { assessCheckout, openRiskCase, orderUnderReview } from './index.js';
import { riskCases, riskRules } from './risk.schema.js';

let t: TestApp;
let operator: TestStaff;
let finance: TestStaff;
let marketing: TestStaff;
let keySeq = 0;
const T0 = new Date('2026-11-21T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(T0);
  operator = await createTestStaff(t.ctx, { roles: ['operator'], displayName: '风控专员王芳' });
  finance = await createTestStaff(t.ctx, { roles: ['finance'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});

function mismatch(n: number) {
  return openRiskCase(
    t.database.db,
    {
      subjectType: 'payment',
      subjectId: `pay_route_${n}`,
      orderId: `ord_route_${n}`,
      rule: 'amount_mismatch',
      details: { paymentId: `pay_route_${n}`, expectedFen: 500_000, paidFen: 5_000 },
    },
    systemMutation(t.clock.now()),
  );
}

function decide(who: TestStaff, id: string, payload: object, key = `decide-${++keySeq}`) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/risk/cases/${id}/decision`,
    headers: { ...who.bearer, 'idempotency-key': key },
    payload,
  });
}

describe('risk case queue', () => {
  it('lists open cases oldest first with their rule, order and signals', async () => {
    const first = await mismatch(1);
    t.clock.advance(60_000);
    const second = await mismatch(2);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/risk/cases?status=open',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: { id: string }[] }).items.map((c) => c.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/risk/cases/${first.id}`,
      headers: finance.bearer,
    });
    expect(one.json()).toMatchObject({
      rule: 'amount_mismatch',
      orderId: 'ord_route_1',
      details: { expectedFen: 500_000, paidFen: 5_000 },
    });
  });

  it('clears an open case once with a note: event, audit, order no longer under review; a second decision is 409', async () => {
    const c = await mismatch(3);
    const res = await decide(operator, c.id, { decision: 'cleared', note: '已电话核实，买家分两次付款' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cleared',
      decisionNote: '已电话核实，买家分两次付款',
      decidedBy: operator.accountId,
      decidedByName: '风控专员王芳',
    });
    const [row] = await t.database.db.select().from(riskCases).where(eq(riskCases.id, c.id));
    expect(row?.status).toBe('cleared');
    expect(await orderUnderReview(t.database.db, 'ord_route_3')).toBe(false);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, c.id))
      .orderBy(outboxEvents.id);
    expect(events.find((e) => e.type === 'risk.case_decided')?.payload).toEqual({
      caseId: c.id,
      orderId: 'ord_route_3',
      subjectType: 'payment',
      subjectId: 'pay_route_3',
      decision: 'cleared',
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'risk_case.clear')));
    expect(audits).toHaveLength(1);

    const again = await decide(finance, c.id, { decision: 'rejected', note: '重复处理' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { machine: 'risk_case', from: 'cleared' } },
    });
  });

  it('replays a retried decision with the same Idempotency-Key instead of answering 409', async () => {
    const c = await mismatch(4);
    const body = { decision: 'rejected', note: '付款账户与下单人不符，疑似盗刷' };
    const first = await decide(operator, c.id, body, 'decide-retry');
    const retry = await decide(operator, c.id, body, 'decide-retry');
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const decided = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, c.id), eq(outboxEvents.type, 'risk.case_decided')))
      .orderBy(outboxEvents.id);
    expect(decided).toHaveLength(1);
  });

  it('refuses a decision without a visible note and a case that does not exist', async () => {
    const c = await mismatch(5);
    const blank = await decide(operator, c.id, { decision: 'cleared', note: '\u200b' });
    expect(blank.statusCode).toBe(400);
    const missing = await decide(operator, 'rsk_nope', { decision: 'cleared', note: '核实无误' });
    expect(missing.json()).toMatchObject({ error: { code: 'RISK_CASE_NOT_FOUND' } });
  });
});

describe('risk rules', () => {
  it('lists the default rules in every database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/risk/rules', headers: operator.bearer });
    expect(
      res
        .json()
        .items.map((r: { rule: string; limit: number; windowMinutes: number }) => [
          r.rule,
          r.limit,
          r.windowMinutes,
        ]),
    ).toEqual([
      ['device_velocity', 5, 60],
      ['ip_velocity', 10, 60],
      ['phone_velocity', 3, 1440],
    ]);
  });

  it('changes a threshold with PUT (audited) and the next checkout follows it', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/risk/rules/ip_velocity',
      headers: { ...operator.bearer, 'idempotency-key': 'rule-ip-2' },
      payload: { limit: 2, windowMinutes: 30, enabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rule: 'ip_velocity',
      limit: 2,
      windowMinutes: 30,
      updatedBy: operator.accountId,
    });
    const [row] = await t.database.db.select().from(riskRules).where(eq(riskRules.rule, 'ip_velocity'));
    expect(row).toMatchObject({ maxCount: 2, windowMinutes: 30 });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, 'ip_velocity'), eq(auditLog.action, 'risk_rule.update')));
    expect(audits[0]?.before).toEqual({ limit: 10, windowMinutes: 60, enabled: true });

    const flagsAt = async (n: number) => {
      const r = await assessCheckout(
        t.database.db,
        {
          subjectId: `ord_ip_${n}`,
          buyerUserId: `cus_ip_${n}`,
          phone: `1580000000${n}`,
          deviceId: null,
          ip: '117.136.12.9',
          amountFen: 16_980_000,
          at: new Date(T0.getTime() + n * 60_000),
        },
        systemMutation(T0),
        t.ctx.config,
      );
      return r.flags.map((f) => f.rule);
    };
    expect(await flagsAt(1)).toEqual([]);
    expect(await flagsAt(2)).toEqual([]);
    expect(await flagsAt(3)).toEqual(['ip_velocity']);
    const got = await t.app.inject({
      method: 'GET',
      url: '/api/v1/risk/rules/ip_velocity',
      headers: finance.bearer,
    });
    expect(got.json()).toMatchObject({ limit: 2, windowMinutes: 30 });
  });

  it('refuses a limit of 0 and a window over 30 days', async () => {
    for (const payload of [
      { limit: 0, windowMinutes: 60, enabled: true },
      { limit: 3, windowMinutes: 43_201, enabled: true },
    ]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/risk/rules/phone_velocity',
        headers: { ...operator.bearer, 'idempotency-key': `bad-${++keySeq}` },
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
  });
});

describe('risk route permissions', () => {
  it('keeps the queue and rules from staff without risk.review, rule edits from finance, everything from the anonymous', async () => {
    const c = await mismatch(9);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/risk/cases' });
    expect(anonymous.statusCode).toBe(401);
    for (const [method, url] of [
      ['GET', '/api/v1/risk/cases'],
      ['GET', '/api/v1/risk/rules'],
      ['GET', `/api/v1/risk/cases/${c.id}`],
    ] as const) {
      expect((await t.app.inject({ method, url, headers: marketing.bearer })).statusCode).toBe(403);
    }
    expect((await decide(marketing, c.id, { decision: 'cleared', note: '越权' })).statusCode).toBe(403);
    const financeEdit = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/risk/rules/phone_velocity',
      headers: { ...finance.bearer, 'idempotency-key': 'finance-edit' },
      payload: { limit: 9, windowMinutes: 60, enabled: true },
    });
    expect(financeEdit.statusCode).toBe(403);
    const [row] = await t.database.db.select().from(riskCases).where(eq(riskCases.id, c.id));
    expect(row?.status).toBe('open');
  });
});
