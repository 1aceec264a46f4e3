import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '../../kernel/jobs/jobs.schema.js';
import type { TestApp } from '../../testing/app.js';
import { catalogModule } from '../catalog/index.js';
import { dealersModule } from '../dealers/index.js';
import type { TSlot, TTestdriveBooking, TTestdriveVehicle } from './testdrives.contract.js';
import { seedDemoTestdrives } from './testdrives.seed.js';

// Test helpers for the testdrives module (demo seed: settings, windows and cars at the four demo stores).

/** Demo dealers and stores, the catalog, then the test-drive demo (settings, windows, cars, 14 days of slots). */
export async function seedTestdriveWorld(t: TestApp): Promise<void> {
  for (const step of dealersModule.seed) await step.run(t.ctx);
  for (const step of catalogModule.seed) await step.run(t.ctx);
  await seedDemoTestdrives(t.ctx);
}

export async function vehicleOf(
  t: TestApp,
  bearer: { authorization: string },
  storeId: string,
  seriesName: string,
): Promise<TTestdriveVehicle> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/testdrives/vehicles?storeId=${storeId}`,
    headers: bearer,
  });
  const found = (res.json() as TTestdriveVehicle[]).find((v) => v.title.includes(` ${seriesName} `));
  if (!found) throw new Error(`no demo test-drive car of ${seriesName} at ${storeId}`);
  return found;
}

export async function freeSlotsOf(
  t: TestApp,
  storeId: string,
  seriesId: string,
  from: string,
  to: string,
): Promise<TSlot[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/testdrives/slots?storeId=${storeId}&seriesId=${seriesId}&from=${from}&to=${to}`,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as TSlot[];
}

export function bookRequest(
  t: TestApp,
  bearer: { authorization: string },
  body: { storeId: string; slotId: string; seriesId: string; name?: string; phone?: string },
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/testdrives/bookings',
    headers: bearer,
    payload: { name: '王先生', phone: '13812345678', ...body },
  });
}

export async function book(
  t: TestApp,
  bearer: { authorization: string },
  body: { storeId: string; slotId: string; seriesId: string; name?: string; phone?: string },
): Promise<TTestdriveBooking> {
  const res = await bookRequest(t, bearer, body);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as TTestdriveBooking;
}

/** Notification delivery jobs of one template and channel (what would be sent). */
export async function sentCount(
  t: TestApp,
  templateKey: string,
  channel: 'sms' | 'in_app',
  bookingNumber?: string,
) {
  const rows = await t.database.db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.name, `notify.${channel}`),
        sql`${jobs.payload}->>'templateKey' = ${templateKey}`,
        bookingNumber ? sql`${jobs.payload}::text like ${`%${bookingNumber}%`}` : undefined,
      ),
    );
  return rows.length;
}
