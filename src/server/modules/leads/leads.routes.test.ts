import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../kernel/auth/sessions.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { notifications } from '../../kernel/notify/notify.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { LoanApplicationEvents } from '../finance/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { OrdersEvents } from '../orders/index.js';
import { PricingEvents } from '../pricing/index.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';
import type { TLeadDetail, TLeadPage, TLeadReport } from './leads.contract.js';
import { LeadsEvents } from './leads.events.js';
import { recordLeadContact } from './leads.intake.js';
import { leadTable } from './leads.schema.js';
import { runSlaChecks } from './leads.sla.js';
import { remindDueTasks } from './leads.tasks.js';
import { recordTestdriveBooked, recordTestdriveOutcome } from './leads.wiring.js';

// A Guangzhou GAC dealer of our own (no demo advisors there), so routing outcomes are exact.
const GZ = 'dlr_t_gz_gac';
const TIANHE = 'sto_t_gz_tianhe';
const PANYU = 'sto_t_gz_panyu';

let t: TestApp;
let operator: TestStaff;
let gzManager: TestStaff;
let gzAdvisorA: TestStaff;
let gzAdvisorB: TestStaff;
let shStaff: TestStaff;
let outsider: TestStaff;

const vehicle = (over: Partial<Record<string, string | null>> = {}) => ({
  listingId: null,
  seriesId: 'ser_gac_aion_s',
  trimId: null,
  brandId: 'brd_gac_aion',
  dealerId: GZ,
  storeId: TIANHE,
  ...over,
});
const direct = {
  channel: 'sem' as const,
  utmSource: 'baidu',
  utmMedium: 'cpc',
  utmCampaign: 'aion_s_1111',
  referrer: null,
};

async function advisor(s: TestStaff, name: string, storeId: string, managerAccountId: string | null) {
  await t.database.db.insert(leadAdvisorTable).values({
    accountId: s.accountId,
    displayName: name,
    dealerId: GZ,
    storeId,
    cityCode: '440100',
    brandIds: [],
    managerAccountId,
    availability: 'online',
    updatedAt: t.clock.now(),
  });
}

async function contact(phone: string, over: Partial<Parameters<typeof recordLeadContact>[1]> = {}) {
  return withTransaction(t.database.db, (tx) =>
    recordLeadContact(tx, {
      phone,
      name: '黄晓明',
      cityCode: '440100',
      sourceKind: 'consultation',
      source: direct,
      vehicle: vehicle(),
      consentToContact: true,
      at: t.clock.now(),
      ...over,
    }),
  );
}

async function lead(id: string) {
  const [row] = await t.database.db.select().from(leadTable).where(eq(leadTable.id, id));
  if (!row) throw new Error('no lead');
  return row;
}

async function drain() {
  for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
}

/** Signs the staff member in afresh at the clock's time (the tests move the clock past session expiry). */
async function api(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  who: TestStaff,
  payload?: unknown,
) {
  const s = await createSession(t.database.db, t.ctx, {
    subjectKind: 'staff',
    subjectId: who.accountId,
    ip: '127.0.0.1',
    totpVerifiedAt: t.clock.now(),
  });
  return t.app.inject({
    method,
    url: `/api/v1/leads${url}`,
    headers: { authorization: `Bearer ${s.token}` },
    ...(payload ? { payload } : {}),
  });
}

async function notes(templateKey: string, recipientId: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.templateKey, templateKey), eq(notifications.recipientId, recipientId)));
}

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  gzManager = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: GZ, displayName: '赵敏' });
  gzAdvisorA = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: GZ, displayName: '周杰' });
  gzAdvisorB = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: GZ, displayName: '林峰' });
  shStaff = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_sh_tesla' });
  outsider = await createTestStaff(t.ctx, { roles: ['supply_chain'] });
  await advisor(gzAdvisorA, '周杰', TIANHE, gzManager.accountId);
  await advisor(gzAdvisorB, '林峰', PANYU, gzManager.accountId);
});
afterAll(async () => {
  await t.close();
});

describe('intake', () => {
  it('keeps one lead per phone however it is typed, adds each contact to the timeline and de-duplicates vehicles', async () => {
    const first = await contact('138 0013 8001', { consentToContact: false });
    const second = await contact('+86 13800138001', {
      sourceKind: 'callback_request',
      consentToContact: true,
      vehicle: vehicle({ seriesId: 'ser_gac_aion_s' }),
    });
    const third = await contact('0086-138-0013-8001', { vehicle: vehicle({ seriesId: 'ser_gac_aion_y' }) });
    expect(first?.created).toBe(true);
    expect(second).toEqual({ leadId: first?.leadId, created: false });
    expect(third?.leadId).toBe(first?.leadId);
    const row = await lead(first?.leadId ?? '');
    expect(row.phone).toBe('13800138001');
    expect(row.vehicles.map((v) => v.seriesId)).toEqual(['ser_gac_aion_s', 'ser_gac_aion_y']);
    expect(row.firstSourceKind).toBe('consultation');
    expect(row.lastSourceKind).toBe('consultation');
    expect(row.consentToContact).toBe(true);
    expect(row.consentSourceKind).toBe('callback_request');
    expect(row.channel).toBe('sem');
    expect(row.dealerId).toBe(GZ);
    const detail = (await api('GET', `/${row.id}`, gzManager)).json() as TLeadDetail;
    expect(detail.timeline.filter((a) => a.kind === 'consultation')).toHaveLength(3);
    expect(detail.timeline.filter((a) => a.kind === 'assignment')).toHaveLength(1);
  });

  it('ignores a number that is not a mainland mobile', async () => {
    expect(await contact('010-6552 9988')).toBeNull();
  });
});

describe('assignment', () => {
  it('routes to the vehicle store first, then round-robin in the dealer, and tells the advisor in-app', async () => {
    const atTianhe = await contact('13900139001');
    expect((await lead(atTianhe?.leadId ?? '')).ownerAccountId).toBe(gzAdvisorA.accountId);
    // No store: the dealer tier, whoever was picked longest ago.
    t.clock.advance(60_000);
    const d1 = await contact('13900139002', { vehicle: vehicle({ storeId: null }) });
    t.clock.advance(60_000);
    const d2 = await contact('13900139003', { vehicle: vehicle({ storeId: null }) });
    const owners = [
      (await lead(d1?.leadId ?? '')).ownerAccountId,
      (await lead(d2?.leadId ?? '')).ownerAccountId,
    ];
    expect(new Set(owners)).toEqual(new Set([gzAdvisorA.accountId, gzAdvisorB.accountId]));
    await drain();
    expect((await notes('leads.assigned', gzAdvisorA.accountId)).length).toBeGreaterThanOrEqual(1);
  });

  it('lets a manager reassign within the dealer and refuses advisors of another dealer', async () => {
    const c = await contact('13900139010');
    const id = c?.leadId ?? '';
    const ok = await api('POST', `/${id}/reassign`, gzManager, { advisorAccountId: gzAdvisorB.accountId });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as TLeadDetail).lead.ownerAccountId).toBe(gzAdvisorB.accountId);
    await t.database.db.insert(leadAdvisorTable).values({
      accountId: shStaff.accountId,
      displayName: '郑浩',
      dealerId: 'dlr_demo_sh_tesla',
      storeId: 'sto_sh_tesla_jinqiao',
      cityCode: '310100',
      brandIds: [],
      managerAccountId: null,
      availability: 'offline',
      updatedAt: t.clock.now(),
    });
    const bad = await api('POST', `/${id}/reassign`, gzManager, { advisorAccountId: shStaff.accountId });
    expect(bad.json()).toMatchObject({ error: { code: 'ADVISOR_NOT_FOUND' } });
    const denied = await api('POST', `/${id}/reassign`, gzAdvisorA, {
      advisorAccountId: gzAdvisorA.accountId,
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('dealer isolation', () => {
  it("hides a dealer's leads from other dealers and advisors see only their own", async () => {
    const c = await contact('13700137001', { vehicle: vehicle({ storeId: PANYU }) });
    const id = c?.leadId ?? '';
    const sh = (await api('GET', '/?limit=100', shStaff)).json() as TLeadPage;
    expect(sh.items.map((l) => l.id)).not.toContain(id);
    expect(sh.items.every((l) => l.dealerId === 'dlr_demo_sh_tesla')).toBe(true);
    expect((await api('GET', `/${id}`, shStaff)).json()).toMatchObject({ error: { code: 'LEAD_NOT_FOUND' } });
    const mine = (await api('GET', '/?limit=100', gzAdvisorB)).json() as TLeadPage;
    expect(mine.items.map((l) => l.id)).toContain(id);
    expect(
      mine.items.every((l) => l.ownerAccountId === gzAdvisorB.accountId || l.ownerAccountId === null),
    ).toBe(true);
    expect(mine.items[0]?.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const all = (await api('GET', '/?limit=100', operator)).json() as TLeadPage;
    expect(all.items.map((l) => l.id)).toContain(id);
    expect((await api('GET', '/', outsider)).statusCode).toBe(403);
  });
});

describe('status machine', () => {
  it('needs a listed reason and a note to lose a lead, refuses moves out of a closed one, and reopens', async () => {
    const c = await contact('13600136001');
    const id = c?.leadId ?? '';
    const contacted = await api('POST', `/${id}/status`, gzManager, { action: 'contact' });
    expect((contacted.json() as TLeadDetail).lead).toMatchObject({ status: 'contacted', slaState: 'met' });
    expect((await api('POST', `/${id}/status`, gzManager, { action: 'lose' })).statusCode).toBe(400);
    expect(
      (await api('POST', `/${id}/status`, gzManager, { action: 'lose', reason: 'too_far', note: '太远' }))
        .statusCode,
    ).toBe(400);
    const lost = await api('POST', `/${id}/status`, gzManager, {
      action: 'lose',
      reason: 'bought_elsewhere',
      note: '已在4S店订了广汽埃安Y',
    });
    expect((lost.json() as TLeadDetail).lead).toMatchObject({
      status: 'lost',
      lostReason: 'bought_elsewhere',
    });
    const again = await api('POST', `/${id}/status`, gzManager, { action: 'negotiate' });
    expect(again.json()).toMatchObject({ error: { code: 'INVALID_TRANSITION', details: { from: 'lost' } } });
    const reopened = (
      await api('POST', `/${id}/status`, gzManager, { action: 'reopen' })
    ).json() as TLeadDetail;
    expect(reopened.lead).toMatchObject({ status: 'contacted', lostReason: null });
    expect(reopened.timeline.filter((a) => a.kind === 'status_change').map((a) => a.data.to)).toEqual([
      'contacted',
      'lost',
      'contacted',
    ]);
  });

  it('logs a call by phone from the console: creates the lead (phone_call) and counts as the first response', async () => {
    const res = await api('POST', '/calls', gzAdvisorA, {
      phone: '159 0015 9001',
      name: '何静',
      direction: 'inbound',
      note: '来电咨询埃安S的置换补贴',
    });
    expect(res.statusCode).toBe(201);
    const d = res.json() as TLeadDetail;
    expect(d.lead).toMatchObject({
      phone: '15900159001',
      firstSourceKind: 'phone_call',
      dealerId: GZ,
      slaState: 'met',
    });
    expect(d.timeline.map((a) => a.kind)).toContain('call');
    const bad = await api('POST', '/calls', gzAdvisorA, { phone: '12345' });
    expect(bad.json()).toMatchObject({ error: { code: 'LEAD_PHONE_INVALID' } });
  });
});

describe('event wiring', () => {
  it('a consultation contact makes a lead; a test drive moves it to test_drive; a paid deposit wins it', async () => {
    const buyer = await createTestBuyer(t.ctx, '18600186001');
    const at = t.clock.now();
    await withTransaction(t.database.db, (tx) =>
      publish(
        tx,
        LeadsEvents.consultationContactLeft,
        'cnv_t1',
        {
          conversationId: 'cnv_t1',
          kind: 'consultation',
          buyerId: buyer.id,
          name: '马丽',
          phone: buyer.phone,
          cityCode: '440100',
          vehicle: vehicle(),
          source: direct,
          consentToContact: true,
          note: '想看看埃安S魅 580',
        },
        at,
      ),
    );
    await drain();
    const list = (await api('GET', '/?q=18600186001', operator)).json() as TLeadPage;
    expect(list.items).toHaveLength(1);
    const id = list.items[0]?.id ?? '';
    expect(list.items[0]).toMatchObject({
      status: 'new',
      firstSourceKind: 'consultation',
      buyerId: buyer.id,
    });

    await recordTestdriveBooked(
      t.database.db,
      {
        testdriveId: 'tdr_t1',
        buyerId: buyer.id,
        name: '马丽',
        phone: buyer.phone,
        brandId: 'brd_gac_aion',
        seriesId: 'ser_gac_aion_s',
        trimId: null,
        listingId: null,
        dealerId: GZ,
        storeId: TIANHE,
        cityCode: '440100',
        startsAt: '2026-11-22T02:00:00Z',
        advisorAccountId: gzAdvisorA.accountId,
        source: direct,
        consentToContact: true,
      },
      at,
    );
    await recordTestdriveOutcome(
      t.database.db,
      { testdriveId: 'tdr_t1', phone: buyer.phone, status: 'completed', startsAt: '2026-11-22T02:00:00Z' },
      at,
    );
    expect((await lead(id)).status).toBe('test_drive');

    await withTransaction(t.database.db, (tx) =>
      publish(
        tx,
        OrdersEvents.statusChanged,
        'ord_t1',
        {
          orderId: 'ord_t1',
          orderNumber: 'AY20261121000001',
          from: 'created',
          to: 'deposit_paid',
          buyerUserId: buyer.id,
          dealerId: GZ,
        },
        at,
      ),
    );
    await drain();
    const won = await lead(id);
    expect(won).toMatchObject({ status: 'won', wonOrderId: 'ord_t1' });
  });
});

describe('more contact sources', () => {
  it('loan applications, price alerts and trade-in valuations land on the buyer lead, a redelivery once', async () => {
    const buyer = await createTestBuyer(t.ctx, '18800188001');
    const at = t.clock.now();
    const emitLoan = () =>
      withTransaction(t.database.db, async (tx) => {
        await publish(
          tx,
          LoanApplicationEvents.loanSubmitted,
          'lap_t1',
          {
            applicationId: 'lap_t1',
            buyerId: buyer.id,
            lenderCode: 'cmb',
            listingId: 'lst_t1',
            principalFen: 12_000_000,
          },
          at,
        );
      });
    const emitOthers = () =>
      withTransaction(t.database.db, async (tx) => {
        await publish(
          tx,
          PricingEvents.priceAlertSubscribed,
          'lst_t2',
          { listingId: 'lst_t2', buyerId: buyer.id, referenceFen: 18_980_000 },
          // Later contacts (the first source is the earliest contact, whatever order the jobs run in).
          new Date(at.getTime() + 60_000),
        );
        await publish(
          tx,
          PricingEvents.tradeInValuationRequested,
          'tiv_t1',
          {
            valuationId: 'tiv_t1',
            buyerId: buyer.id,
            trimId: 'trm_t1',
            cityCode: '440100',
            valueFen: 6_500_000,
          },
          new Date(at.getTime() + 120_000),
        );
      });
    // The loan application first (its own jobs), then the others: the lead's first source is the loan.
    await emitLoan();
    await drain();
    await emitOthers();
    await drain();
    // The same events again (redelivery): nothing new on the timeline.
    await emitLoan();
    await emitOthers();
    await drain();
    const list = (await api('GET', '/?q=18800188001', operator)).json() as TLeadPage;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ firstSourceKind: 'loan_application', consentToContact: true });
    const d = (await api('GET', `/${list.items[0]?.id}`, operator)).json() as TLeadDetail;
    expect(
      d.timeline
        .filter((a) => a.sourceKind !== null)
        .map((a) => a.sourceKind)
        .sort(),
    ).toEqual(['loan_application', 'price_drop_subscription', 'trade_in_request']);
    expect(d.lead.vehicles.map((v) => v.listingId).sort()).toEqual(['lst_t1', 'lst_t2']);
  });
});

describe('first-response SLA', () => {
  it('reminds the owner 2 h before the deadline and escalates a breach to their manager, once each', async () => {
    await api('PUT', '/sla-settings', operator, { items: [{ sourceKind: 'callback_request', hours: 4 }] });
    const start = t.clock.now();
    const c = await contact('13500135001', {
      sourceKind: 'callback_request',
      vehicle: vehicle({ storeId: PANYU }),
    });
    const id = c?.leadId ?? '';
    const row = await lead(id);
    expect(row.slaDueAt.getTime() - start.getTime()).toBe(4 * 3600_000);
    expect(row.ownerAccountId).toBe(gzAdvisorB.accountId);

    t.clock.set(new Date(start.getTime() + 90 * 60_000));
    await runSlaChecks(t.database.db, t.clock.now());
    expect((await lead(id)).slaRemindedAt).toBeNull();

    t.clock.set(new Date(start.getTime() + 2.5 * 3600_000));
    await runSlaChecks(t.database.db, t.clock.now());
    await runSlaChecks(t.database.db, t.clock.now());
    await drain();
    expect(await notes('leads.sla_reminder', gzAdvisorB.accountId)).toHaveLength(1);
    expect(await notes('leads.sla_breached', gzManager.accountId)).toHaveLength(0);

    t.clock.set(new Date(start.getTime() + 4 * 3600_000 + 60_000));
    const list = (await api('GET', '/?sla=overdue&limit=100', gzManager)).json() as TLeadPage;
    expect(list.items.map((l) => l.id)).toContain(id);
    await drain(); // the scheduled job runs the checks too
    await runSlaChecks(t.database.db, t.clock.now());
    await drain();
    const breached = await notes('leads.sla_breached', gzManager.accountId);
    expect(breached).toHaveLength(1);
    // The dealer's manager opens it in the dealer portal.
    expect(breached[0]?.link).toBe(`/dealer/leads/${id}`);
    const detail = (await api('GET', `/${id}`, gzManager)).json() as TLeadDetail;
    expect(detail.lead.slaState).toBe('overdue');
    expect(detail.timeline.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['sla_reminder', 'sla_breach']),
    );
    // Answering late records a breached response.
    await api('POST', `/${id}/calls`, gzAdvisorB, { direction: 'outbound', reached: true });
    expect(((await api('GET', `/${id}`, gzManager)).json() as TLeadDetail).lead.slaState).toBe('breached');
  });

  it('sorts the list by urgency: the soonest open deadline first', async () => {
    const now = t.clock.now();
    const later = await contact('13300133001', { at: now });
    const sooner = await contact('13300133002', { at: new Date(now.getTime() - 20 * 3600_000) });
    const list = (await api('GET', '/?limit=100&status=new', gzManager)).json() as TLeadPage;
    const ids = list.items.map((l) => l.id);
    expect(ids.indexOf(sooner?.leadId ?? '')).toBeLessThan(ids.indexOf(later?.leadId ?? ''));
    const dues = list.items.filter((l) => l.respondedAt === null).map((l) => l.slaDueAt);
    expect([...dues].sort()).toEqual(dues);
  });
});

describe('tasks', () => {
  it('creates, completes and reopens follow-up tasks and reminds the assignee when one falls due', async () => {
    const c = await contact('13200132001');
    const id = c?.leadId ?? '';
    const due = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const created = await api('POST', `/${id}/tasks`, gzAdvisorA, {
      title: '周五回电确认试驾时间',
      dueAt: due,
    });
    expect(created.statusCode).toBe(201);
    const task = created.json() as { id: string; assigneeAccountId: string };
    expect(task.assigneeAccountId).toBe(gzAdvisorA.accountId);
    expect(await remindDueTasks(t.database.db, t.clock.now())).toBe(0);
    t.clock.advance(3600_000 + 1000);
    expect(await remindDueTasks(t.database.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await remindDueTasks(t.database.db, t.clock.now())).toBe(0);
    await drain();
    expect((await notes('leads.task_due', gzAdvisorA.accountId)).length).toBe(1);
    const done = await api('PATCH', `/${id}/tasks/${task.id}`, gzAdvisorA, { done: true });
    expect(done.json()).toMatchObject({ done: true });
    const undone = await api('PATCH', `/${id}/tasks/${task.id}`, gzAdvisorA, { done: false });
    expect(undone.json()).toMatchObject({ done: false });
    expect((await api('GET', `/${id}/tasks`, shStaff)).statusCode).toBe(404);
    expect((await api('DELETE', `/${id}/tasks/${task.id}`, gzAdvisorA)).statusCode).toBe(204);
    expect(
      ((await api('GET', `/${id}/tasks`, gzAdvisorA)).json() as { items: unknown[] }).items,
    ).toHaveLength(0);
  });
});

describe('reports', () => {
  it('reports first-response times, SLA compliance, conversion by advisor and channel and the test-drive show rate', async () => {
    const res = await api('GET', '/reports?from=2026-11-01&to=2026-12-31', gzManager);
    expect(res.statusCode).toBe(200);
    const r = res.json() as TLeadReport;
    expect(r.leads).toBeGreaterThan(5);
    expect(r.firstResponse.responded).toBeGreaterThanOrEqual(3);
    expect(r.firstResponse.medianMinutes).not.toBeNull();
    expect(r.sla.breached).toBeGreaterThanOrEqual(1);
    expect(r.byChannel.find((c) => c.key === 'sem')?.won).toBe(1);
    expect(r.byAdvisor.map((a) => a.label)).toEqual(expect.arrayContaining(['周杰', '林峰']));
    expect(r.testDrives).toMatchObject({ shown: 1, noShow: 0, showRate: 1 });
    const sh = (await api('GET', '/reports?from=2026-11-01&to=2026-12-31', shStaff)).json() as TLeadReport;
    expect(sh.byChannel.find((c) => c.key === 'sem')?.won ?? 0).toBe(0);
  });
});
