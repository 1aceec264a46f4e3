import { z } from 'zod';
import type { Config } from '../../config.js';
import { findAudit, queryAudit } from '../../kernel/audit/audit.query.js';
import type { AuditRow } from '../../kernel/audit/audit.schema.js';
import type { Actor, StaffActor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { maskPhone } from '../../kernel/http/logging.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { jobCounts, listJobs } from '../../kernel/jobs/jobs.admin.js';
import type { JobRow } from '../../kernel/jobs/jobs.schema.js';
import { actorOf, type Mutation } from '../../kernel/mutation.js';
import { listDevEmails } from '../../kernel/notify/email.js';
import {
  countUnread,
  type InboxRow,
  listInbox,
  markAllRead,
  markRead,
  type Reader,
} from '../../kernel/notify/inbox.js';
import { applyTransition } from '../../kernel/state-machine.js';
import {
  JOB_STATUS_VALUES,
  type TAuditEntry,
  type TAuditPage,
  type TAuditQuery,
  type TDevEmailsQuery,
  type TDevEmailsResponse,
  type TJob,
  type TJobStats,
  type TJobStatus,
  type TJobsPage,
  type TJobsQuery,
  type TNotification,
  type TNotificationsPage,
  type TNotificationsQuery,
  type TSiteInfo,
} from './platform.contract.js';
import { PlatformErrors } from './platform.errors.js';
import { type DeadJobAction, deadJobMachine } from './platform.machine.js';

const ZTimeCursor = z.object({ t: z.string(), id: z.string() });

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// ---- audit log

function toAuditEntry(row: AuditRow): TAuditEntry {
  const kind = row.actorKind === 'staff' || row.actorKind === 'buyer' ? row.actorKind : 'system';
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorKind: kind,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    dealerId: row.dealerId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    ip: row.ip,
  };
}

/** The audit log, newest first; dealer staff see only their dealer's rows. */
export async function listAuditEntries(db: DbHandle, actor: StaffActor, q: TAuditQuery): Promise<TAuditPage> {
  const after = decodeCursor(q.cursor, ZTimeCursor);
  const rows = await queryAudit(
    db,
    {
      actorId: q.actorId,
      actor: q.actor,
      action: q.action,
      entityType: q.entityType,
      entityId: q.entityId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      dealerId: actor.dealerId,
    },
    q.limit,
    after,
  );
  return toPage(rows, q.limit, toAuditEntry, (r) => ({ t: r.occurredAt.toISOString(), id: r.id }));
}

/** One audit row the actor may see. */
export async function getAuditEntry(db: DbHandle, actor: StaffActor, id: string): Promise<TAuditEntry> {
  const row = await findAudit(db, id, actor.dealerId);
  if (!row) throw new AppError(PlatformErrors.AUDIT_ENTRY_NOT_FOUND);
  return toAuditEntry(row);
}

// ---- jobs console

/** Masks phone numbers and email addresses anywhere in a job payload before staff see it. */
function maskPersonal(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPersonal(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPersonal(v, k);
    return out;
  }
  if (typeof value === 'string' && /phone|mobile/i.test(key)) return maskPhone(value);
  if (typeof value === 'string' && /email/i.test(key)) return value.replace(/^(.).*(@.*)$/, '$1***$2');
  return value;
}

function toJob(row: JobRow): TJob {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    runAt: row.runAt.toISOString(),
    lastError: row.lastError,
    uniqueKey: row.uniqueKey,
    payload: maskPersonal(row.payload),
    lockedBy: row.lockedBy,
    lockedUntil: iso(row.lockedUntil),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export async function listJobsPage(db: DbHandle, q: TJobsQuery): Promise<TJobsPage> {
  const after = decodeCursor(q.cursor, ZTimeCursor);
  const rows = await listJobs(db, { status: q.status, name: q.name }, q.limit, after);
  return toPage(rows, q.limit, toJob, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
}

function zeroCounts(): Record<TJobStatus, number> {
  return Object.fromEntries(JOB_STATUS_VALUES.map((s) => [s, 0])) as Record<TJobStatus, number>;
}

/** Counts by status, overall and per job name. */
export async function jobStatistics(db: DbHandle): Promise<TJobStats> {
  const totals = zeroCounts();
  const byName = new Map<string, Record<TJobStatus, number>>();
  for (const r of await jobCounts(db)) {
    totals[r.status] += r.count;
    const counts = byName.get(r.name) ?? zeroCounts();
    counts[r.status] += r.count;
    byName.set(r.name, counts);
  }
  return { totals, byName: [...byName.entries()].map(([name, counts]) => ({ name, counts })) };
}

/**
 * Moves a dead job back to the queue (attempts reset) or discards it, through deadJobMachine: the job,
 * its audit row (`job.retry`, `job.discard`) in one transaction; any other state is a 409.
 */
export async function changeDeadJob(
  db: DbHandle,
  id: string,
  action: DeadJobAction,
  mutation: Mutation,
): Promise<TJob> {
  return withTransaction(db, async (tx) => {
    const { after } = await applyTransition(tx, deadJobMachine, id, action, mutation);
    return toJob(after);
  });
}

// ---- notification centre

/** Whose centre a signed-in actor reads: buyers their own, staff their own plus their roles'. */
export function readerOf(actor: Actor): Reader {
  return actor.kind === 'buyer'
    ? { kind: 'buyer', id: actor.buyerId }
    : { kind: 'staff', id: actor.accountId, roles: actor.roles };
}

function toNotification(row: InboxRow): TNotification {
  return {
    id: row.id,
    category: row.category,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: iso(row.effectiveReadAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listNotifications(
  db: DbHandle,
  actor: Actor,
  q: TNotificationsQuery,
): Promise<TNotificationsPage> {
  const after = decodeCursor(q.cursor, ZTimeCursor);
  const rows = await listInbox(db, readerOf(actor), { unreadOnly: q.unreadOnly, limit: q.limit, after });
  return toPage(rows, q.limit, toNotification, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
}

export async function unreadNotificationCount(db: DbHandle, actor: Actor): Promise<number> {
  return countUnread(db, readerOf(actor));
}

/** Marks one of the caller's notifications read; someone else's is NOTIFICATION_NOT_FOUND. */
export async function markNotificationRead(
  db: DbHandle,
  id: string,
  mutation: Mutation,
): Promise<TNotification> {
  const row = await markRead(db, readerOf(actorOf(mutation)), id, mutation.at);
  if (!row) throw new AppError(PlatformErrors.NOTIFICATION_NOT_FOUND);
  return toNotification(row);
}

/** Marks all the caller’s unread notifications read; returns how many it marked. */
export async function markAllNotificationsRead(db: DbHandle, mutation: Mutation): Promise<number> {
  return markAllRead(db, readerOf(actorOf(mutation)), mutation.at);
}

// ---- dev mailbox

export async function devMailbox(db: DbHandle, q: TDevEmailsQuery): Promise<TDevEmailsResponse> {
  const rows = await listDevEmails(db, { to: q.to, limit: q.limit });
  return {
    emails: rows.map((r) => ({
      id: r.id,
      to: r.to,
      subject: r.subject,
      text: r.text,
      templateKey: r.templateKey,
      sentAt: r.sentAt.toISOString(),
    })),
  };
}

/** The public site information, straight from the configuration (SITE_* variables). */
export function siteInfo(config: Pick<Config, 'site'>): TSiteInfo {
  return { ...config.site };
}
