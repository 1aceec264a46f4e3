import { defineErrors } from '../../kernel/http/errors.js';

export const InsuranceErrors = defineErrors({
  INSURER_NOT_FOUND: {
    status: 404,
    zh: '未找到该保险公司',
    en: 'Insurer not found',
    when: 'an insurer code we have no adapter for',
  },
  INSURANCE_LISTING_NOT_FOUND: {
    status: 404,
    zh: '未找到该车源',
    en: 'Vehicle not found',
    when: 'a quote for a listing that does not exist or is not on sale',
  },
  INSURANCE_REGISTRATION_IN_FUTURE: {
    status: 400,
    zh: '首次上牌年份不能晚于今年',
    en: 'The first registration cannot be later than this year',
    when: 'a quote for a used car registered after the current year (Asia/Shanghai)',
  },
  INSURANCE_NO_PLAN: {
    status: 503,
    zh: '暂时没有保险公司给出报价，请稍后再试',
    en: 'No insurer has quoted right now; please try again shortly',
    when: 'no active insurer answered the quote request (all failed, timed out or none is connected)',
  },
  INSURANCE_QUOTE_NOT_FOUND: {
    status: 404,
    zh: '未找到该保险报价',
    en: 'Insurance quote not found',
    when: 'no quote has that id, or it was made for another buyer',
  },
  INSURANCE_QUOTE_EXPIRED: {
    status: 409,
    zh: '该保险报价已过期，请重新报价',
    en: 'This insurance quote has expired; please get a new one',
    when: 'choosing a plan of a quote past its validity',
  },
  INSURANCE_PLAN_NOT_AVAILABLE: {
    status: 409,
    zh: '该保险公司未能给出此次报价，请选择其他方案',
    en: 'This insurer gave no plan for this quote; please pick another',
    when: 'choosing the plan of an insurer that failed, timed out or was not asked for that quote',
  },
  INSURANCE_CHOICE_NOT_FOUND: {
    status: 404,
    zh: '未找到该投保方案选择',
    en: 'Insurance choice not found',
    when: 'no choice has that id, or it belongs to another buyer',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    insurance: typeof InsuranceErrors;
  }
}
