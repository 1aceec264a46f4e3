import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import {
  createSmsProvider,
  DevInboxSmsProvider,
  type SmsProvider,
  SmsSendError,
} from '../../kernel/notify/sms/index.js';
import { devSmsMessages } from '../../kernel/notify/sms/sms.schema.js';
import { demoLogins } from '../../seed/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { CURRENT_CONSENT } from '../identity/index.js';
import { SMS_CODE_IP_LIMIT } from './crm.routes.js';
import { customers, smsCodes } from './crm.schema.js';
import { DEMO_BUYER, seedDemoBuyer } from './crm.seed.js';

// A provider the tests can make fail; otherwise it delivers to the real dev inbox table.
let failNextSend = false;
let inbox: SmsProvider | undefined;
const switchable: SmsProvider = {
  name: 'dev-inbox-switchable',
  async send(message) {
    if (failNextSend) {
      failNextSend = false;
      throw new SmsSendError({
        provider: 'test',
        providerCode: 'isv.OUT_OF_SERVICE',
        retryable: false,
        message: 'down',
      });
    }
    if (!inbox) throw new Error('inbox not ready');
    return inbox.send(message);
  },
};

let t: TestApp;
let ipCounter = 0;
/** Each test uses its own client IP so the per-IP route limit does not couple tests. */
function nextIp(): string {
  ipCounter += 1;
  return `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

beforeAll(async () => {
  t = await createTestApp({ context: { sms: switchable } });
  inbox = new DevInboxSmsProvider({ config: t.ctx.config, db: t.database.db, clock: t.clock });
});
afterAll(async () => {
  await t.close();
});

function sendCode(phone: string, ip: string, lang?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sms-codes',
    payload: { phone },
    remoteAddress: ip,
    headers: lang ? { 'accept-language': lang } : {},
  });
}

function signIn(phone: string, code: string, ip: string, lang?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    payload: { phone, code, consent: CURRENT_CONSENT },
    remoteAddress: ip,
    headers: lang ? { 'accept-language': lang } : {},
  });
}

async function latestCodeFromInbox(phone: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/dev/sms-inbox?phone=${phone}` });
  expect(res.statusCode).toBe(200);
  const text: string = res.json().messages[0].text;
  const code = /(\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no code in ${text}`);
  return code;
}

function wrongCodeFor(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

async function codesFor(phone: string) {
  const { keyedHash } = await import('../../kernel/crypto.js');
  const hash = keyedHash(t.ctx.config, 'phone', phone);
  return t.database.db.select().from(smsCodes).where(eq(smsCodes.phoneHash, hash));
}

describe('buyer sign-in by SMS code', () => {
  it('signs a new buyer in with the code from the dev inbox, sets the session cookie and registers them', async () => {
    const ip = nextIp();
    const phone = '13812345678';
    const sent = await sendCode(phone, ip);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ cooldownSeconds: 60, expiresInSeconds: 300 });

    const code = await latestCodeFromInbox(phone);
    const res = await signIn(phone, code, ip);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.me).toEqual({
      kind: 'buyer',
      id: expect.stringMatching(/^cus_/),
      phoneMasked: '138****5678',
    });
    expect(body.csrfToken).toEqual(expect.any(String));
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/ay_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toContain(`ay_csrf=${body.csrfToken}`);

    const rows = await t.database.db.select().from(customers).where(eq(customers.id, body.me.id));
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error('no customer');
    expect(decryptPersonal(t.ctx.config, row.phoneEnc)).toBe(phone);
    expect(row.phoneMasked).toBe('138****5678');
    expect(row.lastSignInAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(JSON.stringify(row)).not.toContain(phone);
    expect(JSON.stringify(row)).not.toContain('12345678');

    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'crm.customer_registered'), eq(outboxEvents.aggregateId, row.id)))
      .orderBy(outboxEvents.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.payload)).not.toContain(phone);

    const codes = await codesFor(phone);
    expect(codes.map((c) => c.status)).toEqual(['used']);
    expect(codes[0]?.codeHash).not.toContain(code);
  });

  it('signs a returning buyer in to the same customer without registering them again', async () => {
    const ip = nextIp();
    const phone = '13912345678';
    await sendCode(phone, ip);
    const first = await signIn(phone, await latestCodeFromInbox(phone), ip);
    t.clock.advance(61_000);
    await sendCode(phone, ip);
    const second = await signIn(phone, await latestCodeFromInbox(phone), ip);
    expect(second.statusCode).toBe(200);
    expect(second.json().me.id).toBe(first.json().me.id);
    const hash = (await codesFor(phone))[0]?.phoneHash ?? '';
    expect(await t.database.db.select().from(customers).where(eq(customers.phoneHash, hash))).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, first.json().me.id))
      .orderBy(outboxEvents.id);
    expect(events).toHaveLength(1);
  });

  it('accepts "+86 138 0013 9000" style input and stores the normalised number', async () => {
    const ip = nextIp();
    const sent = await sendCode('+86 138 0013 9000', ip);
    expect(sent.statusCode).toBe(202);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox?phone=13800139000' });
    expect(res.json().messages[0].phone).toBe('13800139000');
    const signedIn = await signIn('0086-138-0013-9000', await latestCodeFromInbox('13800139000'), ip);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().me.phoneMasked).toBe('138****9000');
  });

  it('refuses a wrong code with SMS_CODE_INVALID in both languages and counts the attempt', async () => {
    const ip = nextIp();
    const phone = '15012345678';
    await sendCode(phone, ip);
    const code = await latestCodeFromInbox(phone);
    const zh = await signIn(phone, wrongCodeFor(code), ip);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'SMS_CODE_INVALID',
      message: '验证码错误或已失效，请检查后重试',
    });
    expect(zh.json().error.details).toEqual({ attemptsRemaining: 4 });
    expect(zh.headers['set-cookie']).toBeUndefined();
    const en = await signIn(phone, wrongCodeFor(code), ip, 'en');
    expect(en.json().error.message).toBe('The verification code is wrong or no longer valid');
    expect((await codesFor(phone))[0]?.attempts).toBe(2);
  });

  it('refuses a code for a phone that was never sent one with SMS_CODE_INVALID', async () => {
    const res = await signIn('18612345678', '123456', nextIp());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('refuses the right code after 5 minutes and 1 second with SMS_CODE_EXPIRED', async () => {
    const ip = nextIp();
    const phone = '17712345678';
    await sendCode(phone, ip);
    const code = await latestCodeFromInbox(phone);
    t.clock.advance(5 * 60_000 + 1000);
    const res = await signIn(phone, code, ip);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SMS_CODE_EXPIRED');
    expect(
      await t.database.db.select().from(customers).where(eq(customers.phoneMasked, '177****5678')),
    ).toHaveLength(0);
  });

  it('kills the code after 5 wrong attempts so even the right code then fails', async () => {
    const ip = nextIp();
    const phone = '13698765432';
    await sendCode(phone, ip);
    const code = await latestCodeFromInbox(phone);
    for (let i = 0; i < 5; i++) {
      const wrong = await signIn(phone, wrongCodeFor(code), ip);
      expect(wrong.json().error.code).toBe('SMS_CODE_INVALID');
    }
    const right = await signIn(phone, code, ip);
    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('SMS_CODE_ATTEMPTS_EXCEEDED');
    expect((await codesFor(phone))[0]?.attempts).toBe(5);
  });

  it('does not accept a used code a second time', async () => {
    const ip = nextIp();
    const phone = '13511112222';
    await sendCode(phone, ip);
    const code = await latestCodeFromInbox(phone);
    expect((await signIn(phone, code, ip)).statusCode).toBe(200);
    const again = await signIn(phone, code, ip);
    expect(again.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('accepts only the newest code once a second one was sent', async () => {
    const ip = nextIp();
    const phone = '13522223333';
    await sendCode(phone, ip);
    const older = await latestCodeFromInbox(phone);
    t.clock.advance(61_000);
    await sendCode(phone, ip);
    const newer = await latestCodeFromInbox(phone);
    if (older !== newer) expect((await signIn(phone, older, ip)).json().error.code).toBe('SMS_CODE_INVALID');
    expect((await signIn(phone, newer, ip)).statusCode).toBe(200);
  });
});

describe('SMS code sending limits', () => {
  it('answers a second send within a minute with SMS_RATE_LIMITED and retryAfterSeconds, creating no code', async () => {
    const ip = nextIp();
    const phone = '13633334444';
    expect((await sendCode(phone, ip)).statusCode).toBe(202);
    t.clock.advance(20_000);
    const res = await sendCode(phone, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'SMS_RATE_LIMITED', details: { retryAfterSeconds: 40 } });
    expect(res.json().error.message).toContain('40');
    expect(await codesFor(phone)).toHaveLength(1);
    t.clock.advance(40_000);
    expect((await sendCode(phone, ip)).statusCode).toBe(202);
  });

  it('refuses the 11th code of a Shanghai calendar day until midnight', async () => {
    const ip = nextIp();
    const phone = '13744445555';
    t.clock.set('2026-11-22T01:00:00Z'); // 09:00 in Shanghai
    for (let i = 0; i < 10; i++) {
      expect((await sendCode(phone, ip)).statusCode).toBe(202);
      t.clock.advance(61_000);
    }
    const eleventh = await sendCode(phone, ip);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('SMS_RATE_LIMITED');
    // 09:10:10 Shanghai -> midnight is 14h 49m 50s away.
    expect(eleventh.json().error.details.retryAfterSeconds).toBe(14 * 3600 + 49 * 60 + 50);
    expect(await codesFor(phone)).toHaveLength(10);
    t.clock.set('2026-11-22T16:00:00Z'); // 00:00 on the 23rd in Shanghai
    expect((await sendCode(phone, ip)).statusCode).toBe(202);
  });

  it('creates exactly one code when 10 sends for one phone arrive at once', async () => {
    const phone = '13855556666';
    const results = await Promise.all(Array.from({ length: 10 }, () => sendCode(phone, nextIp())));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect(await codesFor(phone)).toHaveLength(1);
    const messages = await t.database.db.select().from(devSmsMessages).where(eq(devSmsMessages.phone, phone));
    expect(messages).toHaveLength(1);
  });

  it('answers a registered and an unregistered phone with byte-identical responses', async () => {
    const ip = nextIp();
    const registered = '13966667777';
    await sendCode(registered, ip);
    expect((await signIn(registered, await latestCodeFromInbox(registered), ip)).statusCode).toBe(200);
    t.clock.advance(61_000);
    const a = await sendCode(registered, nextIp());
    const b = await sendCode('13977778888', nextIp());
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body).toBe(b.body);
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
  });

  it('rejects a malformed phone with VALIDATION_FAILED naming the field and writes nothing', async () => {
    for (const phone of ['12812345678', '1381234567', '138123456789', 'abc', '']) {
      const res = await sendCode(phone, nextIp());
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.phone');
    }
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/crm/auth/sms-codes',
      payload: {},
      remoteAddress: nextIp(),
    });
    expect(missing.statusCode).toBe(400);
    expect(await codesFor('12812345678')).toHaveLength(0);
  });

  it('rejects a code that is not 6 digits with VALIDATION_FAILED naming the field', async () => {
    const res = await signIn('13812345678', '12ab', nextIp());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.code');
  });

  it('limits code requests per client IP', async () => {
    const ip = nextIp();
    for (let i = 0; i < SMS_CODE_IP_LIMIT.max; i++) {
      expect((await sendCode(`1590000${String(1000 + i)}`, ip)).statusCode).toBe(202);
    }
    const res = await sendCode('15900009999', ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(await codesFor('15900009999')).toHaveLength(0);
  });

  it('answers SMS_SEND_FAILED when the provider refuses, and that code cannot be used', async () => {
    const ip = nextIp();
    const phone = '18688889999';
    failNextSend = true;
    const res = await sendCode(phone, ip);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SMS_SEND_FAILED');
    const codes = await codesFor(phone);
    expect(codes.map((c) => [c.status, c.failureReason])).toEqual([['failed', 'test:isv.OUT_OF_SERVICE']]);
    // Whatever the code was, it is refused now.
    expect((await signIn(phone, '123456', ip)).json().error.code).toBe('SMS_CODE_INVALID');
  });
});

describe('SMS texts and the dev inbox', () => {
  it('writes the zh-CN text by default and the English text on request', async () => {
    await sendCode('13011112222', nextIp());
    await sendCode('13022223333', nextIp(), 'en-US');
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox?phone=13011112222' });
    expect(zh.json().messages[0].text).toMatch(
      /^【Autoyard】您的验证码是\d{6}，5分钟内有效。请勿泄露给他人。$/,
    );
    const en = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox?phone=13022223333' });
    expect(en.json().messages[0].text).toMatch(
      /^\[Autoyard\] Your verification code is \d{6}\. It is valid for 5 minutes\. Do not share it with anyone\.$/,
    );
  });

  it('lists dev inbox messages newest first with the full phone and filters by phone', async () => {
    const ip = nextIp();
    await sendCode('13033334444', ip);
    t.clock.advance(1000);
    await sendCode('13044445555', ip);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox' });
    const messages = all.json().messages as { phone: string; sentAt: string }[];
    expect(messages[0]?.phone).toBe('13044445555');
    const times = messages.map((m) => m.sentAt);
    expect([...times].sort().reverse()).toEqual(times);
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox?phone=13033334444' });
    expect(one.json().messages.map((m: { phone: string }) => m.phone)).toEqual(['13033334444']);
  });

  it('builds the provider that config.sms.provider names', () => {
    const dev = createSmsProvider({ config: testConfig(), db: t.database.db, clock: t.clock });
    expect(dev.name).toBe('dev-inbox');
    const aliyun = createSmsProvider({
      config: testConfig({
        sms: {
          provider: 'aliyun',
          aliyun: {
            accessKeyId: 'id',
            accessKeySecret: 'secret',
            signName: 'Autoyard',
            templateCode: 'SMS_1',
          },
        },
      }),
      db: t.database.db,
      clock: t.clock,
    });
    expect(aliyun.name).toBe('aliyun');
  });

  it('refuses to build the dev-inbox provider in production', () => {
    expect(
      () => new DevInboxSmsProvider({ config: { env: 'production' }, db: t.database.db, clock: t.clock }),
    ).toThrow(/production/);
  });
});

describe('buyer profile', () => {
  async function signedInBuyer(phone: string) {
    const ip = nextIp();
    await sendCode(phone, ip);
    const res = await signIn(phone, await latestCodeFromInbox(phone), ip);
    const cookies = res.cookies as { name: string; value: string }[];
    const session = cookies.find((c) => c.name === 'ay_session')?.value ?? '';
    const csrf = res.json().csrfToken as string;
    return { id: res.json().me.id as string, cookie: `ay_session=${session}; ay_csrf=${csrf}`, csrf, ip };
  }

  it('shows the signed-in buyer their own profile', async () => {
    const buyer = await signedInBuyer('15211112222');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/crm/me',
      headers: { cookie: buyer.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: buyer.id,
      phoneMasked: '152****2222',
      nickname: null,
      cityCode: null,
      createdAt: expect.stringMatching(/^2026-/),
    });
  });

  it('answers GET /me without a session with UNAUTHENTICATED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/crm/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('changes nickname and city and stores them', async () => {
    const buyer = await signedInBuyer('15222223333');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/crm/me',
      headers: { cookie: buyer.cookie, 'x-csrf-token': buyer.csrf },
      payload: { nickname: '李女士', cityCode: '310100' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nickname: '李女士', cityCode: '310100' });
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, buyer.id));
    expect(row).toMatchObject({ nickname: '李女士', cityCode: '310100' });
  });

  it('refuses a profile change without the CSRF header and changes nothing', async () => {
    const buyer = await signedInBuyer('15233334444');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/crm/me',
      headers: { cookie: buyer.cookie },
      payload: { nickname: '王先生' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, buyer.id));
    expect(row?.nickname).toBeNull();
  });

  it('rejects a malformed city code or an over-long nickname with VALIDATION_FAILED', async () => {
    const buyer = await signedInBuyer('15244445555');
    for (const payload of [{ cityCode: 'beijing' }, { nickname: '很'.repeat(21) }, {}]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/me',
        headers: { cookie: buyer.cookie, 'x-csrf-token': buyer.csrf },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets a buyer with an old session cookie sign in again without a CSRF header', async () => {
    const buyer = await signedInBuyer('15255556666');
    t.clock.advance(61_000);
    await sendCode('15255556666', buyer.ip);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/crm/auth/sign-in',
      payload: {
        phone: '15255556666',
        code: await latestCodeFromInbox('15255556666'),
        consent: CURRENT_CONSENT,
      },
      headers: { cookie: buyer.cookie },
      remoteAddress: buyer.ip,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().me.id).toBe(buyer.id);
  });
});

describe('demo seed', () => {
  it('creates the demo buyer 13800138000 once, with nickname and Beijing, however often it runs', async () => {
    await seedDemoBuyer(t.database.db, t.ctx);
    await seedDemoBuyer(t.database.db, t.ctx);
    const rows = await t.database.db.select().from(customers).where(eq(customers.id, DEMO_BUYER.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nickname: '张先生', cityCode: '110100', phoneMasked: '138****8000' });
    expect(decryptPersonal(t.ctx.config, rows[0]?.phoneEnc ?? '')).toBe('13800138000');
    expect(demoLogins).toContainEqual({
      area: 'storefront',
      role: 'buyer',
      login: '13800138000',
      secret: 'SMS code: see /dev/sms',
    });
  });

  it('signs the demo buyer in with a code from the dev inbox', async () => {
    const ip = nextIp();
    await sendCode(DEMO_BUYER.phone, ip);
    const res = await signIn(DEMO_BUYER.phone, await latestCodeFromInbox(DEMO_BUYER.phone), ip);
    expect(res.statusCode).toBe(200);
    expect(res.json().me).toEqual({ kind: 'buyer', id: DEMO_BUYER.id, phoneMasked: '138****8000' });
  });
});

describe('the dev inbox in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    const noop: SmsProvider = { name: 'noop', send: async () => ({ providerMessageId: 'x' }) };
    prod = await createTestApp({ config: { env: 'production' }, context: { sms: noop } });
  });
  afterAll(async () => {
    await prod.close();
  });

  it('does not exist (404)', async () => {
    const res = await prod.app.inject({ method: 'GET', url: '/api/v1/dev/sms-inbox' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
