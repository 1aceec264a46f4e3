import { hashPassword } from '../../kernel/auth/passwords.js';
import type { Role } from '../../kernel/auth/permissions.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { newId } from '../../kernel/ids.js';
import { demoLogins, seedSteps } from '../../seed/index.js';
import * as repo from './identity.repository.js';
import { ensureDefaultRoleGrants } from './identity.service.js';

export const DEMO_STAFF_PASSWORD = 'Autoyard-demo-2026';

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
for (const s of DEMO_STAFF) {
  demoLogins.push({
    area: s.dealerId ? 'dealer' : 'console',
    role: s.role,
    login: s.email,
    secret: DEMO_STAFF_PASSWORD + (s.role === 'admin' || s.role === 'finance' ? TOTP_NOTE : ''),
  });
}

seedSteps.push({
  name: 'identity',
  async run(ctx) {
    const db = ctx.database.db;
    await ensureDefaultRoleGrants(db);
    const now = ctx.clock.now();
    for (const s of DEMO_STAFF) {
      if (await repo.findAccountByEmail(db, s.email)) continue;
      const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
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
    }
  },
});
