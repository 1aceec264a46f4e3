import type { Db, Tx } from './client.js';

/**
 * Runs `work` in one transaction. Nested calls reuse the outer transaction through a savepoint,
 * so a service can be called on its own or from a flow that already opened one.
 */
export function withTransaction<T>(db: Db | Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
