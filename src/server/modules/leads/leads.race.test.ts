import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withTransaction } from '../../kernel/db/transaction.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { recordLeadContact } from './leads.intake.js';
import { leadActivityTable, leadTable } from './leads.schema.js';

// Intake races on real PostgreSQL (PGlite has one connection, so nothing there can race): many contacts of
// one new phone at once make exactly one lead, and every contact lands on its timeline.

const onPostgres = inject('testDb').backend === 'postgres';
let t: TestApp;

describe.runIf(onPostgres)('lead intake under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-12-07T02:00:00Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes one lead of 12 simultaneous contacts from one new phone, with 12 timeline rows', async () => {
    const N = 12;
    const kinds = ['consultation', 'callback_request', 'test_drive', 'loan_application'] as const;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        withTransaction(t.database.db, (tx) =>
          recordLeadContact(tx, {
            phone: i % 2 === 0 ? '13812345678' : '+86 138 1234 5678',
            name: '杨洋',
            cityCode: '320100',
            sourceKind: kinds[i % kinds.length] ?? 'consultation',
            source: null,
            vehicle: {
              listingId: null,
              seriesId: `ser_byd_${i % 3}`,
              trimId: null,
              brandId: 'brd_byd',
              dealerId: null,
              storeId: null,
            },
            consentToContact: i === 5,
            at: t.clock.now(),
          }),
        ),
      ),
    );
    const ids = new Set(results.map((r) => r?.leadId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    const rows = await t.database.db.select().from(leadTable).where(eq(leadTable.phone, '13812345678'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.vehicles).toHaveLength(3);
    expect(rows[0]?.consentToContact).toBe(true);
    const timeline = await t.database.db
      .select()
      .from(leadActivityTable)
      .where(eq(leadActivityTable.leadId, rows[0]?.id ?? ''));
    expect(timeline.filter((a) => a.kind !== 'assignment')).toHaveLength(N);
  });
});
