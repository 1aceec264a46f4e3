import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { quoteLoan } from '../finance/index.js';
import type {
  TCreateRuleVersionRequest,
  TLandedPriceRequest,
  TLandedPriceResponse,
  TQuote,
  TQuotePreview,
  TQuoteRequest,
  TRuleVersion,
} from './pricing.contract.js';
import { PricingEvents } from './pricing.events.js';
import { cachedQuoteFacts, type QuoteFacts, readQuoteFacts } from './pricing.facts-cache.js';
import {
  computeLandedPrice,
  DEFAULT_INSURANCE,
  isNewEnergy,
  type LandedPrice,
  type LandedPriceInput,
  MissingRuleError,
  NO_SERVICES,
} from './pricing.landed.js';
import { toQuote, toRuleVersion, toRuleVersionDto } from './pricing.mappers.js';
import * as repo from './pricing.repository.js';
import { INITIAL_RULE_VERSIONS } from './pricing.rule-data.js';
import { RULE_PARAMS, type RuleVersion, ruleLookup } from './pricing.rules.js';
import type { QuoteRow } from './pricing.schema.js';

// Landed prices, stored quotes and the rule versions behind them.

const CHANNEL = 'pricing.rules';

/** Every rule version, per app context; dropped here on save and in other processes via the cache bus. */
const ruleCache = new WeakMap<
  AppContext,
  { versions: Promise<RuleVersion[]> | null; unsubscribe: () => void }
>();

function cacheOf(ctx: AppContext) {
  let entry = ruleCache.get(ctx);
  if (!entry) {
    const created: { versions: Promise<RuleVersion[]> | null; unsubscribe: () => void } = {
      versions: null,
      unsubscribe: () => {},
    };
    created.unsubscribe = ctx.cacheBus.subscribe(CHANNEL, () => {
      created.versions = null;
    });
    ruleCache.set(ctx, created);
    entry = created;
  }
  return entry;
}

export async function ruleVersions(ctx: AppContext): Promise<RuleVersion[]> {
  const entry = cacheOf(ctx);
  if (!entry.versions) {
    const loading = loadRuleVersions(ctx).then((rows) => rows.map(toRuleVersion));
    entry.versions = loading;
    loading.catch(() => {
      if (entry.versions === loading) entry.versions = null;
    });
  }
  return entry.versions;
}

export function releasePricingCache(ctx: AppContext): void {
  ruleCache.get(ctx)?.unsubscribe();
  ruleCache.delete(ctx);
}

function compute(
  versions: RuleVersion[],
  cityCode: string,
  input: LandedPriceInput,
  lang: Mutation['lang'],
): LandedPrice {
  try {
    return computeLandedPrice(input, ruleLookup(versions, cityCode, input.date), lang);
  } catch (err) {
    if (err instanceof MissingRuleError) {
      throw new AppError('PRICING_RULE_NOT_IN_EFFECT', { rule: err.code, date: input.date });
    }
    throw err;
  }
}

/** The public calculator: any car, computed and answered, nothing stored. */
export async function landedPrice(
  ctx: AppContext,
  req: TLandedPriceRequest,
  lang: Mutation['lang'],
  now: Date,
): Promise<TLandedPriceResponse> {
  const date = req.date ?? shanghaiDay(now);
  const result = compute(
    await ruleVersions(ctx),
    req.cityCode,
    {
      priceFen: req.priceFen,
      energy: req.energy,
      seats: req.seats,
      displacementMl: req.displacementMl,
      used: req.used,
      exemptionCatalogue: req.exemptionCatalogue ?? isNewEnergy(req.energy),
      insurance: req.insurance ?? DEFAULT_INSURANCE,
      services: req.services ?? NO_SERVICES,
      tradeIn: req.tradeIn,
      date,
    },
    lang,
  );
  return { ...result, date, cityCode: req.cityCode };
}

const USED_MIN_DOWN_BP = 3000;
const USED_MAX_TERM = 36;

/**
 * A landed-price quote for a listing in a city, full payment or loan, computed and not stored: what the
 * vehicle page shows while the buyer changes choices (reads only: the listing, its trim, the cached rules).
 */
export async function previewListingQuote(
  ctx: AppContext,
  req: TQuoteRequest,
  mutation: Mutation,
): Promise<TQuotePreview> {
  const facts = await cachedQuoteFacts(ctx, req.listingId);
  const row = await computeListingQuote(ctx, facts, req, mutation);
  const { id: _id, createdAt: _createdAt, ...preview } = toQuote(row);
  return preview;
}

/** A stored quote for a listing in a city, full payment or loan, naming every rule version it used. */
export async function quoteListing(ctx: AppContext, req: TQuoteRequest, mutation: Mutation): Promise<TQuote> {
  const row = await computeListingQuote(ctx, await readQuoteFacts(ctx, req.listingId), req, mutation);
  await withTransaction(ctx.database.db, (tx) => storeQuote(tx, row, mutation));
  return toQuote(row);
}

/** A quote computed and not yet stored (checkout stores it in its own transaction). */
export interface PendingQuote {
  readonly row: QuoteRow;
}

/**
 * The quote checkout stores when the buyer brought none, computed from the cached facts before the checkout's
 * transaction opens (the order then compares it with the listing it reads there, so a price changed a moment
 * ago answers ORDER_QUOTE_INVALID rather than selling at the old price).
 */
export async function computeCheckoutQuote(
  ctx: AppContext,
  req: TQuoteRequest,
  mutation: Mutation,
): Promise<PendingQuote> {
  return { row: await computeListingQuote(ctx, await cachedQuoteFacts(ctx, req.listingId), req, mutation) };
}

/** Stores a computed quote inside the caller's transaction: it goes with it when the car is taken. */
export async function storeCheckoutQuote(
  tx: DbHandle,
  quote: PendingQuote,
  mutation: Mutation,
): Promise<TQuote> {
  await storeQuote(tx, quote.row, mutation);
  return toQuote(quote.row);
}

async function storeQuote(tx: DbHandle, row: QuoteRow, mutation: Mutation): Promise<void> {
  await repo.insertQuote(tx, row);
  await publish(
    tx,
    PricingEvents.quoteCreated,
    row.id,
    { quoteId: row.id, listingId: row.listingId, mode: row.mode },
    mutation.at,
  );
}

async function computeListingQuote(
  ctx: AppContext,
  facts: QuoteFacts | undefined,
  req: TQuoteRequest,
  mutation: Mutation,
): Promise<QuoteRow> {
  if (facts?.listing.status !== 'listed') throw new AppError('PRICING_LISTING_NOT_FOUND');
  const { listing, trim } = facts;
  const cityCode = req.cityCode ?? listing.cityCode;
  const date = shanghaiDay(mutation.at);
  const used = listing.kind === 'used';
  const input: LandedPriceInput = {
    priceFen: listing.priceFen,
    energy: trim.energyType,
    seats: trim.seats,
    displacementMl: trim.displacementMl,
    electricRangeKm: trim.electricRangeKm,
    used,
    exemptionCatalogue: trim.nevTaxExempt,
    insurance: req.insurance ?? DEFAULT_INSURANCE,
    services: req.services ?? NO_SERVICES,
    tradeIn: req.tradeIn,
    date,
  };
  const result = compute(await ruleVersions(ctx), cityCode, input, mutation.lang);
  const loan = req.loan ? loanSummary(req.loan, listing.priceFen, used, result.totalFen) : null;
  return {
    id: newId('quo'),
    listingId: listing.id,
    accountId: mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : null,
    cityCode,
    quoteDate: date,
    mode: loan ? 'loan' : 'full',
    input: { ...input, loan: req.loan ?? null },
    lines: result.lines as unknown as Record<string, unknown>[],
    loan,
    totalFen: result.totalFen,
    ruleRefs: result.lines.map((l) => ({ id: l.rule.id, version: l.rule.version })),
    createdAt: mutation.at,
  };
}

function loanSummary(
  loan: NonNullable<TQuoteRequest['loan']>,
  priceFen: number,
  used: boolean,
  landedTotalFen: number,
): NonNullable<TQuote['loan']> {
  const down = loan.downPaymentFen ?? Math.round((priceFen * (loan.downPaymentBp ?? 0)) / 10_000);
  if (used && down * 10_000 < priceFen * USED_MIN_DOWN_BP) throw new AppError('LOAN_DOWN_PAYMENT_TOO_LOW');
  if (used && loan.termMonths > USED_MAX_TERM) throw new AppError('LOAN_TERM_TOO_LONG');
  if (down >= priceFen) throw new AppError('LOAN_DOWN_PAYMENT_TOO_HIGH');
  const principalFen = priceFen - down;
  const plan = quoteLoan({
    principalFen,
    termMonths: loan.termMonths,
    method: loan.method,
    annualRateBp: loan.annualRateBp,
    flatRateBp: loan.flatRateBp,
    feesFen: loan.feesFen,
  });
  return {
    downPaymentFen: down,
    principalFen,
    termMonths: loan.termMonths,
    method: loan.method,
    firstPaymentFen: plan.firstPaymentFen,
    lastPaymentFen: plan.lastPaymentFen,
    totalInterestFen: plan.totalInterestFen,
    feesFen: loan.feesFen,
    aprBp: plan.aprBp,
    upfrontFen: down + (landedTotalFen - priceFen) + loan.feesFen,
    totalCostFen: landedTotalFen + plan.totalInterestFen + loan.feesFen,
  };
}

export async function getQuote(db: DbHandle, id: string): Promise<TQuote> {
  const row = await repo.findQuote(db, id);
  if (!row) throw new AppError('PRICING_QUOTE_NOT_FOUND');
  return toQuote(row);
}

// ---- rule versions ----

export async function listRuleVersionDtos(ctx: AppContext, now: Date): Promise<TRuleVersion[]> {
  await ruleVersions(ctx);
  const rows = await repo.listRuleVersions(ctx.database.db);
  const today = shanghaiDay(now);
  // Current = the latest version of its code and scope that has started.
  const current = new Map<string, string>();
  for (const row of rows) {
    if (row.effectiveFrom > today) continue;
    const key = `${row.code}|${row.scope}`;
    const seen = rows.find((r) => r.id === current.get(key));
    if (
      !seen ||
      row.effectiveFrom > seen.effectiveFrom ||
      (row.effectiveFrom === seen.effectiveFrom && row.version > seen.version)
    )
      current.set(key, row.id);
  }
  const currentIds = new Set(current.values());
  return rows.map((row) => toRuleVersionDto(row, currentIds.has(row.id)));
}

/** A new version of a rule from a date (today or later); audited; other processes drop their rule cache. */
export async function createRuleVersion(
  ctx: AppContext,
  input: TCreateRuleVersionRequest,
  mutation: Mutation,
): Promise<TRuleVersion> {
  const parsed = RULE_PARAMS[input.code].safeParse(input.params);
  if (!parsed.success) {
    throw new AppError('PRICING_RULE_PARAMS_INVALID', {
      fields: parsed.error.issues.map((i) => ({
        path: ['params', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    });
  }
  if (input.effectiveFrom < shanghaiDay(mutation.at)) throw new AppError('PRICING_RULE_DATE_PAST');
  const row = await withTransaction(ctx.database.db, async (tx) => {
    const version = await repo.nextVersion(tx, input.code, input.scope);
    const created = {
      id: newId('prv'),
      code: input.code,
      scope: input.scope,
      version,
      effectiveFrom: input.effectiveFrom,
      params: parsed.data as Record<string, unknown>,
      descriptionZh: input.descriptionZh,
      descriptionEn: input.descriptionEn,
      createdBy: mutation.actor?.kind === 'staff' ? mutation.actor.accountId : null,
      createdAt: mutation.at,
    };
    await repo.insertRuleVersion(tx, created);
    await audit(tx, mutation, {
      action: 'pricing.rule_version.create',
      entityType: 'pricing_rule',
      entityId: created.id,
      after: created,
    });
    await publish(
      tx,
      PricingEvents.ruleVersionCreated,
      created.id,
      {
        ruleVersionId: created.id,
        code: created.code,
        scope: created.scope,
        effectiveFrom: created.effectiveFrom,
      },
      mutation.at,
    );
    await ctx.cacheBus.publish(CHANNEL, 'changed', tx);
    return created;
  });
  cacheOf(ctx).versions = null;
  return toRuleVersionDto(row, row.effectiveFrom <= shanghaiDay(mutation.at));
}

/**
 * Every saved version; a database without any first gets the versions in force when it was created (law,
 * not demo data: production too). Concurrent first loads insert the same (code, scope, version) rows once.
 */
async function loadRuleVersions(ctx: AppContext) {
  const rows = await repo.listRuleVersions(ctx.database.db);
  if (rows.length > 0) return rows;
  await repo.insertRuleVersionsIfMissing(ctx.database.db, initialRuleVersionRows(new Date()));
  return repo.listRuleVersions(ctx.database.db);
}

function initialRuleVersionRows(at: Date) {
  return INITIAL_RULE_VERSIONS.map((v) => {
    const same = INITIAL_RULE_VERSIONS.filter((w) => w.code === v.code && w.scope === v.scope);
    return {
      id: newId('prv'),
      code: v.code,
      scope: v.scope,
      version: same.indexOf(v) + 1,
      effectiveFrom: v.effectiveFrom,
      params: v.params as Record<string, unknown>,
      descriptionZh: v.description.zh,
      descriptionEn: v.description.en,
      createdBy: null,
      createdAt: at,
    };
  });
}

/** Seeds the rule versions a new database starts with (idempotent: existing versions are kept). */
export async function seedRuleVersions(ctx: AppContext, at: Date): Promise<void> {
  if ((await repo.insertRuleVersionsIfMissing(ctx.database.db, initialRuleVersionRows(at))) > 0) {
    cacheOf(ctx).versions = null;
  }
}
