import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { CURRENT_CONSENT, legalConsentOf } from './identity.consent.js';
import { LEGAL_VERSIONS } from './identity.contract.js';
import { legalConsents } from './identity.schema.js';

// Buyer sign-in needs consent to the current user agreement and privacy policy (PIPL); the account keeps
// the latest versions it accepted and when.

let t: TestApp;
let ipCounter = 0;
const nextIp = () => `10.61.0.${++ipCounter}`;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function requestCode(phone: string, ip: string): Promise<string> {
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sms-codes',
    payload: { phone },
    remoteAddress: ip,
  });
  expect(sent.statusCode).toBe(202);
  const inbox = await t.app.inject({ method: 'GET', url: `/api/v1/dev/sms-inbox?phone=${phone}` });
  return /(\d{6})/.exec(inbox.json().messages[0].text)?.[1] ?? '';
}

function signIn(payload: Record<string, unknown>, ip: string, lang = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/auth/sign-in',
    payload,
    remoteAddress: ip,
    headers: { 'accept-language': lang },
  });
}

describe('consent at buyer sign-in', () => {
  it('refuses a sign-in without consent (400 CONSENT_REQUIRED, localized), keeps the code usable and creates no account', async () => {
    const ip = nextIp();
    const phone = '13700001111';
    const code = await requestCode(phone, ip);

    const zh = await signIn({ phone, code }, ip);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: '请先阅读并同意《用户协议》和《隐私政策》',
      details: { termsVersion: LEGAL_VERSIONS.terms, privacyVersion: LEGAL_VERSIONS.privacy },
    });
    const en = await signIn({ phone, code }, ip, 'en');
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toBe(
      'Please read and accept the User Agreement and the Privacy Policy first',
    );
    expect(zh.cookies.find((c) => c.name === 'ay_session')).toBeUndefined();
    expect(await t.database.db.select().from(legalConsents)).toEqual([]);

    // The code was not used up by the refused attempts.
    const ok = await signIn({ phone, code, consent: CURRENT_CONSENT }, ip);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses consent to an outdated version of either text', async () => {
    const ip = nextIp();
    const phone = '13700002222';
    const code = await requestCode(phone, ip);
    for (const consent of [
      { ...CURRENT_CONSENT, termsVersion: '2020-01-01' },
      { ...CURRENT_CONSENT, privacyVersion: '2020-01-01' },
    ]) {
      const res = await signIn({ phone, code, consent }, ip);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    }
  });

  it('stores the versions and time with a new account, and the latest acceptance of an existing one', async () => {
    const ip = nextIp();
    const phone = '13700003333';
    const first = await signIn({ phone, code: await requestCode(phone, ip), consent: CURRENT_CONSENT }, ip);
    expect(first.statusCode).toBe(200);
    const buyerId: string = first.json().me.id;
    const registeredAt = t.clock.now();
    expect(await legalConsentOf(t.database.db, 'buyer', buyerId)).toEqual({
      termsVersion: LEGAL_VERSIONS.terms,
      privacyVersion: LEGAL_VERSIONS.privacy,
      acceptedAt: registeredAt,
      firstAcceptedAt: registeredAt,
    });
    const [row] = await t.database.db
      .select()
      .from(legalConsents)
      .where(and(eq(legalConsents.subjectKind, 'buyer'), eq(legalConsents.subjectId, buyerId)));
    expect(row?.ip).toBe(ip);

    // Signing in again later: the acceptance time moves on, the first acceptance stays.
    t.clock.advance(3_600_000);
    const again = await signIn({ phone, code: await requestCode(phone, ip), consent: CURRENT_CONSENT }, ip);
    expect(again.statusCode).toBe(200);
    expect(again.json().me.id).toBe(buyerId);
    const latest = await legalConsentOf(t.database.db, 'buyer', buyerId);
    expect(latest?.acceptedAt).toEqual(t.clock.now());
    expect(latest?.firstAcceptedAt).toEqual(registeredAt);
  });
});
