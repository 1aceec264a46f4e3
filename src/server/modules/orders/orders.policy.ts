import { createHash } from 'node:crypto';
import type { Lang } from '../../kernel/http/errors.js';
import { type Fen, formatCny } from '../../kernel/money.js';
import type { TCancellationSettlement, TDepositTerms } from './orders.contract.js';
import {
  BINDING_DEPOSIT_MAX_BP,
  type CancelledBy,
  DEFAULT_DEPOSIT_FEN,
  type DepositKind,
  type OrderStatus,
} from './orders.enums.js';

// The deposit policy (DOMAIN.md "Deposits"; Civil Code arts. 586-587) as plain functions: what the buyer
// accepts before paying, and what a cancellation refunds, forfeits and compensates. Orders freeze the text
// they accepted; the rules here decide settlements.

/** Current versions of the deposit terms; a wording change is a new version (old orders keep their text). */
export const DEPOSIT_TERMS_VERSIONS: Record<DepositKind, string> = {
  refundable: 'deposit-refundable-2026-01',
  binding: 'deposit-binding-2026-01',
};

/** The largest binding deposit for a price: 20% of it, rounded down to the fen. */
export function maxBindingDepositFen(priceFen: Fen): Fen {
  return Math.floor((priceFen * BINDING_DEPOSIT_MAX_BP) / 10_000);
}

/** The deposit asked when the buyer names none: ¥5,000, capped at the binding limit. */
export function defaultDepositFen(kind: DepositKind, priceFen: Fen): Fen {
  return kind === 'binding'
    ? Math.min(DEFAULT_DEPOSIT_FEN, maxBindingDepositFen(priceFen))
    : DEFAULT_DEPOSIT_FEN;
}

function termsText(kind: DepositKind, priceFen: Fen, freeCancelHours: number, lang: Lang): string {
  const max = formatCny(maxBindingDepositFen(priceFen), lang === 'en' ? 'en' : 'zh-CN');
  const price = formatCny(priceFen, lang === 'en' ? 'en' : 'zh-CN');
  if (kind === 'refundable') {
    return lang === 'en'
      ? 'What you pay now is a refundable deposit (订金/意向金): a prepayment towards the car, not a binding deposit. If the order is cancelled, by you or by the seller, the whole amount you paid is refunded to the account it came from. Once the contract is signed it counts towards the price.'
      : '您现在支付的是订金（意向金），属于购车预付款，不具有定金担保效力。订单取消时，无论由哪一方取消，您已支付的款项全额原路退还；签订购车合同后计入车款。';
  }
  return lang === 'en'
    ? `What you pay now is a binding deposit (定金) under articles 586-587 of the Civil Code. It is at most 20% of the vehicle price of ${price} (at most ${max}). If you walk away from the purchase after paying it without a lawful reason, the deposit is not refunded (any balance you paid is refunded in full). If the seller cannot deliver or cancels, the seller returns double the deposit. If you cancel within ${freeCancelHours} hours of paying the deposit and before a vehicle is allocated to your order, the deposit is refunded in full. Once the contract is signed it counts towards the price.`
    : `您现在支付的是定金，适用《中华人民共和国民法典》第五百八十六条、第五百八十七条。定金不超过车辆价格 ${price} 的 20%（即不超过 ${max}）。您支付定金后无正当理由放弃购车的，定金不予退还（已付尾款全额退还）；卖方无法交车或单方取消订单的，双倍返还定金。您在支付定金后 ${freeCancelHours} 小时内且车辆分配前取消订单的，定金全额退还。签订购车合同后，定金抵作车款。`;
}

/** The exact deposit terms for a kind and price, in a language, with the limits that go with them. */
export function depositTerms(
  kind: DepositKind,
  priceFen: Fen,
  freeCancelHours: number,
  lang: Lang,
): TDepositTerms {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  return {
    kind,
    version: DEPOSIT_TERMS_VERSIONS[kind],
    text: termsText(kind, priceFen, freeCancelHours, lang),
    textOther: termsText(kind, priceFen, freeCancelHours, other),
    maxDepositFen: kind === 'binding' ? maxBindingDepositFen(priceFen) : priceFen,
    defaultDepositFen: defaultDepositFen(kind, priceFen),
    freeCancelHours: kind === 'binding' ? freeCancelHours : 0,
  };
}

/** SHA-256 (hex) of an accepted text: what proves later which words the buyer saw. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the policy looks at of an order. */
export interface SettlementFacts {
  readonly status: OrderStatus;
  readonly depositKind: DepositKind;
  readonly depositPaidFen: Fen;
  readonly balancePaidFen: Fen;
  readonly depositPaidAt: Date | null;
}

/**
 * What cancelling an order now gives back:
 * - the system cancels (unpaid timeout, unit lost, risk rejected): everything paid is refunded;
 * - refundable deposit (订金/意向金): everything paid is refunded, whoever cancels;
 * - binding deposit (定金), buyer cancels: within the free window (`freeCancelHours` after paying, and before
 *   a unit is allocated) everything is refunded; after it the deposit is forfeited, any balance refunded;
 * - binding deposit, seller cancels: everything paid is refunded plus compensation equal to the deposit
 *   (the deposit comes back double).
 */
export function settleCancellation(
  facts: SettlementFacts,
  by: CancelledBy,
  at: Date,
  freeCancelHours: number,
): TCancellationSettlement {
  const deposit = facts.depositPaidFen;
  const balance = facts.balancePaidFen;
  const paidFen = deposit + balance;
  const zh = (f: Fen) => formatCny(f, 'zh-CN');
  const en = (f: Fen) => formatCny(f, 'en');
  const result = (
    rule: string,
    refundFen: Fen,
    forfeitFen: Fen,
    compensationFen: Fen,
    explanation: { zh: string; en: string },
  ): TCancellationSettlement => ({ paidFen, refundFen, forfeitFen, compensationFen, rule, explanation });

  if (paidFen === 0) {
    return result('nothing_paid', 0, 0, 0, {
      zh: '您尚未付款，取消订单不产生任何费用。',
      en: 'Nothing has been paid: cancelling costs nothing.',
    });
  }
  if (by === 'system') {
    return result('system_full_refund', paidFen, 0, 0, {
      zh: `订单由系统取消，已付 ${zh(paidFen)} 全额原路退还。`,
      en: `The order was cancelled by the platform; the ${en(paidFen)} paid is refunded in full.`,
    });
  }
  if (facts.depositKind === 'refundable') {
    return result('refundable_full_refund', paidFen, 0, 0, {
      zh: `订金（意向金）可退：已付 ${zh(paidFen)} 全额原路退还。`,
      en: `A refundable deposit: the ${en(paidFen)} paid is refunded in full.`,
    });
  }
  if (by === 'seller') {
    return result('binding_seller_double', paidFen, 0, deposit, {
      zh: `卖方取消订单，双倍返还定金：退还已付 ${zh(paidFen)}，另赔付 ${zh(deposit)}，合计 ${zh(paidFen + deposit)}。`,
      en: `The seller cancelled, so the deposit comes back double: the ${en(paidFen)} paid is refunded and ${en(deposit)} compensation is paid, ${en(paidFen + deposit)} in all.`,
    });
  }
  const inWindow =
    deposit > 0 &&
    facts.status === 'deposit_paid' &&
    facts.depositPaidAt !== null &&
    at.getTime() < facts.depositPaidAt.getTime() + freeCancelHours * 3_600_000;
  if (inWindow) {
    return result('binding_free_window', paidFen, 0, 0, {
      zh: `支付定金后 ${freeCancelHours} 小时内且车辆分配前取消，已付 ${zh(paidFen)} 全额退还。`,
      en: `Cancelled within ${freeCancelHours} hours of paying the deposit and before a vehicle was allocated: the ${en(paidFen)} paid is refunded in full.`,
    });
  }
  return result('binding_buyer_forfeit', balance, deposit, 0, {
    zh:
      balance > 0
        ? `您放弃购车，定金 ${zh(deposit)} 不予退还；已付尾款 ${zh(balance)} 全额退还。`
        : `您放弃购车，定金 ${zh(deposit)} 不予退还。`,
    en:
      balance > 0
        ? `You are walking away from the purchase: the ${en(deposit)} deposit is forfeited; the ${en(balance)} balance paid is refunded.`
        : `You are walking away from the purchase: the ${en(deposit)} deposit is forfeited.`,
  });
}

/** The binding deposit limit is measured against the vehicle price plus options (the contract's subject). */
export function depositBase(barePriceFen: Fen, optionsFen: Fen): Fen {
  return barePriceFen + optionsFen;
}
