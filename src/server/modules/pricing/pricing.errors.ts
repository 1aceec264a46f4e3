import { defineErrors } from '../../kernel/http/errors.js';

export const PricingErrors = defineErrors({
  PRICING_RULE_NOT_IN_EFFECT: {
    status: 422,
    zh: '该日期没有生效的税费规则',
    en: 'No tax or fee rule is in effect on that date',
    when: 'a quote date before the earliest version of a required rule',
  },
  PRICING_RULE_PARAMS_INVALID: {
    status: 400,
    zh: '规则参数不正确',
    en: 'The rule parameters are not valid',
    when: "a new rule version's params do not match its code's schema",
  },
  PRICING_RULE_DATE_PAST: {
    status: 409,
    zh: '新版本只能从今天或以后生效，已出具的报价不受影响',
    en: 'A new version can only take effect today or later; quotes already given stay as they are',
    when: 'a new rule version dated before today (Asia/Shanghai)',
  },
  PRICING_QUOTE_NOT_FOUND: {
    status: 404,
    zh: '未找到该报价',
    en: 'Quote not found',
    when: 'no quote has that id',
  },
  PRICING_LISTING_NOT_FOUND: {
    status: 404,
    zh: '未找到该车源',
    en: 'Vehicle not found',
    when: 'the listing does not exist or is not on sale',
  },
  PRICING_REGISTRATION_IN_FUTURE: {
    status: 400,
    zh: '首次上牌时间不能晚于今天',
    en: 'The first registration cannot be in the future',
    when: 'a trade-in valuation with a first registration after today',
  },
  PRICING_VALUATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该估价',
    en: 'Valuation not found',
    when: 'no trade-in valuation has that id',
  },
  LOAN_DOWN_PAYMENT_TOO_LOW: {
    status: 400,
    zh: '二手车首付不得低于车价的30%',
    en: 'A used car needs at least 30% down',
    when: 'a loan quote for a used car with less than 30% down',
  },
  LOAN_TERM_TOO_LONG: {
    status: 400,
    zh: '二手车贷款期限最长36个月',
    en: 'A used-car loan runs 36 months at most',
    when: 'a loan quote for a used car over 36 months',
  },
  LOAN_DOWN_PAYMENT_TOO_HIGH: {
    status: 400,
    zh: '首付不能超过车价',
    en: 'The down payment cannot exceed the price',
    when: 'a down payment that leaves nothing to borrow',
  },
  PRICING_OVERRIDE_OUT_OF_RANGE: {
    status: 422,
    zh: '估值需在新车指导价的5%到150%之间，请检查金额',
    en: "An override must lie between 5% and 150% of the car's new price: check the amount",
    when: "a valuation override outside 5%-150% of the trim's guide price (most likely a typo)",
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    pricing: typeof PricingErrors;
  }
}
