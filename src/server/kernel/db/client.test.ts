import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../testing/database.js';

describe('database client', () => {
  it('runs queries in UTC', async () => {
    const database = await createTestDatabase();
    try {
      const res = await database.db.execute(sql`select current_setting('TimeZone') as tz`);
      expect(res.rows[0]).toMatchObject({ tz: 'UTC' });
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
        const killed = await database.db.execute(
          sql`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()) t`,
        );
        expect(Number((killed.rows[0] as { n: number }).n)).toBeGreaterThanOrEqual(1);
        await new Promise((r) => setTimeout(r, 100));
        const again = await database.db.execute(sql`select 1 as one`);
        expect(again.rows[0]).toMatchObject({ one: 1 });
      } finally {
        await database.close();
      }
    },
  );
});
