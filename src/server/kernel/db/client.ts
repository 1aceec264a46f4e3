import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** The query handle every repository takes first: the database itself or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;

/** What repositories and services take first: the database or an open transaction. */
export type DbHandle = Db | Tx;

export type Backend = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly backend: Backend;
  /** PostgreSQL only: the connection string, for the dedicated connections outside the pool (LISTEN). */
  readonly url?: string;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory (tests clone a migrated template from it). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface DatabaseOptions {
  /** postgres://... ; when absent an embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` or undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir tarball to start from (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** Errors of idle pooled connections (server restart, terminated backend); the pool replaces them. */
  onIdleError?: (err: Error) => void;
  /**
   * Errors of connections in use (terminated mid-query or mid-transaction). The query or transaction fails
   * with the error and the pool drops the connection; this only reports it.
   */
  onActiveError?: (err: Error) => void;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // Sessions run in UTC so timestamptz text is unambiguous in logs and exports.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      options: '-c TimeZone=UTC',
    });
    // Without a listener an idle connection's error (a PostgreSQL restart, a terminated backend) would be
    // an uncaught exception that takes the process down; the pool drops that client and opens a new one.
    pool.on(
      'error',
      options.onIdleError ?? ((err) => console.error(`PostgreSQL idle connection error: ${err.message}`)),
    );
    // pg-pool listens only while a client is idle. A checked-out client (drizzle holds one for a whole
    // transaction) that loses its connection emits 'error' too, and with no listener that event killed the
    // process; the failure already reaches the caller through the pending query or the next one.
    const onActiveError =
      options.onActiveError ??
      ((err: Error) => console.warn(`PostgreSQL connection lost while in use: ${err.message}`));
    const checkedOut = new WeakSet<pg.PoolClient>();
    pool.on('acquire', (client) => checkedOut.add(client));
    pool.on('release', (_err, client) => checkedOut.delete(client));
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        // An idle client's error is the pool's idle listener's to report.
        if (checkedOut.has(client)) onActiveError(err);
      });
    });
    const db = drizzlePg(pool) as unknown as Db;
    return { db, backend: 'postgres', url: options.url, close: () => pool.end() };
  }
  let dataDir: string | undefined;
  if (options.dataDir && options.dataDir !== 'memory://') {
    dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const client = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await client.waitReady;
  await client.exec("SET TIME ZONE 'UTC'");
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    backend: 'pglite',
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}
