import type { AppContext } from '../../context.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { findCustomerById } from './crm.repository.js';

export type {
  TBuyerMe,
  TCustomerProfile,
  TSendSmsCodeResponse,
  TSmsSignInResponse,
} from './crm.contract.js';
export { CrmAccountErrors, CrmErrors } from './crm.errors.js';
export { crmRoutes, devSmsInboxRoutes } from './crm.routes.js';
export { CUSTOMER_REGISTERED, SMS_CODE_POLICY } from './crm.service.js';
export { maskMainlandPhone, normalizePhone } from './phone.js';

/**
 * For the auth plugin: the buyer behind a session, or null when the customer no longer exists or is
 * disabled (the session is then treated as signed out).
 */
export async function getBuyerForSession(
  db: Db | Tx,
  ctx: Pick<AppContext, 'config'>,
  buyerId: string,
): Promise<{ buyerId: string; phone: string } | null> {
  const row = await findCustomerById(db, buyerId);
  if (row?.status !== 'active') return null;
  return { buyerId: row.id, phone: decryptPersonal(ctx.config, row.phoneEnc) };
}
