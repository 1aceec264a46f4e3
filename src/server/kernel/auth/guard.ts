import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.js';
import type { BuyerActor, RouteAuth, StaffActor } from './actor.js';
import type { Permission } from './permissions.js';

/** Routes under /api that must declare `config.auth`; a missing declaration fails start-up. */
function needsDeclaration(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/** One route's declared auth, as collected at start-up (the permission matrix test walks this). */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly auth: RouteAuth;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route that declared `config.auth`, in registration order. */
    declaredRoutes: DeclaredRoute[];
  }
}

export function routeAuthOf(request: FastifyRequest): RouteAuth | undefined {
  return request.routeOptions.config.auth;
}

/** Enforces each route's `config.auth` after the auth plugin has resolved `request.actor` (onRequest). */
export const guardPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (needsDeclaration(route.url) && !auth) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.auth`);
    }
    if (auth) {
      for (const method of [route.method].flat()) declared.push({ method, url: route.url, auth });
    }
  });
  // preValidation, not preHandler: who may call a route is settled before its input is looked at, so a
  // stranger gets 401/403 rather than a validation error describing the schema.
  app.addHook('preValidation', async (request) => {
    const auth = routeAuthOf(request);
    if (!auth || auth === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (auth === 'signed-in') return;
    if (auth === 'buyer') {
      if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
      return;
    }
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
    if (auth === 'staff') return;
    if (!actor.permissions.has(auth.permission)) throw new AppError('FORBIDDEN');
  });
});

export function requireStaff(request: FastifyRequest): StaffActor {
  const a = request.actor;
  if (!a) throw new AppError('UNAUTHENTICATED');
  if (a.kind !== 'staff') throw new AppError('FORBIDDEN');
  return a;
}

export function requireBuyer(request: FastifyRequest): BuyerActor {
  const a = request.actor;
  if (!a) throw new AppError('UNAUTHENTICATED');
  if (a.kind !== 'buyer') throw new AppError('FORBIDDEN');
  return a;
}

export function hasPermission(actor: StaffActor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/**
 * Dealer scoping for services: platform staff (dealerId null) see every dealer; dealer staff only
 * their own. Throws FORBIDDEN (not NOT_FOUND) only when the caller asked for a dealer explicitly.
 */
export function assertDealerScope(actor: StaffActor, dealerId: string): void {
  if (actor.dealerId !== null && actor.dealerId !== dealerId) throw new AppError('FORBIDDEN');
}
