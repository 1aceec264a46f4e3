import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../kernel/db/client.js';
import type { AppError } from '../../kernel/http/errors.js';
import { type Mutation, systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { contractSignatures, purchaseContracts } from './contracts.schema.js';
import { issuePurchaseContract, signPurchaseContract } from './contracts.service.js';
import { sampleContractFacts } from './contracts.testing.js';

// Races on real PostgreSQL (PGlite has one connection, so nothing there can race): concurrent issues of one
// order leave one live contract; concurrent signatures of one party leave one signature.

const onPostgres = inject('testDb').backend === 'postgres';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
});
afterAll(async () => {
  await t.close();
});

const buyerMutation = (buyerId: string): Mutation => ({
  actor: { kind: 'buyer', buyerId, sessionId: 'ses_race', phone: '13800138000' },
  at: t.clock.now(),
  requestId: null,
  ip: null,
  lang: 'zh-CN',
});

describe.runIf(onPostgres)('contracts under concurrency (PostgreSQL only)', () => {
  it('leaves exactly one live contract when the same order is issued with different facts at once', async () => {
    const base = sampleContractFacts();
    const colours = ['汉宫红', '极地白', '夜影黑', '雪域白'];
    const results = await Promise.allSettled(
      colours.map((colour) =>
        issuePurchaseContract(
          db,
          { ...base, vehicle: { ...base.vehicle, exteriorColour: colour } },
          systemMutation(t.clock.now()),
        ),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await db.select().from(purchaseContracts).where(eq(purchaseContracts.orderId, base.orderId));
    expect(rows).toHaveLength(colours.length);
    expect(rows.filter((r) => r.status !== 'voided')).toHaveLength(1);
    expect(new Set(rows.map((r) => r.number)).size).toBe(colours.length);
  });

  it('records one buyer signature when the buyer signs twice at once', async () => {
    const c = await issuePurchaseContract(db, sampleContractFacts(), systemMutation(t.clock.now()));
    const input = {
      contractId: c.id,
      party: 'buyer' as const,
      signerUserId: c.buyerUserId,
      signerName: c.buyerName,
      consentText: c.consentText,
      documentSha256: c.sha256,
      ip: null,
      userAgent: null,
    };
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => signPurchaseContract(db, input, buyerMutation(c.buyerUserId))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('INVALID_TRANSITION');
    }
    const rows = await db.select().from(contractSignatures).where(eq(contractSignatures.contractId, c.id));
    expect(rows).toHaveLength(1);
  });
});
