import { currentLang } from './i18n.js';

/** One failed API call: the server's `{ error: { code, message, details } }` with the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level messages of a VALIDATION_FAILED error, keyed by the field name (`body.phone` → `phone`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const fields = this.details?.fields;
    if (!Array.isArray(fields)) return out;
    for (const f of fields) {
      if (typeof f !== 'object' || f === null) continue;
      const { path, message } = f as { path?: unknown; message?: unknown };
      if (typeof path !== 'string') continue;
      const name = path.replace(/^(body|query|params|querystring)\.?/, '');
      out[name || path] = typeof message === 'string' ? message : this.message;
    }
    return out;
  }
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON, or as multipart/form-data when it is a FormData (file uploads). */
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: one per user action (e.g. per opened form), reused when that action is retried. */
  idempotencyKey?: string;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls the Autoyard API: JSON in and out (a FormData body goes out as multipart/form-data, for uploads),
 * the chosen language as Accept-Language, and the CSRF token (from the readable `ay_csrf` cookie) on every
 * mutation. Throws ApiError for any non-2xx answer.
 */
export async function api<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  if (method !== 'GET') {
    const csrf = readCookie('ay_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
  }
  let body: string | FormData | undefined;
  if (req.body instanceof FormData) {
    // The browser sets multipart/form-data with its boundary.
    body = req.body;
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await fetch(withQuery(`/api/v1${path}`, req.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: req.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      ?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'HTTP_ERROR',
      err?.message ?? `HTTP ${res.status}`,
      err?.details,
    );
  }
  return json as T;
}

/** True when an error means "this API does not exist (yet)", so a screen can show an empty state. */
export function isMissingApi(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND';
}
