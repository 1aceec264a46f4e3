import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      | { backend: 'pglite'; templateFile: string }
      | { backend: 'postgres'; adminUrl: string; template: string };
  }
}

/** Which backend DB tests use: PGlite unless TEST_DB=postgres (then DATABASE_URL is required). */
function wantPostgres(): boolean {
  return process.env.TEST_DB === 'postgres';
}

/**
 * Migrates one template database per run; each test file then starts from a copy of it
 * (PGlite: a data-dir tarball; PostgreSQL: CREATE DATABASE ... TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (wantPostgres()) {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DB=postgres needs DATABASE_URL');
    const template = `ay_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    await migrate(database);
    await database.close();
    project.provide('testDb', { backend: 'postgres', adminUrl, template });
    return async () => {
      // Test files drop their own databases; sweep leftovers of crashed runs of this template too.
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`ay_t_${process.pid}_%`],
      );
      for (const row of left.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-test-'));
  const database = await openDatabase({});
  await migrate(database);
  const dump = await dumpPglite(database);
  const templateFile = path.join(dir, 'template.tar');
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('testDb', { backend: 'pglite', templateFile });
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}

async function dumpPglite(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}
