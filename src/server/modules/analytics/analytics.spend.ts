import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import {
  type AnalyticsMarketingSpendRow,
  analyticsMarketingSpendTable as spend,
} from './analytics.metrics.schema.js';
import type {
  TCreateMarketingSpendRequest,
  TMarketingSpend,
  TMarketingSpendListQuery,
} from './analytics.spend.contract.js';

// Marketing spend entered by marketing staff per channel and period. Platform-wide: spend is not attributed to
// a city, brand or dealer, so CAC and ROI exist only without those filters (docs/metrics.md).

const DAY_MS = 86_400_000;

function toSpend(row: AnalyticsMarketingSpendRow): TMarketingSpend {
  return {
    id: row.id,
    channel: row.channel,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    amountFen: row.amountFen,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createMarketingSpend(
  db: DbHandle,
  input: TCreateMarketingSpendRequest,
  mutation: Mutation,
): Promise<TMarketingSpend> {
  return withTransaction(db, async (tx) => {
    const actor = mutation.actor;
    const [row] = await tx
      .insert(spend)
      .values({
        id: newId('msp'),
        channel: input.channel,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        amountFen: input.amountFen,
        note: input.note,
        createdBy: actor?.kind === 'staff' ? actor.accountId : 'system',
        createdAt: mutation.at,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await audit(tx, mutation, {
      action: 'marketing_spend.create',
      entityType: 'marketing_spend',
      entityId: row.id,
      after: input,
    });
    return toSpend(row);
  });
}

const ZCursor = z.object({ s: z.string(), id: z.string() });

export async function listMarketingSpend(
  db: DbHandle,
  q: TMarketingSpendListQuery,
): Promise<{ items: TMarketingSpend[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, ZCursor);
  const found = await db
    .select()
    .from(spend)
    .where(
      and(
        q.to ? lte(spend.periodStart, q.to) : undefined,
        q.from ? gte(spend.periodEnd, q.from) : undefined,
        q.channel ? eq(spend.channel, q.channel) : undefined,
        after ? sql`(${spend.periodStart}, ${spend.id}) < (${after.s}::date, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(spend.periodStart), desc(spend.id))
    .limit(q.limit + 1);
  return toPage(found, q.limit, toSpend, (r) => ({ s: r.periodStart, id: r.id }));
}

export async function deleteMarketingSpend(db: DbHandle, id: string, mutation: Mutation): Promise<void> {
  await withTransaction(db, async (tx) => {
    const [row] = await tx.delete(spend).where(eq(spend.id, id)).returning();
    if (!row) throw new AppError('ANALYTICS_SPEND_NOT_FOUND');
    await audit(tx, mutation, {
      action: 'marketing_spend.delete',
      entityType: 'marketing_spend',
      entityId: id,
      before: toSpend(row),
    });
  });
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * Spend per channel attributed to [from, to]: each entry spread evenly over its period's days, the share of the
 * days inside the range counted (rounded half-up to the fen per entry).
 */
export async function spendByChannel(db: DbHandle, from: string, to: string): Promise<Map<string, number>> {
  const found = await db
    .select()
    .from(spend)
    .where(and(lte(spend.periodStart, to), gte(spend.periodEnd, from)));
  const out = new Map<string, number>();
  for (const r of found) {
    const days = dayNumber(r.periodEnd) - dayNumber(r.periodStart) + 1;
    const inside =
      Math.min(dayNumber(r.periodEnd), dayNumber(to)) -
      Math.max(dayNumber(r.periodStart), dayNumber(from)) +
      1;
    if (inside <= 0) continue;
    const share = Math.floor((r.amountFen * inside * 2 + days) / (2 * days));
    out.set(r.channel, (out.get(r.channel) ?? 0) + share);
  }
  return out;
}
