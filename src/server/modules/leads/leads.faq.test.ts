import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { catalogModule, trimFactsOf } from '../catalog/index.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import {
  askFaqBot,
  type FaqBotQuestion,
  fillPlaceholders,
  formatOpeningHours,
  recordHandOff,
} from './leads.faq.bot.js';
import { SHIPPED_FAQS } from './leads.faq.content.js';
import { leadFaqQuestionTable, leadFaqTable } from './leads.faq.schema.js';
import { seedShippedFaqs } from './leads.faq.seed.js';

let t: TestApp;
let operator: TestStaff;
let service: TestStaff;
let dealerStaff: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-10T02:00:00Z'));
  for (const step of [...(dealersModule.seed ?? []), ...(catalogModule.seed ?? [])]) await step.run(t.ctx);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  service = await createTestStaff(t.ctx, { roles: ['customer_service'] });
  dealerStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;
const q = (text: string, more: Partial<FaqBotQuestion> = {}): FaqBotQuestion => ({
  text,
  lang: 'zh-CN',
  conversationId: null,
  listingId: null,
  trimId: null,
  storeId: null,
  cityCode: null,
  ...more,
});

async function faqByKey(key: string) {
  const [row] = await db().select().from(leadFaqTable).where(eq(leadFaqTable.seedKey, key));
  if (!row) throw new Error(`no FAQ ${key}`);
  return row;
}

describe('the shipped FAQ library', () => {
  it('holds at least 60 published FAQs across the categories the issue names, loaded once per key', async () => {
    // Production runs no seed: the console (or the first question) loads them.
    expect(await db().$count(leadFaqTable)).toBe(0);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq?limit=100',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    const rows = await db().select().from(leadFaqTable);
    expect(rows.length).toBe(SHIPPED_FAQS.length);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(rows.map((r) => r.category));
    for (const c of [
      'prices_discounts',
      'loans',
      'delivery',
      'test_drives',
      'used_car_inspection',
      'warranty',
      'trade_in',
      'nev_charging',
    ]) {
      expect(categories.has(c as never)).toBe(true);
    }
    // Loading again (the development seed, every process start) adds nothing.
    await seedShippedFaqs.run(t.ctx);
    expect(await db().$count(leadFaqTable)).toBe(SHIPPED_FAQS.length);
  });
});

describe('askFaqBot', () => {
  it('answers a close question, logs it and counts the conversation as deflected until it is handed off', async () => {
    const answer = await askFaqBot(db(), q('试驾收费吗？', { conversationId: 'cnv_a' }), t.clock.now());
    const faq = await faqByKey('testdrive.cost');
    expect(answer).toMatchObject({ answered: true, faqId: faq.id, offerHuman: false, suggestions: [] });
    expect(answer.answer).toContain('免费');
    const [logged] = await db()
      .select()
      .from(leadFaqQuestionTable)
      .where(eq(leadFaqQuestionTable.conversationId, 'cnv_a'));
    expect(logged).toMatchObject({
      text: '试驾收费吗？',
      normalized: '试驾收费吗',
      faqId: faq.id,
      answered: true,
      channel: 'chat',
    });

    // A second bot conversation that went to a person, and one where the bot could not answer.
    await askFaqBot(db(), q('首付最少付多少', { conversationId: 'cnv_b' }), t.clock.now());
    await recordHandOff(db(), 'cnv_b', t.clock.now());
    const unanswered = await askFaqBot(
      db(),
      q('你们老板叫什么名字', { conversationId: 'cnv_c' }),
      t.clock.now(),
    );
    expect(unanswered.answered).toBe(false);
    // A conversation handed to a person before the bot was asked anything is not a bot conversation.
    await recordHandOff(db(), 'cnv_d', t.clock.now());

    const stats = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq/stats?days=7',
      headers: service.bearer,
    });
    expect(stats.statusCode).toBe(200);
    const body = stats.json();
    expect(body).toMatchObject({
      conversations: 3,
      deflected: 1,
      goal: 0.8,
      questions: 3,
      answeredQuestions: 2,
    });
    expect(body.deflectionRate).toBeCloseTo(1 / 3, 3);
    expect(body.byDay).toHaveLength(7);
    expect(body.byDay.at(-1)).toMatchObject({ day: '2026-03-10', conversations: 3, deflected: 1 });
  });

  it('offers a person with up to 3 suggestions below the threshold, and the threshold is configurable', async () => {
    const low = await askFaqBot(db(), q('今天北京天气怎么样'), t.clock.now());
    expect(low).toMatchObject({ answered: false, answer: null, faqId: null, offerHuman: true });
    expect(low.suggestions.length).toBeLessThanOrEqual(3);

    const unsure = await askFaqBot(db(), q('里程表有没有被调过'), t.clock.now());
    expect(unsure.answered).toBe(false);
    expect(unsure.suggestions.map((s) => s.question)).toContain('二手车的公里数是真的吗？会不会调表？');

    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/leads/faq/settings',
      headers: operator.bearer,
      payload: { threshold: 0.95 },
    });
    expect(set.json()).toMatchObject({ threshold: 0.95 });
    expect((await askFaqBot(db(), q('首付最少付多少'), t.clock.now())).answered).toBe(false);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/leads/faq/settings',
      headers: operator.bearer,
      payload: { threshold: 0.25 },
    });
    expect((await askFaqBot(db(), q('首付最少付多少'), t.clock.now())).answered).toBe(true);
  });

  it('fills live data from the vehicle and store in view, and never shows a raw placeholder', async () => {
    const [trim] = (await trimFactsOf(db(), 'all')).filter((x) => x.brandName === '比亚迪');
    if (!trim) throw new Error('no BYD trim in the demo catalog');
    const priced = await askFaqBot(
      db(),
      q('落地价多少钱', { trimId: trim.id, cityCode: '110100' }),
      t.clock.now(),
    );
    expect(priced.answered).toBe(true);
    expect(priced.answer).toContain(trim.seriesName);
    expect(priced.answer).toMatch(/¥[\d,]+\.\d\d/);
    expect(priced.answer).not.toContain('{{');
    // The landed price came from pricing (not the generic sentence that points to the calculator).
    expect(priced.answer).not.toContain('计算器');
    expect(priced.answer?.match(/¥/g)).toHaveLength(2);

    const generic = await askFaqBot(db(), q('落地价多少钱'), t.clock.now());
    expect(generic.answer).toContain('落地价');
    expect(generic.answer).not.toContain('{{');

    const store = await askFaqBot(
      db(),
      q('门店营业时间和地址', { storeId: 'sto_bj_byd_chaoyang' }),
      t.clock.now(),
    );
    expect(store.answered).toBe(true);
    expect(store.answer).toMatch(/\d\d:\d\d-\d\d:\d\d/);
    expect(store.answer).toContain('北京');

    const booking = await askFaqBot(
      db(),
      q('怎么预约试驾', { trimId: trim.id, storeId: 'sto_bj_byd_chaoyang' }),
      t.clock.now(),
    );
    expect(booking.answer).toContain(`[预约试驾](/test-drive?trimId=${trim.id}&storeId=sto_bj_byd_chaoyang)`);
  });

  it('fills sentence by sentence and formats opening hours compactly', () => {
    expect(fillPlaceholders('价格为{{trim.price}}。试驾免费。', {}, 'zh-CN')).toBe(
      '具体车型的指导价和按您所在城市估算的落地价，可在车辆页面的“落地价”计算器中查看。试驾免费。',
    );
    expect(
      fillPlaceholders(
        '{{store.name}}：{{store.hours}}。',
        { 'store.name': '朝阳店', 'store.hours': '每天' },
        'zh-CN',
      ),
    ).toBe('朝阳店：每天。');
    const day: [string, string][] = [['09:00', '18:00']];
    expect(
      formatOpeningHours(
        { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [['10:00', '17:00']], sun: [] },
        'zh-CN',
      ),
    ).toBe('周一至周五 09:00-18:00；周六 10:00-17:00；周日 休息');
  });
});

describe('the console FAQ library', () => {
  it('creates an FAQ from an unanswered question, audited, and the bot answers with it at once', async () => {
    for (let i = 0; i < 2; i++) await askFaqBot(db(), q('你们支持夜间交车吗？'), t.clock.now());
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq/unanswered',
      headers: operator.bearer,
    });
    const group = list
      .json()
      .items.find((g: { normalized: string }) => g.normalized === '你们支持夜间交车吗');
    expect(group).toMatchObject({ count: 2, text: '你们支持夜间交车吗？' });

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads/faq',
      headers: operator.bearer,
      payload: {
        category: 'delivery',
        question: '可以晚上交车吗？',
        answer: '门店可预约晚上 20:00 前交车，请提前与销售顾问约定时间。',
        synonyms: ['夜间交车'],
        fromQuestion: group.text,
      },
    });
    expect(created.statusCode).toBe(201);
    const faq = created.json();
    expect(faq).toMatchObject({ status: 'published', updatedBy: operator.accountId, synonyms: ['夜间交车'] });
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, faq.id), eq(auditLog.action, 'lead_faq.create')));
    expect(row).toBeDefined();

    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq/unanswered',
      headers: operator.bearer,
    });
    expect(
      after.json().items.some((g: { normalized: string }) => g.normalized === '你们支持夜间交车吗'),
    ).toBe(false);
    const answer = await askFaqBot(db(), q('晚上能交车吗'), t.clock.now());
    expect(answer).toMatchObject({ answered: true, faqId: faq.id });
  });

  it('adds a buyer wording as a synonym, refuses duplicates and unknown placeholders, archives', async () => {
    await askFaqBot(db(), q('买车能不能送贴膜'), t.clock.now());
    const target = await faqByKey('price.discount_now');
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/leads/faq/${target.id}/synonyms`,
      headers: service.bearer,
      payload: { synonym: '买车能不能送贴膜', fromQuestion: '买车能不能送贴膜' },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().synonyms).toContain('买车能不能送贴膜');
    expect((await askFaqBot(db(), q('买车送贴膜吗'), t.clock.now())).faqId).toBe(target.id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/leads/faq/${target.id}/synonyms`,
      headers: service.bearer,
      payload: { synonym: '买车能不能送贴膜！' },
    });
    expect(again.json().error.code).toBe('FAQ_SYNONYM_EXISTS');

    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/leads/faq/${target.id}`,
      headers: operator.bearer,
      payload: { category: 'prices_discounts', question: target.question, answer: '价格 {{trim.discount}}' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('FAQ_PLACEHOLDER_UNKNOWN');

    const archived = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/leads/faq/${target.id}`,
      headers: operator.bearer,
    });
    expect(archived.json().status).toBe('archived');
    expect((await askFaqBot(db(), q('买车送贴膜吗'), t.clock.now())).faqId).not.toBe(target.id);
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, target.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['lead_faq.add_synonym', 'lead_faq.archive']);
    const pub = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq/public?category=prices_discounts',
    });
    expect(pub.json().items.some((f: { id: string }) => f.id === target.id)).toBe(false);
  });

  it('is for operators and customer service only; the public side needs no sign-in', async () => {
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/faq',
      headers: dealerStaff.bearer,
    });
    expect(denied.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/leads/faq' })).statusCode).toBe(401);
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/leads/faq/public?category=test_drives' });
    expect(pub.statusCode).toBe(200);
    const items = pub.json().items as { answer: string; category: string }[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((f) => f.category === 'test_drives' && !f.answer.includes('{{'))).toBe(true);
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leads/faq/ask',
      payload: { text: '试驾需要带驾照吗' },
    });
    expect(ask.statusCode).toBe(200);
    expect(ask.json()).toMatchObject({ answered: true, question: '试驾需要带什么证件？' });
    const [logged] = await db()
      .select()
      .from(leadFaqQuestionTable)
      .where(eq(leadFaqQuestionTable.text, '试驾需要带驾照吗'));
    expect(logged?.channel).toBe('help_page');
  });
});
