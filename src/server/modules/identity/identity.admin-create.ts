import { z } from 'zod';
import { checkPasswordStrength, hashPassword } from '../../kernel/auth/passwords.js';
import { newTotpSecret, totpUri } from '../../kernel/auth/totp.js';
import type { AppContext } from '../../kernel/context.js';
import { encryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, systemMutation } from '../../kernel/mutation.js';
import { type TStaff, ZEmail, ZNewPassword } from './identity.contract.js';
import { IdentityErrors as E } from './identity.errors.js';
import * as repo from './identity.repository.js';
import { ensureDefaultRoleGrants } from './identity.roles.js';
import { toStaffDto } from './identity.staff.js';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './identity.totp.js';

/** Who the audit row names as the source of an account made by the operator command. */
export const ADMIN_CLI_REQUEST_ID = 'cli:admin-create';

const ZAdminCreateInput = z.object({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(60).default('平台管理员'),
  password: ZNewPassword,
});
export type TAdminCreateInput = z.input<typeof ZAdminCreateInput>;

/** What the operator is shown once: the account, its authenticator URI and recovery codes. */
export interface CreatedAdmin {
  staff: TStaff;
  /** otpauth:// URI to scan into an authenticator app. */
  otpauthUri: string;
  recoveryCodes: string[];
}

/**
 * Validates the email and name and applies the password policy (the published demo password included),
 * without the database: the command checks this before it opens one, and createAdminAccount again.
 */
export function checkAdminInput(input: TAdminCreateInput): z.output<typeof ZAdminCreateInput> {
  const parsed = ZAdminCreateInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const weak = checkPasswordStrength(parsed.data.password, parsed.data.email);
  if (weak) throw new AppError(E.PASSWORD_TOO_WEAK, weak);
  return parsed.data;
}

/**
 * Creates a platform admin for `npm run admin:create`: how a production database gets its first
 * administrator (production never seeds staff). Same password policy as the console, and the published demo
 * password is refused. TOTP is enrolled here, from a fresh secret returned once as an otpauth:// URI, rather
 * than at first sign-in: whoever learns only the password can neither sign in nor enrol an authenticator of
 * their own. Audited as the system, marked as coming from the command line.
 */
export async function createAdminAccount(
  db: DbHandle,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: TAdminCreateInput,
): Promise<CreatedAdmin> {
  const { email, displayName, password } = checkAdminInput(input);
  // The command may run before the server ever started on this database: the admin role needs its grants.
  await ensureDefaultRoleGrants(db);
  const passwordHash = await hashPassword(password);
  const secret = newTotpSecret();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  const now = ctx.clock.now();
  return withTransaction(db, async (tx) => {
    let row: Awaited<ReturnType<typeof repo.insertAccount>>;
    try {
      row = await repo.insertAccount(tx, {
        id: newId('stf'),
        email,
        displayName,
        passwordHash,
        status: 'active',
        dealerId: null,
        totpSecretEnc: encryptPersonal(ctx.config, secret),
        totpEnabledAt: now,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    } catch (e) {
      if (e instanceof repo.EmailTakenError) throw new AppError(E.EMAIL_TAKEN);
      throw e;
    }
    await repo.replaceRoles(tx, row.id, ['admin']);
    await repo.replaceRecoveryCodes(
      tx,
      row.id,
      recoveryCodes.map((c) => ({ id: newId('rcv'), codeHash: hashRecoveryCode(ctx, c) })),
    );
    const staff = toStaffDto(row, ['admin'], now);
    await audit(
      tx,
      { ...systemMutation(now), requestId: ADMIN_CLI_REQUEST_ID },
      {
        action: 'staff.create',
        entityType: 'staff_account',
        entityId: row.id,
        before: null,
        after: { ...staff, via: 'cli' },
      },
    );
    return { staff, otpauthUri: totpUri(secret, row.email), recoveryCodes };
  });
}
