import { sql } from 'drizzle-orm';
import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { type Fen, formatCny } from '../../kernel/money.js';
import { actorOf, type Mutation, systemMutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { buyerContact } from '../crm/index.js';
import { holdListingForReview, listingPricingFacts } from '../listings/index.js';
import type { TPriceAlertState, TPriceHistory } from './pricing.contract.js';
import { PricingEvents } from './pricing.events.js';
import * as repo from './pricing.repository.js';
import { ruleLookup } from './pricing.rules.js';
import { ruleVersions } from './pricing.service.js';

// Price history of listings, price-drop alerts for buyers, and abnormal moves sent to review.

const DAY_MS = 24 * 3600_000;

/**
 * Records the listing's price if it changed since the last point (called for every listing change event;
 * a redelivered event finds the price already recorded and does nothing). A drop notifies the buyers
 * waiting for one, by SMS and in-app, in the same transaction (through the job outbox).
 */
export async function recordListingPrice(ctx: AppContext, listingId: string, at: Date): Promise<void> {
  const db = ctx.database.db;
  const facts = await listingPricingFacts(db, listingId);
  if (!facts || facts.status === 'draft') return;
  const versions = await ruleVersions(ctx);
  await withTransaction(db, async (tx) => {
    await tx.execute(lockListingPrices(listingId));
    const last = await repo.lastPrice(tx, listingId);
    if (last?.priceFen === facts.priceFen) return;
    await repo.insertPricePoint(tx, {
      id: newId('prh'),
      listingId,
      priceFen: facts.priceFen,
      previousFen: last?.priceFen ?? null,
      changedAt: at,
    });
    if (last) {
      await publish(
        tx,
        PricingEvents.listingPriceChanged,
        listingId,
        { listingId, priceFen: facts.priceFen, previousFen: last.priceFen },
        at,
      );
    }
    // Against each buyer's own reference price: a listing's first recorded point can be a drop for them too.
    for (const alert of await repo.takeFiredAlerts(tx, listingId, facts.priceFen)) {
      const contact = await buyerContact(tx, ctx, alert.buyerId);
      if (!contact) continue;
      await notify(tx, {
        recipient: { kind: 'buyer', id: alert.buyerId, phone: contact.phone },
        templateKey: 'pricing.price_drop',
        params: {
          title: facts.title,
          oldPrice: formatCny(alert.referenceFen),
          newPrice: formatCny(facts.priceFen),
        },
        channels: ['in_app', 'sms'],
        link: `/vehicles/${listingId}`,
        at,
        dedupKey: `price_drop:${alert.id}:${facts.priceFen}`,
      });
    }
    if (!last) return;
    // Abnormal move: against the price 24 hours ago (the last point before the window, or the first inside it).
    const review = ruleLookup(versions, facts.cityCode, shanghaiDay(at))('price_move_review');
    if (!review) return;
    const baseline = await baselinePrice(tx, listingId, new Date(at.getTime() - DAY_MS));
    if (baseline === null || baseline === 0) return;
    const moved = Math.abs(facts.priceFen - baseline) * 10_000;
    if (moved > baseline * review.params.shareBp) {
      await publish(
        tx,
        PricingEvents.abnormalPriceMove,
        listingId,
        { listingId, priceFen: facts.priceFen, baselineFen: baseline, shareBp: review.params.shareBp },
        at,
      );
      const percent = Math.round(moved / baseline / 100);
      await holdListingForReview(tx, listingId, `价格24小时内变动${percent}%，需复核`, systemMutation(at));
    }
  });
}

/** Serialises two recordings of one listing (two change events delivered at once). */
function lockListingPrices(listingId: string) {
  return sql`select pg_advisory_xact_lock(hashtext(${`pricing:history:${listingId}`}))`;
}

async function baselinePrice(db: DbHandle, listingId: string, since: Date): Promise<Fen | null> {
  const points = await repo.priceHistory(db, listingId, 10_000);
  const before = points.filter((p) => p.changedAt < since).at(-1);
  if (before) return before.priceFen;
  return points[0]?.previousFen ?? points[0]?.priceFen ?? null;
}

export async function listingPriceHistory(db: DbHandle, listingId: string): Promise<TPriceHistory> {
  const facts = await listingPricingFacts(db, listingId);
  if (!facts || facts.status === 'draft') throw new AppError('PRICING_LISTING_NOT_FOUND');
  const points = await repo.priceHistory(db, listingId, 500);
  return {
    listingId,
    currentFen: facts.priceFen,
    points: points.map((p) => ({ priceFen: p.priceFen, at: p.changedAt.toISOString() })),
  };
}

export async function subscribePriceAlert(
  db: DbHandle,
  listingId: string,
  mutation: Mutation,
): Promise<TPriceAlertState> {
  const actor = actorOf(mutation);
  if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
  const facts = await listingPricingFacts(db, listingId);
  if (facts?.status !== 'listed') throw new AppError('PRICING_LISTING_NOT_FOUND');
  await withTransaction(db, async (tx) => {
    await repo.upsertPriceAlert(tx, {
      id: newId('pal'),
      listingId,
      buyerId: actor.buyerId,
      referenceFen: facts.priceFen,
      createdAt: mutation.at,
    });
    await publish(
      tx,
      PricingEvents.priceAlertSubscribed,
      listingId,
      { listingId, buyerId: actor.buyerId, referenceFen: facts.priceFen },
      mutation.at,
    );
  });
  return priceAlertState(db, listingId, mutation);
}

export async function unsubscribePriceAlert(
  db: DbHandle,
  listingId: string,
  mutation: Mutation,
): Promise<TPriceAlertState> {
  const actor = actorOf(mutation);
  if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
  await repo.deletePriceAlert(db, listingId, actor.buyerId);
  return { listingId, subscribed: false, referenceFen: null };
}

export async function priceAlertState(
  db: DbHandle,
  listingId: string,
  mutation: Mutation,
): Promise<TPriceAlertState> {
  const actor = actorOf(mutation);
  if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
  const row = await repo.findPriceAlert(db, listingId, actor.buyerId);
  return { listingId, subscribed: Boolean(row), referenceFen: row?.referenceFen ?? null };
}
