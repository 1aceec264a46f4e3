import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import { keyedHash, randomToken } from '../crypto.js';
import type { DbHandle } from '../db/client.js';
import { newId } from '../ids.js';
import { type SessionRow, sessions } from './sessions.schema.js';

export type SubjectKind = 'staff' | 'buyer';

/** What session functions need from the app context. */
export interface SessionContext {
  readonly config: Config;
  readonly clock: Clock;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Session lifetimes: idle (since last use) and absolute (since sign-in), per kind of subject. */
export const SESSION_LIFETIMES: Record<SubjectKind, { idleMs: number; absoluteMs: number }> = {
  staff: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
  buyer: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
};

/** `last_seen_at` is written at most this often so that reading a session stays one cheap query. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

export const SESSION_COOKIE = 'ay_session';
export const CSRF_COOKIE = 'ay_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The keyed hash under which a session token is stored and looked up. */
export function hashSessionToken(config: Pick<Config, 'sessionSecret'>, token: string): string {
  return keyedHash(config, 'session-token', token);
}

/** The CSRF token bound to a session (double-submitted as cookie and header). */
export function csrfTokenFor(config: Pick<Config, 'sessionSecret'>, sessionId: string): string {
  return keyedHash(config, 'csrf', sessionId);
}

export interface NewSession {
  subjectKind: SubjectKind;
  subjectId: string;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
  /** When the subject passed a TOTP code for this session; null or absent for password-only. */
  totpVerifiedAt?: Date | null | undefined;
}

export interface CreatedSession {
  sessionId: string;
  /** The opaque token (256 random bits); only its keyed hash is stored. */
  token: string;
  csrfToken: string;
  absoluteExpiresAt: Date;
}

/** Starts a session with a fresh token (call at every sign-in; never reuse a token). */
export async function createSession(
  db: DbHandle,
  ctx: SessionContext,
  input: NewSession,
): Promise<CreatedSession> {
  const now = ctx.clock.now();
  const life = SESSION_LIFETIMES[input.subjectKind];
  const token = randomToken(32);
  const sessionId = newId('ses');
  const absoluteExpiresAt = new Date(now.getTime() + life.absoluteMs);
  await db.insert(sessions).values({
    id: sessionId,
    tokenHash: hashSessionToken(ctx.config, token),
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: new Date(Math.min(now.getTime() + life.idleMs, absoluteExpiresAt.getTime())),
    absoluteExpiresAt,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    totpVerifiedAt: input.totpVerifiedAt ?? null,
  });
  return { sessionId, token, csrfToken: csrfTokenFor(ctx.config, sessionId), absoluteExpiresAt };
}

/** True when a session row can still authenticate at `now`. */
export function isSessionLive(
  row: Pick<SessionRow, 'revokedAt' | 'idleExpiresAt' | 'absoluteExpiresAt'>,
  now: Date,
): boolean {
  return row.revokedAt === null && row.idleExpiresAt > now && row.absoluteExpiresAt > now;
}

/** Finds a live session by its token (null when unknown, revoked or expired). */
export async function findLiveSession(
  db: DbHandle,
  ctx: SessionContext,
  token: string,
): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, hashSessionToken(ctx.config, token)))
    .limit(1);
  return row && isSessionLive(row, ctx.clock.now()) ? row : null;
}

/** Extends the idle expiry of a session in use, at most once per SESSION_TOUCH_INTERVAL_MS. */
export async function touchSession(
  db: DbHandle,
  ctx: SessionContext,
  row: Pick<SessionRow, 'id' | 'subjectKind' | 'lastSeenAt' | 'absoluteExpiresAt'>,
): Promise<void> {
  const now = ctx.clock.now();
  if (now.getTime() - row.lastSeenAt.getTime() < SESSION_TOUCH_INTERVAL_MS) return;
  const idle = now.getTime() + SESSION_LIFETIMES[row.subjectKind].idleMs;
  await db
    .update(sessions)
    .set({ lastSeenAt: now, idleExpiresAt: new Date(Math.min(idle, row.absoluteExpiresAt.getTime())) })
    .where(and(eq(sessions.id, row.id), isNull(sessions.revokedAt)));
}

/** When a session passed TOTP (null: password only, or no such session). */
export async function sessionTotpVerifiedAt(db: DbHandle, sessionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sessions.totpVerifiedAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row?.at ?? null;
}

/** Records that a live session has just passed a TOTP code (first one only). */
export async function markSessionTotpVerified(db: DbHandle, sessionId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ totpVerifiedAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), isNull(sessions.totpVerifiedAt)));
}

/** Ends one session (sign-out). */
export async function revokeSession(
  db: DbHandle,
  sessionId: string,
  reason: string,
  at: Date = new Date(),
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a subject (sign-out everywhere, account disabled, password changed). Returns how many. */
export async function revokeAllSessions(
  db: DbHandle,
  subjectKind: SubjectKind,
  subjectId: string,
  reason: string,
  at: Date = new Date(),
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(
      and(
        eq(sessions.subjectKind, subjectKind),
        eq(sessions.subjectId, subjectId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Sets the session cookie (httpOnly) and the CSRF cookie (readable by the web app). */
export function setSessionCookies(
  reply: FastifyReply,
  ctx: { readonly config: Config },
  session: { token: string; csrfToken: string; absoluteExpiresAt: Date },
): void {
  const secure = ctx.config.env === 'production';
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.absoluteExpiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

/** Removes both session cookies (sign-out). */
export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
