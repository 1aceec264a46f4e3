import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LENDER_CODES } from './modules/finance/finance.enums.js';

/** `VAR=` (an empty line in an EnvironmentFile) means unset, not an invalid value. */
const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);

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
  SEED_DEMO: z.preprocess(emptyAsUnset, z.enum(['auto', 'never', '1', '0', 'true', 'false']).default('auto')),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  TRUSTED_PROXIES: z.string().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Seconds a job runner keeps a claimed job before another may take it back (a crashed worker's jobs). */
  JOB_LEASE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(86_400).optional()),
  /** Fault injection for crash tests: `payments.notification.before_commit,…` (refused in production). */
  FAILPOINTS: z.preprocess(emptyAsUnset, z.string().optional()),
  API_DOCS: z.preprocess(emptyAsUnset, z.enum(['1', '0', 'true', 'false']).optional()),
  SITE_COMPANY_NAME: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(100).optional()),
  SITE_COMPANY_NAME_EN: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(100).optional()),
  SITE_ICP_FILING: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(60).optional()),
  SITE_PSB_FILING: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(60).optional()),
  SITE_CONTACT_PHONE: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(40).optional()),
  SITE_CONTACT_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
  SITE_ADDRESS: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(200).optional()),
  LENDER_SANDBOX: z.preprocess(emptyAsUnset, z.enum(['1', '0', 'true', 'false']).optional()),
  /** `cmb=secret1,pingan_bank=secret2`: the HMAC secret each lender signs its callbacks with. */
  LENDER_CALLBACK_SECRETS: z.preprocess(emptyAsUnset, z.string().optional()),
  LENDER_CALLBACK_BASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
  INSURANCE_SANDBOX: z.preprocess(emptyAsUnset, z.enum(['1', '0', 'true', 'false']).optional()),
  CARRIER_SANDBOX: z.preprocess(emptyAsUnset, z.enum(['1', '0', 'true', 'false']).optional()),
  /** Days checkout risk signals (phone hash, device id, IP) are kept; longer than the 30-day longest rule window. */
  RISK_SIGNAL_RETENTION_DAYS: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(31).max(3650).default(90),
  ),
  /** Days raw analytics events and sessions are kept (the analytics.retention job drops older ones). */
  ANALYTICS_RETENTION_DAYS: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(30).max(3650).default(730),
  ),
  /** Tracking batches one IP may send per minute to POST /api/v1/analytics/collect. */
  ANALYTICS_COLLECT_PER_MINUTE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).default(240)),
  PAYMENT_SANDBOX: z.preprocess(emptyAsUnset, z.enum(['on', 'off', '1', '0', 'true', 'false']).optional()),
  REFUND_APPROVAL_THRESHOLD_FEN: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).optional()),
  PAYMENT_NOTIFY_BASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
  PAYMENT_QUERY_AFTER_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(5).optional()),
  PAYMENT_INTENT_TTL_MINUTES: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(1).max(10_080).optional(),
  ),
  PAYMENT_SANDBOX_DELAY_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().min(0).optional()),
  PAYMENT_SANDBOX_DUPLICATE_RATE: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(1).optional()),
  PAYMENT_SANDBOX_OUT_OF_ORDER_RATE: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(1).optional()),
  PAYMENT_SANDBOX_LOSS_RATE: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(1).optional()),
  ALIPAY_APP_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  ALIPAY_PRIVATE_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  ALIPAY_PUBLIC_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  ALIPAY_GATEWAY: z.preprocess(emptyAsUnset, z.string().url().optional()),
  WECHATPAY_MCH_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  WECHATPAY_APP_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  WECHATPAY_SERIAL_NO: z.preprocess(emptyAsUnset, z.string().optional()),
  WECHATPAY_PRIVATE_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  WECHATPAY_APIV3_KEY: z.preprocess(emptyAsUnset, z.string().length(32).optional()),
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  WECHATPAY_PLATFORM_SERIAL: z.preprocess(emptyAsUnset, z.string().optional()),
  UNIONPAY_MER_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  UNIONPAY_CERT_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  UNIONPAY_PRIVATE_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  UNIONPAY_VERIFY_PUBLIC_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  UNIONPAY_GATEWAY: z.preprocess(emptyAsUnset, z.string().url().optional()),
  /** UnionPay's file-transfer host (daily statements). */
  UNIONPAY_FILE_GATEWAY: z.preprocess(emptyAsUnset, z.string().url().optional()),
  ORDER_PAYMENT_MINUTES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(5).max(1440).default(30)),
  ORDER_AUTO_ALLOCATE_MINUTES: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(1).max(10_080).default(120),
  ),
  ORDER_FREE_CANCEL_HOURS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(720).default(24)),
  /** Where uncached search counts come from: an in-process index (default) or aggregate SQL. */
  SEARCH_BACKEND: z.preprocess(emptyAsUnset, z.enum(['memory', 'sql']).default('memory')),
});

/**
 * What the storefront's footer and its about, contact and privacy pages show of the operating company: its
 * name, the ICP filing number (ICP备案号) and public-security filing number (公安备案号) every Chinese
 * website must display, and how to reach it. Null hides the item.
 */
export interface SiteInfoConfig {
  readonly companyName: string | null;
  readonly companyNameEn: string | null;
  readonly icpFiling: string | null;
  readonly psbFiling: string | null;
  readonly contactPhone: string | null;
  readonly contactEmail: string | null;
  readonly address: string | null;
}

/** Sample values outside production, so development and demos show a complete footer; never in production. */
export const SAMPLE_SITE_INFO: SiteInfoConfig = Object.freeze({
  companyName: '北京示例汽车科技有限公司',
  companyNameEn: 'Autoyard Sample Automotive Technology Co., Ltd.',
  icpFiling: '京ICP备00000000号-1',
  psbFiling: '京公网安备11010500000000号',
  contactPhone: '400-000-0000',
  contactEmail: 'service@autoyard.example',
  address: '北京市朝阳区示例路 1 号',
});

/** An IPv4/IPv6 address, optionally with a CIDR prefix length (what Fastify's `trustProxy` accepts). */
const ZProxyEntry = z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()]);

/** `TRUSTED_PROXIES=10.0.0.1, 10.1.0.0/16` -> validated list; empty means no proxy is trusted. */
function parseTrustedProxies(raw: string | undefined): string[] {
  if (!raw) return [];
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !ZProxyEntry.safeParse(e).success);
  if (bad.length > 0) throw new ConfigError(`TRUSTED_PROXIES: not an address or CIDR: ${bad.join(', ')}`);
  return entries;
}

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
  /** Load the demo data on an empty database: default in development, only with SEED_DEMO=1 in production. */
  readonly seedDemo: boolean;
  /** Global per-IP request limit; sign-in routes have their own, stricter limits. */
  readonly rateLimitPerMinute: number;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses or CIDRs). Empty: the socket address is the
   * client's, whatever headers say.
   */
  readonly trustedProxies: readonly string[];
  /** Shared store for rate limits across processes; absent means per-process memory. */
  readonly redisUrl: string | undefined;
  /** Serve the OpenAPI UI and JSON at /api/docs: on outside production, off in production unless API_DOCS=1. */
  readonly apiDocs: boolean;
  /** The operator's name, filing numbers and contact (SITE_* variables); samples only outside production. */
  readonly site: SiteInfoConfig;
  /** Sandbox insurers that fake the partners' quotes: on outside production, in production only with INSURANCE_SANDBOX=1. */
  readonly insuranceSandbox: boolean;
  /** The sandbox carrier that fakes vehicle transport and its tracking: on outside production, in production only with CARRIER_SANDBOX=1. */
  readonly carrierSandbox: boolean;
  /** Loan lenders (finance module): see lenderConfig. */
  readonly lenders: LenderConfig;
  /** Days the risk module keeps checkout signals (RISK_SIGNAL_RETENTION_DAYS, default 90). */
  readonly riskSignalRetentionDays: number;
  /** Days raw analytics events and sessions are kept (ANALYTICS_RETENTION_DAYS, default 730). */
  readonly analyticsRetentionDays: number;
  /** Tracking batches per IP and minute (ANALYTICS_COLLECT_PER_MINUTE, default 240). */
  readonly analyticsCollectPerMinute: number;
  /** Payment providers, sandbox gateways and refund approval (payments module): see paymentsConfig. */
  readonly payments: PaymentsConfig;
  /** Vehicle orders (orders module). */
  readonly orders: OrdersConfig;
  /** How long a job runner keeps a claimed job before a crashed worker's job is due again (JOB_LEASE_SECONDS). */
  readonly jobLeaseMs: number;
  /** Named crash points that kill the process (FAILPOINTS; tests of crash recovery only, never in production). */
  readonly failpoints: readonly string[];
  /** SEARCH_BACKEND: search counts from the in-process index ('memory', default) or aggregate SQL ('sql'). */
  readonly searchBackend?: 'memory' | 'sql';
}

/** Vehicle orders: how long a placed order holds its car unpaid, when staff's allocation turns automatic, the free-cancel window. */
export interface OrdersConfig {
  /** ORDER_PAYMENT_MINUTES: the deposit must be paid within this many minutes (the unit is held that long). */
  readonly paymentMinutes: number;
  /** ORDER_AUTO_ALLOCATE_MINUTES: paid orders staff have not allocated by then get their held unit. */
  readonly autoAllocateMinutes: number;
  /** ORDER_FREE_CANCEL_HOURS: a binding deposit is refunded in full if the buyer cancels this soon after paying, before allocation. */
  readonly freeCancelHours: number;
}

/** Keys of the real Alipay OpenAPI adapter (RSA2); PEM or bare base64 keys. */
export interface AlipayKeys {
  readonly appId: string;
  readonly privateKey: string;
  readonly alipayPublicKey: string;
  readonly gateway: string;
}
/** Keys of the real WeChat Pay API v3 adapter. */
export interface WechatPayKeys {
  readonly mchId: string;
  readonly appId: string;
  /** The serial number of the merchant API certificate (Authorization header). */
  readonly serialNo: string;
  readonly privateKey: string;
  /** 32 characters: decrypts notification resources (AEAD_AES_256_GCM). */
  readonly apiV3Key: string;
  /** The WeChat Pay platform public key notifications are verified with, and its serial. */
  readonly platformPublicKey: string;
  readonly platformSerial: string;
}
/** Keys of the real UnionPay ACP adapter (RSA-SHA256). */
export interface UnionpayKeys {
  readonly merId: string;
  readonly certId: string;
  readonly privateKey: string;
  readonly verifyPublicKey: string;
  readonly gateway: string;
  readonly fileGateway: string;
}

/** How the sandbox gateways deliver notifications (defaults; tests change them per app context). */
export interface PaymentSandboxKnobs {
  readonly delayMs: number;
  readonly duplicateRate: number;
  readonly outOfOrderRate: number;
  readonly lossRate: number;
}

/**
 * Payments: the sandbox gateways stand in for Alipay, WeChat Pay and UnionPay (on by default outside
 * production; in production only with PAYMENT_SANDBOX=on); the real adapters need their keys, and a provider
 * without keys (and without the sandbox) refuses new intents.
 */
export interface PaymentsConfig {
  readonly sandbox: boolean;
  /** Refunds above this wait for finance's approval (fen; default 5,000,000 = ¥50,000). */
  readonly refundApprovalThresholdFen: number;
  /** Where providers post notifications: `<base>/api/v1/payments/notify/<provider>`. */
  readonly notifyBaseUrl: string;
  /** Pending intents older than this are asked about at their gateway by the every-minute query job. */
  readonly queryAfterSeconds: number;
  /** How long a pay link stays open unless the caller says otherwise. */
  readonly intentTtlMinutes: number;
  readonly sandboxKnobs: PaymentSandboxKnobs;
  readonly alipay: AlipayKeys | null;
  readonly wechatPay: WechatPayKeys | null;
  readonly unionpay: UnionpayKeys | null;
}

function paymentsConfig(e: z.infer<typeof ZEnv>, production: boolean, publicUrl: string): PaymentsConfig {
  const on = (v: string | undefined) => v === 'on' || v === '1' || v === 'true';
  const sandbox = e.PAYMENT_SANDBOX === undefined ? !production : on(e.PAYMENT_SANDBOX);
  const alipay =
    e.ALIPAY_APP_ID && e.ALIPAY_PRIVATE_KEY && e.ALIPAY_PUBLIC_KEY
      ? {
          appId: e.ALIPAY_APP_ID,
          privateKey: e.ALIPAY_PRIVATE_KEY,
          alipayPublicKey: e.ALIPAY_PUBLIC_KEY,
          gateway: e.ALIPAY_GATEWAY ?? 'https://openapi.alipay.com/gateway.do',
        }
      : null;
  const wechatPay =
    e.WECHATPAY_MCH_ID &&
    e.WECHATPAY_APP_ID &&
    e.WECHATPAY_SERIAL_NO &&
    e.WECHATPAY_PRIVATE_KEY &&
    e.WECHATPAY_APIV3_KEY &&
    e.WECHATPAY_PLATFORM_PUBLIC_KEY &&
    e.WECHATPAY_PLATFORM_SERIAL
      ? {
          mchId: e.WECHATPAY_MCH_ID,
          appId: e.WECHATPAY_APP_ID,
          serialNo: e.WECHATPAY_SERIAL_NO,
          privateKey: e.WECHATPAY_PRIVATE_KEY,
          apiV3Key: e.WECHATPAY_APIV3_KEY,
          platformPublicKey: e.WECHATPAY_PLATFORM_PUBLIC_KEY,
          platformSerial: e.WECHATPAY_PLATFORM_SERIAL,
        }
      : null;
  const unionpay =
    e.UNIONPAY_MER_ID && e.UNIONPAY_CERT_ID && e.UNIONPAY_PRIVATE_KEY && e.UNIONPAY_VERIFY_PUBLIC_KEY
      ? {
          merId: e.UNIONPAY_MER_ID,
          certId: e.UNIONPAY_CERT_ID,
          privateKey: e.UNIONPAY_PRIVATE_KEY,
          verifyPublicKey: e.UNIONPAY_VERIFY_PUBLIC_KEY,
          gateway: e.UNIONPAY_GATEWAY ?? 'https://gateway.95516.com',
          fileGateway: e.UNIONPAY_FILE_GATEWAY ?? 'https://filedownload.95516.com',
        }
      : null;
  return Object.freeze({
    sandbox,
    refundApprovalThresholdFen: e.REFUND_APPROVAL_THRESHOLD_FEN ?? 5_000_000,
    notifyBaseUrl: e.PAYMENT_NOTIFY_BASE_URL ?? publicUrl,
    queryAfterSeconds: e.PAYMENT_QUERY_AFTER_SECONDS ?? 60,
    intentTtlMinutes: e.PAYMENT_INTENT_TTL_MINUTES ?? 30,
    sandboxKnobs: Object.freeze({
      delayMs: (e.PAYMENT_SANDBOX_DELAY_SECONDS ?? 3) * 1000,
      duplicateRate: e.PAYMENT_SANDBOX_DUPLICATE_RATE ?? 0.2,
      outOfOrderRate: e.PAYMENT_SANDBOX_OUT_OF_ORDER_RATE ?? 0.1,
      lossRate: e.PAYMENT_SANDBOX_LOSS_RATE ?? 0.05,
    }),
    alipay,
    wechatPay,
    unionpay,
  });
}

/** Payments as tests see them: the sandbox on, every notification delivered once, at once. */
export const TEST_PAYMENTS_CONFIG: PaymentsConfig = Object.freeze({
  sandbox: true,
  refundApprovalThresholdFen: 5_000_000,
  notifyBaseUrl: 'http://127.0.0.1:3000',
  queryAfterSeconds: 60,
  intentTtlMinutes: 30,
  sandboxKnobs: Object.freeze({ delayMs: 0, duplicateRate: 0, outOfOrderRate: 0, lossRate: 0 }),
  alipay: null,
  wechatPay: null,
  unionpay: null,
});

/**
 * Partner lenders. The sandbox lender (a fake that decides by rules and calls back like a real one) is on
 * by default outside production and only with LENDER_SANDBOX=1 in production; callback secrets are fixed
 * development values outside production and must be given (LENDER_CALLBACK_SECRETS) in production.
 */
export interface LenderConfig {
  readonly sandbox: boolean;
  /** Lender code -> the secret its callbacks are signed with (HMAC-SHA256). */
  readonly callbackSecrets: Readonly<Record<string, string>>;
  /** Where lenders post callbacks: `<base>/api/v1/finance/lenders/<code>/callbacks`. */
  readonly callbackBaseUrl: string;
}

/** The fixed development secret of a lender's callbacks (never used in production). */
export const devLenderSecret = (code: string) => `dev-lender-callback-secret-${code}`;

function lenderConfig(e: z.infer<typeof ZEnv>, production: boolean, publicUrl: string): LenderConfig {
  const sandbox =
    e.LENDER_SANDBOX === undefined ? !production : e.LENDER_SANDBOX === '1' || e.LENDER_SANDBOX === 'true';
  const secrets: Record<string, string> = production
    ? {}
    : Object.fromEntries(LENDER_CODES.map((c) => [c, devLenderSecret(c)]));
  for (const pair of (e.LENDER_CALLBACK_SECRETS ?? '').split(',').filter((p) => p.trim())) {
    const [code, secret] = pair.split('=').map((x) => x.trim());
    if (!code || !secret || secret.length < 16) {
      throw new ConfigError('LENDER_CALLBACK_SECRETS: expected code=secret pairs, secrets of 16+ characters');
    }
    secrets[code] = secret;
  }
  if (production && sandbox && Object.keys(secrets).length === 0) {
    throw new ConfigError('LENDER_SANDBOX=1 in production requires LENDER_CALLBACK_SECRETS');
  }
  return Object.freeze({
    sandbox,
    callbackSecrets: Object.freeze(secrets),
    callbackBaseUrl: e.LENDER_CALLBACK_BASE_URL ?? publicUrl,
  });
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
  if (production && e.FAILPOINTS)
    throw new ConfigError('FAILPOINTS (crash injection) is not allowed in production');
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
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    sessionSecret: e.SESSION_SECRET ?? devSecret(dataDir, 'sessionSecret'),
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY ?? devSecret(dataDir, 'dataEncryptionKey'),
    sms: { provider: smsProvider, ...(aliyun ? { aliyun } : {}) },
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    // Production never seeds unless asked explicitly; development seeds unless told not to.
    seedDemo: production
      ? e.SEED_DEMO === '1' || e.SEED_DEMO === 'true'
      : e.SEED_DEMO !== 'never' && e.SEED_DEMO !== '0' && e.SEED_DEMO !== 'false',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.NODE_ENV === 'test' ? 10_000 : 600),
    trustedProxies: parseTrustedProxies(e.TRUSTED_PROXIES),
    redisUrl: e.REDIS_URL,
    apiDocs: e.API_DOCS === undefined ? !production : e.API_DOCS === '1' || e.API_DOCS === 'true',
    site: siteInfo(e, production),
    lenders: lenderConfig(e, production, publicUrl),
    payments: paymentsConfig(e, production, publicUrl),
    insuranceSandbox:
      e.INSURANCE_SANDBOX === undefined
        ? !production
        : e.INSURANCE_SANDBOX === '1' || e.INSURANCE_SANDBOX === 'true',
    carrierSandbox:
      e.CARRIER_SANDBOX === undefined
        ? !production
        : e.CARRIER_SANDBOX === '1' || e.CARRIER_SANDBOX === 'true',
    riskSignalRetentionDays: e.RISK_SIGNAL_RETENTION_DAYS,
    analyticsRetentionDays: e.ANALYTICS_RETENTION_DAYS,
    analyticsCollectPerMinute: e.ANALYTICS_COLLECT_PER_MINUTE,
    orders: Object.freeze({
      paymentMinutes: e.ORDER_PAYMENT_MINUTES,
      autoAllocateMinutes: e.ORDER_AUTO_ALLOCATE_MINUTES,
      freeCancelHours: e.ORDER_FREE_CANCEL_HOURS,
    }),
    jobLeaseMs: (e.JOB_LEASE_SECONDS ?? 300) * 1000,
    searchBackend: e.SEARCH_BACKEND,
    failpoints: Object.freeze(
      (e.FAILPOINTS ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  };
  return Object.freeze(config);
}

/** SITE_* variables win; outside production each unset one falls back to its sample, in production it is hidden. */
function siteInfo(e: z.infer<typeof ZEnv>, production: boolean): SiteInfoConfig {
  const pick = (v: string | undefined, sample: string | null) => v ?? (production ? null : sample);
  return Object.freeze({
    companyName: pick(e.SITE_COMPANY_NAME, SAMPLE_SITE_INFO.companyName),
    companyNameEn: pick(e.SITE_COMPANY_NAME_EN, SAMPLE_SITE_INFO.companyNameEn),
    icpFiling: pick(e.SITE_ICP_FILING, SAMPLE_SITE_INFO.icpFiling),
    psbFiling: pick(e.SITE_PSB_FILING, SAMPLE_SITE_INFO.psbFiling),
    contactPhone: pick(e.SITE_CONTACT_PHONE, SAMPLE_SITE_INFO.contactPhone),
    contactEmail: pick(e.SITE_CONTACT_EMAIL, SAMPLE_SITE_INFO.contactEmail),
    address: pick(e.SITE_ADDRESS, SAMPLE_SITE_INFO.address),
  });
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
    trustedProxies: [],
    redisUrl: undefined,
    apiDocs: true,
    site: SAMPLE_SITE_INFO,
    lenders: {
      sandbox: true,
      callbackSecrets: Object.fromEntries(LENDER_CODES.map((c) => [c, devLenderSecret(c)])),
      callbackBaseUrl: 'http://127.0.0.1:3000',
    },
    insuranceSandbox: true,
    carrierSandbox: true,
    riskSignalRetentionDays: 90,
    analyticsRetentionDays: 730,
    analyticsCollectPerMinute: 240,
    payments: TEST_PAYMENTS_CONFIG,
    orders: { paymentMinutes: 30, autoAllocateMinutes: 120, freeCancelHours: 24 },
    jobLeaseMs: 5 * 60_000,
    failpoints: [],
    ...overrides,
  } satisfies Config);
}
