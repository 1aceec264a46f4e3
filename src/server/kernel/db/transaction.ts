import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, DbHandle, Tx } from './client.js';

/**
 * Append-only rows a transaction writes on its way (audit entries, outbox events): kept in memory and
 * written at the end, one multi-row insert per table, just before the commit. A checkout writes eight of
 * them; one round trip each was a fifth of its database time. Nobody reads them back in the transaction
 * that wrote them, and they commit or vanish with it exactly as before.
 */
interface Deferred {
  readonly rows: { table: PgTable; row: Record<string, unknown> }[];
  /** Nested calls run in the transaction itself, without a savepoint (TransactionOptions). */
  readonly inline: boolean;
}

export interface TransactionOptions {
  /**
   * For a use case that never goes on after a step failed, except a step that fails before it writes
   * (checkout: a store without the car): nested withTransaction calls then run without a savepoint, two
   * round trips fewer each. Rows they deferred still go when they throw.
   */
  readonly withoutSavepoints?: boolean;
}

const deferredOf = new WeakMap<DbHandle, Deferred>();

/**
 * Runs `work` in one transaction. Nested calls reuse the outer transaction through a savepoint,
 * so a service can be called on its own or from a flow that already opened one.
 */
export async function withTransaction<T>(
  db: Db | Tx,
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const outer = deferredOf.get(db);
  if (outer) {
    // A savepoint (or, without savepoints, the transaction itself): what it deferred goes if it throws.
    const mark = outer.rows.length;
    try {
      if (outer.inline) return await work(db as Tx);
      return await db.transaction((tx) => {
        deferredOf.set(tx, outer);
        return work(tx);
      });
    } catch (err) {
      if (outer.rows.length > mark) outer.rows.length = mark;
      throw err;
    }
  }
  return db.transaction(async (tx) => {
    const deferred: Deferred = { rows: [], inline: options.withoutSavepoints === true };
    deferredOf.set(tx, deferred);
    const result = await work(tx);
    await flushDeferred(tx, deferred);
    return result;
  });
}

/**
 * Inserts `row` into `table`: at the end of the transaction when `db` is one opened by withTransaction,
 * at once otherwise. For append-only rows. `readBack`: the transaction may read the table again (the audit
 * log makes some timelines), so the row waits only in a transaction without savepoints, where
 * flushWritesAtCommit before the read is safe; elsewhere it is written at once.
 */
export async function insertAtCommit(
  db: DbHandle,
  table: PgTable,
  row: Record<string, unknown>,
  options: { readBack?: boolean } = {},
): Promise<void> {
  const deferred = deferredOf.get(db);
  if (deferred && (deferred.inline || !options.readBack)) deferred.rows.push({ table, row });
  else await db.insert(table).values(row);
}

/**
 * Writes what waits for the commit now, before a read of a `readBack` table. Only a transaction without
 * savepoints has such rows waiting; in one with savepoints a flush inside a savepoint that then rolls back
 * would lose rows of the scopes around it, so nothing is flushed there (and nothing readBack waits).
 */
export async function flushWritesAtCommit(db: DbHandle): Promise<void> {
  const deferred = deferredOf.get(db);
  if (deferred?.inline) await flushDeferred(db as Tx, deferred);
}

async function flushDeferred(tx: Tx, deferred: Deferred): Promise<void> {
  // One statement per table, each table's rows in the order they were written (nothing orders rows of
  // different tables: audit entries and outbox events never refer to each other).
  const rows = deferred.rows;
  const byTable = new Map<PgTable, Record<string, unknown>[]>();
  for (const { table, row } of rows) {
    const batch = byTable.get(table);
    if (batch) batch.push(row);
    else byTable.set(table, [row]);
  }
  rows.length = 0;
  for (const [table, batch] of byTable) await tx.insert(table).values(batch);
}
