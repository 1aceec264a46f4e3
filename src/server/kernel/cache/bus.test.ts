import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../testing/database.js';
import { type CacheBusDelivery, type CacheInvalidationBus, createCacheBus } from './bus.js';

const backend = inject('testDb').backend;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (bounded: 5 s). */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the cache invalidation bus', () => {
  it('delivers a message to the other buses over the database, not to the publishing one', async () => {
    const publisher = createCacheBus(database);
    const listener = createCacheBus(database);
    const heardByPublisher: CacheBusDelivery[] = [];
    const heard: string[] = [];
    publisher.subscribe('search', (d) => heardByPublisher.push(d));
    listener.subscribe('search', (d) => {
      if (d.kind === 'message') heard.push(d.message);
    });
    listener.subscribe('other', (d) => {
      if (d.kind === 'message') heard.push('wrong channel');
    });
    try {
      await Promise.all([publisher.ready(), listener.ready()]);
      await publisher.publish('search', 'lst_1');
      await until(() => heard.length > 0, 'the message');
      await sleep(50);
      expect(heard).toEqual(['lst_1']);
      expect(heardByPublisher.filter((d) => d.kind === 'message')).toEqual([]);
      expect(listener.received).toBe(1);
    } finally {
      await Promise.all([publisher.close(), listener.close()]);
    }
  });

  it.skipIf(backend !== 'postgres')(
    'sends a message published inside a transaction only when it commits',
    async () => {
      const publisher = createCacheBus(database);
      const listener = createCacheBus(database);
      const heard: string[] = [];
      listener.subscribe('search', (d) => {
        if (d.kind === 'message') heard.push(d.message);
      });
      try {
        await listener.ready();
        await database.db
          .transaction(async (tx) => {
            await publisher.publish('search', 'rolled back', tx);
            throw new Error('rollback');
          })
          .catch(() => undefined);
        await database.db.transaction(async (tx) => {
          await publisher.publish('search', 'committed', tx);
          await sleep(100);
          expect(heard).toEqual([]);
        });
        await until(() => heard.length > 0, 'the committed message');
        expect(heard).toEqual(['committed']);
      } finally {
        await Promise.all([publisher.close(), listener.close()]);
      }
    },
  );

  // PGlite has no connection to lose.
  it.skipIf(backend !== 'postgres')(
    'reconnects after its LISTEN connection is terminated and still delivers',
    async () => {
      const errors: Error[] = [];
      const listener = createCacheBus(database, { onError: (e) => errors.push(e), minBackoffMs: 20 });
      const publisher = createCacheBus(database);
      const heard: CacheBusDelivery[] = [];
      listener.subscribe('search', (d) => heard.push(d));
      await listener.ready();
      expect(heard).toEqual([{ kind: 'missed' }]);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const pids = await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
        );
        expect(pids.rows).toHaveLength(1);
        await admin.query('select pg_terminate_backend($1)', [pids.rows[0]?.pid]);
        // Reconnected: a fresh LISTEN backend, and subscribers told that messages may have been missed.
        await until(() => heard.filter((d) => d.kind === 'missed').length === 2, 'the listener to reconnect');
        expect(errors.length).toBeGreaterThanOrEqual(1);
        await publisher.publish('search', 'after the reconnect');
        await until(() => heard.some((d) => d.kind === 'message'), 'the message after the reconnect');
        expect(heard.at(-1)).toEqual({ kind: 'message', message: 'after the reconnect' });
      } finally {
        await admin.end();
        await Promise.all([publisher.close(), listener.close()]);
      }
    },
  );

  it.skipIf(backend !== 'postgres')('holds no connection once its last subscriber has left', async () => {
    const bus: CacheInvalidationBus = createCacheBus(database);
    const listening = async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const res = await admin.query(
          `select 1 from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
        );
        return res.rows.length;
      } finally {
        await admin.end();
      }
    };
    const unsubscribe = bus.subscribe('search', () => undefined);
    await bus.ready();
    await until(async () => (await listening()) === 1, 'the LISTEN connection');
    unsubscribe();
    await until(async () => (await listening()) === 0, 'the LISTEN connection to close');
    await bus.close();
  });
});
