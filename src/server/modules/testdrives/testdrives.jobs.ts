import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { systemMutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { getPublicStore } from '../dealers/index.js';
import { testdriveBookingMachine } from './testdrives.machine.js';
import * as repo from './testdrives.repository.js';
import { localLabel } from './testdrives.setup.js';

// The store side lives in testdrives.setup.ts; its public functions stay reachable from here.
export {
  addClosure,
  createVehicle,
  datesIn,
  generateSlots,
  generateUpcomingSlots,
  getStoreSetup,
  listStoreSetups,
  listVehicles,
  localLabel,
  removeClosure,
  replaceTemplates,
  saveSettings,
  toSlot,
  toVehicle,
  updateVehicle,
} from './testdrives.setup.js';

import { statusChanged, type TestdrivesEnv } from './testdrives.service.js';

// Test drives, scheduled work: reminders before a drive, no-shows after it, and the analytics dimensions.

// ---- jobs ----

/** Reminders 24 h and 2 h before; each booking gets each once (the column is set in the same transaction). */
export async function sendReminders(db: DbHandle, now: Date, env: TestdrivesEnv): Promise<number> {
  let sent = 0;
  for (const which of ['2h', '24h'] as const) {
    const before = new Date(now.getTime() + (which === '24h' ? 24 : 2) * 3600_000);
    for (const due of await repo.dueForReminder(db, which, now, before)) {
      // Within 2 h the 24 h reminder is pointless: mark it sent with the 2 h one.
      await withTransaction(db, async (tx) => {
        const row = await repo.lockBooking(tx, due.id);
        if (row?.status !== 'booked') return;
        if ((which === '24h' ? row.reminded24hAt : row.reminded2hAt) !== null) return;
        await repo.updateBooking(
          tx,
          row.id,
          which === '24h'
            ? { reminded24hAt: now }
            : { reminded2hAt: now, reminded24hAt: row.reminded24hAt ?? now },
        );
        const store = await getPublicStore(tx, row.storeId).catch(() => null);
        await notify(tx, {
          recipient: { kind: 'buyer', id: row.buyerId, phone: decryptPersonal(env, row.phoneEnc) },
          templateKey: which === '24h' ? 'testdrives.reminder_24h' : 'testdrives.reminder_2h',
          params: {
            store: store?.name ?? '',
            address: store?.address ?? '',
            time: localLabel(row.startsAt),
            vehicle: row.vehicleTitle,
            bookingNumber: row.bookingNumber,
          },
          channels: ['sms', 'in_app'],
          link: '/account/test-drives',
          at: now,
          dedupKey: `testdrive:${row.id}:reminder_${which}:${row.startsAt.getTime()}`,
        });
        sent++;
      });
    }
  }
  return sent;
}

/** Booked test drives still not checked in the store's grace minutes after the slot ended become no-shows. */
export async function markNoShows(db: DbHandle, now: Date, env: TestdrivesEnv): Promise<number> {
  let marked = 0;
  const grace = new Map<string, number>();
  for (const row of await repo.bookedEndedBefore(db, now)) {
    if (!grace.has(row.storeId)) {
      grace.set(row.storeId, (await repo.findSettings(db, row.storeId))?.noShowAfterMinutes ?? 30);
    }
    if (row.endsAt.getTime() + (grace.get(row.storeId) ?? 30) * 60_000 > now.getTime()) continue;
    const mutation = systemMutation(now);
    await withTransaction(db, async (tx) => {
      const locked = await repo.lockBooking(tx, row.id);
      if (locked?.status !== 'booked') return;
      await applyTransition(tx, testdriveBookingMachine, row.id, 'no_show', mutation);
      const after = await repo.findBooking(tx, row.id);
      if (after) await statusChanged(tx, after, 'no_show', mutation, env);
      marked++;
    });
  }
  return marked;
}

/** A booking's dimensions for analytics (its facts may be recorded before the booking's own fact). */
export async function testdriveDimensions(
  db: DbHandle,
  id: string,
): Promise<{
  buyerId: string;
  cityCode: string;
  brandId: string;
  seriesId: string;
  trimId: string | null;
  dealerId: string;
  channel: TrafficChannel;
} | null> {
  const row = await repo.findBooking(db, id);
  if (!row) return null;
  return {
    buyerId: row.buyerId,
    cityCode: row.cityCode,
    brandId: row.brandId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    dealerId: row.dealerId,
    channel: row.source.channel,
  };
}
