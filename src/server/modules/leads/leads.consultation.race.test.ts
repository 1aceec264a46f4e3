import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { ManualClock } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { createContext } from '../../kernel/create-context.js';
import { type Database, openDatabase } from '../../kernel/db/client.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';
import { chatHub } from './leads.consultation.bus.js';
import type { TConversation } from './leads.consultation.contract.js';
import { ChatClient, listen, makeAdvisor } from './leads.consultation.testing.js';

// Two app "processes" over one database: a buyer's socket on one, the advisor's on the other. On PostgreSQL
// the second app has its own connection pool and its own LISTEN connection, exactly as a second process
// would; on PGlite (one process only) the two share the database object and the in-process bus.

let t: TestApp;
let second: { app: FastifyInstance; ctx: AppContext; database: Database | null };
let operator: TestStaff;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  const database = t.database.url ? await openDatabase({ url: t.database.url, poolSize: 5 }) : null;
  const ctx = createContext(testConfig(), database ?? t.database, new ManualClock());
  const app = await buildApp(ctx);
  await app.ready();
  second = { app, ctx, database };
  urlA = await listen(t.app);
  urlB = await listen(app);
});
afterAll(async () => {
  await second?.app.close();
  await second?.ctx.cacheBus.close();
  await second?.database?.close();
  await t?.close();
});

describe('consultations across two app processes', () => {
  it('delivers each side’s messages to the other’s socket on the other process, in order, once', async () => {
    await t.database.db.update(leadAdvisorTable).set({ availability: 'offline' });
    const advisor = await makeAdvisor(t, operator, '平台顾问林峰', {
      dealerId: null,
      storeId: null,
      cityCode: null,
    });
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/leads/consultations', payload: {} });
    const { conversation, visitorToken } = opened.json() as {
      conversation: TConversation;
      visitorToken: string;
    };
    const id = conversation.id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/leads/consultations/${id}/handoff`,
      headers: { 'x-visitor-token': visitorToken },
    });

    const buyer = await ChatClient.connect(urlA);
    const staff = await ChatClient.connect(urlB, { authorization: advisor.bearer.authorization });
    buyer.send({ type: 'hello', conversationId: id, lastSeq: 0, visitorToken });
    staff.send({ type: 'hello', conversationId: id, lastSeq: 0 });
    await buyer.waitFor((c) => c.frames.some((f) => f.type === 'welcome'), 'buyer welcome');
    await staff.waitFor((c) => c.frames.some((f) => f.type === 'welcome'), 'advisor welcome');
    await Promise.all([chatHub(t.ctx).ready(), chatHub(second.ctx).ready()]);

    const questions = [
      '汉EV冠军版有现车吗？',
      '能试驾吗？',
      '落地价多少？',
      '可以分期吗？',
      '置换有补贴吗？',
    ];
    for (const [i, text] of questions.entries()) {
      buyer.send({ type: 'send', conversationId: id, clientMessageId: `q${i}`, text });
    }
    await staff.waitFor(
      (c) => questions.every((q) => c.messages(id).some((m) => m.text === q)),
      'the questions on the other process',
    );
    for (const [i, text] of ['有现车', '可以，周六上午', '北京落地约24万'].entries()) {
      staff.send({ type: 'send', conversationId: id, clientMessageId: `a${i}`, text });
    }
    await buyer.waitFor((c) => c.messages(id).some((m) => m.text === '北京落地约24万'), 'the answers back');
    staff.send({ type: 'typing', conversationId: id });
    await buyer.waitFor((c) => c.frames.some((f) => f.type === 'typing'), 'typing across processes');

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/leads/consultations/${id}/messages?limit=200`,
      headers: { 'x-visitor-token': visitorToken },
    });
    const stored = (history.json().items as { seq: number }[]).map((m) => m.seq);
    await staff.waitFor((c) => c.messages(id).length === stored.length, 'every message on the advisor side');
    await buyer.waitFor((c) => c.messages(id).length === stored.length, 'every message on the buyer side');
    // Each socket saw every stored message exactly once, in order.
    expect(buyer.messages(id).map((m) => m.seq)).toEqual(stored);
    expect(staff.messages(id).map((m) => m.seq)).toEqual(stored);
    await Promise.all([buyer.close(), staff.close()]);
  });
});
