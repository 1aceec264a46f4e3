import { readFileSync } from 'node:fs';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** Minimum staff password length (NIST SP 800-63B allows long passphrases rather than composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The demo accounts' password, published in the README: development seeds it; production refuses it
 * everywhere (as a new password, and at sign-in even where an old hash still matches it).
 */
export const PUBLISHED_DEMO_PASSWORD = 'Autoyard-demo-2026';

/** Whether a password is the published demo one (case-insensitive: a capitalised copy is as public). */
export function isPublishedDemoPassword(password: string): boolean {
  return password.trim().toLowerCase() === PUBLISHED_DEMO_PASSWORD.toLowerCase();
}

// argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane). `Algorithm` is a const enum, which
// isolatedModules cannot inline, so its numeric value is used.
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list of common passwords, lower-cased. */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!commonPasswords) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    commonPasswords = new Set(
      text
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l.length > 0 && !l.startsWith('#')),
    );
  }
  return commonPasswords;
}

export type WeakPasswordReason =
  | 'too_short'
  | 'too_long'
  | 'too_common'
  | 'published'
  | 'contains_email'
  | 'repetitive';

const REASON_TEXT: Record<WeakPasswordReason, { zh: string; en: string }> = {
  too_short: {
    zh: `至少需要 ${PASSWORD_MIN_LENGTH} 个字符`,
    en: `use at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  too_long: {
    zh: `不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
    en: `use at most ${PASSWORD_MAX_LENGTH} characters`,
  },
  too_common: { zh: '这是常见密码，容易被猜到', en: 'it is a common password that is easy to guess' },
  published: { zh: '这是公开的演示密码', en: 'it is the published demo password' },
  contains_email: { zh: '不能包含邮箱用户名', en: 'it must not contain the name part of the email' },
  repetitive: { zh: '字符种类太少', en: 'it uses too few different characters' },
};

/** Why a password is refused (with zh/en text for the error), or null when it is acceptable. */
export function checkPasswordStrength(
  password: string,
  email: string,
): { reason: WeakPasswordReason; reasonZh: string; reasonEn: string } | null {
  const reason = weakReason(password, email);
  return reason ? { reason, reasonZh: REASON_TEXT[reason].zh, reasonEn: REASON_TEXT[reason].en } : null;
}

function weakReason(password: string, email: string): WeakPasswordReason | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (isPublishedDemoPassword(password)) return 'published';
  const lower = password.toLowerCase();
  const common = loadCommonPasswords();
  // "Password2026!" is as guessable as "password": strip the digits and symbols people add around a word.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (common.has(lower) || (core.length > 0 && common.has(core))) return 'too_common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  const localParts = [local, ...local.split(/[._+-]/)].filter((p) => p.length >= 4);
  if (localParts.some((p) => lower.includes(p))) return 'contains_email';
  if (new Set(lower).size < 5) return 'repetitive';
  return null;
}

/** argon2id hash (PHC string) of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Checks a password against its argon2 hash; false (never throws) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same argon2 time as a real check, for unknown emails, so response timing does not reveal
 * whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('autoyard-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
