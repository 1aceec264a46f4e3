import type { AppContext } from '../../kernel/context.js';
import { encryptPersonal, keyedHash } from '../../kernel/crypto.js';
import type { Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import type { DemoLogin, SeedStep } from '../../kernel/module.js';
import { insertCustomerIfAbsent } from './crm.repository.js';
import { maskMainlandPhone } from './phone.js';

/** The demo buyer: signs in on the storefront with this number and the code from the dev inbox. */
export const DEMO_BUYER = {
  id: 'cus_demo_buyer_zhang',
  phone: '13800138000',
  nickname: '张先生',
  cityCode: '110100', // Beijing
} as const;
const SEEDED_AT = new Date('2026-01-05T02:00:00Z');

/** Creates the demo buyer unless the number is already registered (re-runnable). */
export async function seedDemoBuyer(db: Db, ctx: Pick<AppContext, 'config'>): Promise<void> {
  await withTransaction(db, async (tx) => {
    await insertCustomerIfAbsent(tx, {
      id: DEMO_BUYER.id,
      phoneHash: keyedHash(ctx.config, 'phone', DEMO_BUYER.phone),
      phoneEnc: encryptPersonal(ctx.config, DEMO_BUYER.phone),
      phoneMasked: maskMainlandPhone(DEMO_BUYER.phone),
      nickname: DEMO_BUYER.nickname,
      cityCode: DEMO_BUYER.cityCode,
      status: 'active',
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
      lastSignInAt: null,
    });
  });
}

export const seedDemoBuyerStep: SeedStep = {
  name: 'crm.demo_buyer',
  run: (ctx) => seedDemoBuyer(ctx.database.db, ctx),
};

/** The demo buyer's login: the code arrives in the SMS dev inbox. */
export const CRM_DEMO_LOGINS: readonly DemoLogin[] = [
  { area: 'storefront', role: 'buyer', login: DEMO_BUYER.phone, secret: 'SMS code: see /dev/sms' },
];
