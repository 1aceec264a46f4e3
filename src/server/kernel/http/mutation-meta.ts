import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';

/** When and from where a change was asked for: what audit rows and events record beside the actor. */
export interface MutationMeta {
  at: Date;
  requestId?: string | null;
  ip?: string | null;
}

/** The mutation metadata of a request, timed by the app's clock. */
export function mutationMeta(request: FastifyRequest, clock: Clock): MutationMeta {
  return { at: clock.now(), requestId: request.id, ip: request.ip };
}
