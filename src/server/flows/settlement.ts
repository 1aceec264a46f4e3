import type { DbHandle } from '../kernel/db/client.js';
import { AppError } from '../kernel/http/errors.js';
import type { Mutation } from '../kernel/mutation.js';
import { issuePurchaseContract, type PurchaseContractFacts } from '../modules/contracts/index.js';
import { getPublicStore } from '../modules/dealers/index.js';
import { getUnit } from '../modules/inventory/index.js';
import { getOrderFacts, type OrderFacts } from '../modules/orders/index.js';
import { payCompensation, recordForfeit, requestRefund } from '../modules/payments/index.js';
import { getRiskCase, openRiskCase } from '../modules/risk/index.js';

// Facts one module needs from another when a flow joins them: the purchase contract of an allocated order.

/** How the contract names each line of the frozen landed-price quote. */
const LINE_LABELS: Record<string, string> = {
  vehicle_price: '车辆价格',
  purchase_tax: '车辆购置税',
  compulsory_insurance: '交强险',
  vessel_tax: '车船税',
  registration_fee: '上牌费',
  commercial_insurance_estimate: '商业险（预估）',
  plate_quota: '牌照额度',
  plate_service: '上牌服务费',
  extended_warranty: '延长保修',
  platform_fee: '平台服务费',
  super_luxury_tax: '超豪华小汽车消费税',
};

/** The contract's price lines: the quote's own lines, the options, minus the trade-in credit; they add up. */
export function contractPriceOf(price: OrderFacts['price']): PurchaseContractFacts['price'] {
  const items = price.items
    .filter((i) => !i.includedInPrice)
    .map((i) => ({ label: LINE_LABELS[i.code] ?? i.code, amountFen: i.amountFen }));
  if (price.optionsFen > 0) items.push({ label: '选装配置', amountFen: price.optionsFen });
  if (price.tradeInCreditFen > 0) items.push({ label: '置换旧车抵扣', amountFen: -price.tradeInCreditFen });
  const totalFen = items.reduce((sum, i) => sum + i.amountFen, 0);
  return { items, totalFen, bareFen: price.barePriceFen };
}

/** Issues the purchase contract of an order that has its car (vehicle_allocated). */
export async function issueContractForOrder(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<void> {
  const facts = await getOrderFacts(db, orderId);
  if (facts.status !== 'vehicle_allocated') return;
  const store = await sellerStore(db, facts.unitStoreId ?? facts.storeId);
  await issuePurchaseContract(
    db,
    {
      orderId: facts.orderId,
      orderNumber: facts.orderNumber,
      buyerUserId: facts.buyerUserId,
      dealerId: facts.dealerId,
      storeId: facts.unitStoreId ?? facts.storeId,
      buyer: facts.buyer,
      seller: { name: store?.dealer.name ?? '经销商', address: store?.address ?? null },
      vehicle: {
        description: facts.vehicle.title,
        vin: facts.vehicle.vin,
        exteriorColour: facts.vehicle.colour,
        kind: facts.vehicle.listingKind,
      },
      price: contractPriceOf(facts.price),
      deposit: {
        kind: facts.deposit.kind,
        amountFen: facts.deposit.amountFen,
        termsText: facts.deposit.termsText,
      },
      paymentMethod: facts.paymentMethod,
      deliveryPlace: store ? `${store.name}（${store.address}）` : null,
      signedCity: store?.city.name ?? null,
    },
    mutation,
  );
}

async function sellerStore(db: DbHandle, storeId: string | null) {
  if (!storeId) return null;
  try {
    return await getPublicStore(db, storeId);
  } catch (e) {
    // A store closed since the order: the contract still names the dealer, without an address.
    if (e instanceof AppError && e.code === 'STORE_NOT_FOUND') return null;
    throw e;
  }
}

/** What a cancellation settles in money (the orders.cancelled payload's figures). */
export interface CancellationMoney {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly reason: string;
  readonly refundFen: number;
  readonly forfeitFen: number;
  readonly compensationFen: number;
}

export function settlementOf(p: CancellationMoney): CancellationMoney {
  return {
    orderId: p.orderId,
    orderNumber: p.orderNumber,
    reason: p.reason,
    refundFen: p.refundFen,
    forfeitFen: p.forfeitFen,
    compensationFen: p.compensationFen,
  };
}

/** Refund, forfeit and compensation through payments (each idempotent on its side per order). */
export async function settleCancellationMoney(
  db: DbHandle,
  s: CancellationMoney,
  mutation: Mutation,
): Promise<void> {
  const reason = `${s.orderNumber} ${s.reason}`.slice(0, 200);
  if (s.refundFen > 0) {
    await requestRefund(
      db,
      { orderId: s.orderId, amountFen: s.refundFen, reason, kind: 'cancellation', requestedBy: null },
      mutation,
    );
  }
  if (s.forfeitFen > 0)
    await recordForfeit(db, { orderId: s.orderId, amountFen: s.forfeitFen, reason }, mutation);
  if (s.compensationFen > 0) {
    await payCompensation(db, { orderId: s.orderId, amountFen: s.compensationFen, reason }, mutation);
  }
}

/**
 * Money going back for a car already handed over (its unit delivered) is a refund-after-delivery attempt
 * (000 §9.1): a risk case opens with the settlement, and nothing is paid until a person clears it.
 */
export async function refundNeedsReview(
  db: DbHandle,
  s: CancellationMoney,
  mutation: Mutation,
): Promise<boolean> {
  if (s.refundFen + s.compensationFen <= 0) return false;
  const unitId = (await getOrderFacts(db, s.orderId)).vehicle.unitId;
  if (!unitId) return false;
  const unit = await getUnit(db, null, unitId, mutation.at);
  if (unit.status !== 'delivered') return false;
  await openRiskCase(
    db,
    {
      subjectType: 'refund',
      subjectId: s.orderId,
      orderId: s.orderId,
      rule: 'refund_after_delivery',
      details: { settlement: { ...s }, vin: unit.vin },
    },
    mutation,
  );
  return true;
}

/** A person cleared a held refund-after-delivery: the settlement kept on the case is paid out now. */
export async function releaseReviewedRefund(db: DbHandle, caseId: string, mutation: Mutation): Promise<void> {
  const riskCase = await getRiskCase(db, caseId);
  if (riskCase.rule !== 'refund_after_delivery') return;
  const held = riskCase.details.settlement as CancellationMoney | undefined;
  if (!held) return;
  await settleCancellationMoney(db, settlementOf(held), mutation);
}
