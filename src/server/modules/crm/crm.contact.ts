import type { AppContext } from '../../kernel/context.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { findCustomerById } from './crm.repository.js';

/** How to reach an active buyer by SMS (other modules' notifications); null when the account is not active. */
export async function buyerContact(
  db: DbHandle,
  ctx: Pick<AppContext, 'config'>,
  buyerId: string,
): Promise<{ phone: string } | null> {
  const row = await findCustomerById(db, buyerId);
  if (row?.status !== 'active') return null;
  return { phone: decryptPersonal(ctx.config, row.phoneEnc) };
}
