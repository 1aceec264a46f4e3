import { type AuditChange, recordAudit } from './audit/audit.js';
import type { Actor, StaffActor } from './auth/actor.js';
import type { DbHandle } from './db/client.js';
import { AppError, type Lang } from './http/errors.js';

/**
 * Who asked for a change, when and from where: built once per request by the kernel
 * (`request.mutation`) or by `systemMutation` for jobs, the seed and operator commands. Services pass
 * it on to audit rows and events unchanged.
 */
export interface Mutation {
  /** null for the system (jobs, seed, operator commands). */
  readonly actor: Actor | null;
  readonly at: Date;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly lang: Lang;
}

/** A mutation made by the platform itself (a job, the seed, a CLI command). */
export function systemMutation(at: Date, lang: Lang = 'zh-CN'): Mutation {
  return { actor: null, at, requestId: null, ip: null, lang };
}

/**
 * The staff member behind a mutation, for staff-only services that also scope by it (a dealer's
 * staff see their dealer only): UNAUTHENTICATED for the system, FORBIDDEN for a buyer.
 */
export function staffOf(mutation: Mutation): StaffActor {
  const actor = mutation.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

/** The signed-in person (buyer or staff) behind a mutation; UNAUTHENTICATED for the system. */
export function actorOf(mutation: Mutation): Actor {
  if (!mutation.actor) throw new AppError('UNAUTHENTICATED');
  return mutation.actor;
}

/** Writes the audit row of a change, with the same handle (transaction) as the change. */
export function audit(db: DbHandle, mutation: Mutation, change: AuditChange): Promise<void> {
  return recordAudit(db, {
    ...change,
    actor: mutation.actor,
    at: mutation.at,
    requestId: mutation.requestId,
    ip: mutation.ip,
  });
}
