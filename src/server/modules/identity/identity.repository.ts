import { and, asc, eq, exists, gt, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { sessions } from '../../kernel/auth/sessions.schema.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import {
  knownPermissions,
  type LegalConsentRow,
  legalConsents,
  roleGrants,
  type SignInChallengeRow,
  type StaffAccountRow,
  signInChallenges,
  staffAccounts,
  staffRoles,
  totpRecoveryCodes,
} from './identity.schema.js';

/**
 * The session behind a token hash with, for staff, the account, its roles and their grants: one query
 * (one row per role x permission) so role edits take effect on the very next request.
 */
function buildPrincipalQuery(db: DbHandle) {
  return db
    .select({
      sessionId: sessions.id,
      subjectKind: sessions.subjectKind,
      subjectId: sessions.subjectId,
      lastSeenAt: sessions.lastSeenAt,
      idleExpiresAt: sessions.idleExpiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      revokedAt: sessions.revokedAt,
      totpVerifiedAt: sessions.totpVerifiedAt,
      accountId: staffAccounts.id,
      email: staffAccounts.email,
      displayName: staffAccounts.displayName,
      status: staffAccounts.status,
      dealerId: staffAccounts.dealerId,
      totpEnabledAt: staffAccounts.totpEnabledAt,
      role: staffRoles.role,
      permission: roleGrants.permission,
    })
    .from(sessions)
    .leftJoin(staffAccounts, and(eq(sessions.subjectKind, 'staff'), eq(staffAccounts.id, sessions.subjectId)))
    .leftJoin(staffRoles, eq(staffRoles.accountId, staffAccounts.id))
    .leftJoin(roleGrants, eq(roleGrants.role, staffRoles.role))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('identity_session_principal');
}

// Every authenticated request runs this query: keep it a named prepared statement per database handle.
const principalQueries = new WeakMap<DbHandle, ReturnType<typeof buildPrincipalQuery>>();

export async function findSessionPrincipalRows(db: DbHandle, tokenHash: string) {
  let query = principalQueries.get(db);
  if (!query) {
    query = buildPrincipalQuery(db);
    principalQueries.set(db, query);
  }
  return query.execute({ tokenHash });
}

export async function findAccountByEmail(db: DbHandle, email: string): Promise<StaffAccountRow | null> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.email, email)).limit(1);
  return row ?? null;
}

export async function findAccountById(db: DbHandle, id: string): Promise<StaffAccountRow | null> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, id)).limit(1);
  return row ?? null;
}

/** Locks the account row for a read-modify-write in the caller's transaction. */
export async function lockAccountById(db: Tx, id: string): Promise<StaffAccountRow | null> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, id)).for('update');
  return row ?? null;
}

export async function insertAccount(
  db: DbHandle,
  row: typeof staffAccounts.$inferInsert,
): Promise<StaffAccountRow> {
  const [inserted] = await db.insert(staffAccounts).values(row).onConflictDoNothing().returning();
  if (!inserted) throw new EmailTakenError();
  return inserted;
}

/** Thrown by insertAccount when the (lower-cased) email already exists. */
export class EmailTakenError extends Error {}

export async function updateAccount(
  db: DbHandle,
  id: string,
  patch: Partial<typeof staffAccounts.$inferInsert>,
): Promise<StaffAccountRow | null> {
  const [row] = await db.update(staffAccounts).set(patch).where(eq(staffAccounts.id, id)).returning();
  return row ?? null;
}

/**
 * Counts one failed sign-in atomically and locks the account when the count reaches `lockAfter`
 * (the counter restarts so the next window gets `lockAfter` tries again).
 */
export async function recordFailedSignIn(
  db: DbHandle,
  id: string,
  now: Date,
  lockAfter: number,
  lockUntil: Date,
): Promise<{ failedSignIns: number; lockedUntil: Date | null } | null> {
  const [row] = await db
    .update(staffAccounts)
    .set({
      failedSignIns: sql`case when ${staffAccounts.failedSignIns} + 1 >= ${lockAfter} then 0 else ${staffAccounts.failedSignIns} + 1 end`,
      lockedUntil: sql`case when ${staffAccounts.failedSignIns} + 1 >= ${lockAfter} then ${lockUntil.toISOString()}::timestamptz else ${staffAccounts.lockedUntil} end`,
      updatedAt: now,
    })
    .where(eq(staffAccounts.id, id))
    .returning({ failedSignIns: staffAccounts.failedSignIns, lockedUntil: staffAccounts.lockedUntil });
  return row ?? null;
}

export async function rolesOf(db: DbHandle, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ role: staffRoles.role })
    .from(staffRoles)
    .where(eq(staffRoles.accountId, accountId))
    .orderBy(asc(staffRoles.role));
  return rows.map((r) => r.role);
}

export async function rolesOfMany(db: DbHandle, accountIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .select()
    .from(staffRoles)
    .where(inArray(staffRoles.accountId, accountIds))
    .orderBy(asc(staffRoles.role));
  for (const r of rows) out.set(r.accountId, [...(out.get(r.accountId) ?? []), r.role]);
  return out;
}

export async function permissionsOfRoles(db: DbHandle, roles: string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectDistinct({ permission: roleGrants.permission })
    .from(roleGrants)
    .where(inArray(roleGrants.role, roles))
    .orderBy(asc(roleGrants.permission));
  return rows.map((r) => r.permission);
}

export async function replaceRoles(db: DbHandle, accountId: string, roles: readonly string[]): Promise<void> {
  await db.delete(staffRoles).where(eq(staffRoles.accountId, accountId));
  if (roles.length > 0) await db.insert(staffRoles).values(roles.map((role) => ({ accountId, role })));
}

export interface AccountFilter {
  q?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  dealerId?: string | undefined;
  /** Platform staff only (dealer_id is null). */
  platformOnly?: boolean;
  afterId?: string | undefined;
}

/** A page of accounts ordered by id (ids are time-sortable), `limit + 1` rows to detect more. */
export async function listAccounts(
  db: DbHandle,
  filter: AccountFilter,
  limit: number,
): Promise<StaffAccountRow[]> {
  const where: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cond = or(ilike(staffAccounts.email, like), ilike(staffAccounts.displayName, like));
    if (cond) where.push(cond);
  }
  if (filter.status) where.push(eq(staffAccounts.status, filter.status));
  if (filter.dealerId) where.push(eq(staffAccounts.dealerId, filter.dealerId));
  if (filter.platformOnly) where.push(isNull(staffAccounts.dealerId));
  if (filter.afterId) where.push(gt(staffAccounts.id, filter.afterId));
  if (filter.role) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(staffRoles)
          .where(and(eq(staffRoles.accountId, staffAccounts.id), eq(staffRoles.role, filter.role))),
      ),
    );
  }
  return db
    .select()
    .from(staffAccounts)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(staffAccounts.id))
    .limit(limit + 1);
}

/** Accepts a TOTP time step only if it is newer than the last accepted one (atomic: no reuse, no race). */
export async function claimTotpStep(db: DbHandle, accountId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(staffAccounts)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(staffAccounts.id, accountId),
        or(isNull(staffAccounts.totpLastStep), lt(staffAccounts.totpLastStep, step)),
      ),
    )
    .returning({ id: staffAccounts.id });
  return rows.length > 0;
}

export async function insertChallenge(
  db: DbHandle,
  row: typeof signInChallenges.$inferInsert,
): Promise<void> {
  await db.insert(signInChallenges).values(row);
}

export async function findChallenge(db: DbHandle, id: string): Promise<SignInChallengeRow | null> {
  const [row] = await db.select().from(signInChallenges).where(eq(signInChallenges.id, id)).limit(1);
  return row ?? null;
}

export async function findLatestOpenChallenge(
  db: DbHandle,
  accountId: string,
  purpose: SignInChallengeRow['purpose'],
  now: Date,
): Promise<SignInChallengeRow | null> {
  const [row] = await db
    .select()
    .from(signInChallenges)
    .where(
      and(
        eq(signInChallenges.accountId, accountId),
        eq(signInChallenges.purpose, purpose),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, now),
      ),
    )
    .orderBy(sql`${signInChallenges.createdAt} desc, ${signInChallenges.id} desc`)
    .limit(1);
  return row ?? null;
}

/** Counts one attempt on an open challenge; returns the new count, or null if it is no longer open. */
export async function countChallengeAttempt(db: DbHandle, id: string, now: Date): Promise<number | null> {
  const [row] = await db
    .update(signInChallenges)
    .set({ attempts: sql`${signInChallenges.attempts} + 1` })
    .where(
      and(
        eq(signInChallenges.id, id),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, now),
      ),
    )
    .returning({ attempts: signInChallenges.attempts });
  return row ? row.attempts : null;
}

/** Marks a challenge used; false if someone else already used it. */
export async function consumeChallenge(db: DbHandle, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(signInChallenges)
    .set({ consumedAt: now })
    .where(and(eq(signInChallenges.id, id), isNull(signInChallenges.consumedAt)))
    .returning({ id: signInChallenges.id });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(
  db: DbHandle,
  accountId: string,
  codes: { id: string; codeHash: string }[],
): Promise<void> {
  await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, accountId));
  if (codes.length > 0) await db.insert(totpRecoveryCodes).values(codes.map((c) => ({ ...c, accountId })));
}

/** Uses one recovery code atomically; false when it is unknown or already used. */
export async function redeemRecoveryCode(
  db: DbHandle,
  accountId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(totpRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(totpRecoveryCodes.accountId, accountId),
        eq(totpRecoveryCodes.codeHash, codeHash),
        isNull(totpRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: totpRecoveryCodes.id });
  return rows.length > 0;
}

export async function listGrants(db: DbHandle): Promise<{ role: string; permission: string }[]> {
  return db.select().from(roleGrants).orderBy(asc(roleGrants.role), asc(roleGrants.permission));
}

export async function grantsOfRole(db: DbHandle, role: string): Promise<string[]> {
  const rows = await db
    .select({ permission: roleGrants.permission })
    .from(roleGrants)
    .where(eq(roleGrants.role, role))
    .orderBy(asc(roleGrants.permission));
  return rows.map((r) => r.permission);
}

export async function replaceGrants(
  db: DbHandle,
  role: string,
  permissions: readonly string[],
): Promise<void> {
  await db.delete(roleGrants).where(eq(roleGrants.role, role));
  if (permissions.length > 0)
    await db.insert(roleGrants).values(permissions.map((permission) => ({ role, permission })));
}

/** Adds grants that do not exist yet (seed; never removes an admin's edits). */
export async function addGrants(db: DbHandle, grants: { role: string; permission: string }[]): Promise<void> {
  if (grants.length > 0) await db.insert(roleGrants).values(grants).onConflictDoNothing();
}

export async function listKnownPermissions(db: DbHandle): Promise<string[]> {
  const rows = await db.select({ permission: knownPermissions.permission }).from(knownPermissions);
  return rows.map((r) => r.permission);
}

export async function addKnownPermissions(db: DbHandle, permissions: readonly string[]): Promise<void> {
  if (permissions.length > 0)
    await db
      .insert(knownPermissions)
      .values(permissions.map((permission) => ({ permission })))
      .onConflictDoNothing();
}

// ---- legal consent

/** Records (or replaces with a newer one) an account's consent; the first acceptance time is kept. */
export async function upsertLegalConsent(
  db: DbHandle,
  row: Omit<LegalConsentRow, 'firstAcceptedAt'>,
): Promise<void> {
  await db
    .insert(legalConsents)
    .values({ ...row, firstAcceptedAt: row.acceptedAt })
    .onConflictDoUpdate({
      target: [legalConsents.subjectKind, legalConsents.subjectId],
      set: {
        termsVersion: row.termsVersion,
        privacyVersion: row.privacyVersion,
        acceptedAt: row.acceptedAt,
        ip: row.ip,
      },
    });
}

export async function findLegalConsent(
  db: DbHandle,
  subjectKind: LegalConsentRow['subjectKind'],
  subjectId: string,
): Promise<LegalConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(legalConsents)
    .where(and(eq(legalConsents.subjectKind, subjectKind), eq(legalConsents.subjectId, subjectId)));
  return row;
}
