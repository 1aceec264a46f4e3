// applyTransition (kernel/state-machine.ts) exercised through a real machine: the dealer status one.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Database, Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import type { Mutation } from '../../kernel/mutation.js';
import { applyTransition, renderMermaid } from '../../kernel/state-machine.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { dealerStatusMachine } from './dealers.machine.js';
import { dealers } from './dealers.schema.js';
import { seedDealerData } from './dealers.seed.js';

let database: Database;
let db: Db;

const compliance: StaffActor = {
  kind: 'staff',
  accountId: 'stf_machine_test',
  sessionId: 'ses_machine_test',
  email: 'compliance.machine@autoyard.cn',
  displayName: 'compliance',
  roles: ['compliance'],
  permissions: new Set(),
  dealerId: null,
  totpEnabled: false,
};

let clock = Date.parse('2026-11-21T02:00:00Z');
/** A fresh request's mutation, one second after the previous one. */
function mutation(): Mutation {
  clock += 1000;
  return { actor: compliance, at: new Date(clock), requestId: 'req_machine', ip: '127.0.0.1', lang: 'zh-CN' };
}

/** What a dealer has stored against it: its status, audit actions and event types. */
async function storedFor(id: string) {
  const [row] = await db.select().from(dealers).where(eq(dealers.id, id));
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'dealer'), eq(auditLog.entityId, id)))
    .orderBy(auditLog.occurredAt);
  const events = await db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, id))
    .orderBy(outboxEvents.occurredAt, outboxEvents.id);
  return { status: row?.status, updatedAt: row?.updatedAt, audits, events };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the transition to fail');
}

function transition(id: string, action: 'suspend' | 'reinstate', m = mutation()) {
  return withTransaction(db, (tx) => applyTransition(tx, dealerStatusMachine, id, action, m));
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDealerData(db);
});
afterAll(async () => {
  await database.close();
});

describe('applyTransition on the dealer status machine', () => {
  it('writes the new status, one audit row and one event for a legal transition', async () => {
    const m = mutation();
    const result = await transition('dlr_sz_byd', 'suspend', m);
    expect(result).toMatchObject({ from: 'active', to: 'suspended' });
    expect(result.after).toMatchObject({ status: 'suspended', updatedAt: m.at });

    const stored = await storedFor('dlr_sz_byd');
    expect(stored.status).toBe('suspended');
    expect(stored.updatedAt).toEqual(m.at);
    expect(stored.audits).toHaveLength(1);
    expect(stored.audits[0]).toMatchObject({
      action: 'dealer.suspend',
      actorId: compliance.accountId,
      requestId: 'req_machine',
      occurredAt: m.at,
      before: expect.objectContaining({ id: 'dlr_sz_byd', status: 'active' }),
      after: expect.objectContaining({
        id: 'dlr_sz_byd',
        status: 'suspended',
        updatedAt: m.at.toISOString(),
      }),
    });
    expect(stored.events).toHaveLength(1);
    expect(stored.events[0]).toMatchObject({
      type: 'dealer.suspended',
      aggregateType: 'dealer',
      payload: { dealerId: 'dlr_sz_byd', status: 'suspended' },
      occurredAt: m.at,
    });
  });

  it('refuses a transition the table does not allow with 409 details and writes nothing', async () => {
    const before = await storedFor('dlr_demo_sh_tesla');
    const error = await failure(transition('dlr_demo_sh_tesla', 'reinstate'));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.details).toEqual({ machine: 'dealer', from: 'active', action: 'reinstate' });
    expect(await storedFor('dlr_demo_sh_tesla')).toEqual(before);
  });

  it('lets exactly one of two concurrent suspends of one dealer through, with one audit row', async () => {
    const outcomes = await Promise.allSettled([
      transition('dlr_demo_bj_byd', 'suspend'),
      transition('dlr_demo_bj_byd', 'suspend'),
    ]);
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(AppError);
    expect((refused[0] as AppError).details).toEqual({
      machine: 'dealer',
      from: 'suspended',
      action: 'suspend',
    });
    const stored = await storedFor('dlr_demo_bj_byd');
    expect(stored.status).toBe('suspended');
    expect(stored.audits.map((a) => a.action)).toEqual(['dealer.suspend']);
    expect(stored.events.map((e) => e.type)).toEqual(['dealer.suspended']);
  });

  it('throws the machine’s not-found code for an unknown id and writes nothing', async () => {
    const [audits] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const error = await failure(transition('dlr_does_not_exist', 'suspend'));
    expect(error.code).toBe('DEALER_NOT_FOUND');
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after?.n).toBe(audits?.n);
  });

  it('leaves nothing behind when the surrounding transaction rolls back after the transition', async () => {
    const before = await storedFor('dlr_demo_sh_tesla');
    const later = new Error('a later step of the same flow failed');
    await expect(
      withTransaction(db, async (tx) => {
        await applyTransition(tx, dealerStatusMachine, 'dlr_demo_sh_tesla', 'suspend', mutation());
        throw later;
      }),
    ).rejects.toBe(later);
    expect(await storedFor('dlr_demo_sh_tesla')).toEqual(before);
  });

  it('runs the caller’s check on the locked row and writes nothing when it refuses', async () => {
    const before = await storedFor('dlr_demo_sh_tesla');
    const error = await failure(
      withTransaction(db, (tx) =>
        applyTransition(tx, dealerStatusMachine, 'dlr_demo_sh_tesla', 'suspend', mutation(), (row) => {
          if (row.brands.includes('Tesla')) throw new AppError('FORBIDDEN');
        }),
      ),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await storedFor('dlr_demo_sh_tesla')).toEqual(before);
  });

  it('draws the machine as a Mermaid state diagram for the docs', () => {
    expect(renderMermaid(dealerStatusMachine)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> active',
        '  active --> suspended: suspend',
        '  suspended --> active: reinstate',
      ].join('\n'),
    );
  });
});
