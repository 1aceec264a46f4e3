import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { trimPricingFacts } from '../catalog/index.js';
import { listingPricingFacts, listingsForSearchIndex } from '../listings/index.js';
import { askInsurers, insurerConnections, SANDBOX_VALID_DAYS } from './insurance.adapters.js';
import type {
  TChooseRequest,
  TCreateQuoteRequest,
  TInsuranceChoice,
  TInsuranceQuote,
} from './insurance.contract.js';
import { InsuranceEvents } from './insurance.events.js';
import { toChoice, toQuote } from './insurance.mappers.js';
import type { VehicleFacts } from './insurance.premiums.js';
import * as repo from './insurance.repository.js';
import type { ChoiceRow, PlanRow, QuoteRow } from './insurance.schema.js';

// Insurance quotes (every active insurer asked at once, outside any transaction) and the plan a buyer picks.

function buyerIdOf(mutation: Mutation): string | null {
  return mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : null;
}

/** The facts an insurer prices a listing from: its price, the trim's energy and seats, the used unit's age. */
async function listingVehicle(
  db: DbHandle,
  listingId: string,
  cityCode: string | undefined,
): Promise<VehicleFacts> {
  const listing = await listingPricingFacts(db, listingId);
  if (listing?.status !== 'listed') throw new AppError('INSURANCE_LISTING_NOT_FOUND');
  const trim = await trimPricingFacts(db, listing.trimId);
  const used = listing.kind === 'used';
  let firstRegistrationYear: number | null = null;
  if (used) {
    const [facts] = await listingsForSearchIndex(db, [listing.id]);
    const date = facts?.firstRegistrationDate;
    firstRegistrationYear = date ? Number(date.slice(0, 4)) : null;
  }
  return {
    valueFen: listing.priceFen,
    energy: trim.energyType,
    seats: trim.seats,
    cityCode: cityCode ?? listing.cityCode,
    used,
    firstRegistrationYear,
    // Nobody has told us the car's accident record: no 交强险 discount is assumed.
    accidentFreeYears: 0,
  };
}

/**
 * Asks every active insurer for a plan (at once, each with its timeout) and stores the quote with each
 * insurer's answer: a plan, or why there is none. INSURANCE_NO_PLAN when none answered.
 */
export async function createQuote(
  ctx: AppContext,
  req: TCreateQuoteRequest,
  mutation: Mutation,
): Promise<TInsuranceQuote> {
  const db = ctx.database.db;
  const now = mutation.at;
  let vehicle: VehicleFacts;
  if (req.listingId !== undefined) {
    vehicle = await listingVehicle(db, req.listingId, req.cityCode);
  } else if (req.vehicle) {
    const v = req.vehicle;
    if (v.used && v.firstRegistrationYear !== undefined) {
      if (v.firstRegistrationYear > Number(shanghaiDay(now).slice(0, 4)))
        throw new AppError('INSURANCE_REGISTRATION_IN_FUTURE');
    }
    vehicle = {
      valueFen: v.priceFen,
      energy: v.energy,
      seats: v.seats,
      cityCode: v.cityCode,
      used: v.used,
      firstRegistrationYear: v.used ? (v.firstRegistrationYear ?? null) : null,
      accidentFreeYears: v.used ? v.accidentFreeYears : 0,
    };
  } else {
    // The contract refuses a request with neither; kept for the type checker.
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'vehicle', message: 'required' }] });
  }

  const insurers = (await repo.listInsurers(db)).filter((i) => i.status === 'active');
  // Calls to partners happen before the transaction: a slow insurer never holds a connection or a lock.
  const outcomes = await askInsurers(
    insurerConnections(ctx),
    insurers.map((i) => i.code),
    vehicle,
    req.coverages,
    now,
  );
  const quoteId = newId('isq');
  const plans: PlanRow[] = insurers.map((insurer) => {
    const outcome = outcomes.get(insurer.code);
    const base = {
      quoteId,
      insurerCode: insurer.code,
      insurerNameZh: insurer.nameZh,
      insurerNameEn: insurer.nameEn,
      displayOrder: insurer.displayOrder,
    };
    if (outcome?.status !== 'quoted') {
      return {
        ...base,
        status: outcome?.status ?? 'unavailable',
        lines: [],
        totalFen: null,
        insurerRef: null,
        validUntil: null,
        sandbox: false,
        failureReason: outcome && 'reason' in outcome ? outcome.reason.slice(0, 500) : 'not asked',
      };
    }
    return {
      ...base,
      status: 'quoted',
      lines: outcome.answer.lines,
      totalFen: outcome.answer.totalFen,
      insurerRef: outcome.answer.insurerRef,
      validUntil: outcome.answer.validUntil,
      sandbox: outcome.sandbox,
      failureReason: null,
    };
  });
  const quoted = plans.filter((p) => p.status === 'quoted');
  if (quoted.length === 0) throw new AppError('INSURANCE_NO_PLAN');

  // The quote holds while its longest-lived plan does; each plan keeps its own end.
  const validUntil = new Date(
    Math.max(
      ...quoted.map((p) => p.validUntil?.getTime() ?? now.getTime() + SANDBOX_VALID_DAYS * 86_400_000),
    ),
  );
  const quote: QuoteRow = {
    id: quoteId,
    buyerId: buyerIdOf(mutation),
    listingId: req.listingId ?? null,
    valueFen: vehicle.valueFen,
    energy: vehicle.energy,
    seats: vehicle.seats,
    cityCode: vehicle.cityCode,
    used: vehicle.used,
    firstRegistrationYear: vehicle.firstRegistrationYear,
    accidentFreeYears: vehicle.accidentFreeYears,
    coverages: req.coverages,
    createdAt: now,
    validUntil,
  };
  await withTransaction(db, async (tx) => {
    await repo.insertQuote(tx, quote, plans);
    await publish(
      tx,
      InsuranceEvents.quoteCreated,
      quote.id,
      {
        quoteId: quote.id,
        listingId: quote.listingId,
        quoted: quoted.length,
        missing: plans.length - quoted.length,
      },
      now,
    );
  });
  return toQuote(quote, plans);
}

/** A stored quote; one made by a signed-in buyer is shown to that buyer only. */
export async function getQuote(db: DbHandle, id: string, mutation: Mutation): Promise<TInsuranceQuote> {
  const found = await repo.findQuote(db, id);
  if (!found) throw new AppError('INSURANCE_QUOTE_NOT_FOUND');
  if (found.quote.buyerId !== null && found.quote.buyerId !== buyerIdOf(mutation))
    throw new AppError('INSURANCE_QUOTE_NOT_FOUND');
  return toQuote(found.quote, found.plans);
}

/**
 * Stores the buyer's pick of one insurer's plan, copying its coverages, lines and total. Idempotent: picking
 * the same plan again answers the first choice (`created: false`), even when two requests race.
 */
export async function choosePlan(
  db: DbHandle,
  req: TChooseRequest,
  mutation: Mutation,
): Promise<{ choice: TInsuranceChoice; created: boolean }> {
  const buyerId = buyerIdOf(mutation);
  if (!buyerId) throw new AppError('UNAUTHENTICATED');
  return withTransaction(db, async (tx) => {
    const existing = await repo.findChoiceOfPlan(tx, buyerId, req.quoteId, req.insurerCode);
    if (existing) return { choice: toChoice(existing), created: false };
    const found = await repo.findQuote(tx, req.quoteId);
    if (!found || (found.quote.buyerId !== null && found.quote.buyerId !== buyerId))
      throw new AppError('INSURANCE_QUOTE_NOT_FOUND');
    const plan = found.plans.find((p) => p.insurerCode === req.insurerCode);
    if (plan?.status !== 'quoted' || plan.totalFen === null)
      throw new AppError('INSURANCE_PLAN_NOT_AVAILABLE');
    if ((plan.validUntil ?? found.quote.validUntil).getTime() <= mutation.at.getTime())
      throw new AppError('INSURANCE_QUOTE_EXPIRED');
    const row: ChoiceRow = {
      id: newId('isc'),
      buyerId,
      quoteId: found.quote.id,
      insurerCode: plan.insurerCode,
      coverages: found.quote.coverages,
      lines: plan.lines,
      totalFen: plan.totalFen,
      chosenAt: mutation.at,
    };
    if (!(await repo.insertChoiceIfAbsent(tx, row))) {
      // A concurrent request stored the same pick first (the unique index decided): answer that one.
      const raced = await repo.findChoiceOfPlan(tx, buyerId, req.quoteId, req.insurerCode);
      if (!raced) throw new Error('choice vanished after a unique conflict');
      return { choice: toChoice(raced), created: false };
    }
    await audit(tx, mutation, {
      action: 'insurance_choice.create',
      entityType: 'insurance_choice',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publish(
      tx,
      InsuranceEvents.planChosen,
      row.id,
      {
        choiceId: row.id,
        quoteId: row.quoteId,
        buyerId,
        insurerCode: row.insurerCode,
        totalFen: row.totalFen,
      },
      mutation.at,
    );
    const view = await repo.findChoice(tx, row.id);
    if (!view) throw new Error('choice missing right after its insert');
    return { choice: toChoice(view), created: true };
  });
}

/** A stored choice by id, whoever made it (for the orders module: it checks the buyer itself); null when none. */
export async function getInsuranceChoice(db: DbHandle, id: string): Promise<TInsuranceChoice | null> {
  const view = await repo.findChoice(db, id);
  return view ? toChoice(view) : null;
}

/** One of the signed-in buyer's choices; another buyer's is not found. */
export async function getBuyerChoice(
  db: DbHandle,
  id: string,
  mutation: Mutation,
): Promise<TInsuranceChoice> {
  const choice = await getInsuranceChoice(db, id);
  if (!choice || choice.buyerId !== buyerIdOf(mutation)) throw new AppError('INSURANCE_CHOICE_NOT_FOUND');
  return choice;
}

/** The signed-in buyer's latest choices, newest first. */
export async function listBuyerChoices(
  db: DbHandle,
  mutation: Mutation,
): Promise<{ items: TInsuranceChoice[] }> {
  const buyerId = buyerIdOf(mutation);
  if (!buyerId) throw new AppError('UNAUTHENTICATED');
  return { items: (await repo.listBuyerChoices(db, buyerId, 20)).map(toChoice) };
}
