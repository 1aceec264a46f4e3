import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import type { Mutation } from '../../kernel/mutation.js';
import * as repo from './orders.repository.js';
import { addTimeline } from './orders.shared.js';

/**
 * Puts a note on the order's timeline without moving it (after-sales: a 三包 refund or replacement, a
 * title transfer done), in the caller's transaction. The caller has already checked who may do it.
 */
export async function recordOrderNote(
  db: DbHandle,
  input: { orderId: string; note: { zh: string; en: string } },
  mutation: Mutation,
): Promise<void> {
  const row = await repo.findOrder(db, input.orderId);
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  await addTimeline(db, row, row.status, row.status, mutation, input.note);
}
