import { defineErrors } from '../../kernel/http/errors.js';

export const OrdersErrors = defineErrors({
  ORDER_NOT_FOUND: {
    status: 404,
    zh: '未找到该订单',
    en: 'Order not found',
    when: "no order has that id, or it is another buyer's, or another dealer's than the staff member's",
  },
  ORDER_LISTING_UNAVAILABLE: {
    status: 409,
    zh: '该车源当前不可下单',
    en: 'This vehicle cannot be ordered now',
    when: 'the listing does not exist or is not listed (draft, in review, delisted)',
  },
  ORDER_QUOTE_INVALID: {
    status: 422,
    zh: '报价单无效：{reason}',
    en: 'Invalid quote: {reason}',
    when: "the quote is for another listing, or its vehicle price is no longer the listing's price (quote again)",
  },
  DEPOSIT_OVER_LIMIT: {
    status: 400,
    zh: '定金不得超过车价的 20%（最多 {maxFen} 分）',
    en: 'A binding deposit may not exceed 20% of the price (at most {maxFen} fen)',
    when: 'a binding deposit (定金) over 20% of the vehicle price and options (Civil Code art. 586)',
  },
  DEPOSIT_AMOUNT_INVALID: {
    status: 422,
    zh: '订金金额不正确：{reason}',
    en: 'Invalid deposit amount: {reason}',
    when: 'a deposit under the minimum, or over what the order costs',
  },
  DEPOSIT_TERMS_OUTDATED: {
    status: 409,
    zh: '订金条款已更新，请重新阅读并确认',
    en: 'The deposit terms have changed; read and accept them again',
    when: 'the accepted deposit terms version is not the current one for that kind of deposit',
  },
  ORDER_LOAN_APPLICATION_REQUIRED: {
    status: 422,
    zh: '贷款购车需关联贷款申请',
    en: 'A loan order needs its loan application',
    when: 'a loan is marked disbursed on an order without a loan application, or for another application',
  },
  ORDER_OPTION_UNKNOWN: {
    status: 422,
    zh: '该车型没有此选装包：{optionId}',
    en: 'This trim has no option package {optionId}',
    when: 'an order names an option package the trim is not offered with',
  },
  ORDER_SPEC_FIXED: {
    status: 409,
    zh: '二手车或已分配车辆的订单不能修改颜色和选装',
    en: 'Colour and options cannot change for a used car or once a unit is allocated',
    when: 'a spec change on a used-car order, or after allocation',
  },
  ORDER_TRADE_IN_INVALID: {
    status: 422,
    zh: '置换评估不可用',
    en: 'The trade-in valuation cannot be used',
    when: 'the trade-in valuation does not exist',
  },
  ORDER_INSURANCE_INVALID: {
    status: 422,
    zh: '保险方案不可用',
    en: 'The insurance plan cannot be used',
    when: "the insurance choice does not exist or is another buyer's",
  },
  ORDER_PAYMENT_MISMATCH: {
    status: 422,
    zh: '付款与订单不符：{reason}',
    en: 'The payment does not match the order: {reason}',
    when: 'a deposit payment for another amount than the deposit, or a balance over what is still due',
  },
  ORDER_UNIT_MISMATCH: {
    status: 422,
    zh: '所选车辆与订单车型或颜色不符',
    en: "The chosen unit is not the order's trim or colour",
    when: "staff allocate a unit of another trim (or colour) than the order's",
  },
  ORDER_RISK_REVIEW_PENDING: {
    status: 409,
    zh: '订单正在风控审核中',
    en: 'The order is waiting for a risk review',
    when: 'a unit is allocated while the risk review is pending',
  },
  ORDER_RISK_REVIEW_NOT_PENDING: {
    status: 409,
    zh: '该订单没有待处理的风控审核',
    en: 'The order has no pending risk review',
    when: 'a risk decision on an order whose review is not pending',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    orders: typeof OrdersErrors;
  }
}
