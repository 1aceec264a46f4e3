import { hashPassword } from '../../kernel/auth/passwords.js';
import type { Role } from '../../kernel/auth/roles.js';
import { CSRF_COOKIE, CSRF_HEADER, createSession, SESSION_COOKIE } from '../../kernel/auth/sessions.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import * as repo from './identity.repository.js';
import { ensureDefaultRoleGrants } from './identity.roles.js';

export const TEST_STAFF_PASSWORD = 'Chengdu-Panda-Garage-42';

let cachedHash: Promise<string> | undefined;

export interface TestStaff {
  accountId: string;
  email: string;
  sessionId: string;
  token: string;
  csrfToken: string;
  /** Headers for an API client: `Authorization: Bearer` (no CSRF needed). */
  bearer: { authorization: string };
  /** Headers for a browser-like mutation: session + CSRF cookies and the CSRF header. */
  browser: { cookie: string; [CSRF_HEADER]: string };
}

let counter = 0;

/**
 * For tests of any module: a staff account with the given roles (default grants ensured) and a live
 * session, without going through sign-in and TOTP. Password is TEST_STAFF_PASSWORD.
 */
export async function createTestStaff(
  ctx: Pick<AppContext, 'config' | 'clock' | 'database'>,
  options: { roles: readonly Role[]; dealerId?: string | null; email?: string; displayName?: string },
): Promise<TestStaff> {
  const db = ctx.database.db;
  await ensureDefaultRoleGrants(db);
  cachedHash ??= hashPassword(TEST_STAFF_PASSWORD);
  const now = ctx.clock.now();
  const accountId = newId('stf');
  const email = options.email ?? `staff${++counter}.${accountId.slice(-6)}@autoyard.cn`;
  await repo.insertAccount(db, {
    id: accountId,
    email,
    displayName: options.displayName ?? '测试员工',
    passwordHash: await cachedHash,
    status: 'active',
    dealerId: options.dealerId ?? null,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await repo.replaceRoles(db, accountId, options.roles);
  // Stands for a complete sign-in, so the session counts as having passed TOTP (admin and finance need it).
  const s = await createSession(db, ctx, {
    subjectKind: 'staff',
    subjectId: accountId,
    ip: '127.0.0.1',
    totpVerifiedAt: now,
  });
  return {
    accountId,
    email,
    sessionId: s.sessionId,
    token: s.token,
    csrfToken: s.csrfToken,
    bearer: { authorization: `Bearer ${s.token}` },
    browser: {
      cookie: `${SESSION_COOKIE}=${s.token}; ${CSRF_COOKIE}=${s.csrfToken}`,
      [CSRF_HEADER]: s.csrfToken,
    },
  };
}
