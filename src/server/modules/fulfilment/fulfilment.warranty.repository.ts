import { and, asc, desc, eq, gt, lte, or } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { ClaimStatus } from './fulfilment.warranty.enums.js';
import {
  type NewWarrantyClaimRow,
  type WarrantyClaimRow,
  type WarrantyPolicyRow,
  warrantyClaimTable,
  warrantyPolicyTable,
} from './fulfilment.warranty.schema.js';

// The only SQL on the 三包 tables.

/** The policy in force on a day (`YYYY-MM-DD`): the latest effective on or before it. */
export async function policyOn(db: DbHandle, day: string): Promise<WarrantyPolicyRow | undefined> {
  const [row] = await db
    .select()
    .from(warrantyPolicyTable)
    .where(lte(warrantyPolicyTable.effectiveFrom, day))
    .orderBy(desc(warrantyPolicyTable.effectiveFrom))
    .limit(1);
  return row;
}

export async function insertClaim(db: DbHandle, row: NewWarrantyClaimRow): Promise<WarrantyClaimRow> {
  const [stored] = await db.insert(warrantyClaimTable).values(row).returning();
  if (!stored) throw new Error('insert returned nothing');
  return stored;
}

export async function findClaim(db: DbHandle, id: string): Promise<WarrantyClaimRow | undefined> {
  const [row] = await db.select().from(warrantyClaimTable).where(eq(warrantyClaimTable.id, id));
  return row;
}

/** Locks a claim for a decision (`for update`): two staff deciding at once queue here. */
export async function lockClaim(db: DbHandle, id: string): Promise<WarrantyClaimRow | null> {
  const [row] = await db.select().from(warrantyClaimTable).where(eq(warrantyClaimTable.id, id)).for('update');
  return row ?? null;
}

export async function updateClaim(
  db: DbHandle,
  id: string,
  set: Partial<NewWarrantyClaimRow>,
): Promise<WarrantyClaimRow> {
  const [row] = await db.update(warrantyClaimTable).set(set).where(eq(warrantyClaimTable.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export function claimsOfOrder(db: DbHandle, orderId: string): Promise<WarrantyClaimRow[]> {
  return db
    .select()
    .from(warrantyClaimTable)
    .where(eq(warrantyClaimTable.orderId, orderId))
    .orderBy(desc(warrantyClaimTable.createdAt));
}

/** The queue: earliest decision deadline first, keyset-paged on (decision_due_at, id); limit+1 rows. */
export function claimQueue(
  db: DbHandle,
  filter: { status?: ClaimStatus | undefined; dealerId?: string | null | undefined },
  limit: number,
  after: { due: string; id: string } | undefined,
): Promise<WarrantyClaimRow[]> {
  const t = warrantyClaimTable;
  const conditions = [
    filter.status ? eq(t.status, filter.status) : undefined,
    filter.dealerId ? eq(t.dealerId, filter.dealerId) : undefined,
    after
      ? or(
          gt(t.decisionDueAt, new Date(after.due)),
          and(eq(t.decisionDueAt, new Date(after.due)), gt(t.id, after.id)),
        )
      : undefined,
  ];
  return db
    .select()
    .from(t)
    .where(and(...conditions))
    .orderBy(asc(t.decisionDueAt), asc(t.id))
    .limit(limit + 1);
}
