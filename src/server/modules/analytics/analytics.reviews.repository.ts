import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { ReviewKind } from './analytics.enums.js';
import {
  type NewReviewRow,
  type ReviewRow,
  type ReviewSubscriptionRow,
  reviewSubscriptionTable,
  reviewTable,
} from './analytics.reviews.schema.js';

// The only code that reads and writes the review report tables.

/** Inserts a report in `generating` unless its (kind, period, scope) exists; returns the row either way. */
export async function insertReviewIfAbsent(db: DbHandle, row: NewReviewRow): Promise<{ created: boolean }> {
  const inserted = await db
    .insert(reviewTable)
    .values(row)
    .onConflictDoNothing({ target: [reviewTable.kind, reviewTable.periodStart, reviewTable.scope] })
    .returning({ id: reviewTable.id });
  return { created: inserted.length > 0 };
}

export async function findReview(db: DbHandle, id: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(reviewTable).where(eq(reviewTable.id, id));
  return row;
}

export async function findReviewOfPeriod(
  db: DbHandle,
  kind: ReviewKind,
  periodStart: string,
  scope: string,
): Promise<ReviewRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewTable)
    .where(
      and(eq(reviewTable.kind, kind), eq(reviewTable.periodStart, periodStart), eq(reviewTable.scope, scope)),
    );
  return row;
}

/** Locks the row for a transition (`for update`): concurrent generations of one report queue here. */
export async function lockReview(db: DbHandle, id: string): Promise<ReviewRow | null> {
  const [row] = await db.select().from(reviewTable).where(eq(reviewTable.id, id)).for('update');
  return row ?? null;
}

export async function updateReview(db: DbHandle, id: string, set: Partial<NewReviewRow>): Promise<void> {
  await db.update(reviewTable).set(set).where(eq(reviewTable.id, id));
}

/** Newest period first, keyset-paged on (period_start, id); returns limit+1 rows. */
export function listReviews(
  db: DbHandle,
  filter: { scope: string; kind: ReviewKind | undefined },
  limit: number,
  after: { periodStart: string; id: string } | undefined,
): Promise<ReviewRow[]> {
  const conditions = [eq(reviewTable.scope, filter.scope)];
  if (filter.kind) conditions.push(eq(reviewTable.kind, filter.kind));
  if (after) {
    const page = or(
      lt(reviewTable.periodStart, after.periodStart),
      and(eq(reviewTable.periodStart, after.periodStart), lt(reviewTable.id, after.id)),
    );
    if (page) conditions.push(page);
  }
  return db
    .select()
    .from(reviewTable)
    .where(and(...conditions))
    .orderBy(desc(reviewTable.periodStart), desc(reviewTable.id))
    .limit(limit + 1);
}

export async function insertSubscription(db: DbHandle, row: ReviewSubscriptionRow): Promise<void> {
  await db
    .insert(reviewSubscriptionTable)
    .values(row)
    .onConflictDoUpdate({
      target: [reviewSubscriptionTable.staffAccountId, reviewSubscriptionTable.kind],
      set: { lang: row.lang },
    });
}

export async function deleteSubscription(
  db: DbHandle,
  staffAccountId: string,
  kind: ReviewKind,
): Promise<void> {
  await db
    .delete(reviewSubscriptionTable)
    .where(
      and(eq(reviewSubscriptionTable.staffAccountId, staffAccountId), eq(reviewSubscriptionTable.kind, kind)),
    );
}

export function subscriptionsOfStaff(db: DbHandle, staffAccountId: string): Promise<ReviewSubscriptionRow[]> {
  return db
    .select()
    .from(reviewSubscriptionTable)
    .where(eq(reviewSubscriptionTable.staffAccountId, staffAccountId))
    .orderBy(asc(reviewSubscriptionTable.kind));
}

export function subscriptionsOfKinds(
  db: DbHandle,
  kinds: readonly ReviewKind[],
): Promise<ReviewSubscriptionRow[]> {
  return db
    .select()
    .from(reviewSubscriptionTable)
    .where(inArray(reviewSubscriptionTable.kind, [...kinds]))
    .orderBy(asc(reviewSubscriptionTable.createdAt), asc(reviewSubscriptionTable.staffAccountId));
}
