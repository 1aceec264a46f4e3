import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Platform and dealer staff who sign in to the console or the dealer portal. */
export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: text('id').primaryKey(),
    /** Always stored lower-cased. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    /** Set for dealer staff (dealer_admin, dealer_staff); refers to dealers.id. */
    dealerId: text('dealer_id'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_accounts_dealer_idx').on(t.dealerId)],
);
export type StaffAccountRow = typeof staffAccounts.$inferSelect;

export const staffRoles = pgTable(
  'staff_roles',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] }), index('staff_roles_role_idx').on(t.role)],
);

/** Which permissions each role holds; seeded from DEFAULT_ROLE_GRANTS, edited by admins. */
export const roleGrants = pgTable(
  'role_grants',
  {
    role: text('role').notNull(),
    permission: text('permission').notNull(),
  },
  (t) => [primaryKey({ columns: [t.role, t.permission] })],
);

/**
 * Permissions whose default grants have been applied. A permission that appears in the code catalogue later
 * (a new module) gets its defaults once; grants an admin removed are never put back.
 */
export const knownPermissions = pgTable('known_permissions', {
  permission: text('permission').primaryKey(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('totp_recovery_codes_account_idx').on(t.accountId)],
);

/** A sign-in waiting for its TOTP step (verify) or a TOTP enrolment waiting for its first code (enrol). */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'verify' | 'enrol' | 'enrol_self'>().notNull(),
    secretEnc: text('secret_enc'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_challenges_account_idx').on(t.accountId)],
);
export type SignInChallengeRow = typeof signInChallenges.$inferSelect;

/**
 * What an account last accepted of the user agreement (用户协议) and the privacy policy (隐私政策), as PIPL
 * asks a platform to be able to show: one row per account (buyer or staff), replaced when a newer version is
 * accepted. `first_accepted_at` keeps when the account first agreed (at registration for buyers).
 */
export const legalConsents = pgTable(
  'legal_consents',
  {
    subjectKind: text('subject_kind').$type<'buyer' | 'staff'>().notNull(),
    subjectId: text('subject_id').notNull(),
    termsVersion: text('terms_version').notNull(),
    privacyVersion: text('privacy_version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    firstAcceptedAt: timestamp('first_accepted_at', { withTimezone: true }).notNull(),
    /** The address the latest acceptance came from (evidence of consent). */
    ip: text('ip'),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId] })],
);
export type LegalConsentRow = typeof legalConsents.$inferSelect;
