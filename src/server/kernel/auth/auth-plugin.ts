import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { safeEqual } from '../crypto.js';
import { AppError } from '../http/errors.js';
import type { SessionResolvers } from './session-resolver.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor, SESSION_COOKIE, touchSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` only for routes a browser calls before it has a session (sign-in, SMS code). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** How the actor's session token arrived; null when signed out. */
    authVia: 'cookie' | 'bearer' | null;
  }
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;

/** The session token of a request: `Authorization: Bearer` first (API clients), else the cookie. */
export function sessionTokenOf(request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = request.headers.authorization;
  if (header) {
    const m = BEARER.exec(header);
    return m?.[1] ? { token: m[1], via: 'bearer' } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie && cookie.length <= 200 ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Resolves the session cookie or bearer token to `request.actor` (onRequest, before the guard's
 * preHandler), and double-submit checks the CSRF token on cookie-authenticated mutations. The modules
 * that own the subjects behind sessions resolve them (`sessions`, passed in by the app).
 */
export const authPlugin = fp(async (app: FastifyInstance, options: { sessions: SessionResolvers }) => {
  const { lookup, subjects } = options.sessions;
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const found = sessionTokenOf(request);
    if (!found) return;
    const { ctx } = app;
    const db = ctx.database.db;
    const resolved = await lookup(db, ctx, found.token);
    if (!resolved) return;
    const { session } = resolved;
    const actor = resolved.actor ?? (await subjects[session.subjectKind]?.(db, ctx, session)) ?? null;
    if (!actor) return;
    await touchSession(db, ctx, session);
    request.actor = actor;
    request.authVia = found.via;
    if (
      found.via === 'cookie' &&
      MUTATIONS.has(request.method) &&
      request.routeOptions.config.csrf !== false
    ) {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      const expected = csrfTokenFor(ctx.config, actor.sessionId);
      if (
        typeof header !== 'string' ||
        !cookie ||
        !safeEqual(header, cookie) ||
        !safeEqual(header, expected)
      ) {
        throw new AppError('CSRF_FAILED');
      }
    }
  });
});
