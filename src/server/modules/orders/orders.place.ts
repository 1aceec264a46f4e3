import { shanghaiDay } from '../../kernel/clock.js';
import { encryptPersonal, keyedHash } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { coloursAndPackagesOfTrim } from '../catalog/index.js';
import { getPublicStore, type TStore } from '../dealers/index.js';
import { getInsuranceChoice } from '../insurance/index.js';
import { type HoldResult, holdUnit, storesWithAvailableUnit, unitOfListing } from '../inventory/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import { getQuote, getTradeInValuation, type TQuote } from '../pricing/index.js';
import type { TDepositTerms, TPlaceOrderRequest } from './orders.contract.js';
import { type DepositKind, MIN_DEPOSIT_FEN } from './orders.enums.js';
import { OrdersEvents } from './orders.events.js';
import {
  DEPOSIT_TERMS_VERSIONS,
  defaultDepositFen,
  depositBase,
  depositTerms,
  maxBindingDepositFen,
  textHash,
} from './orders.policy.js';
import * as repo from './orders.repository.js';
import type { FrozenOption, OrderEventRow, OrderRow } from './orders.schema.js';
import { addTimeline, notifyBuyer, type OrdersEnv } from './orders.shared.js';

// Placing an order: one transaction takes the car (inventory hold), freezes the quote's amounts and the
// accepted deposit terms, stores the buyer's personal data encrypted, and tells the buyer. If the car is
// taken, nothing is stored and the caller gets INVENTORY_UNAVAILABLE (409).

/** What placeOrder needs: the request, a stored quote, and the facts the risk check saw. */
export interface PlaceOrderInput extends Omit<TPlaceOrderRequest, 'quoteId' | 'options'> {
  readonly quoteId: string;
  /** The quote itself when the caller has just stored it (checkout), saving a read. */
  readonly storedQuote?: TQuote | undefined;
  readonly options?: readonly string[] | undefined;
  /** Channel facts kept for risk review. */
  readonly channel?: { ip?: string | null; userAgent?: string | null; deviceId?: string | null } | undefined;
  /** Flags raised by the risk module before placing; any flag puts the order under review. */
  readonly riskFlags?: readonly string[] | undefined;
  /** The id to give the order: the checkout flow records its risk signals under it before placing. */
  readonly orderId?: string | undefined;
}

/** The deposit terms a buyer must accept for a kind of deposit and a vehicle price. */
export function depositTermsFor(
  env: OrdersEnv,
  kind: DepositKind,
  priceFen: number,
  lang: Lang,
): TDepositTerms {
  return depositTerms(kind, priceFen, env.orders.freeCancelHours, lang);
}

/** `AY20261207-000123`: the Asia/Shanghai day of placing and the running order sequence. */
export function formatOrderNumber(day: string, seq: number): string {
  return `AY${day.replaceAll('-', '')}-${String(seq).padStart(6, '0')}`;
}

function distanceKm(a: TStore, b: TStore): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

/** A unit held for an order, and the store it was sourced from when that is not the listing's. */
export interface Sourced {
  readonly held: HoldResult;
  readonly fromStore: TStore | null;
}

/**
 * Holds a new car of the trim (and colour) for an order: at the listing's store, else at the nearest store
 * of the same dealer or city that has one (same city first, then by distance). INVENTORY_UNAVAILABLE when
 * none has.
 */
export async function holdNewCar(
  tx: DbHandle,
  target: { trimId: string; storeId: string; colour?: string | undefined },
  holder: string,
  ttlMinutes: number,
  mutation: Mutation,
): Promise<Sourced> {
  try {
    return {
      held: await holdUnit(tx, target, holder, { ttlMinutes, writeAtCommit: true }, mutation),
      fromStore: null,
    };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'INVENTORY_UNAVAILABLE') throw err;
  }
  const origin = await getPublicStore(tx, target.storeId).catch(() => null);
  if (!origin) throw new AppError('INVENTORY_UNAVAILABLE', { ...target });
  const candidates: { store: TStore; rank: number; km: number }[] = [];
  for (const c of await storesWithAvailableUnit(tx, target.trimId, target.colour)) {
    if (c.storeId === origin.id) continue;
    const store = await getPublicStore(tx, c.storeId).catch(() => null);
    if (!store) continue;
    const sameCity = store.city.code === origin.city.code;
    const sameDealer = store.dealer.id === origin.dealer.id;
    if (!sameCity && !sameDealer) continue;
    candidates.push({ store, rank: sameCity ? (sameDealer ? 0 : 1) : 2, km: distanceKm(origin, store) });
  }
  candidates.sort((a, b) => a.rank - b.rank || a.km - b.km);
  for (const c of candidates) {
    try {
      const held = await holdUnit(
        tx,
        { trimId: target.trimId, storeId: c.store.id, colour: target.colour },
        holder,
        { ttlMinutes, writeAtCommit: true },
        mutation,
      );
      return { held, fromStore: c.store };
    } catch (err) {
      // Another buyer took the last one there between the count and the take: try the next store.
      if (!(err instanceof AppError) || err.code !== 'INVENTORY_UNAVAILABLE') throw err;
    }
  }
  throw new AppError('INVENTORY_UNAVAILABLE', { ...target });
}

/** The sourcing note shown on an order whose car comes from another store. */
export function sourcingNoteOf(store: TStore): string {
  return `${store.city.name} ${store.name}`;
}

/** The buyer's chosen option packages of a trim, frozen with their prices (ORDER_OPTION_UNKNOWN otherwise). */
export async function frozenOptions(
  tx: DbHandle,
  trimId: string,
  ids: readonly string[],
): Promise<FrozenOption[]> {
  if (ids.length === 0) return [];
  const { packages } = await coloursAndPackagesOfTrim(tx, trimId);
  const byId = new Map(packages.map((p) => [p.id, p]));
  return [...new Set(ids)].map((id) => {
    const p = byId.get(id);
    if (!p) throw new AppError('ORDER_OPTION_UNKNOWN', { optionId: id });
    return { id: p.id, name: p.name, priceFen: p.priceFen };
  });
}

/** Checks a deposit against the policy for a price base (vehicle + options) and what the order costs. */
export function checkDeposit(kind: DepositKind, depositFen: number, base: number, totalDueFen: number): void {
  if (kind === 'binding' && depositFen > maxBindingDepositFen(base)) {
    throw new AppError('DEPOSIT_OVER_LIMIT', { maxFen: maxBindingDepositFen(base) });
  }
  if (depositFen < MIN_DEPOSIT_FEN) {
    throw new AppError('DEPOSIT_AMOUNT_INVALID', {
      reason: { zh: `不得少于 ${MIN_DEPOSIT_FEN / 100} 元`, en: `at least CNY ${MIN_DEPOSIT_FEN / 100}` },
    });
  }
  if (depositFen > totalDueFen) {
    throw new AppError('DEPOSIT_AMOUNT_INVALID', {
      reason: { zh: '不得超过订单总额', en: 'more than the order costs' },
    });
  }
}

/**
 * Places a buyer's order in one transaction (see the file comment). The buyer is the mutation's actor.
 * Throws INVENTORY_UNAVAILABLE when the car is taken, DEPOSIT_OVER_LIMIT for a binding deposit over 20%.
 */
export function placeOrder(
  db: DbHandle,
  input: PlaceOrderInput,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<{ row: OrderRow; timeline: OrderEventRow[] }> {
  const actor = mutation.actor;
  if (actor?.kind !== 'buyer') throw new AppError(actor ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  const at = mutation.at;
  return withTransaction(db, async (tx) => {
    const page = await listingForVehiclePage(tx, input.listingId);
    const listing = page?.listing;
    if (listing?.status !== 'listed') throw new AppError('ORDER_LISTING_UNAVAILABLE');
    const quote =
      input.storedQuote?.id === input.quoteId ? input.storedQuote : await getQuote(tx, input.quoteId);
    const priceLine = quote.lines.find((l) => l.code === 'vehicle_price');
    if (quote.listingId !== listing.id) {
      throw new AppError('ORDER_QUOTE_INVALID', {
        reason: { zh: '报价单不属于该车源', en: 'the quote is for another vehicle' },
      });
    }
    if (priceLine?.amountFen !== listing.priceFen) {
      throw new AppError('ORDER_QUOTE_INVALID', {
        reason: { zh: '车价已变动，请重新获取报价', en: 'the price has changed; quote again' },
      });
    }
    const used = listing.kind === 'used';
    const optionIds = input.options ?? [];
    if (used && (optionIds.length > 0 || (input.colour && input.colour !== listing.exteriorColour))) {
      throw new AppError('ORDER_SPEC_FIXED');
    }
    const options = await frozenOptions(tx, listing.trimId, optionIds);
    const optionsFen = options.reduce((s, o) => s + o.priceFen, 0);
    const barePriceFen = listing.priceFen;

    let tradeInCreditFen = 0;
    if (input.tradeInValuationId) {
      const valuation = await getTradeInValuation(tx, input.tradeInValuationId).catch(() => null);
      if (!valuation) throw new AppError('ORDER_TRADE_IN_INVALID');
      tradeInCreditFen = valuation.valueFen;
    }
    let insurance: { id: string; insurer: string; premiumFen: number } | null = null;
    if (input.insuranceChoiceId) {
      const choice = await getInsuranceChoice(tx, input.insuranceChoiceId);
      if (!choice || choice.buyerId !== actor.buyerId) throw new AppError('ORDER_INSURANCE_INVALID');
      insurance = { id: choice.id, insurer: choice.insurerNameZh, premiumFen: choice.totalFen };
    }
    const totalDueFen = Math.max(0, quote.totalFen + optionsFen - tradeInCreditFen);
    const base = depositBase(barePriceFen, optionsFen);
    const depositFen = input.depositFen ?? defaultDepositFen(input.depositKind, base);
    checkDeposit(input.depositKind, depositFen, base, totalDueFen);
    if (input.acceptDepositTerms.version !== DEPOSIT_TERMS_VERSIONS[input.depositKind]) {
      throw new AppError('DEPOSIT_TERMS_OUTDATED');
    }
    const terms = depositTermsFor(env, input.depositKind, base, mutation.lang);

    // Take the car last among the checks and before the order number, so losers of a race stop early.
    const id = input.orderId ?? newId('ord');
    const ttl = env.orders.paymentMinutes;
    let sourced: Sourced;
    if (used) {
      const unit = await unitOfListing(tx, listing.id);
      if (!unit) throw new AppError('INVENTORY_UNAVAILABLE', { listingId: listing.id });
      sourced = {
        held: await holdUnit(tx, { unitId: unit.id }, id, { ttlMinutes: ttl, writeAtCommit: true }, mutation),
        fromStore: null,
      };
    } else {
      if (!listing.storeId) throw new AppError('ORDER_LISTING_UNAVAILABLE');
      const colour = input.colour ?? listing.exteriorColour ?? undefined;
      sourced = await holdNewCar(
        tx,
        { trimId: listing.trimId, storeId: listing.storeId, colour },
        id,
        ttl,
        mutation,
      );
    }
    const { held, fromStore } = sourced;

    const day = shanghaiDay(at);
    const orderNumber = formatOrderNumber(day, await repo.nextOrderSequence(tx));
    const phone = input.buyer.phone;
    const idNumber = input.buyer.idNumber;
    const riskFlags = [...(input.riskFlags ?? [])];
    const row = await repo.insertOrder(tx, {
      id,
      orderNumber,
      buyerId: actor.buyerId,
      status: 'created',
      riskReview: riskFlags.length > 0 ? 'pending' : 'none',
      riskFlags,
      listingId: listing.id,
      listingKind: listing.kind,
      trimId: listing.trimId,
      dealerId: listing.dealerId,
      storeId: listing.storeId,
      vehicleTitle: listing.title,
      colour: held.unit.exteriorColour,
      options,
      unitId: held.unit.id,
      vin: held.unit.vin,
      holdId: held.hold.id,
      unitStoreId: fromStore ? fromStore.id : null,
      sourcingNote: fromStore ? sourcingNoteOf(fromStore) : null,
      quoteId: quote.id,
      cityCode: quote.cityCode,
      barePriceFen,
      landedTotalFen: quote.totalFen,
      priceItems: quote.lines.map((l) => ({
        code: l.code,
        amountFen: l.amountFen,
        includedInPrice: l.includedInPrice,
      })),
      optionsFen,
      tradeInValuationId: input.tradeInValuationId ?? null,
      tradeInCreditFen,
      insuranceChoiceId: insurance?.id ?? null,
      insuranceInsurer: insurance?.insurer ?? null,
      insurancePremiumFen: insurance?.premiumFen ?? null,
      totalDueFen,
      paymentMethod: input.paymentMethod,
      loanApplicationId: input.loanApplicationId ?? null,
      preferredProvider: input.provider ?? null,
      depositKind: input.depositKind,
      depositFen,
      depositTermsVersion: terms.version,
      depositTermsText: terms.text,
      depositTermsHash: textHash(terms.text),
      depositTermsAcceptedAt: at,
      paymentDeadline: new Date(held.hold.expiresAt),
      buyerName: input.buyer.name,
      buyerPhoneEnc: encryptPersonal(env, phone),
      buyerPhoneHash: keyedHash(env, 'phone', phone),
      buyerPhoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      buyerPhoneLast4: phone.slice(-4),
      idNumberEnc: encryptPersonal(env, idNumber),
      idNumberHash: keyedHash(env, 'id_number', idNumber),
      idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
      channelIp: input.channel?.ip ?? mutation.ip,
      channelUserAgent: input.channel?.userAgent ?? null,
      channelDeviceId: input.channel?.deviceId ?? input.deviceId ?? null,
      createdAt: at,
      updatedAt: at,
    });
    const created = await addTimeline(
      tx,
      row,
      null,
      'created',
      mutation,
      fromStore
        ? { zh: `车辆将从 ${row.sourcingNote} 调配`, en: `The car comes from ${fromStore.name}` }
        : undefined,
    );
    await audit(tx, mutation, {
      action: 'order.create',
      entityType: 'order',
      entityId: row.id,
      before: null,
      after: {
        orderNumber,
        status: row.status,
        listingId: row.listingId,
        unitId: row.unitId,
        totalDueFen,
        depositKind: row.depositKind,
        depositFen,
        depositTermsVersion: row.depositTermsVersion,
        depositTermsHash: row.depositTermsHash,
        riskReview: row.riskReview,
      },
    });
    await publish(
      tx,
      OrdersEvents.created,
      row.id,
      {
        orderId: row.id,
        orderNumber,
        buyerUserId: row.buyerId,
        dealerId: row.dealerId,
        listingId: row.listingId,
        unitId: row.unitId,
        depositKind: row.depositKind,
        depositFen,
        totalDueFen,
        paymentMethod: row.paymentMethod,
        paymentDeadline: row.paymentDeadline.toISOString(),
        riskReview: row.riskReview,
      },
      at,
    );
    await notifyBuyer(tx, env, row, 'orders.created', {}, at, `order:${row.id}:created`);
    // A new order's timeline is the one entry just written: no need to read it back.
    return { row, timeline: [created] };
  });
}
