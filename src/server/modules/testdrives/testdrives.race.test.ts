import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff } from '../identity/identity.testing.js';
import { testdriveBookings, testdriveSlots } from './testdrives.schema.js';
import { bookRequest, freeSlotsOf, seedTestdriveWorld, vehicleOf } from './testdrives.testing.js';

// The slot race on real PostgreSQL (PGlite has one connection, so nothing there can race): 100 buyers book the
// one place of a slot at once; exactly one gets it, the rest a clear 409.

const onPostgres = inject('testDb').backend === 'postgres';
const STORE = 'sto_sh_tesla_jinqiao';
let t: TestApp;

describe.runIf(onPostgres)('test-drive booking under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-12-07T02:00:00Z');
    await seedTestdriveWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a slot of capacity 1 to exactly one of 100 buyers booking at once', async () => {
    const operator = await createTestStaff(t.ctx, { roles: ['operator'] });
    const model3 = await vehicleOf(t, operator.bearer, STORE, 'Model 3');
    const [slot] = await freeSlotsOf(t, STORE, model3.seriesId, '2026-12-09', '2026-12-09');
    if (!slot) throw new Error('no slot');
    await t.database.db.update(testdriveSlots).set({ capacity: 1 }).where(eq(testdriveSlots.id, slot.id));
    const buyers = [];
    for (let i = 0; i < 100; i++) buyers.push(await createTestBuyer(t.ctx, `137${String(10000000 + i)}`));
    const results = await Promise.all(
      buyers.map((b, i) =>
        bookRequest(t, b.bearer, {
          storeId: STORE,
          slotId: slot.id,
          seriesId: model3.seriesId,
          name: `买家${i}`,
          phone: b.phone,
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(
      new Set(['TESTDRIVE_SLOT_FULL']),
    );
    const [row] = await t.database.db.select().from(testdriveSlots).where(eq(testdriveSlots.id, slot.id));
    expect(row).toMatchObject({ capacity: 1, booked: 1 });
    const bookings = await t.database.db
      .select()
      .from(testdriveBookings)
      .where(eq(testdriveBookings.slotId, slot.id));
    expect(bookings).toHaveLength(1);
  });
});
