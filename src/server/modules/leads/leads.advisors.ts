import { and, asc, eq, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import type { TAdvisor, TUpsertAdvisorRequest } from './leads.advisors.contract.js';
import type { AdvisorAvailability } from './leads.advisors.enums.js';
import { type LeadAdvisorRow, leadAdvisorTable } from './leads.advisors.schema.js';

// The advisor roster: who answers consultations, owns leads and hosts test drives, and the one routing rule
// consultations, lead assignment and test drives share (pickAdvisor).

export function toAdvisor(row: LeadAdvisorRow): TAdvisor {
  return {
    accountId: row.accountId,
    displayName: row.displayName,
    dealerId: row.dealerId,
    storeId: row.storeId,
    cityCode: row.cityCode,
    brandIds: row.brandIds,
    managerAccountId: row.managerAccountId,
    availability: row.availability,
    maxConversations: row.maxConversations,
    lastAssignedAt: row.lastAssignedAt?.toISOString() ?? null,
  };
}

/** Where the thing being routed belongs: a vehicle's dealer and store, the buyer's city, the brand. */
export interface RoutingTarget {
  readonly dealerId?: string | null;
  readonly storeId?: string | null;
  readonly cityCode?: string | null;
  readonly brandId?: string | null;
}

export interface PickOptions {
  /** Only advisors who are `online` now (consultations); lead assignment also takes `busy` ones. */
  readonly onlineOnly: boolean;
  /** Advisors to pass over (e.g. at their conversation limit, or the one a conversation is moving from). */
  readonly exclude?: readonly string[];
  readonly at: Date;
}

/** A brand the advisor sells: their list covers it, or their list is empty (every brand). */
function sellsBrand(brandId: string): SQL {
  return sql`(${leadAdvisorTable.brandIds} = '[]'::jsonb or ${leadAdvisorTable.brandIds} ? ${brandId})`;
}

/**
 * The routing tiers, most specific first: the vehicle's store, then its dealer, then advisors of the city
 * who sell the brand, then the platform's own advisors (who cover the city or everywhere).
 */
function routingTiers(target: RoutingTarget): SQL[] {
  const tiers: SQL[] = [];
  if (target.storeId) tiers.push(eq(leadAdvisorTable.storeId, target.storeId));
  if (target.dealerId) tiers.push(eq(leadAdvisorTable.dealerId, target.dealerId));
  if (target.cityCode) {
    const inCity = eq(leadAdvisorTable.cityCode, target.cityCode);
    tiers.push(target.brandId ? (and(inCity, sellsBrand(target.brandId)) as SQL) : inCity);
  }
  const platform = isNull(leadAdvisorTable.dealerId);
  const cityOk = target.cityCode
    ? or(isNull(leadAdvisorTable.cityCode), eq(leadAdvisorTable.cityCode, target.cityCode))
    : sql`true`;
  tiers.push(and(platform, cityOk, target.brandId ? sellsBrand(target.brandId) : sql`true`) as SQL);
  return tiers;
}

/**
 * Picks the advisor for a target, round-robin within the first tier that has one, and stamps them as
 * picked. Concurrent picks skip each other's locked rows, so two conversations opened at once go to two
 * advisors when two are free. Returns null when nobody fits (the caller queues or hands to the bot).
 */
export async function pickAdvisor(
  tx: Tx,
  target: RoutingTarget,
  options: PickOptions,
): Promise<TAdvisor | null> {
  const available = options.onlineOnly
    ? eq(leadAdvisorTable.availability, 'online')
    : inArray(leadAdvisorTable.availability, ['online', 'busy']);
  const notExcluded =
    options.exclude && options.exclude.length > 0
      ? notInArray(leadAdvisorTable.accountId, [...options.exclude])
      : sql`true`;
  for (const tier of routingTiers(target)) {
    const [row] = await tx
      .select()
      .from(leadAdvisorTable)
      .where(and(tier, available, notExcluded))
      .orderBy(sql`${leadAdvisorTable.lastAssignedAt} asc nulls first`, asc(leadAdvisorTable.accountId))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!row) continue;
    const [picked] = await tx
      .update(leadAdvisorTable)
      .set({ lastAssignedAt: options.at })
      .where(eq(leadAdvisorTable.accountId, row.accountId))
      .returning();
    return toAdvisor(picked ?? row);
  }
  return null;
}

/** Advisors a staff member may see: a dealer's own, or everyone for platform staff. */
export async function listAdvisors(db: DbHandle, mutation: Mutation): Promise<TAdvisor[]> {
  const actor = staffOf(mutation);
  const rows = await db
    .select()
    .from(leadAdvisorTable)
    .where(actor.dealerId ? eq(leadAdvisorTable.dealerId, actor.dealerId) : sql`true`)
    .orderBy(asc(leadAdvisorTable.displayName), asc(leadAdvisorTable.accountId));
  return rows.map(toAdvisor);
}

export async function findAdvisor(db: DbHandle, accountId: string): Promise<TAdvisor | null> {
  const [row] = await db.select().from(leadAdvisorTable).where(eq(leadAdvisorTable.accountId, accountId));
  return row ? toAdvisor(row) : null;
}

/** The signed-in staff member's advisor profile; ADVISOR_NOT_FOUND when they are not an advisor. */
export async function myAdvisorProfile(db: DbHandle, mutation: Mutation): Promise<TAdvisor> {
  const advisor = await findAdvisor(db, staffOf(mutation).accountId);
  if (!advisor) throw new AppError('ADVISOR_NOT_FOUND');
  return advisor;
}

/** An advisor goes online, busy or offline (their own switch in the workspace). */
export function setMyAvailability(
  db: DbHandle,
  availability: AdvisorAvailability,
  mutation: Mutation,
): Promise<TAdvisor> {
  const accountId = staffOf(mutation).accountId;
  return withTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(leadAdvisorTable)
      .where(eq(leadAdvisorTable.accountId, accountId))
      .for('update');
    if (!before) throw new AppError('ADVISOR_NOT_FOUND');
    const [after] = await tx
      .update(leadAdvisorTable)
      .set({ availability, updatedAt: mutation.at })
      .where(eq(leadAdvisorTable.accountId, accountId))
      .returning();
    await audit(tx, mutation, {
      action: 'lead_advisor.availability',
      entityType: 'lead_advisor',
      entityId: accountId,
      before: { availability: before.availability },
      after: { availability },
    });
    return toAdvisor(after ?? before);
  });
}

/**
 * Console: makes a staff account an advisor or changes their profile. Dealer staff may only manage their
 * own dealer's advisors, and only within their dealer.
 */
export function upsertAdvisor(
  db: DbHandle,
  accountId: string,
  input: TUpsertAdvisorRequest,
  mutation: Mutation,
): Promise<TAdvisor> {
  const actor = staffOf(mutation);
  if (actor.dealerId && input.dealerId !== actor.dealerId) throw new AppError('ADVISOR_NOT_FOUND');
  return withTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(leadAdvisorTable)
      .where(eq(leadAdvisorTable.accountId, accountId))
      .for('update');
    if (before && actor.dealerId && before.dealerId !== actor.dealerId)
      throw new AppError('ADVISOR_NOT_FOUND');
    const values = { ...input, updatedAt: mutation.at };
    const [after] = before
      ? await tx
          .update(leadAdvisorTable)
          .set(values)
          .where(eq(leadAdvisorTable.accountId, accountId))
          .returning()
      : await tx
          .insert(leadAdvisorTable)
          .values({ accountId, availability: 'offline', ...values })
          .returning();
    if (!after) throw new AppError('ADVISOR_NOT_FOUND');
    await audit(tx, mutation, {
      action: before ? 'lead_advisor.update' : 'lead_advisor.create',
      entityType: 'lead_advisor',
      entityId: accountId,
      ...(before ? { before } : {}),
      after,
    });
    return toAdvisor(after);
  });
}
