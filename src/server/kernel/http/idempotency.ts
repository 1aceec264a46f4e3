import { createHash } from 'node:crypto';
import { and, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { registerJobHandler, registerSchedule } from '../jobs/registry.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './idempotency.schema.js';

/** How long a stored response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A key still "in progress" after this long belongs to a request that died; a retry may take it over. */
export const IDEMPOTENCY_STALE_MS = 5 * 60_000;

const MAX_KEY_LENGTH = 255;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt in to Idempotency-Key handling (mutations a client may retry: create order, pay, refund, book). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method}\n${request.url}\n${canonicalJson(request.body)}`)
    .digest('hex');
}

function scopeOf(request: FastifyRequest): string {
  const a = request.actor;
  if (!a) return `anon:${request.ip}`;
  return a.kind === 'staff' ? `staff:${a.accountId}` : `buyer:${a.buyerId}`;
}

/** Claims the key for this request, or answers it (replay, 409, 422). Returns true when the handler may run. */
async function claimKey(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  now: Date,
): Promise<boolean> {
  const scope = scopeOf(request);
  const hash = requestHash(request);
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
    reply.code(existing.responseStatus ?? 200).header('idempotent-replayed', 'true');
    if (existing.responseContentType) reply.header('content-type', existing.responseContentType);
    await reply.send(existing.responseBody ?? '');
    return false;
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS');
}

/**
 * Honours `Idempotency-Key` on routes declaring `config: { idempotent: true }`: the first request
 * runs and its response (any status below 500) is stored for 24 h; the same key with the same
 * request replays it with `idempotent-replayed: true`; with a different request it is a 422; while
 * the first is still running, a 409. A 5xx releases the key so the client can retry.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const raw = request.headers['idempotency-key'];
    if (raw === undefined) return;
    if (typeof raw !== 'string' || raw.length < 1 || raw.length > MAX_KEY_LENGTH) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'headers.idempotency-key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` }],
      });
    }
    const ok = await claimKey(app.ctx.database.db, request, reply, raw, app.ctx.clock.now());
    if (!ok) return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const db = app.ctx.database.db;
    const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : payload == null
            ? ''
            : null;
    if (reply.statusCode >= 500 || body === null) {
      await db.delete(idempotencyKeys).where(where);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await db
      .update(idempotencyKeys)
      .set({
        status: 'completed',
        responseStatus: reply.statusCode,
        responseContentType: typeof contentType === 'string' ? contentType : null,
        responseBody: body,
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

registerJobHandler('idempotency.purge_expired', async (job) => {
  await purgeExpiredIdempotencyKeys(job.db, job.ctx.clock.now());
});
registerSchedule('idempotency.purge_expired.daily', { dailyAt: '03:30' }, 'idempotency.purge_expired');
