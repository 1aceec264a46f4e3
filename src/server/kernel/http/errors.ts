/**
 * One error class with stable codes. Services throw `new AppError('CODE')`; they never pick HTTP
 * statuses. Each module declares its codes with `defineErrors` (status, zh-CN and en message, when it
 * is thrown); the error handler maps codes to statuses and localized messages.
 */
export interface ErrorDef {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  /** When it is thrown (one line, for the docs). */
  readonly when: string;
}

const registry = new Map<string, ErrorDef>();

const DEFS = Symbol('error definitions');

/** A module's error codes as a code -> code map (typo-free throws), carrying their definitions. */
export type ErrorCatalog<T extends Record<string, ErrorDef> = Record<string, ErrorDef>> = {
  readonly [K in keyof T]: K;
} & { readonly [DEFS]: T };

/** Registers a module's error codes; returns them as a code -> code map for typo-free throws. */
export function defineErrors<const T extends Record<string, ErrorDef>>(defs: T): ErrorCatalog<T> {
  const codes: Record<string | symbol, unknown> = { [DEFS]: defs };
  for (const [code, def] of Object.entries(defs)) {
    registry.set(code, def);
    codes[code] = code;
  }
  return codes as ErrorCatalog<T>;
}

/**
 * Every error catalogue by owner. Each `<module>.errors.ts` adds its own entry with `declare module`,
 * so `ErrorCode` is the union of every code the platform defines and a typo fails the type-check.
 */
export interface ErrorCatalogs {
  kernel: typeof KernelErrors;
}

/** A code some catalogue defines. */
export type ErrorCode = {
  [K in keyof ErrorCatalogs]: keyof ErrorCatalogs[K] & string;
}[keyof ErrorCatalogs];

/**
 * Puts a catalogue's codes into the process-wide registry the error handler reads (`installModules`
 * does this for every module; the kernel's own codes are registered below).
 */
export function registerErrors(defs: Readonly<Record<string, ErrorDef>>): void {
  for (const [code, def] of Object.entries(defs)) registry.set(code, def);
}

/** The definitions behind a catalogue (for start-up checks and docs). */
export function errorDefsOf(catalog: ErrorCatalog): Readonly<Record<string, ErrorDef>> {
  return catalog[DEFS];
}

export function errorDef(code: string): ErrorDef | undefined {
  return registry.get(code);
}

export function allErrorCodes(): ReadonlyMap<string, ErrorDef> {
  return registry;
}

export type Lang = 'zh-CN' | 'en';

/** A failure a client can act on: a known code (a typo fails the type-check), optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** A detail said in both languages (`{ zh, en }`): the error handler sends the request's one. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

function isBilingual(v: unknown): v is Bilingual {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Bilingual).zh === 'string' &&
    typeof (v as Bilingual).en === 'string' &&
    Object.keys(v).length === 2
  );
}

/** Details with every `{ zh, en }` value (also inside arrays and objects) replaced by the language's text. */
export function localizeDetails<T>(value: T, lang: Lang): T {
  if (isBilingual(value)) return (lang === 'en' ? value.en : value.zh) as T;
  if (Array.isArray(value)) return value.map((v) => localizeDetails(v, lang)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, localizeDetails(v, lang)]),
    ) as T;
  }
  return value;
}

/** Fills `{name}` placeholders from details (a `{ zh, en }` detail in the language asked for). */
export function localize(code: string, lang: Lang, details?: Record<string, unknown>): string {
  const def = registry.get(code);
  const template = def ? (lang === 'en' ? def.en : def.zh) : code;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => {
    const v = localizeDetails(details?.[key], lang);
    return v === undefined || v === null ? m : String(v);
  });
}

export function statusOf(code: string): number {
  return registry.get(code)?.status ?? 500;
}

export const KernelErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    zh: '请求参数有误，请检查标注的字段',
    en: 'The request has invalid fields',
    when: 'a body, query or params field fails its schema',
  },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
    when: 'the body cannot be parsed',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    zh: '请求内容过大',
    en: 'The request body is too large',
    when: 'the body exceeds the size limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
    when: 'the Content-Type is not one the route accepts',
  },
  NOT_FOUND: { status: 404, zh: '未找到该资源', en: 'Not found', when: 'no route or no such record' },
  UNAUTHENTICATED: {
    status: 401,
    zh: '请先登录',
    en: 'Please sign in first',
    when: 'the route needs a session and none is valid',
  },
  FORBIDDEN: {
    status: 403,
    zh: '您没有执行此操作的权限',
    en: 'You do not have permission to do this',
    when: 'the actor lacks the permission or is outside the dealer scope',
  },
  CSRF_FAILED: {
    status: 403,
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
    when: 'a cookie-authenticated mutation lacks a valid CSRF token',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
    when: 'a rate limit is exceeded',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was already used with a different request',
    when: 'the same Idempotency-Key arrives with a different method, path or body',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同的请求正在处理中',
    en: 'The same request is still being processed',
    when: 'a retry arrives while the first request with that key is still running',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态不允许此操作',
    en: 'This action is not allowed in the current state',
    when: 'a state machine is asked for a transition its table does not allow',
  },
  CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and retry',
    when: 'an optimistic version check fails or a unique value is taken',
  },
  INTERNAL: {
    status: 500,
    zh: '服务器开小差了，请稍后再试',
    en: 'Something went wrong on our side; please try again later',
    when: 'an unexpected error (details are logged, never sent)',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时不可用，请稍后重试',
    en: 'The database is temporarily unavailable; please try again shortly',
    when: 'the database connection was lost, terminated or refused while serving the request (nothing was saved)',
  },
});
