import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { PUBLISHED_DEMO_PASSWORD } from '../../kernel/auth/passwords.js';
import { totpCodeAt } from '../../kernel/auth/totp.js';
import { openDatabase } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { ADMIN_CLI_REQUEST_ID, createAdminAccount } from './identity.admin-create.js';
import { staffAccounts, staffRoles, totpRecoveryCodes } from './identity.schema.js';

const API = '/api/v1/identity';
const PASSWORD = 'Harbour-Lantern-Quartz-58';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function accountByEmail(email: string) {
  const [row] = await t.database.db.select().from(staffAccounts).where(eq(staffAccounts.email, email));
  return row;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('createAdminAccount (npm run admin:create)', () => {
  it('creates an active admin with TOTP enrolled, recovery codes and a system audit row', async () => {
    const created = await createAdminAccount(t.database.db, t.ctx, {
      email: 'Ops@Example.cn',
      displayName: '运维值班',
      password: PASSWORD,
    });
    expect(created.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(created.recoveryCodes).toHaveLength(10);
    const row = await accountByEmail('ops@example.cn');
    expect(row).toMatchObject({ status: 'active', displayName: '运维值班', dealerId: null });
    expect(row?.totpEnabledAt).not.toBeNull();
    expect(row?.totpSecretEnc).not.toBeNull();
    const roles = await t.database.db
      .select()
      .from(staffRoles)
      .where(eq(staffRoles.accountId, row?.id ?? ''));
    expect(roles.map((r) => r.role)).toEqual(['admin']);
    const codes = await t.database.db
      .select()
      .from(totpRecoveryCodes)
      .where(eq(totpRecoveryCodes.accountId, row?.id ?? ''));
    expect(codes).toHaveLength(10);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row?.id ?? ''), eq(auditLog.action, 'staff.create')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'system', requestId: ADMIN_CLI_REQUEST_ID });
    expect(JSON.stringify(audit[0]?.after)).not.toContain(PASSWORD);
  });

  it('signs in only with the password plus a code from the printed URI', async () => {
    const created = await createAdminAccount(t.database.db, t.ctx, {
      email: 'night.ops@example.cn',
      password: PASSWORD,
    });
    const secret = new URL(created.otpauthUri).searchParams.get('secret') ?? '';
    const step1 = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/sign-in`,
      payload: { email: 'night.ops@example.cn', password: PASSWORD },
    });
    // Not an enrolment: whoever holds only the password cannot attach an authenticator of their own.
    expect(step1.json()).toMatchObject({ status: 'totp_required' });
    const step2 = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/totp/verify`,
      payload: { challengeId: step1.json().challengeId, code: totpCodeAt(secret, t.clock.now()) },
    });
    expect(step2.json()).toMatchObject({ status: 'signed_in', me: { roles: ['admin'], totpEnabled: true } });
  });

  it('refuses the published demo password, a weak password and a taken email, storing nothing', async () => {
    const demo = await rejection(
      createAdminAccount(t.database.db, t.ctx, {
        email: 'demo@example.cn',
        password: PUBLISHED_DEMO_PASSWORD,
      }),
    );
    expect(demo).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { reason: 'published' } });
    const short = await rejection(
      createAdminAccount(t.database.db, t.ctx, { email: 'demo@example.cn', password: 'short-1' }),
    );
    expect(short).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { reason: 'too_short' } });
    expect(await accountByEmail('demo@example.cn')).toBeUndefined();
    const taken = await rejection(
      createAdminAccount(t.database.db, t.ctx, {
        email: 'OPS@example.cn',
        password: 'Another-Long-Phrase-77',
      }),
    );
    expect(taken.code).toBe('EMAIL_TAKEN');
    const badEmail = await rejection(
      createAdminAccount(t.database.db, t.ctx, { email: 'not-an-email', password: PASSWORD }),
    );
    expect(badEmail.code).toBe('VALIDATION_FAILED');
  });
});

/** Runs the real command (a child process) with `stdin` piped in. */
function runAdminCreate(
  args: string[],
  stdin: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/admin-create.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../../../..'),
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('scripts/admin-create.ts', () => {
  // Always a fresh PGlite data dir, on either test backend: the script's own database wiring is under test.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-admin-create-'));
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const env = { ...base, NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the admin from a piped password, prints the otpauth URI and exits 0', async () => {
    const run = await runAdminCreate(
      ['--email', 'first.admin@example.cn', '--name', '首位管理员'],
      `${PASSWORD}\n`,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/otpauth:\/\/totp\/\S+secret=[A-Z2-7]+/);
    const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const [row] = await database.db
        .select()
        .from(staffAccounts)
        .where(eq(staffAccounts.email, 'first.admin@example.cn'));
      expect(row).toMatchObject({ displayName: '首位管理员', status: 'active' });
      expect(row?.totpEnabledAt).not.toBeNull();
    } finally {
      await database.close();
    }
  }, 120_000);

  it('exits non-zero for the published demo password', async () => {
    const run = await runAdminCreate(
      ['--email', 'second.admin@example.cn'],
      `${PUBLISHED_DEMO_PASSWORD}\n`,
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('published demo password');
    expect(run.stdout).not.toContain('otpauth://');
  }, 120_000);
});
