import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { TPurchaseContract } from './contracts.contract.js';
import { contractSignatures } from './contracts.schema.js';
import { issuePurchaseContract } from './contracts.service.js';
import { sampleContractFacts } from './contracts.testing.js';

let t: TestApp;
let buyer: { id: string; bearer: { authorization: string } };
let otherBuyer: { id: string; bearer: { authorization: string } };
let dealerAdmin: TestStaff;
let otherDealer: TestStaff;
let operator: TestStaff;
let compliance: TestStaff;
let marketing: TestStaff;

const DEALER = 'dlr_demo_bj_byd';

beforeAll(async () => {
  t = await createTestApp();
  buyer = await createTestBuyer(t.ctx, '13811112222');
  otherBuyer = await createTestBuyer(t.ctx, '13933334444');
  dealerAdmin = await createTestStaff(t.ctx, {
    roles: ['dealer_admin'],
    dealerId: DEALER,
    displayName: '李娜',
  });
  otherDealer = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_sh_tesla' });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  compliance = await createTestStaff(t.ctx, { roles: ['compliance'], displayName: '赵敏' });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
});
afterAll(async () => {
  await t.close();
});

function issue(): Promise<TPurchaseContract> {
  return issuePurchaseContract(
    t.database.db,
    sampleContractFacts({ buyerUserId: buyer.id, dealerId: DEALER }),
    systemMutation(t.clock.now()),
  );
}

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const sign = (id: string, headers: Record<string, string>, documentSha256: string, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/contracts/${id}/sign`,
    headers: {
      ...headers,
      'user-agent': 'Mozilla/5.0 Chrome/140',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: { documentSha256, consent: true },
  });

describe('who may see a contract', () => {
  it('shows it to its buyer, the dealer’s staff and platform staff, and answers others 404', async () => {
    const c = await issue();
    const url = `/api/v1/contracts/${c.id}`;
    for (const who of [buyer.bearer, dealerAdmin.bearer, operator.bearer]) {
      const res = await get(url, who);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: c.id, status: 'awaiting_buyer', sha256: c.sha256 });
    }
    for (const who of [otherBuyer.bearer, otherDealer.bearer]) {
      const res = await get(url, who);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'PURCHASE_CONTRACT_NOT_FOUND' } });
      expect((await get(`${url}/pdf`, who)).statusCode).toBe(404);
    }
    expect((await get(url, marketing.bearer)).statusCode).toBe(403);
    expect((await get(url, {})).statusCode).toBe(401);
  });

  it('lists an order’s contracts for its buyer only', async () => {
    const c = await issue();
    const mine = await get(`/api/v1/contracts?orderId=${c.orderId}`, buyer.bearer);
    expect(mine.json().items.map((x: TPurchaseContract) => x.id)).toEqual([c.id]);
    const theirs = await get(`/api/v1/contracts?orderId=${c.orderId}`, otherBuyer.bearer);
    expect(theirs.json()).toEqual({ items: [] });
  });

  it('downloads the stored PDF as an attachment whose SHA-256 is the contract’s', async () => {
    const c = await issue();
    const res = await get(`/api/v1/contracts/${c.id}/pdf`, buyer.bearer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${c.number}.pdf"`);
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(c.sha256);
    expect(res.headers['x-content-sha256']).toBe(c.sha256);
  });
});

describe('signing over HTTP', () => {
  it('takes the buyer’s signature, then the dealer staff’s, and replays a retried request by its key', async () => {
    const c = await issue();
    const early = await sign(c.id, dealerAdmin.bearer, c.sha256);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });

    const byBuyer = await sign(c.id, buyer.bearer, c.sha256, 'sign-buyer-1');
    expect(byBuyer.statusCode).toBe(200);
    expect(byBuyer.json()).toMatchObject({ status: 'awaiting_dealer', nextSigner: 'dealer' });
    const replay = await sign(c.id, buyer.bearer, c.sha256, 'sign-buyer-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const byDealer = await sign(c.id, dealerAdmin.bearer, c.sha256);
    expect(byDealer.json()).toMatchObject({ status: 'signed' });
    const rows = await t.database.db
      .select()
      .from(contractSignatures)
      .where(eq(contractSignatures.contractId, c.id));
    expect(rows.map((r) => [r.party, r.signerName, r.userAgent])).toEqual(
      expect.arrayContaining([
        ['buyer', '张伟', 'Mozilla/5.0 Chrome/140'],
        ['dealer', '李娜', 'Mozilla/5.0 Chrome/140'],
      ]),
    );
    expect(rows).toHaveLength(2);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'purchaseContract.issue',
        'purchaseContract.buyer_sign',
        'purchaseContract.dealer_sign',
      ]),
    );
  });

  it('answers a page showing another document with 409 CONTRACT_CHANGED', async () => {
    const c = await issue();
    const res = await sign(c.id, buyer.bearer, 'a'.repeat(64));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'CONTRACT_CHANGED' } });
  });

  it('requires the consent box ticked, and keeps other buyers and dealers out', async () => {
    const c = await issue();
    const unticked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contracts/${c.id}/sign`,
      headers: buyer.bearer,
      payload: { documentSha256: c.sha256, consent: false },
    });
    expect(unticked.statusCode).toBe(400);
    expect((await sign(c.id, otherBuyer.bearer, c.sha256)).statusCode).toBe(404);
    await sign(c.id, buyer.bearer, c.sha256);
    expect((await sign(c.id, otherDealer.bearer, c.sha256)).statusCode).toBe(404);
  });
});

describe('templates in the console', () => {
  it('lets compliance read the versions and publish one; others get 403', async () => {
    const list = await get('/api/v1/contracts/templates', compliance.bearer);
    expect(list.statusCode).toBe(200);
    const current = list.json().items[0];
    expect(current).toMatchObject({ version: 1, current: true, title: '汽车买卖合同' });
    expect(current.clauses.length).toBeGreaterThan(8);
    expect((await get('/api/v1/contracts/templates', operator.bearer)).statusCode).toBe(403);

    const body = {
      baseVersion: current.version,
      title: current.title,
      clauses: [
        ...current.clauses,
        { heading: '第十一条 其他', body: '本合同未尽事宜，双方可另行签订补充协议。' },
      ],
      consentText: current.consentText,
      depositBindingText: current.depositBindingText,
      depositRefundableText: current.depositRefundableText,
      note: '增加第十一条',
    };
    const typo = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contracts/templates',
      headers: compliance.bearer,
      payload: { ...body, clauses: [...body.clauses, { heading: '附则', body: '买受人：{{buyer.nmae}}' }] },
    });
    expect(typo.statusCode).toBe(422);
    expect(typo.json()).toMatchObject({ error: { code: 'CONTRACT_TEMPLATE_INVALID' } });
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contracts/templates',
      headers: compliance.bearer,
      payload: body,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, current: true, publishedBy: '赵敏' });
    const one = await get(`/api/v1/contracts/templates/${current.id}`, compliance.bearer);
    expect(one.json()).toMatchObject({ version: 1, current: false });
  });
});
