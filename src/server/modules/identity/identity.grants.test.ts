import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { installModules } from '../../kernel/module.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { platformModules } from '../index.js';
import * as repo from './identity.repository.js';
import { ensureDefaultRoleGrants } from './identity.roles.js';
import { knownPermissions, roleGrants } from './identity.schema.js';

let database: Database;
beforeAll(async () => {
  // The default grants are the installed modules' (the app installs them at start).
  installModules(platformModules);
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('default role grants', () => {
  it('grants every default on a fresh database', async () => {
    await ensureDefaultRoleGrants(database.db);
    expect(await repo.grantsOfRole(database.db, 'admin')).toContain('staff.manage');
    const dealerStaff = await repo.grantsOfRole(database.db, 'dealer_staff');
    expect(dealerStaff).toContain('dealer.portal');
    expect(dealerStaff).not.toContain('staff.manage');
  });

  it('does not put back a grant an admin removed', async () => {
    const before = await repo.grantsOfRole(database.db, 'operator');
    await repo.replaceGrants(
      database.db,
      'operator',
      before.filter((p) => p !== 'audit.read'),
    );
    await ensureDefaultRoleGrants(database.db);
    expect(await repo.grantsOfRole(database.db, 'operator')).not.toContain('audit.read');
  });

  it('applies the defaults of a permission the database has not seen yet (added by newer code)', async () => {
    const db = database.db;
    await db.delete(roleGrants).where(eq(roleGrants.permission, 'jobs.manage'));
    await db.delete(knownPermissions).where(eq(knownPermissions.permission, 'jobs.manage'));
    await ensureDefaultRoleGrants(db);
    const rows = await db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.permission, 'jobs.manage'), eq(roleGrants.role, 'admin')));
    expect(rows).toHaveLength(1);
  });
});
