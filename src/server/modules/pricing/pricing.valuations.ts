import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { type Fen, formatCny, roundFen } from '../../kernel/money.js';
import type { Mutation } from '../../kernel/mutation.js';
import { trimPricingFacts } from '../catalog/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import { seriesMarket } from '../search/index.js';
import type {
  TListingValuation,
  TTradeInRequest,
  TTradeInValuation,
  TValuation,
} from './pricing.contract.js';
import { PricingEvents } from './pricing.events.js';
import * as repo from './pricing.repository.js';
import type { TradeInValuationRow } from './pricing.schema.js';
import {
  BRAND_RETENTION,
  EXPECTED_KM_PER_YEAR,
  type Valuation,
  type ValuationStep,
  valueUsedCar,
  yearsBetween,
} from './pricing.valuation.js';

// Used-car valuations: of a used listing (with under/over-priced flags) and of a buyer's own car (trade-in).

/** Asking price more than this share away from the valuation is flagged. */
export const FLAG_SHARE = 0.15;

/** Self-declared condition mapped to the inspection grade it stands for. */
const CONDITION_GRADE = { excellent: 1, good: 2, fair: 3, poor: 4 } as const;

function explain(
  step: ValuationStep,
  lang: Mutation['lang'],
  facts: { ageYears: number; mileageKm: number },
): string {
  const en = lang === 'en';
  const money = formatCny(Math.abs(step.effectFen), lang);
  const sign = step.effectFen < 0 ? '−' : '+';
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  const years = facts.ageYears.toFixed(1);
  const expectedKm = Math.round(facts.ageYears * EXPECTED_KM_PER_YEAR);
  switch (step.factor) {
    case 'new_price':
      return en ? `New price ${money}` : `新车指导价 ${money}`;
    case 'age':
      return en
        ? `${years} years old at the expected ${expectedKm.toLocaleString('en-US')} km: condition ratio ${pct(step.ratio)} (${sign}${money})`
        : `车龄${years}年，按年均2万公里（${expectedKm}公里）计综合成新率${pct(step.ratio)}（${sign}${money}）`;
    case 'mileage':
      return en
        ? `${facts.mileageKm.toLocaleString('en-US')} km driven against ${expectedKm.toLocaleString('en-US')} expected (54321 rule): ${sign}${money}`
        : `实际行驶${facts.mileageKm}公里，对比预期${expectedKm}公里（54321法）：${sign}${money}`;
    case 'brand':
      return en
        ? `Brand value retention ×${step.ratio.toFixed(2)}: ${sign}${money}`
        : `品牌保值系数${step.ratio.toFixed(2)}：${sign}${money}`;
    case 'condition':
      return en
        ? `Condition and findings ${pct(step.ratio)}: ${sign}${money}`
        : `车况及检测瑕疵${pct(step.ratio)}：${sign}${money}`;
    case 'history':
      return step.ratio === 0
        ? en
          ? 'No accident, flood or fire history'
          : '无事故、泡水、火烧记录'
        : en
          ? `Accident, flood or fire history ${pct(step.ratio)}: ${sign}${money}`
          : `事故/泡水/火烧历史${pct(step.ratio)}：${sign}${money}`;
    case 'market':
      return en
        ? `Supply and demand in the city ${pct(step.ratio)}: ${sign}${money}`
        : `本城市供需（在售量与关注度）${pct(step.ratio)}：${sign}${money}`;
  }
}

function toDto(
  v: Valuation,
  lang: Mutation['lang'],
  facts: { ageYears: number; mileageKm: number },
): TValuation {
  return {
    valueFen: v.valueFen,
    lowFen: v.lowFen,
    highFen: v.highFen,
    steps: explainSteps(v.steps, lang, facts),
  };
}

/** The asking price against a value: more than FLAG_SHARE either way is flagged. */
export function flagOf(priceFen: Fen, valueFen: Fen): TListingValuation['pricing'] {
  if (priceFen > valueFen * (1 + FLAG_SHARE)) return 'over';
  if (priceFen < valueFen * (1 - FLAG_SHARE)) return 'under';
  return 'fair';
}

/** What a used listing's valuation is computed from, and the valuation itself. */
export interface ListingValuationFacts {
  listing: {
    id: string;
    status: string;
    title: string;
    dealerId: string;
    cityCode: string;
    trimId: string;
    priceFen: Fen;
  };
  trim: { seriesId: string; brandSlug: string; guidePriceFen: Fen };
  ageYears: number;
  mileageKm: number;
  valuation: Valuation;
}

/**
 * Computes a used listing's valuation on `at` from the listing, its inspection, the catalog and the city's
 * supply and demand; undefined for a new car, a draft or a listing that does not exist.
 */
export async function computeListingValuation(
  db: DbHandle,
  listingId: string,
  at: Date,
): Promise<ListingValuationFacts | undefined> {
  const page = await listingForVehiclePage(db, listingId);
  if (page?.listing.kind !== 'used' || !page.used || page.listing.status === 'draft') return undefined;
  const trim = await trimPricingFacts(db, page.listing.trimId);
  const ageYears = yearsBetween(page.used.firstRegistrationDate, shanghaiDay(at));
  const findings =
    page.inspection?.items.filter((i) => i.result !== 'ok' && i.result !== 'redline').length ?? 0;
  const grade = page.inspection?.report.grade ?? page.used.conditionGrade ?? null;
  const valuation = valueUsedCar({
    newPriceFen: trim.guidePriceFen,
    ageYears,
    mileageKm: page.used.mileageKm,
    grade,
    findings,
    accident: page.used.accidentHistory,
    flood: page.used.floodHistory,
    fire: page.used.fireHistory,
    brandRetention: BRAND_RETENTION[trim.brandSlug] ?? 1,
    market: await seriesMarket(db, trim.seriesId, page.listing.cityCode),
  });
  const l = page.listing;
  return {
    listing: {
      id: l.id,
      status: l.status,
      title: l.title,
      dealerId: l.dealerId,
      cityCode: l.cityCode,
      trimId: l.trimId,
      priceFen: l.priceFen,
    },
    trim: { seriesId: trim.seriesId, brandSlug: trim.brandSlug, guidePriceFen: trim.guidePriceFen },
    ageYears,
    mileageKm: page.used.mileageKm,
    valuation,
  };
}

/** Each step with its explanation in `lang`. */
export function explainSteps(
  steps: readonly ValuationStep[],
  lang: Mutation['lang'],
  facts: { ageYears: number; mileageKm: number },
): TValuation['steps'] {
  return steps.map((s) => ({ ...s, explanation: explain(s, lang, facts) }));
}

/**
 * A used listing's valuation with each factor explained. An operator's active override replaces the value
 * (and so the flag); the computed value and the steps behind it stay in the answer beside it.
 */
export async function valueListing(
  ctx: AppContext,
  listingId: string,
  mutation: Mutation,
): Promise<TListingValuation> {
  const db = ctx.database.db;
  const facts = await computeListingValuation(db, listingId, mutation.at);
  if (!facts) throw new AppError('PRICING_LISTING_NOT_FOUND');
  const override = await repo.activeOverride(db, listingId);
  const computed = toDto(facts.valuation, mutation.lang, facts);
  const valueFen = override?.valueFen ?? computed.valueFen;
  // The fair range keeps its width around the override.
  const scale = valueFen / Math.max(1, computed.valueFen);
  return {
    ...computed,
    valueFen,
    lowFen: override ? roundFen(computed.lowFen * scale) : computed.lowFen,
    highFen: override ? roundFen(computed.highFen * scale) : computed.highFen,
    computedValueFen: computed.valueFen,
    override: override
      ? { valueFen: override.valueFen, reason: override.reason, setAt: override.setAt.toISOString() }
      : null,
    listingId,
    priceFen: facts.listing.priceFen,
    pricing: flagOf(facts.listing.priceFen, valueFen),
  };
}

export async function valueTradeIn(
  ctx: AppContext,
  req: TTradeInRequest,
  mutation: Mutation,
): Promise<TTradeInValuation> {
  const db = ctx.database.db;
  const today = shanghaiDay(mutation.at);
  if (`${req.firstRegistration}-01` > today) throw new AppError('PRICING_REGISTRATION_IN_FUTURE');
  const trim = await trimPricingFacts(db, req.trimId);
  const ageYears = yearsBetween(`${req.firstRegistration}-15`, today);
  const valuation = valueUsedCar({
    newPriceFen: trim.guidePriceFen,
    ageYears,
    mileageKm: req.mileageKm,
    grade: CONDITION_GRADE[req.condition],
    findings: 0,
    accident: req.accident,
    flood: req.flood,
    fire: req.fire,
    brandRetention: BRAND_RETENTION[trim.brandSlug] ?? 1,
    market: await seriesMarket(db, trim.seriesId, req.cityCode),
  });
  const dto = toDto(valuation, mutation.lang, { ageYears, mileageKm: req.mileageKm });
  const row: TradeInValuationRow = {
    id: newId('tiv'),
    buyerId: mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : null,
    trimId: req.trimId,
    cityCode: req.cityCode,
    firstRegistration: req.firstRegistration,
    mileageKm: req.mileageKm,
    condition: req.condition,
    accident: req.accident,
    flood: req.flood,
    fire: req.fire,
    valueFen: dto.valueFen,
    lowFen: dto.lowFen,
    highFen: dto.highFen,
    steps: dto.steps as unknown as Record<string, unknown>[],
    createdAt: mutation.at,
  };
  await withTransaction(db, async (tx) => {
    await repo.insertTradeInValuation(tx, row);
    if (row.buyerId) {
      await publish(
        tx,
        PricingEvents.tradeInValuationRequested,
        row.id,
        {
          valuationId: row.id,
          buyerId: row.buyerId,
          trimId: row.trimId,
          cityCode: row.cityCode,
          valueFen: row.valueFen,
        },
        mutation.at,
      );
    }
  });
  return toTradeIn(row);
}

function toTradeIn(row: TradeInValuationRow): TTradeInValuation {
  return {
    id: row.id,
    trimId: row.trimId,
    cityCode: row.cityCode,
    firstRegistration: row.firstRegistration,
    mileageKm: row.mileageKm,
    condition: row.condition,
    valueFen: row.valueFen,
    lowFen: row.lowFen,
    highFen: row.highFen,
    steps: row.steps as unknown as TTradeInValuation['steps'],
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getTradeInValuation(db: DbHandle, id: string): Promise<TTradeInValuation> {
  const row = await repo.findTradeInValuation(db, id);
  if (!row) throw new AppError('PRICING_VALUATION_NOT_FOUND');
  return toTradeIn(row);
}
