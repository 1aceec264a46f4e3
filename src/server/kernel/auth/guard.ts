import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.js';
import type { BuyerActor, RouteAuth, StaffActor } from './actor.js';
import type { Permission } from './permissions.js';

/** Routes under /api that must declare `config.auth`; a missing declaration fails start-up. */
function needsDeclaration(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

export function routeAuthOf(request: FastifyRequest): RouteAuth | undefined {
  return request.routeOptions.config.auth;
}

/** Enforces each route's `config.auth` after the auth plugin has resolved `request.actor`. */
export const guardPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (needsDeclaration(route.url) && !route.config?.auth) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.auth`);
    }
  });
  app.addHook('preHandler', async (request) => {
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
