import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { Actor } from './actor.js';
import type { SubjectKind } from './sessions.js';

/** A live session as the auth plugin needs it: to renew it (touchSession) and to derive its CSRF token. */
export interface LiveSession {
  readonly id: string;
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  readonly lastSeenAt: Date;
  readonly absoluteExpiresAt: Date;
}

/**
 * Finds the live session of a token (null: signed out). It may resolve the actor in the same query for
 * the subjects it owns (identity does for staff: one prepared statement on every console request);
 * otherwise `actor` is null and the subject resolver of the session's kind is asked.
 */
export type SessionLookup = (
  db: Db,
  ctx: AppContext,
  token: string,
) => Promise<{ session: LiveSession; actor: Actor | null } | null>;

/** The actor behind a live session of one subject kind; null when the subject may no longer act. */
export type SubjectLookup = (db: Db, ctx: AppContext, session: LiveSession) => Promise<Actor | null>;

/**
 * How the auth plugin turns a session token into `request.actor`. The kernel owns the sessions table
 * but not the people behind them: the modules that own staff accounts (identity) and customers (crm)
 * implement these, and the app passes them in.
 */
export interface SessionResolvers {
  readonly lookup: SessionLookup;
  readonly subjects: Partial<Record<SubjectKind, SubjectLookup>>;
}
