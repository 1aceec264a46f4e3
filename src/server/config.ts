import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  DATA_ENCRYPTION_KEY: z.string().min(32).optional(),
  SMS_PROVIDER: z.enum(['dev-inbox', 'aliyun']).optional(),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
});

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL connection string; absent means embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  /** Keyed hashing of session tokens, OTP codes and CSRF tokens. */
  readonly sessionSecret: string;
  /** AES-256-GCM key for personal data encrypted at rest. */
  readonly dataEncryptionKey: string;
  readonly sms: {
    readonly provider: 'dev-inbox' | 'aliyun';
    readonly aliyun?: {
      readonly accessKeyId: string;
      readonly accessKeySecret: string;
      readonly signName: string;
      readonly templateCode: string;
      /** Regional endpoint; defaults to https://dysmsapi.aliyuncs.com/. */
      readonly endpoint?: string;
    };
  };
  readonly logLevel: string;
  readonly seedDemo: boolean;
  /** Global per-IP request limit; sign-in routes have their own, stricter limits. */
  readonly rateLimitPerMinute: number;
}

export class ConfigError extends Error {}

/** Development secrets live in DATA_DIR so restarts keep sessions valid; production must be given them. */
function devSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets.json');
  let secrets: Record<string, string> = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const existing = secrets[name];
  if (existing) return existing;
  const value = randomBytes(32).toString('hex');
  secrets[name] = value;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return value;
}

/** Reads the environment once, validates it and returns a frozen Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${fields}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const missing = ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'DATABASE_URL', 'PUBLIC_URL'].filter(
      (k) => !e[k as keyof typeof e],
    );
    if (missing.length > 0) throw new ConfigError(`Production mode requires: ${missing.join(', ')}`);
  }
  const smsProvider = e.SMS_PROVIDER ?? (production ? 'aliyun' : 'dev-inbox');
  if (production && smsProvider === 'dev-inbox') {
    throw new ConfigError('The dev-inbox SMS provider is not allowed in production');
  }
  let aliyun: Config['sms']['aliyun'];
  if (smsProvider === 'aliyun') {
    if (
      !e.ALIYUN_SMS_ACCESS_KEY_ID ||
      !e.ALIYUN_SMS_ACCESS_KEY_SECRET ||
      !e.ALIYUN_SMS_SIGN_NAME ||
      !e.ALIYUN_SMS_TEMPLATE_CODE
    ) {
      throw new ConfigError(
        'SMS_PROVIDER=aliyun requires ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE',
      );
    }
    aliyun = {
      accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID,
      accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET,
      signName: e.ALIYUN_SMS_SIGN_NAME,
      templateCode: e.ALIYUN_SMS_TEMPLATE_CODE,
      ...(e.ALIYUN_SMS_ENDPOINT ? { endpoint: e.ALIYUN_SMS_ENDPOINT } : {}),
    };
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
    sessionSecret: e.SESSION_SECRET ?? devSecret(dataDir, 'sessionSecret'),
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY ?? devSecret(dataDir, 'dataEncryptionKey'),
    sms: { provider: smsProvider, ...(aliyun ? { aliyun } : {}) },
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemo: e.SEED_DEMO === 'auto',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.NODE_ENV === 'test' ? 10_000 : 600),
  };
  return Object.freeze(config);
}

/** A config for tests: no files written, fixed secrets. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    dataDir: path.resolve('./data/test'),
    databaseUrl: undefined,
    publicUrl: 'http://127.0.0.1:3000',
    sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
    dataEncryptionKey: 'test-data-key-0123456789abcdef0123456789abcdef',
    sms: { provider: 'dev-inbox' },
    logLevel: 'silent',
    seedDemo: false,
    rateLimitPerMinute: 10_000,
    ...overrides,
  } satisfies Config);
}
