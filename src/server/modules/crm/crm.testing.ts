import { createSession } from '../../kernel/auth/sessions.js';
import type { AppContext } from '../../kernel/context.js';
import { encryptPersonal, keyedHash } from '../../kernel/crypto.js';
import { newId } from '../../kernel/ids.js';
import { insertCustomerIfAbsent } from './crm.repository.js';
import { maskMainlandPhone } from './phone.js';

/** For tests of any module: an active buyer with a live session (bearer), without the SMS sign-in. */
export async function createTestBuyer(
  ctx: Pick<AppContext, 'config' | 'clock' | 'database'>,
  phone: string,
): Promise<{ id: string; phone: string; bearer: { authorization: string } }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const id = newId('cus');
  await insertCustomerIfAbsent(db, {
    id,
    phoneHash: keyedHash(ctx.config, 'phone', phone),
    phoneEnc: encryptPersonal(ctx.config, phone),
    phoneMasked: maskMainlandPhone(phone),
    nickname: null,
    cityCode: null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    lastSignInAt: now,
  });
  const session = await createSession(db, ctx, { subjectKind: 'buyer', subjectId: id });
  return { id, phone, bearer: { authorization: `Bearer ${session.token}` } };
}
