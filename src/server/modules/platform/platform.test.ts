import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../kernel/audit/audit.js';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { createSession } from '../../kernel/auth/sessions.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { jobs } from '../../kernel/jobs/jobs.schema.js';
import { registerJobHandler } from '../../kernel/jobs/registry.js';
import { PermanentJobError } from '../../kernel/jobs/runner.js';
import { notificationReads, notifications } from '../../kernel/notify/notify.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { CURRENT_CONSENT } from '../identity/index.js';
import { listAuditEntries } from './platform.service.js';

let t: TestApp;
let admin: TestStaff;
let operator: TestStaff;
let marketing: TestStaff;
let dealerAdmin: TestStaff;

registerJobHandler('test.sync_inventory_feed', async () => {
  throw new PermanentJobError('supplier feed rejected the credentials');
});

const bydDealer = 'dlr_demo_bj_byd';

function staffActor(id: string, email: string, dealerId: string | null = null): StaffActor {
  return {
    kind: 'staff',
    accountId: id,
    sessionId: 'ses_test',
    email,
    displayName: email,
    roles: ['operator'],
    permissions: new Set(),
    dealerId,
    totpEnabled: false,
  };
}

async function get(url: string, who?: { authorization: string }) {
  return t.app.inject({ method: 'GET', url, headers: who ?? {} });
}
async function post(url: string, who?: { authorization: string }) {
  return t.app.inject({ method: 'POST', url, headers: who ?? {} });
}

/** A buyer signed in through the real SMS flow, with a bearer token for API calls. */
async function signInBuyer(
  phone: string,
  ip: string,
): Promise<{ id: string; bearer: { authorization: string } }> {
  const send = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sms-codes',
    payload: { phone },
    remoteAddress: ip,
  });
  expect(send.statusCode).toBe(202);
  const inbox = await get(`/api/v1/dev/sms-inbox?phone=${phone}`);
  const code = /(\d{6})/.exec(inbox.json().messages[0].text)?.[1];
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    payload: { phone, code, consent: CURRENT_CONSENT },
    remoteAddress: ip,
  });
  expect(signIn.statusCode).toBe(200);
  const id: string = signIn.json().me.id;
  const s = await createSession(t.database.db, t.ctx, { subjectKind: 'buyer', subjectId: id });
  return { id, bearer: { authorization: `Bearer ${s.token}` } };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createTestStaff(t.ctx, { roles: ['admin'], email: 'admin.platform@autoyard.cn' });
  operator = await createTestStaff(t.ctx, { roles: ['operator'], email: 'li.na@autoyard.cn' });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'], email: 'wang.fang@autoyard.cn' });
  dealerAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: bydDealer });
});
afterAll(async () => {
  await t.close();
});

describe('audit log API', () => {
  const seeded: string[] = [];
  beforeAll(async () => {
    const db = t.database.db;
    const zhang = staffActor('stf_zhang', 'zhang.wei@autoyard.cn');
    const dealer = staffActor('stf_dealer', 'dealer.admin@autoyard.cn', bydDealer);
    const base = new Date('2026-11-01T08:00:00Z').getTime();
    for (let i = 0; i < 5; i++) {
      await recordAudit(db, {
        actor: zhang,
        action: 'dealer.update',
        entityType: 'dealer',
        entityId: `dlr_${i}`,
        before: { name: `北京比亚迪${i}` },
        after: { name: `北京比亚迪汽车销售${i}` },
        requestId: `req_${i}`,
        ip: '10.1.1.1',
        at: new Date(base + i * 3600_000),
      });
    }
    await recordAudit(db, {
      actor: dealer,
      action: 'store.update',
      entityType: 'store',
      entityId: 'sto_chaoyang',
      before: { phone: '010-84561234' },
      after: { phone: '010-84561235' },
      at: new Date(base + 10 * 3600_000),
    });
    const rows = await db.select().from(auditLog);
    seeded.push(...rows.map((r) => r.id));
  });

  it('lists entries newest first with cursor pagination', async () => {
    const first = await get('/api/v1/platform/audit?entityType=dealer&limit=2', operator.bearer);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((i: { entityId: string }) => i.entityId)).toEqual(['dlr_4', 'dlr_3']);
    expect(page1.nextCursor).toBeTruthy();
    const second = await get(
      `/api/v1/platform/audit?entityType=dealer&limit=2&cursor=${page1.nextCursor}`,
      operator.bearer,
    );
    expect(second.json().items.map((i: { entityId: string }) => i.entityId)).toEqual(['dlr_2', 'dlr_1']);
    const third = await get(
      `/api/v1/platform/audit?entityType=dealer&limit=2&cursor=${second.json().nextCursor}`,
      operator.bearer,
    );
    expect(third.json().items.map((i: { entityId: string }) => i.entityId)).toEqual(['dlr_0']);
    expect(third.json().nextCursor).toBeNull();
  });

  it('filters by actor label, action, entity and time window', async () => {
    const byActor = await get('/api/v1/platform/audit?actor=ZHANG.WEI', operator.bearer);
    expect(byActor.json().items).toHaveLength(5);
    const byAction = await get('/api/v1/platform/audit?action=store.update', operator.bearer);
    expect(byAction.json().items).toHaveLength(1);
    expect(byAction.json().items[0]).toMatchObject({
      actorKind: 'staff',
      actorId: 'stf_dealer',
      dealerId: bydDealer,
      entityType: 'store',
      entityId: 'sto_chaoyang',
      before: { phone: '010-84561234' },
      after: { phone: '010-84561235' },
    });
    const window = await get(
      '/api/v1/platform/audit?entityType=dealer&from=2026-11-01T09:00:00Z&to=2026-11-01T11:00:00Z',
      operator.bearer,
    );
    expect(window.json().items.map((i: { entityId: string }) => i.entityId)).toEqual([
      'dlr_3',
      'dlr_2',
      'dlr_1',
    ]);
    const byEntity = await get('/api/v1/platform/audit?entityId=dlr_2', operator.bearer);
    expect(byEntity.json().items).toHaveLength(1);
    const byActorId = await get('/api/v1/platform/audit?actorId=stf_dealer', operator.bearer);
    expect(byActorId.json().items).toHaveLength(1);
  });

  it('treats LIKE wildcards in the actor filter literally', async () => {
    const res = await get('/api/v1/platform/audit?actor=%25', operator.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(0);
  });

  it('returns one entry by id and 404 for an unknown id', async () => {
    const list = await get('/api/v1/platform/audit?entityId=dlr_0', operator.bearer);
    const id = list.json().items[0].id;
    const one = await get(`/api/v1/platform/audit/${id}`, operator.bearer);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, requestId: 'req_0', ip: '10.1.1.1' });
    const missing = await get('/api/v1/platform/audit/aud_nope', operator.bearer);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('AUDIT_ENTRY_NOT_FOUND');
  });

  it('rejects a bad time filter and a bad cursor with VALIDATION_FAILED', async () => {
    const badDate = await get('/api/v1/platform/audit?from=yesterday', operator.bearer);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.code).toBe('VALIDATION_FAILED');
    const badCursor = await get('/api/v1/platform/audit?cursor=bm90LWEtY3Vyc29y', operator.bearer);
    expect(badCursor.statusCode).toBe(400);
  });

  it('shows dealer staff who read the audit log only their own dealer rows', async () => {
    const reader = staffActor('stf_dealer_reader', 'dealer.reader@autoyard.cn', bydDealer);
    const page = await listAuditEntries(t.database.db, reader, { limit: 50 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.dealerId === bydDealer)).toBe(true);
    const other = staffActor('stf_tesla_reader', 'tesla.reader@autoyard.cn', 'dlr_demo_sh_tesla');
    expect((await listAuditEntries(t.database.db, other, { limit: 50 })).items).toHaveLength(0);
  });

  it('answers 401 to anonymous callers and 403 to staff without audit.read', async () => {
    expect((await get('/api/v1/platform/audit')).statusCode).toBe(401);
    expect((await get('/api/v1/platform/audit', marketing.bearer)).statusCode).toBe(403);
  });
});

describe('jobs console API', () => {
  let deadId = '';
  beforeAll(async () => {
    const id = await enqueueJob(
      t.database.db,
      { name: 'test.sync_inventory_feed', payload: { supplier: '一汽-大众', phone: '13812345678' } },
      t.clock.now(),
    );
    if (!id) throw new Error('not enqueued');
    deadId = id;
    // Drain: the modules' scheduled jobs due at start-up may fill the first batch.
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
  });

  it('lists dead letters with personal data masked', async () => {
    const res = await get('/api/v1/platform/jobs?status=dead', admin.bearer);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((j: { id: string }) => j.id === deadId);
    expect(item).toMatchObject({
      name: 'test.sync_inventory_feed',
      status: 'dead',
      attempts: 1,
      payload: { supplier: '一汽-大众', phone: '138****5678' },
    });
    expect(item.lastError).toContain('supplier feed rejected');
  });

  it('counts jobs by status and name', async () => {
    const res = await get('/api/v1/platform/jobs/stats', admin.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json().totals.dead).toBeGreaterThanOrEqual(1);
    const entry = res.json().byName.find((b: { name: string }) => b.name === 'test.sync_inventory_feed');
    expect(entry.counts.dead).toBe(1);
  });

  it('alerts admins in their notification centre when a job is dead-lettered, and nobody else', async () => {
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const res = await get('/api/v1/platform/notifications', admin.bearer);
    const alert = res.json().items.find((n: { body: string }) => n.body.includes(deadId));
    expect(alert).toMatchObject({ category: 'system', title: '后台任务进入死信队列', readAt: null });
    const other = await get('/api/v1/platform/notifications', operator.bearer);
    expect(other.json().items.some((n: { body: string }) => n.body.includes(deadId))).toBe(false);
  });

  it('puts a dead job back in the queue on retry, audited, and then refuses a second retry with 409', async () => {
    const res = await post(`/api/v1/platform/jobs/${deadId}/retry`, admin.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: deadId, status: 'queued', attempts: 0 });
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.id, deadId));
    expect(row?.status).toBe('queued');
    expect(row?.attempts).toBe(0);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'job.retry'), eq(auditLog.entityId, deadId)));
    expect(audit).toMatchObject({
      actorId: admin.accountId,
      entityType: 'job',
      before: expect.objectContaining({ status: 'dead' }),
      after: expect.objectContaining({ status: 'queued', attempts: 0 }),
    });
    const again = await post(`/api/v1/platform/jobs/${deadId}/retry`, admin.bearer);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { machine: 'job', from: 'queued', action: 'retry' },
    });
    const retries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'job.retry'), eq(auditLog.entityId, deadId)));
    expect(retries).toHaveLength(1);
  });

  it('discards a dead job for good, audited', async () => {
    await t.ctx.jobs.runDueOnce(); // the retried job fails permanently again
    const [dead] = await t.database.db.select().from(jobs).where(eq(jobs.id, deadId));
    expect(dead?.status).toBe('dead');
    const res = await post(`/api/v1/platform/jobs/${deadId}/discard`, admin.bearer);
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.id, deadId));
    expect(row?.status).toBe('discarded');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'job.discard'), eq(auditLog.entityId, deadId)));
    expect(audits).toHaveLength(1);
  });

  it('answers 404 for an unknown job and 403 to staff without jobs.manage, changing nothing', async () => {
    expect((await post('/api/v1/platform/jobs/job_missing/retry', admin.bearer)).statusCode).toBe(404);
    const before = await t.database.db.select().from(jobs).where(eq(jobs.id, deadId));
    expect((await post(`/api/v1/platform/jobs/${deadId}/retry`, operator.bearer)).statusCode).toBe(403);
    expect((await get('/api/v1/platform/jobs', operator.bearer)).statusCode).toBe(403);
    const after = await t.database.db.select().from(jobs).where(eq(jobs.id, deadId));
    expect(after).toEqual(before);
  });
});

describe('notification centre', () => {
  let buyerA: { id: string; bearer: { authorization: string } };
  let buyerB: { id: string; bearer: { authorization: string } };
  beforeAll(async () => {
    buyerA = await signInBuyer('13812345678', '10.9.0.1');
    buyerB = await signInBuyer('13987654321', '10.9.0.2');
    await t.ctx.jobs.runDueOnce(); // dispatch crm.customer_registered -> welcome jobs
    await t.ctx.jobs.runDueOnce(); // deliver the in-app notifications
  });

  it('welcomes a newly registered buyer in their notification centre', async () => {
    const res = await get('/api/v1/platform/notifications', buyerA.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({
      category: 'account',
      title: '欢迎来到 Autoyard',
      readAt: null,
    });
    const count = await get('/api/v1/platform/notifications/unread-count', buyerA.bearer);
    expect(count.json()).toEqual({ count: 1 });
  });

  it("does not let buyer B read or mark buyer A's notification", async () => {
    const mine = (await get('/api/v1/platform/notifications', buyerA.bearer)).json().items[0];
    const listB = await get('/api/v1/platform/notifications', buyerB.bearer);
    expect(listB.json().items.some((n: { id: string }) => n.id === mine.id)).toBe(false);
    const res = await post(`/api/v1/platform/notifications/${mine.id}/read`, buyerB.bearer);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    const [row] = await t.database.db.select().from(notifications).where(eq(notifications.id, mine.id));
    expect(row?.readAt).toBeNull();
  });

  it('marks one notification read and filters unread ones', async () => {
    const mine = (await get('/api/v1/platform/notifications', buyerA.bearer)).json().items[0];
    const res = await post(`/api/v1/platform/notifications/${mine.id}/read`, buyerA.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.json().readAt).toBe(t.clock.now().toISOString());
    const [row] = await t.database.db.select().from(notifications).where(eq(notifications.id, mine.id));
    expect(row?.readAt).toEqual(t.clock.now());
    const unread = await get('/api/v1/platform/notifications?unreadOnly=true', buyerA.bearer);
    expect(unread.json().items).toHaveLength(0);
  });

  it('marks all of a staff member’s notifications read, including role alerts, only for them', async () => {
    const second = await createTestStaff(t.ctx, { roles: ['admin'] });
    const before = (await get('/api/v1/platform/notifications/unread-count', admin.bearer)).json().count;
    expect(before).toBeGreaterThan(0);
    const res = await post('/api/v1/platform/notifications/read-all', admin.bearer);
    expect(res.json().updated).toBe(before);
    expect((await get('/api/v1/platform/notifications/unread-count', admin.bearer)).json()).toEqual({
      count: 0,
    });
    const reads = await t.database.db
      .select()
      .from(notificationReads)
      .where(eq(notificationReads.readerId, admin.accountId));
    expect(reads.length).toBe(before);
    // Another admin still sees the role alert as unread.
    expect((await get('/api/v1/platform/notifications/unread-count', second.bearer)).json().count).toBe(
      before,
    );
  });

  it('answers 401 to anonymous callers', async () => {
    expect((await get('/api/v1/platform/notifications')).statusCode).toBe(401);
    expect((await post('/api/v1/platform/notifications/read-all')).statusCode).toBe(401);
  });

  it('keeps dealer staff out of the jobs console', async () => {
    expect((await get('/api/v1/platform/jobs', dealerAdmin.bearer)).statusCode).toBe(403);
  });
});
