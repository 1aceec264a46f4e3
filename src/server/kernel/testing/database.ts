import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client.js';

let counter = 0;

/**
 * A fresh, migrated database for one test file (or one test), on the backend this run uses.
 * Call `close()` in afterAll; on PostgreSQL it also drops the database.
 */
export async function createTestDatabase(): Promise<Database> {
  const testDb = inject('testDb');
  if (testDb.backend === 'pglite') {
    const blob = new Blob([readFileSync(testDb.templateFile)]);
    return openDatabase({ loadDataDir: blob });
  }
  const { default: pg } = await import('pg');
  const name = `ay_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: testDb.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${testDb.template}`);
  await admin.end();
  const url = new URL(testDb.adminUrl);
  url.pathname = `/${name}`;
  // The drop below terminates any connection still closing; that is expected here, not an error.
  const database = await openDatabase({ url: url.toString(), poolSize: 10, onIdleError: () => undefined });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: testDb.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
