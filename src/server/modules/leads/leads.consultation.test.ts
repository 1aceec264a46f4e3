import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';
import type { TConversation } from './leads.consultation.contract.js';
import { leadConversationMessageTable } from './leads.consultation.schema.js';
import {
  ChatClient,
  demoListingAtStore,
  listen,
  makeAdvisor,
  setAvailability,
} from './leads.consultation.testing.js';
import { leadTable } from './leads.schema.js';

let t: TestApp;
let operator: TestStaff;
let listing: Awaited<ReturnType<typeof demoListingAtStore>>;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T02:00:00Z');
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  listing = await demoListingAtStore(t);
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // Each test brings its own advisors: everyone else is offline.
  await t.database.db.update(leadAdvisorTable).set({ availability: 'offline' });
});

const api = '/api/v1/leads/consultations';

async function open(
  headers: Record<string, string> = {},
  body: Record<string, unknown> = { listingId: null },
): Promise<{ conversation: TConversation; visitorToken: string | null; headers: Record<string, string> }> {
  const res = await t.app.inject({ method: 'POST', url: api, headers, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  const out = res.json() as { conversation: TConversation; visitorToken: string | null };
  return { ...out, headers: out.visitorToken ? { 'x-visitor-token': out.visitorToken } : headers };
}

async function say(
  headers: Record<string, string>,
  id: string,
  text: string,
  clientMessageId = `c-${Math.random()}`,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: `${api}/${id}/messages`,
    headers,
    payload: { clientMessageId, text },
  });
  return res;
}

async function conversation(headers: Record<string, string>, id: string): Promise<TConversation> {
  const res = await t.app.inject({ method: 'GET', url: `${api}/${id}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TConversation;
}

async function handOff(headers: Record<string, string>, id: string) {
  const res = await t.app.inject({ method: 'POST', url: `${api}/${id}/handoff`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { outcome: string; conversation: TConversation };
}

describe('routing a consultation', () => {
  it('goes to the vehicle’s store, then its dealer, then the city, then the platform', async () => {
    const store = await makeAdvisor(t, operator, '门店顾问王磊', {
      dealerId: listing.dealerId,
      storeId: listing.storeId,
      cityCode: listing.cityCode,
    });
    const dealer = await makeAdvisor(t, operator, '经销商顾问李娜', {
      dealerId: listing.dealerId,
      storeId: 'sto_other_branch',
      cityCode: listing.cityCode,
    });
    const city = await makeAdvisor(t, operator, '同城顾问张伟', {
      dealerId: 'dlr_other_dealer',
      storeId: 'sto_other_dealer_1',
      cityCode: listing.cityCode,
    });
    const platform = await makeAdvisor(t, operator, '平台顾问陈静', {
      dealerId: null,
      storeId: null,
      cityCode: null,
    });

    const expectAdvisor = async (who: TestStaff) => {
      const c = await open({}, { listingId: listing.id });
      expect(c.conversation).toMatchObject({
        status: 'bot',
        dealerId: listing.dealerId,
        storeId: listing.storeId,
      });
      const r = await handOff(c.headers, c.conversation.id);
      expect(r.outcome).toBe('assigned');
      expect(r.conversation.advisorAccountId).toBe(who.accountId);
    };
    await expectAdvisor(store);
    await setAvailability(t, store, 'offline');
    await expectAdvisor(dealer);
    await setAvailability(t, dealer, 'offline');
    await expectAdvisor(city);
    await setAvailability(t, city, 'offline');
    await expectAdvisor(platform);
  });

  it('starts with the bot, which offers a person when it cannot answer; "转人工" hands off', async () => {
    const platform = await makeAdvisor(t, operator, '平台顾问周敏', {
      dealerId: null,
      storeId: null,
      cityCode: null,
    });
    const c = await open();
    const first = await say(c.headers, c.conversation.id, '我家小狗晕车怎么办？');
    expect(first.statusCode).toBe(200);
    const rows = await t.database.db
      .select()
      .from(leadConversationMessageTable)
      .where(eq(leadConversationMessageTable.conversationId, c.conversation.id))
      .orderBy(leadConversationMessageTable.seq);
    expect(rows.map((r) => [r.seq, r.sender, r.systemKind])).toEqual([
      [1, 'bot', 'greeting'],
      [2, 'buyer', null],
      [3, 'bot', 'offer_human'],
    ]);
    expect((await conversation(c.headers, c.conversation.id)).status).toBe('bot');
    await say(c.headers, c.conversation.id, '转人工');
    const after = await conversation(c.headers, c.conversation.id);
    expect(after).toMatchObject({ status: 'active', advisorAccountId: platform.accountId });
  });

  it('queues when every advisor is busy, shows the position, and serves the longest waiting first', async () => {
    const only = await makeAdvisor(t, operator, '平台顾问赵强', {
      dealerId: null,
      storeId: null,
      cityCode: null,
      maxConversations: 1,
    });
    const a = await open();
    expect((await handOff(a.headers, a.conversation.id)).outcome).toBe('assigned');
    const b = await open();
    t.clock.advance(10_000);
    const c = await open();
    const qb = await handOff(b.headers, b.conversation.id);
    t.clock.advance(10_000);
    const qc = await handOff(c.headers, c.conversation.id);
    expect(qb).toMatchObject({ outcome: 'queued', conversation: { status: 'queued', queuePosition: 1 } });
    expect(qc.conversation.queuePosition).toBe(2);
    expect(qc.conversation.estimatedWaitSeconds).toBeGreaterThan(0);

    const ws = await t.app.inject({ method: 'GET', url: `${api}/workspace`, headers: only.bearer });
    expect(ws.json().queue.map((q: TConversation) => q.id)).toEqual([b.conversation.id, c.conversation.id]);

    // The advisor closes the first: the longest waiting one is theirs now, the other moves up.
    const closed = await t.app.inject({
      method: 'POST',
      url: `${api}/${a.conversation.id}/close`,
      headers: only.bearer,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await conversation(b.headers, b.conversation.id)).toMatchObject({
      status: 'active',
      advisorAccountId: only.accountId,
    });
    expect(await conversation(c.headers, c.conversation.id)).toMatchObject({
      status: 'queued',
      queuePosition: 1,
    });
  });

  it('offers a callback when nobody is online, and the callback request becomes a lead event', async () => {
    const c = await open({}, { listingId: listing.id });
    const r = await handOff(c.headers, c.conversation.id);
    expect(r.outcome).toBe('callback');
    expect(r.conversation.status).toBe('bot');
    const cb = await t.app.inject({
      method: 'POST',
      url: `${api}/${c.conversation.id}/callback`,
      headers: c.headers,
      payload: {
        name: '王先生',
        phone: '13812345678',
        preferredTime: '明天上午10点后',
        consentToContact: true,
      },
    });
    expect(cb.statusCode, cb.body).toBe(200);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.aggregateId, c.conversation.id),
          eq(outboxEvents.type, 'leads.consultation_contact_left'),
        ),
      )
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        kind: 'callback_request',
        phone: '13812345678',
        note: '明天上午10点后',
        vehicle: expect.objectContaining({ listingId: listing.id, dealerId: listing.dealerId }),
      }),
    ]);
  });
});

describe('messages', () => {
  it('stores a re-sent message once (same clientMessageId) and answers with the same seq', async () => {
    await makeAdvisor(t, operator, '平台顾问孙丽', { dealerId: null, storeId: null, cityCode: null });
    const c = await open();
    await handOff(c.headers, c.conversation.id);
    const one = await say(c.headers, c.conversation.id, '请问可以试驾吗？', 'msg-1');
    const two = await say(c.headers, c.conversation.id, '请问可以试驾吗？', 'msg-1');
    expect(one.json()).toMatchObject({ duplicate: false });
    expect(two.json()).toMatchObject({ duplicate: true, message: { seq: one.json().message.seq } });
    const rows = await t.database.db
      .select()
      .from(leadConversationMessageTable)
      .where(eq(leadConversationMessageTable.clientMessageId, 'msg-1'));
    expect(rows).toHaveLength(1);
  });

  it('publishes the contact once for a signed-in buyer and the first advisor reply once', async () => {
    const advisor = await makeAdvisor(t, operator, '平台顾问吴刚', {
      dealerId: null,
      storeId: null,
      cityCode: null,
    });
    const buyer = await createTestBuyer(t.ctx, '13987654321');
    const c = await open(buyer.bearer);
    await say(buyer.bearer, c.conversation.id, '转人工');
    await say(buyer.bearer, c.conversation.id, '汉EV冠军版落地多少钱？');
    for (const text of ['您好，我是吴刚', '北京落地大约24万']) {
      const r = await say(advisor.bearer, c.conversation.id, text);
      expect(r.statusCode, r.body).toBe(200);
    }
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, c.conversation.id))
      .orderBy(outboxEvents.id);
    expect(events.filter((e) => e.type === 'leads.consultation_contact_left').map((e) => e.payload)).toEqual([
      expect.objectContaining({ kind: 'consultation', buyerId: buyer.id, phone: '13987654321' }),
    ]);
    expect(events.filter((e) => e.type === 'leads.consultation_replied').map((e) => e.payload)).toEqual([
      {
        conversationId: c.conversation.id,
        advisorAccountId: advisor.accountId,
        buyerId: buyer.id,
        phone: '13987654321',
      },
    ]);
    // The events make the buyer's lead and meet its first-response SLA.
    // (Both events may be handled at once: the reply's job then waits for the lead and runs again.)
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    t.clock.advance(10 * 60_000);
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    const [lead] = await t.database.db.select().from(leadTable).where(eq(leadTable.phone, '13987654321'));
    expect(lead?.respondedAt).not.toBeNull();
    // Unread: the buyer read nothing yet: the bot's hello, the hand-off notice and the advisor's two answers.
    const mine = await t.app.inject({ method: 'GET', url: api, headers: buyer.bearer });
    expect(mine.json().items[0]).toMatchObject({ id: c.conversation.id, unread: 4 });
    const read = await t.app.inject({
      method: 'POST',
      url: `${api}/${c.conversation.id}/read`,
      headers: buyer.bearer,
      payload: { seq: 100 },
    });
    expect(read.json().seq).toBe(mine.json().items[0].lastSeq);
    const after = await t.app.inject({ method: 'GET', url: api, headers: buyer.bearer });
    expect(after.json().items[0].unread).toBe(0);
    // The transcript for the lead page.
    const tr = await t.app.inject({
      method: 'GET',
      url: `${api}/${c.conversation.id}/transcript`,
      headers: operator.bearer,
    });
    expect(tr.json().items.filter((m: { sender: string }) => m.sender === 'advisor')).toHaveLength(2);
  });

  it('takes an image upload of an accepted type and refuses others', async () => {
    const c = await open();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = (bytes: Buffer, type: string) => {
      const boundary = '----chat';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `${api}/${c.conversation.id}/images`,
        headers: { ...c.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    };
    const ok = await upload(png, 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const bad = await upload(Buffer.from('not an image'), 'image/png');
    expect(bad.json().error.code).toBe('CONVERSATION_IMAGE_INVALID');
    const sent = await t.app.inject({
      method: 'POST',
      url: `${api}/${c.conversation.id}/messages`,
      headers: c.headers,
      payload: { clientMessageId: 'img-1', imageId: ok.json().imageId },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const got = await t.app.inject({ method: 'GET', url: `${api}/images/${ok.json().imageId}` });
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(png)).toBe(true);
  });
});

describe('dealer isolation', () => {
  it('lets dealer advisors see and answer only their dealer’s conversations', async () => {
    const own = await makeAdvisor(t, operator, '本店顾问', {
      dealerId: listing.dealerId,
      storeId: listing.storeId,
      cityCode: listing.cityCode,
    });
    const other = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
    const c = await open({}, { listingId: listing.id });
    await handOff(c.headers, c.conversation.id);
    const byOwn = await t.app.inject({
      method: 'GET',
      url: `${api}/${c.conversation.id}`,
      headers: own.bearer,
    });
    expect(byOwn.statusCode).toBe(200);
    const byOther = await t.app.inject({
      method: 'GET',
      url: `${api}/${c.conversation.id}`,
      headers: other.bearer,
    });
    expect(byOther.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    const reply = await say(other.bearer, c.conversation.id, '你好');
    expect(reply.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    const history = await t.app.inject({
      method: 'GET',
      url: `${api}/${c.conversation.id}/messages`,
      headers: other.bearer,
    });
    expect(history.statusCode).toBe(404);
    // A visitor with another token sees nothing either.
    const stranger = await open();
    const peek = await t.app.inject({
      method: 'GET',
      url: `${api}/${c.conversation.id}`,
      headers: stranger.headers,
    });
    expect(peek.statusCode).toBe(404);
  });
});

describe('the WebSocket', () => {
  it('delivers live, acks sends, and resumes after a reconnect with nothing lost or duplicated', async () => {
    const advisor = await makeAdvisor(t, operator, '平台顾问何平', {
      dealerId: null,
      storeId: null,
      cityCode: null,
    });
    const c = await open();
    const token = c.visitorToken as string;
    await handOff(c.headers, c.conversation.id);
    const id = c.conversation.id;

    const buyerWs = await ChatClient.connect(baseUrl);
    buyerWs.send({ type: 'hello', conversationId: id, lastSeq: 0, visitorToken: token });
    await buyerWs.waitFor((x) => x.frames.some((f) => f.type === 'welcome'), 'welcome');
    const advisorWs = await ChatClient.connect(baseUrl, { authorization: advisor.bearer.authorization });
    advisorWs.send({ type: 'hello', conversationId: id, lastSeq: 0 });
    await advisorWs.waitFor((x) => x.frames.some((f) => f.type === 'welcome'), 'advisor welcome');

    buyerWs.send({ type: 'send', conversationId: id, clientMessageId: 'ws-1', text: '宋PLUS有现车吗？' });
    await buyerWs.waitFor((x) => x.frames.some((f) => f.type === 'ack'), 'ack');
    await advisorWs.waitFor((x) => x.messages(id).some((m) => m.text === '宋PLUS有现车吗？'), 'live message');
    advisorWs.send({ type: 'typing', conversationId: id });
    await buyerWs.waitFor((x) => x.frames.some((f) => f.type === 'typing' && f.side === 'advisor'), 'typing');

    const seen = buyerWs.messages(id);
    const lastSeq = seen.at(-1)?.seq ?? 0;
    await buyerWs.close();
    // While the buyer is away the advisor answers three times (offline messages).
    for (const text of ['有现车', '朝阳店可以看车', '您方便留个电话吗？']) {
      advisorWs.send({ type: 'send', conversationId: id, clientMessageId: `adv-${text}`, text });
    }
    await advisorWs.waitFor((x) => x.frames.filter((f) => f.type === 'ack').length === 3, 'advisor acks');
    const mine = await t.app.inject({ method: 'GET', url: api, headers: c.headers });
    expect(mine.json().items.find((x: TConversation) => x.id === id).unread).toBeGreaterThanOrEqual(3);

    const again = await ChatClient.connect(baseUrl);
    again.send({ type: 'hello', conversationId: id, lastSeq, visitorToken: token });
    await again.waitFor((x) => x.messages(id).some((m) => m.text === '您方便留个电话吗？'), 'resumed');
    // A notice that arrives again (another process, a retry) sends nothing twice.
    again.send({ type: 'hello', conversationId: id, lastSeq, visitorToken: token });
    await again.waitFor((x) => x.frames.filter((f) => f.type === 'welcome').length === 2, 'second welcome');
    const all = [...seen, ...again.messages(id)].map((m) => m.seq);
    const stored = await t.database.db
      .select()
      .from(leadConversationMessageTable)
      .where(eq(leadConversationMessageTable.conversationId, id));
    expect(all).toEqual(stored.map((m) => m.seq).sort((a, b) => a - b));
    await Promise.all([again.close(), advisorWs.close()]);
  });

  it('refuses a hello for someone else’s conversation', async () => {
    const c = await open();
    const stranger = await ChatClient.connect(baseUrl);
    stranger.send({
      type: 'hello',
      conversationId: c.conversation.id,
      lastSeq: 0,
      visitorToken: 'x'.repeat(32),
    });
    await stranger.waitFor((x) => x.frames.some((f) => f.type === 'error'), 'error');
    expect(stranger.frames).toEqual([
      expect.objectContaining({ type: 'error', code: 'CONVERSATION_NOT_FOUND' }),
    ]);
    await stranger.close();
  });
});
