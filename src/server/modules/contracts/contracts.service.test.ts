import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { type Mutation, systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import type { TPurchaseContract } from './contracts.contract.js';
import { pdfText } from './contracts.pdf-text.testing.js';
import { contractDocuments, contractSignatures, purchaseContracts } from './contracts.schema.js';
import {
  getContractForOrder,
  issuePurchaseContract,
  type SignPurchaseContractInput,
  signPurchaseContract,
} from './contracts.service.js';
import { publishTemplate } from './contracts.templates.js';
import { sampleContractFacts } from './contracts.testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const system = (): Mutation => systemMutation(t.clock.now());
const asBuyer = (buyerId: string): Mutation => ({
  actor: { kind: 'buyer', buyerId, sessionId: 'ses_test', phone: '13800138000' },
  at: t.clock.now(),
  requestId: null,
  ip: '223.104.3.21',
  lang: 'zh-CN',
});

function buyerSignature(c: TPurchaseContract, over: Partial<SignPurchaseContractInput> = {}) {
  return {
    contractId: c.id,
    party: 'buyer' as const,
    signerUserId: c.buyerUserId,
    signerName: c.buyerName,
    consentText: c.consentText,
    documentSha256: c.sha256,
    ip: '223.104.3.21',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
    ...over,
  };
}
function dealerSignature(c: TPurchaseContract, over: Partial<SignPurchaseContractInput> = {}) {
  return {
    ...buyerSignature(c),
    party: 'dealer' as const,
    signerUserId: 'stf_test_dealer',
    signerName: '李娜（销售经理）',
    ...over,
  };
}

async function storedPdf(contractId: string): Promise<Buffer> {
  const [row] = await db()
    .select()
    .from(contractDocuments)
    .where(eq(contractDocuments.contractId, contractId));
  if (!row) throw new Error('no document');
  return row.pdf;
}

/** The database's own message for a refused statement (drizzle wraps it in one quoting the query). */
async function refusalOf(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
  } catch (e) {
    let inner: unknown = e;
    while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
    return inner instanceof Error ? inner.message : String(inner);
  }
  return 'accepted';
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('issuing a purchase contract', () => {
  it('renders the default template into a PDF whose recorded hash is the SHA-256 of the stored bytes', async () => {
    const facts = sampleContractFacts({
      buyer: { name: '王芳', phoneMasked: '138****5678', idNumberMasked: '110105********1234' },
    });
    const c = await issuePurchaseContract(db(), facts, system());
    expect(c).toMatchObject({ status: 'awaiting_buyer', nextSigner: 'buyer', templateVersion: 1 });
    expect(c.number).toBe(`HT${facts.orderNumber.slice(2)}-01`);
    const pdf = await storedPdf(c.id);
    expect(sha(pdf)).toBe(c.sha256);
    expect(c.pdfBytes).toBe(pdf.length);
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    expect(text).toContain('购车合同');
    expect(text).toContain('王芳');
    expect(text).toContain('汽车买卖合同');
    // The refundable deposit's wording and the order's own deposit terms are both in the contract.
    expect(text).toContain('不具有定金性质');
    expect(text).toContain('订金5,000元，车辆交付前乙方可随时申请退还');
    expect(text).toContain('家用汽车产品修理更换退货责任规定');
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, c.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['contracts.issued']);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'purchaseContract.issue')));
    expect(audits).toHaveLength(1);
  });

  it('renders a binding deposit with the Civil Code 586-587 wording', async () => {
    const c = await issuePurchaseContract(
      db(),
      sampleContractFacts({
        deposit: { kind: 'binding', amountFen: 2_000_000, termsText: '定金2万元，成交后抵作车款。' },
      }),
      system(),
    );
    const text = (await pdfText(await storedPdf(c.id))).replace(/\s+/g, '');
    expect(text).toContain('第五百八十六条、第五百八十七条');
    expect(text).toContain('应当双倍返还定金');
  });

  it('refuses a 定金 above 20% of the contract value and prices that do not add up', async () => {
    const over = sampleContractFacts({
      deposit: { kind: 'binding', amountFen: 4_000_000, termsText: '定金' },
    });
    expect(await codeOf(issuePurchaseContract(db(), over, system()))).toBe('CONTRACT_DEPOSIT_OVER_LIMIT');
    const facts = sampleContractFacts();
    const wrong = { ...facts, price: { ...facts.price, totalFen: facts.price.totalFen + 1 } };
    expect(await codeOf(issuePurchaseContract(db(), wrong, system()))).toBe('CONTRACT_FACTS_INVALID');
    const rows = await db()
      .select()
      .from(purchaseContracts)
      .where(eq(purchaseContracts.orderId, wrong.orderId));
    expect(rows).toHaveLength(0);
  });

  it('returns the live contract when the same facts are issued again, and voids it when they change', async () => {
    const facts = sampleContractFacts();
    const first = await issuePurchaseContract(db(), facts, system());
    const again = await issuePurchaseContract(db(), { ...facts }, system());
    expect(again.id).toBe(first.id);
    t.clock.advance(60_000);
    const changed = await issuePurchaseContract(
      db(),
      { ...facts, vehicle: { ...facts.vehicle, exteriorColour: '极地白' } },
      system(),
    );
    expect(changed.id).not.toBe(first.id);
    expect(changed.number).toBe(`HT${facts.orderNumber.slice(2)}-02`);
    const [old] = await db().select().from(purchaseContracts).where(eq(purchaseContracts.id, first.id));
    expect(old?.status).toBe('voided');
    expect((await getContractForOrder(db(), facts.orderId))?.id).toBe(changed.id);
  });

  it('refuses to re-issue once the buyer has signed', async () => {
    const facts = sampleContractFacts();
    const c = await issuePurchaseContract(db(), facts, system());
    await signPurchaseContract(db(), buyerSignature(c), asBuyer(c.buyerUserId));
    const retry = issuePurchaseContract(db(), { ...facts, deliveryPlace: '上门交付' }, system());
    expect(await codeOf(retry)).toBe('CONTRACT_ALREADY_SIGNED');
  });
});

describe('signing', () => {
  it('takes the buyer’s signature, then the dealer’s, and the PDF bytes never change', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    const before = await storedPdf(c.id);
    t.clock.advance(3600_000);
    const afterBuyer = await signPurchaseContract(db(), buyerSignature(c), asBuyer(c.buyerUserId));
    expect(afterBuyer).toMatchObject({ status: 'awaiting_dealer', nextSigner: 'dealer' });
    t.clock.advance(3600_000);
    const signed = await signPurchaseContract(db(), dealerSignature(c), system());
    expect(signed).toMatchObject({ status: 'signed', nextSigner: null, sha256: c.sha256 });
    expect(signed.signatures.map((s) => [s.party, s.signerName, s.documentSha256])).toEqual([
      ['buyer', c.buyerName, c.sha256],
      ['dealer', '李娜（销售经理）', c.sha256],
    ]);
    expect((await storedPdf(c.id)).equals(before)).toBe(true);
    const rows = await db().select().from(contractSignatures).where(eq(contractSignatures.contractId, c.id));
    expect(rows.find((r) => r.party === 'buyer')).toMatchObject({
      ip: '223.104.3.21',
      consentText: c.consentText,
      signedAt: new Date(Date.parse(c.issuedAt) + 3600_000),
    });
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, c.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual([
      'contracts.issued',
      'contracts.buyer_signed',
      'contracts.signed',
    ]);
    expect(events[2]?.payload).toEqual({ contractId: c.id, orderId: c.orderId, sha256: c.sha256 });
  });

  it('answers the dealer signing before the buyer with 409 and records nothing', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    const e = await signPurchaseContract(db(), dealerSignature(c), system()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'awaiting_buyer', action: 'dealer_sign' },
    });
    expect(
      await db().select().from(contractSignatures).where(eq(contractSignatures.contractId, c.id)),
    ).toEqual([]);
  });

  it('answers a hash other than the stored document’s with 409 CONTRACT_CHANGED', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    const wrong = buyerSignature(c, { documentSha256: sha(Buffer.from('another document')) });
    expect(await codeOf(signPurchaseContract(db(), wrong, asBuyer(c.buyerUserId)))).toBe('CONTRACT_CHANGED');
    const [row] = await db().select().from(purchaseContracts).where(eq(purchaseContracts.id, c.id));
    expect(row?.status).toBe('awaiting_buyer');
  });

  it('refuses a consent clause other than the template’s, and a buyer signing someone else’s contract', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    const edited = buyerSignature(c, { consentText: '我同意' });
    expect(await codeOf(signPurchaseContract(db(), edited, asBuyer(c.buyerUserId)))).toBe(
      'CONTRACT_CONSENT_MISMATCH',
    );
    expect(await codeOf(signPurchaseContract(db(), buyerSignature(c), asBuyer('cus_someone_else')))).toBe(
      'CONTRACT_SIGNER_NOT_ALLOWED',
    );
  });
});

describe('immutability in the database', () => {
  it('refuses to change or delete a document, a signature, a template version or a contract’s hash', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    await signPurchaseContract(db(), buyerSignature(c), asBuyer(c.buyerUserId));
    const before = await storedPdf(c.id);
    const attempts = [
      db()
        .update(contractDocuments)
        .set({ pdf: Buffer.from('%PDF-1.3 forged') })
        .where(eq(contractDocuments.contractId, c.id)),
      db()
        .update(contractDocuments)
        .set({ sha256: '0'.repeat(64) })
        .where(eq(contractDocuments.contractId, c.id)),
      db().delete(contractDocuments).where(eq(contractDocuments.contractId, c.id)),
      db()
        .update(purchaseContracts)
        .set({ sha256: '0'.repeat(64) })
        .where(eq(purchaseContracts.id, c.id)),
      db()
        .update(contractSignatures)
        .set({ documentSha256: '0'.repeat(64) })
        .where(eq(contractSignatures.contractId, c.id)),
      db().delete(contractSignatures).where(eq(contractSignatures.contractId, c.id)),
      db().delete(purchaseContracts).where(eq(purchaseContracts.id, c.id)),
      db().execute(sql`update contract_templates set title = '篡改' where version = 1`),
    ];
    for (const attempt of attempts) {
      expect(await refusalOf(attempt)).toMatch(/^contracts: .*(never changes|refused)/);
    }
    expect((await storedPdf(c.id)).equals(before)).toBe(true);
    const [row] = await db().select().from(purchaseContracts).where(eq(purchaseContracts.id, c.id));
    expect(row?.sha256).toBe(c.sha256);
  });

  it('still lets the status move on (the trigger guards the document columns only)', async () => {
    const c = await issuePurchaseContract(db(), sampleContractFacts(), system());
    await db()
      .update(purchaseContracts)
      .set({ updatedAt: t.clock.now() })
      .where(eq(purchaseContracts.id, c.id));
    const signed = await signPurchaseContract(db(), buyerSignature(c), asBuyer(c.buyerUserId));
    expect(signed.status).toBe('awaiting_dealer');
  });
});

describe('template versions', () => {
  it('issues new contracts on a newly published version while an earlier contract keeps its own', async () => {
    const compliance: Mutation = {
      actor: {
        kind: 'staff',
        accountId: 'stf_compliance',
        sessionId: 'ses_c',
        email: 'fawu@autoyard.cn',
        displayName: '赵敏（法务）',
        roles: ['compliance'],
        permissions: new Set(['contracts.template.manage']),
        dealerId: null,
        totpEnabled: false,
      },
      at: t.clock.now(),
      requestId: null,
      ip: null,
      lang: 'zh-CN',
    };
    const older = await issuePurchaseContract(db(), sampleContractFacts(), system());
    const v2 = await publishTemplate(
      db(),
      {
        baseVersion: 1,
        title: '汽车买卖合同（2027版）',
        clauses: [
          { heading: '当事人', body: '甲方：{{seller.name}}；乙方：{{buyer.name}}' },
          { heading: '第一条 {{deposit.kind}}', body: '{{deposit.legalEffect}} {{deposit.terms}}' },
        ],
        consentText: '本人已阅读并同意本合同全部条款。',
        depositBindingText: '定金适用定金罚则。',
        depositRefundableText: '订金可退。',
        note: '2027年版：精简条款',
      },
      compliance,
    );
    expect(v2).toMatchObject({ version: 2, current: true, publishedBy: '赵敏（法务）' });
    const newer = await issuePurchaseContract(db(), sampleContractFacts(), system());
    expect(newer).toMatchObject({
      templateVersion: 2,
      title: '汽车买卖合同（2027版）',
      consentText: '本人已阅读并同意本合同全部条款。',
    });
    expect((await pdfText(await storedPdf(newer.id))).replace(/\s+/g, '')).toContain(
      '汽车买卖合同（2027版）',
    );
    const reread = await getContractForOrder(db(), older.orderId);
    expect(reread).toMatchObject({ templateVersion: 1, title: '汽车买卖合同', sha256: older.sha256 });
    // The older contract is still signed against its own version's consent clause.
    const signed = await signPurchaseContract(db(), buyerSignature(older), asBuyer(older.buyerUserId));
    expect(signed.signatures[0]?.consentText).toBe(older.consentText);
    // Publishing on top of version 1 again is a stale edit.
    const stale = publishTemplate(db(), { ...v2, baseVersion: 1, note: null }, compliance);
    expect(await codeOf(stale)).toBe('CONTRACT_TEMPLATE_CONFLICT');
  });
});
