import { and, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { decryptPersonal, encryptPersonal, keyedHash } from '../crypto.js';
import type { Db } from '../db/client.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './idempotency.schema.js';

/** How long a stored response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A key still "in progress" after this long belongs to a request that died; a retry may take it over. */
export const IDEMPOTENCY_STALE_MS = 5 * 60_000;

const MAX_KEY_LENGTH = 255;
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route that does not honour Idempotency-Key, and why (10+ characters; the route-table test lists each). */
export interface IdempotencyOptOut {
  readonly optOut: string;
}

/** One mutating /api route as collected at start-up: `optOut` is null when it honours the key. */
export interface IdempotencyRoute {
  readonly method: string;
  readonly url: string;
  readonly optOut: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Every POST/PUT/PATCH/DELETE under /api/ honours Idempotency-Key. A route that must not (it issues
     * session cookies, returns a one-time secret, reads a multipart stream) declares `{ optOut: 'why' }`.
     * `true` is the default, accepted for routes that want to say so.
     */
    idempotent?: true | IdempotencyOptOut;
  }
  interface FastifyInstance {
    /** Every mutating /api route with its Idempotency-Key status, in registration order. */
    idempotencyRoutes: IdempotencyRoute[];
  }
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

/** True for the routes that honour Idempotency-Key unless they opt out. */
export function isMutatingApiRoute(method: string, url: string): boolean {
  return MUTATIONS.has(method) && url.startsWith('/api/') && !url.startsWith('/api/docs');
}

function optOutOf(config: { idempotent?: true | IdempotencyOptOut } | undefined): string | null {
  const setting = config?.idempotent;
  return typeof setting === 'object' ? setting.optOut : null;
}

function consumesMultipart(schema: FastifySchema | undefined): boolean {
  const consumes = (schema as { consumes?: readonly string[] } | undefined)?.consumes ?? [];
  return consumes.some((type) => type.startsWith('multipart/'));
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
function canonicalJson(value: unknown): string {
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Keyed (HMAC) rather than a bare SHA-256: bodies carry passwords (create staff, reset password), and a
 * plain hash of a known-shape body would let anyone reading the table test guesses offline.
 */
function requestHash(config: Config, request: FastifyRequest): string {
  return keyedHash(
    config,
    'idempotency-request',
    `${request.method}\n${request.url}\n${canonicalJson(request.body)}`,
  );
}

function scopeOf(request: FastifyRequest): string {
  const a = request.actor;
  if (!a) return `anon:${request.ip}`;
  return a.kind === 'staff' ? `staff:${a.accountId}` : `buyer:${a.buyerId}`;
}

/** Claims the key for this request, or answers it (replay, 409, 422). Returns true when the request may run. */
async function claimKey(
  config: Config,
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  now: Date,
): Promise<boolean> {
  const scope = scopeOf(request);
  const hash = requestHash(config, request);
  const fresh = {
    method: request.method,
    path: request.url,
    requestHash: hash,
    status: 'in_progress' as const,
    responseStatus: null,
    responseContentType: null,
    responseBody: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    // One atomic statement decides which of several racing requests runs.
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ scope, key, ...fresh })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) {
      request.idempotency = { scope, key };
      return true;
    }
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!existing) continue; // released by a failed (5xx) first request in between: try again
    const takenOver = await db
      .update(idempotencyKeys)
      .set(fresh)
      .where(
        and(
          eq(idempotencyKeys.scope, scope),
          eq(idempotencyKeys.key, key),
          or(
            lte(idempotencyKeys.expiresAt, now),
            and(
              eq(idempotencyKeys.status, 'in_progress'),
              lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_STALE_MS)),
            ),
          ),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (takenOver.length > 0) {
      request.idempotency = { scope, key };
      return true;
    }
    if (
      existing.method !== request.method ||
      existing.path !== request.url ||
      existing.requestHash !== hash
    ) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
    }
    if (existing.status === 'in_progress') throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    // Only the status, content type and body are replayed: never a stored cookie or other header.
    reply.code(existing.responseStatus ?? 200).header('idempotent-replayed', 'true');
    if (existing.responseContentType) reply.header('content-type', existing.responseContentType);
    await reply.send(existing.responseBody ? decryptPersonal(config, existing.responseBody) : '');
    return false;
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS');
}

/**
 * Honours `Idempotency-Key` on every POST/PUT/PATCH/DELETE under /api/ unless the route declares
 * `config: { idempotent: { optOut: 'why' } }`. The key is claimed after authentication, CSRF and the
 * guard, before validation: the first request runs and its response (any status below 500, validation
 * errors included) is stored, encrypted, for 24 h per caller (staff account, buyer, or client IP when
 * anonymous); the same key with the same request replays it with `idempotent-replayed: true`; with a
 * different request it is a 422; while the first is still running, a 409. A 5xx, a streamed body or a
 * response setting cookies releases the key, so a retry runs again.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('idempotency', null);
  const routes: IdempotencyRoute[] = [];
  app.decorate('idempotencyRoutes', routes);

  app.addHook('onRoute', (route) => {
    const optOut = optOutOf(route.config);
    for (const method of [route.method].flat()) {
      if (!isMutatingApiRoute(method, route.url)) continue;
      if (optOut !== null && optOut.trim().length < 10) {
        throw new Error(
          `Route ${method} ${route.url} opts out of Idempotency-Key without a reason (10+ characters)`,
        );
      }
      // The multipart parser hands the handler the raw stream, so the body cannot be hashed when the key is claimed.
      if (optOut === null && consumesMultipart(route.schema)) {
        throw new Error(
          `Route ${method} ${route.url} reads multipart: declare config.idempotent = { optOut: 'why' }`,
        );
      }
      routes.push({ method, url: route.url, optOut });
    }
  });

  // preValidation, registered after the guard's: a caller is authenticated, CSRF-checked and authorised
  // before a key is claimed, and a validation error is part of the stored outcome like any other 4xx.
  app.addHook('preValidation', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined || !isMutatingApiRoute(request.method, url)) return;
    if (optOutOf(request.routeOptions.config) !== null) return;
    const raw = request.headers['idempotency-key'];
    if (raw === undefined) return;
    if (typeof raw !== 'string' || raw.length < 1 || raw.length > MAX_KEY_LENGTH) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'headers.idempotency-key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` }],
      });
    }
    const { ctx } = app;
    const ok = await claimKey(ctx.config, ctx.database.db, request, reply, raw, ctx.clock.now());
    if (!ok) return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const { config, database } = app.ctx;
    const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : payload == null
            ? ''
            : null;
    // A response that sets cookies is bound to this caller's browser: its replay would lack them, and
    // replaying them could hand a session to whoever else presents the key.
    if (reply.statusCode >= 500 || body === null || reply.hasHeader('set-cookie')) {
      await database.db.delete(idempotencyKeys).where(where);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await database.db
      .update(idempotencyKeys)
      .set({
        status: 'completed',
        responseStatus: reply.statusCode,
        responseContentType: typeof contentType === 'string' ? contentType : null,
        // Responses carry personal data (emails, phones, addresses); kept encrypted like the rest of it.
        responseBody: encryptPersonal(config, body),
      })
      .where(where);
    return payload;
  });
});

/** Deletes keys past their 24 h window; returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, now))
    .returning({ one: sql<number>`1` });
  return rows.length;
}
