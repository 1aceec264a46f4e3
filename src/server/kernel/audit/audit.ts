import type { Actor } from '../auth/actor.js';
import type { Db, Tx } from '../db/client.js';
import { insertAtCommit } from '../db/transaction.js';
import { newId } from '../ids.js';
import { auditLog } from './audit.schema.js';

/** What changed: the part of an audit row a service describes (the mutation supplies who/when/where). */
export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry extends AuditChange {
  /** null for the system (jobs, seed). */
  actor: Actor | null;
  requestId?: string | null;
  ip?: string | null;
  at: Date;
}

/** Keys never copied into audit snapshots. */
const SECRET_KEYS = new Set([
  'passwordHash',
  'password',
  'totpSecret',
  'totpSecretEnc',
  'tokenHash',
  'codeHash',
]);

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? '[redacted]' : scrub(v);
    return out;
  }
  return value;
}

/** Writes one audit row; call it with the same transaction handle as the change it describes. */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const actor = entry.actor;
  await insertAtCommit(
    db,
    auditLog,
    {
      id: newId('aud'),
      occurredAt: entry.at,
      actorKind: actor ? actor.kind : 'system',
      actorId: actor ? (actor.kind === 'staff' ? actor.accountId : actor.buyerId) : null,
      actorLabel: actor
        ? actor.kind === 'staff'
          ? actor.email
          : actor.phone.replace(/^(\d{3})\d{4}/, '$1****')
        : 'system',
      dealerId: actor && actor.kind === 'staff' ? actor.dealerId : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: scrub(entry.before),
      after: scrub(entry.after),
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
    } satisfies typeof auditLog.$inferInsert,
    // Timelines (loan applications) read the audit log back in the transaction that wrote it.
    { readBack: true },
  );
}
