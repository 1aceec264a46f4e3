import { randomBytes } from 'node:crypto';
import { hashPassword, PUBLISHED_DEMO_PASSWORD } from '../../kernel/auth/passwords.js';
import type { Role } from '../../kernel/auth/roles.js';
import type { AppContext } from '../../kernel/context.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { newId } from '../../kernel/ids.js';
import type { DemoLogin, SeedStep } from '../../kernel/module.js';
import * as repo from './identity.repository.js';
import { ensureDefaultRoleGrants } from './identity.roles.js';

/** The published demo password: development seeds it; production never does (see demoPassword). */
export const DEMO_STAFF_PASSWORD = PUBLISHED_DEMO_PASSWORD;

interface DemoStaff {
  email: string;
  displayName: string;
  role: Role;
  dealerId: string | null;
}

/** One account per platform role, and dealer accounts for the two demo dealers (seeded by "dealers"). */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { email: 'admin@autoyard.cn', displayName: '王建国', role: 'admin', dealerId: null },
  { email: 'operator@autoyard.cn', displayName: '李晓燕', role: 'operator', dealerId: null },
  { email: 'marketing@autoyard.cn', displayName: '张敏', role: 'marketing', dealerId: null },
  { email: 'sales@autoyard.cn', displayName: '刘洋', role: 'sales_advisor', dealerId: null },
  { email: 'service@autoyard.cn', displayName: '陈静', role: 'customer_service', dealerId: null },
  { email: 'supply@autoyard.cn', displayName: '杨磊', role: 'supply_chain', dealerId: null },
  { email: 'finance@autoyard.cn', displayName: '赵丽', role: 'finance', dealerId: null },
  { email: 'compliance@autoyard.cn', displayName: '周涛', role: 'compliance', dealerId: null },
  {
    email: 'dealer.admin@autoyard.cn',
    displayName: '孙伟（北京比亚迪）',
    role: 'dealer_admin',
    dealerId: 'dlr_demo_bj_byd',
  },
  {
    email: 'dealer.staff@autoyard.cn',
    displayName: '吴芳（北京比亚迪）',
    role: 'dealer_staff',
    dealerId: 'dlr_demo_bj_byd',
  },
  {
    email: 'dealer2.admin@autoyard.cn',
    displayName: '郑浩（上海特斯拉）',
    role: 'dealer_admin',
    dealerId: 'dlr_demo_sh_tesla',
  },
];

const TOTP_NOTE = ' (enrol TOTP at first sign-in)';

function loginOf(s: DemoStaff, password: string): DemoLogin {
  return {
    area: s.dealerId ? 'dealer' : 'console',
    role: s.role,
    login: s.email,
    secret: password + (s.role === 'admin' || s.role === 'finance' ? TOTP_NOTE : ''),
  };
}

/** The demo staff logins with the published password (development prints them at every start). */
export const IDENTITY_DEMO_LOGINS: readonly DemoLogin[] = DEMO_STAFF.map((s) =>
  loginOf(s, DEMO_STAFF_PASSWORD),
);

/**
 * Production (SEED_DEMO=1) must not hand out a password anyone can read in the README: each account gets
 * its own random one (144 bits), reported once by the seed run.
 */
function demoPassword(ctx: AppContext): string {
  return ctx.config.env === 'production' ? randomBytes(18).toString('base64url') : DEMO_STAFF_PASSWORD;
}

/**
 * Grants every role its default permissions, then creates the demo staff accounts that do not exist yet
 * (re-runnable). Accounts made in production get generated passwords, handed to `report` once.
 */
export const seedDemoStaff: SeedStep = {
  name: 'identity.demo_staff',
  async run(ctx, report) {
    const db = ctx.database.db;
    await ensureDefaultRoleGrants(db);
    const now = ctx.clock.now();
    for (const s of DEMO_STAFF) {
      if (await repo.findAccountByEmail(db, s.email)) continue;
      const password = demoPassword(ctx);
      const passwordHash = await hashPassword(password);
      await withTransaction(db, async (tx) => {
        const id = newId('stf');
        await repo.insertAccount(tx, {
          id,
          email: s.email,
          displayName: s.displayName,
          passwordHash,
          status: 'active',
          dealerId: s.dealerId,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await repo.replaceRoles(tx, id, [s.role]);
      });
      report?.(loginOf(s, password));
    }
  },
};
