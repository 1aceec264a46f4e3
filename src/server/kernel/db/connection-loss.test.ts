import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { eq, like, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../config.js';
import { trims } from '../../modules/catalog/catalog.schema.js';
import { seedModelDatabase } from '../../modules/catalog/model.seed.js';
import { createTestStaff, type TestStaff } from '../../modules/identity/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { recordAudit } from '../audit/audit.js';
import { auditLog } from '../audit/audit.schema.js';
import { systemClock } from '../clock.js';
import { openDatabase } from './client.js';
import { isConnectionLoss } from './connection-errors.js';
import { withTransaction } from './transaction.js';

/*
 * PGlite runs inside this process: it has no connection a server could drop, so every test here needs
 * PostgreSQL (TEST_DB=postgres) and is skipped on PGlite.
 */
const testDb = inject('testDb');
const onPostgres = testDb.backend === 'postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A URL for `database` on the server the test run uses. */
function urlOf(database: string): string {
  if (testDb.backend !== 'postgres') throw new Error('PostgreSQL only');
  const url = new URL(testDb.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Polls pg_stat_activity (bounded: about 10 s) for the one backend of `database` in the given state whose
 * statement mentions `table`, other than the caller's own; returns its pid.
 */
async function backendPid(
  admin: pg.Client,
  database: string,
  where: 'waiting on a lock' | 'idle in transaction',
  table: string,
  /** A table the backend's transaction already holds a lock on (tells the request from a background job). */
  holding?: string,
): Promise<number> {
  const condition =
    where === 'waiting on a lock' ? `wait_event_type = 'Lock'` : `state = 'idle in transaction'`;
  const holds = holding
    ? `and exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
                    where l.pid = a.pid and l.granted and c.relname = $3)`
    : '';
  for (let i = 0; i < 400; i++) {
    const res = await admin.query<{ pid: number }>(
      `select a.pid from pg_stat_activity a
        where a.datname = $1 and a.pid <> pg_backend_pid() and ${condition} and strpos(a.query, $2) > 0 ${holds}`,
      holding ? [database, table, holding] : [database, table],
    );
    if (res.rows.length === 1 && res.rows[0]) return res.rows[0].pid;
    await sleep(25);
  }
  throw new Error(`no backend of ${database} is ${where}`);
}

/** Terminates `pid` and waits (bounded) until the server has let it go. */
async function terminate(admin: pg.Client, pid: number): Promise<void> {
  const res = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
  expect(res.rows[0]?.ok).toBe(true);
  for (let i = 0; i < 400; i++) {
    const left = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (left.rows.length === 0) return;
    await sleep(25);
  }
  throw new Error(`backend ${pid} did not end`);
}

/** Waits (bounded) for the server's "listening" log line; fails with its output if it exits first. */
function listeningUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 120_000);
    const check = () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe.runIf(onPostgres)('a dropped PostgreSQL connection (PostgreSQL only; PGlite has none)', () => {
  let t: TestApp;
  let operator: TestStaff;
  let database: string;
  /** Connections of the test's own: one finds and terminates the app's backends, one holds locks. */
  let admin: pg.Client;
  let locker: pg.Client;
  const uncaught: unknown[] = [];
  const record = (err: unknown) => {
    uncaught.push(err);
  };

  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    t = await createTestApp();
    await seedModelDatabase(t.database.db);
    operator = await createTestStaff(t.ctx, { roles: ['operator'] });
    const res = (await t.database.db.execute(sql`select current_database() as name`)) as {
      rows: { name: string }[];
    };
    database = res.rows[0]?.name ?? '';
    admin = new pg.Client({ connectionString: urlOf(database) });
    locker = new pg.Client({ connectionString: urlOf(database) });
    await Promise.all([admin.connect(), locker.connect()]);
  });

  beforeEach(() => {
    uncaught.length = 0;
  });

  afterAll(async () => {
    await Promise.all([admin?.end(), locker?.end()]);
    await t?.close();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  /** The next requests, DB-backed, answer normally. */
  async function expectServing(): Promise<void> {
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    const brands = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/brands' });
    expect(brands.statusCode).toBe(200);
  }

  function importTrims(rows: string[][]) {
    const boundary = '----autoyard-import';
    const header = [
      'brand',
      'series_slug',
      'model_year',
      'trim_name',
      'guide_price_yuan',
      'energy_type',
      'seats',
    ];
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="trims.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(stringify([header, ...rows])),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import/trims',
      headers: { ...operator.bearer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }

  it('answers 503 and stores nothing when the import loses its connection halfway through its transaction', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [
      '比亚迪',
      'byd-han',
      '2026',
      `2026款 断线测试 ${i}`,
      String(200_000 + i),
      'bev',
      '5',
    ]);
    // The import writes its trims, then its audit rows: holding a SHARE lock on audit_log parks the
    // transaction right after its first trim is written, so it is terminated with work half done.
    await locker.query('begin');
    await locker.query('lock table audit_log in share mode');
    const pending = importTrims(rows);
    try {
      await terminate(
        admin,
        await backendPid(admin, database, 'waiting on a lock', 'audit_log', 'catalog_trims'),
      );
    } finally {
      await locker.query('rollback');
    }
    const res = await pending;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) },
    });
    expect(res.body).not.toMatch(/audit_log|insert|select/i);

    const written = await t.database.db.select().from(trims).where(like(trims.name, '2026款 断线测试%'));
    expect(written).toEqual([]);
    expect(uncaught).toEqual([]);
    await expectServing();
    // The same import, retried, goes through in full.
    const retry = await importTrims(rows);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ created: 20 });
  });

  it('answers 503 when a plain query outside a transaction loses its connection', async () => {
    await locker.query('begin');
    await locker.query('lock table catalog_brands in access exclusive mode');
    const pending = t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/brands',
      headers: { 'accept-language': 'en' },
    });
    try {
      await terminate(admin, await backendPid(admin, database, 'waiting on a lock', 'catalog_brands'));
    } finally {
      await locker.query('rollback');
    }
    const res = await pending;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/database/i) },
    });
    expect(res.headers['retry-after']).toBe('5');
    expect(uncaught).toEqual([]);
    await expectServing();
  });

  it('rolls back a transaction whose connection is dropped while it sits idle between queries', async () => {
    const entityId = `conn-loss-${Date.now().toString(36)}`;
    let killed!: () => void;
    const afterKill = new Promise<void>((r) => {
      killed = r;
    });
    const work = withTransaction(t.database.db, async (tx) => {
      await recordAudit(tx, {
        actor: null,
        action: 'test.connection_loss',
        entityType: 'test',
        entityId,
        before: null,
        after: null,
        at: new Date(),
      });
      // Idle in transaction: no query is running when the server drops the connection, so the driver
      // reports it only as an 'error' event on the checked-out client.
      await afterKill;
      await tx.execute(sql`select 1`);
    });
    const outcome = work.then(
      () => undefined,
      (err: unknown) => err,
    );
    await terminate(admin, await backendPid(admin, database, 'idle in transaction', 'audit_log'));
    // Gives the driver time to read the end of the socket while no statement is running (the case that
    // used to throw); if it has not, the next statement fails the same way.
    await sleep(100);
    killed();
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect(isConnectionLoss(err)).toBe(true);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))).toEqual([]);
    expect(uncaught).toEqual([]);
    await expectServing();
  });

  it('keeps a running server alive and ready when every one of its connections is terminated', async () => {
    if (testDb.backend !== 'postgres') return; // narrows testDb; the suite runs on PostgreSQL only
    const name = `${database}_srv`;
    await admin.query(`create database ${name} template ${testDb.template}`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-connloss-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO: 'never',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: urlOf(name),
      LOG_LEVEL: 'info',
    };
    delete env.PUBLIC_URL;
    delete env.SMS_PROVIDER;
    // A staff session the server accepts: created in its database under the secret it is given.
    const config = testConfig();
    env.SESSION_SECRET = config.sessionSecret;
    env.DATA_ENCRYPTION_KEY = config.dataEncryptionKey;
    const childDb = await openDatabase({ url: urlOf(name), poolSize: 1 });
    const staff = await createTestStaff(
      { config, clock: systemClock, database: childDb },
      { roles: ['operator'] },
    );
    await childDb.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const childLocker = new pg.Client({ connectionString: urlOf(name) });
    try {
      const base = await listeningUrl(child, () => output);
      const get = (url: string) => fetch(`${base}${url}`, { signal: AbortSignal.timeout(30_000) });
      expect((await get('/ready')).status).toBe(200);

      // While idle: drop every connection the server holds.
      const idle = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      expect(idle.rows.length).toBeGreaterThanOrEqual(1);
      for (const row of idle.rows) await terminate(admin, row.pid);
      expect((await get('/ready')).status).toBe(200);

      // During a request: park it on a lock, then drop its connection.
      await childLocker.connect();
      await childLocker.query('begin');
      await childLocker.query('lock table catalog_brands in access exclusive mode');
      const pending = get('/api/v1/catalog/brands');
      try {
        await terminate(admin, await backendPid(admin, name, 'waiting on a lock', 'catalog_brands'));
      } finally {
        await childLocker.query('rollback');
      }
      const res = await pending;
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });

      // During a transaction: a brand is inserted, then its audit row waits on a lock; drop the connection.
      const createBrand = () =>
        fetch(`${base}/api/v1/catalog/brands`, {
          method: 'POST',
          headers: { ...staff.bearer, 'content-type': 'application/json' },
          body: JSON.stringify({
            slug: 'conn-loss',
            name: '断线',
            nameEn: 'Conn Loss',
            country: 'CN',
            colours: ['#112233'],
          }),
          signal: AbortSignal.timeout(30_000),
        });
      await childLocker.query('begin');
      await childLocker.query('lock table audit_log in share mode');
      const creating = createBrand();
      try {
        // The brand's own transaction (it holds catalog_brands): a job's audit row may be waiting too.
        await terminate(
          admin,
          await backendPid(admin, name, 'waiting on a lock', 'audit_log', 'catalog_brands'),
        );
      } finally {
        await childLocker.query('rollback');
      }
      const created = await creating;
      expect(created.status).toBe(503);
      expect(await created.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
      const stored = await childLocker.query("select 1 from catalog_brands where slug = 'conn-loss'");
      expect(stored.rows).toEqual([]);

      expect((await get('/ready')).status).toBe(200);
      expect((await get('/api/v1/catalog/brands')).status).toBe(200);
      expect((await createBrand()).status).toBe(201);
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      // Logged as a lost connection, without the statement that was running.
      expect(output).toContain('database connection lost');
      expect(output).not.toContain('catalog_brands');
      expect(output).not.toMatch(/Unhandled 'error' event|uncaught/i);
    } finally {
      await childLocker.end().catch(() => undefined);
      await stop(child);
      await admin.query(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
