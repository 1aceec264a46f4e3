import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Lang } from '../../kernel/http/errors.js';
import type { TOrder, TOrderSummary, TStaffOrder } from './orders.contract.js';
import { SPEC_CHANGE_STATUSES } from './orders.enums.js';
import type { OrderEventRow, OrderRow, StoredSettlement } from './orders.schema.js';

// The one place order rows become API objects. Personal data leaves only masked.

/** What is to pay now: the deposit while unpaid; after the contract the balance (a loan pays it for loan orders). */
export function amountDueNow(row: OrderRow): number {
  if (row.status === 'created') return Math.max(0, row.depositFen - row.depositPaidFen);
  if (row.status === 'contract_signed' && row.paymentMethod === 'full') {
    return Math.max(0, row.totalDueFen - row.depositPaidFen - row.balancePaidFen);
  }
  return 0;
}

function settlementOf(s: StoredSettlement | null): TOrder['settlement'] {
  if (!s) return null;
  return {
    paidFen: s.paidFen,
    refundFen: s.refundFen,
    forfeitFen: s.forfeitFen,
    compensationFen: s.compensationFen,
    rule: s.rule,
    explanation: { zh: s.zh, en: s.en },
  };
}

function buyerActions(row: OrderRow): TOrder['actions'] {
  if (row.status === 'cancelled') return [];
  const actions: TOrder['actions'] = ['cancel'];
  if (row.listingKind === 'new' && (SPEC_CHANGE_STATUSES as readonly string[]).includes(row.status)) {
    actions.push('change_spec');
  }
  return actions;
}

export function toOrder(row: OrderRow, timeline: OrderEventRow[], lang: Lang): TOrder {
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: row.status,
    riskReview: row.riskReview,
    listingId: row.listingId,
    listingKind: row.listingKind,
    trimId: row.trimId,
    vehicleTitle: row.vehicleTitle,
    dealerId: row.dealerId,
    storeId: row.storeId,
    colour: row.colour,
    options: row.options,
    vin: row.vin,
    unitStoreId: row.unitStoreId,
    sourcingNote: row.sourcingNote,
    quoteId: row.quoteId,
    cityCode: row.cityCode,
    barePriceFen: row.barePriceFen,
    landedTotalFen: row.landedTotalFen,
    priceItems: row.priceItems,
    optionsFen: row.optionsFen,
    tradeInValuationId: row.tradeInValuationId,
    tradeInCreditFen: row.tradeInCreditFen,
    insurance: row.insuranceChoiceId
      ? {
          choiceId: row.insuranceChoiceId,
          insurer: row.insuranceInsurer,
          premiumFen: row.insurancePremiumFen,
        }
      : null,
    totalDueFen: row.totalDueFen,
    paymentMethod: row.paymentMethod,
    loanApplicationId: row.loanApplicationId,
    preferredProvider: row.preferredProvider,
    deposit: {
      kind: row.depositKind,
      amountFen: row.depositFen,
      termsVersion: row.depositTermsVersion,
      termsText: row.depositTermsText,
      termsAcceptedAt: row.depositTermsAcceptedAt.toISOString(),
    },
    depositPaidFen: row.depositPaidFen,
    balancePaidFen: row.balancePaidFen,
    paidFen: row.depositPaidFen + row.balancePaidFen,
    amountDueNowFen: amountDueNow(row),
    paymentDeadline: row.paymentDeadline.toISOString(),
    buyer: { name: row.buyerName, phoneMasked: row.buyerPhoneMasked, idNumberMasked: row.idNumberMasked },
    contractId: row.contractId,
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
    settlement: settlementOf(row.settlement),
    timeline: timeline.map((e) => ({
      at: e.at.toISOString(),
      from: e.fromStatus,
      to: e.toStatus,
      note: lang === 'en' ? e.noteEn : e.noteZh,
      actor: e.actor,
    })),
    actions: buyerActions(row),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toStaffOrder(
  row: OrderRow,
  timeline: OrderEventRow[],
  lang: Lang,
  actor: StaffActor | null,
): TStaffOrder {
  const can = (p: 'orders.manage' | 'orders.risk') => actor === null || actor.permissions.has(p);
  const staffActions: TStaffOrder['staffActions'] = [];
  if (
    row.status === 'deposit_paid' &&
    (row.riskReview === 'none' || row.riskReview === 'cleared') &&
    can('orders.manage')
  ) {
    staffActions.push('allocate');
  }
  if (row.status !== 'cancelled' && can('orders.manage')) staffActions.push('cancel_by_seller');
  if (row.riskReview === 'pending' && row.status !== 'cancelled' && can('orders.risk')) {
    staffActions.push('risk_review');
  }
  return {
    ...toOrder(row, timeline, lang),
    unitId: row.unitId,
    holdId: row.holdId,
    riskFlags: row.riskFlags,
    channel: { ip: row.channelIp, userAgent: row.channelUserAgent, deviceId: row.channelDeviceId },
    staffActions,
  };
}

export function toOrderSummary(row: OrderRow): TOrderSummary {
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: row.status,
    riskReview: row.riskReview,
    vehicleTitle: row.vehicleTitle,
    colour: row.colour,
    vin: row.vin,
    buyerName: row.buyerName,
    buyerPhoneMasked: row.buyerPhoneMasked,
    dealerId: row.dealerId,
    storeId: row.storeId,
    totalDueFen: row.totalDueFen,
    depositKind: row.depositKind,
    depositFen: row.depositFen,
    paidFen: row.depositPaidFen + row.balancePaidFen,
    paymentMethod: row.paymentMethod,
    paymentDeadline: row.paymentDeadline.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
