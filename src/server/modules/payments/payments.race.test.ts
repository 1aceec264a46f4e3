import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { systemMutation } from '../../kernel/mutation.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createPaymentIntent, getPaymentIntent } from './payments.intents.js';
import { assertLedgerBalanced } from './payments.ledger.js';
import * as repo from './payments.repository.js';
import { openSandboxTrade, sandboxNotification } from './payments.sandbox.js';
import { ledgerEntries, paymentNotifications } from './payments.schema.js';
import { useSandboxGatewaysInProcess } from './payments.testing.js';

// Races on real PostgreSQL (PGlite has one connection, so nothing there can race): the same signed
// notification delivered 50 times at once, as a gateway retrying through a slow network does.

const onPostgres = inject('testDb').backend === 'postgres';

let t: TestApp;

describe.runIf(onPostgres)('notifications under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    useSandboxGatewaysInProcess(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['alipay', 'wechat_pay'] as const)(
    'takes 50 concurrent copies of one %s notification once: one success, one posting',
    async (provider) => {
      const intent = await createPaymentIntent(
        t.database.db,
        {
          orderId: `ord_race_${provider}`,
          orderNumber: 'AY20261121-009001',
          purpose: 'deposit',
          amountFen: 500_000,
          provider,
          payerUserId: 'cus_race',
          subject: '蔚来 ET5T 定金',
        },
        systemMutation(t.clock.now()),
      );
      const row = await repo.findIntent(t.database.db, intent.id);
      if (!row) throw new Error('no intent');
      const trade = await openSandboxTrade(t.database.db, { ...row, provider }, t.clock.now());
      const n = sandboxNotification(
        { ...trade, paidAt: t.clock.now() },
        provider,
        `race-${intent.id}`,
        'paid',
        500_000,
        t.clock.now(),
      );
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/payments/notify/${provider}`,
            headers: n.headers,
            payload: n.body,
          }),
        ),
      );
      expect(answers.every((a) => a.statusCode < 300)).toBe(true);
      expect((await getPaymentIntent(t.database.db, intent.id)).status).toBe('succeeded');
      const notes = await t.database.db
        .select()
        .from(paymentNotifications)
        .where(eq(paymentNotifications.intentId, intent.id));
      expect(notes).toHaveLength(1);
      expect(notes[0]?.deliveries).toBe(50);
      const postings = new Set(
        (
          await t.database.db
            .select()
            .from(ledgerEntries)
            .where(and(eq(ledgerEntries.intentId, intent.id), eq(ledgerEntries.kind, 'deposit')))
        ).map((l) => l.postingId),
      );
      expect(postings.size).toBe(1);
      const succeeded = await t.database.db
        .select()
        .from(outboxEvents)
        .where(
          and(eq(outboxEvents.aggregateId, intent.id), eq(outboxEvents.type, 'payments.intent_succeeded')),
        )
        .orderBy(outboxEvents.id);
      expect(succeeded).toHaveLength(1);
      await assertLedgerBalanced(t.database.db);
    },
  );
});
