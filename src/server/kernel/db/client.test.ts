import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../testing/database.js';
import type { Db } from './client.js';

/** `execute` is typed per driver; both drivers answer `{ rows }`. */
async function firstRow(db: Db, query: SQL): Promise<Record<string, unknown> | undefined> {
  const res = (await db.execute(query)) as { rows: Record<string, unknown>[] };
  return res.rows[0];
}

describe('database client', () => {
  it('runs queries in UTC', async () => {
    const database = await createTestDatabase();
    try {
      expect(await firstRow(database.db, sql`select current_setting('TimeZone') as tz`)).toMatchObject({
        tz: 'UTC',
      });
    } finally {
      await database.close();
    }
  });

  it.runIf(inject('testDb').backend === 'postgres')(
    'keeps working after the server terminates an idle pooled connection',
    async () => {
      const database = await createTestDatabase();
      try {
        // Open a second pooled connection, then terminate every other connection of this database while
        // they sit idle in the pool.
        await Promise.all([
          database.db.execute(sql`select pg_sleep(0.05)`),
          database.db.execute(sql`select pg_sleep(0.05)`),
        ]);
        const killed = await firstRow(
          database.db,
          sql`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()) t`,
        );
        expect(Number(killed?.n)).toBeGreaterThanOrEqual(1);
        await new Promise((r) => setTimeout(r, 100));
        expect(await firstRow(database.db, sql`select 1 as one`)).toMatchObject({ one: 1 });
      } finally {
        await database.close();
      }
    },
  );
});
