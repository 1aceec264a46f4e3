import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../kernel/jobs/jobs.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { withCheckDigit } from '../listings/listings.testing.js';
import { sendStockAlert } from './inventory.alerts.js';
import * as repo from './inventory.repository.js';

let t: TestApp;
const NOW = new Date('2026-12-07T00:30:00Z'); // 08:30 in Shanghai
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  await repo.insertLocation(t.database.db, {
    id: 'loc_alert',
    kind: 'store',
    dealerId: 'dlr_alert',
    storeId: 'sto_alert',
    cityCode: '440100',
    name: '广州天河门店',
    createdAt: NOW,
    updatedAt: NOW,
  });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
async function unit(trimId: string, daysInStock: number, status: 'available' | 'reserved' = 'available') {
  seq += 1;
  await repo.insertUnit(t.database.db, {
    id: `veh_alert_${seq}`,
    vin: withCheckDigit(`LFV2A2BS0P0${String(seq).padStart(6, '0')}`),
    trimId,
    exteriorColour: '星空灰',
    locationId: 'loc_alert',
    storeId: 'sto_alert',
    dealerId: 'dlr_alert',
    status,
    enteredStockAt: new Date(NOW.getTime() - daysInStock * DAY),
    costFen: 12_000_000,
    createdAt: NOW,
    updatedAt: NOW,
  });
}

const alertJobs = async () =>
  (await t.database.db.select().from(jobs)).filter(
    (j) => (j.payload as { templateKey?: string }).templateKey === 'inventory.stock_alert',
  );

describe('the morning stock alert', () => {
  it('sends nothing when no stock is aged or low', async () => {
    expect(await sendStockAlert(t.database.db, NOW)).toEqual({
      aged60: 0,
      aged90: 0,
      lowStock: 0,
      sent: false,
    });
  });

  it('counts units over 60 and 90 days and trims running low, and tells supply chain once a day', async () => {
    await unit('trm_a', 100); // aged over 90
    await unit('trm_a', 70); // aged over 60
    await unit('trm_a', 10);
    await unit('trm_b', 5, 'reserved'); // trm_b: nothing available, below the threshold
    await unit('trm_c', 3); // trm_c: one available
    await unit('trm_c', 4, 'reserved');
    const alert = await sendStockAlert(t.database.db, NOW);
    expect(alert).toEqual({ aged60: 2, aged90: 1, lowStock: 2, sent: true }); // trm_b and trm_c, below 2 each
    await sendStockAlert(t.database.db, new Date(NOW.getTime() + 3_600_000)); // the same day again
    const sent = await alertJobs();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload).toMatchObject({ recipient: { kind: 'role', role: 'supply_chain' } });
  });
});
