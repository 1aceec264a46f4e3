import { defineErrors } from '../../kernel/http/errors.js';

export const FinanceErrors = defineErrors({
  FINANCE_PRODUCT_NOT_FOUND: {
    status: 404,
    zh: '未找到该金融产品',
    en: 'Finance product not found',
    when: 'no finance product has that id, or a plan asks for a product not offered for that car today',
  },
  FINANCE_PRODUCT_INVALID: {
    status: 400,
    zh: '金融产品设置有误，请检查标注的字段',
    en: 'The finance product has invalid fields',
    when: 'a change would leave a product inconsistent (price range, dates, used-car floor, subsidy rate)',
  },
  FINANCE_PRODUCT_VERSION_CONFLICT: {
    status: 409,
    zh: '该产品已被他人修改，请刷新后再改',
    en: 'Someone else changed this product; reload it and try again',
    when: 'a product change made on a copy older than the stored version',
  },
  FINANCE_DOWN_PAYMENT_BELOW_MINIMUM: {
    status: 400,
    zh: '首付低于最低要求（至少 {minimumYuan} 元）',
    en: 'The down payment is below the minimum (at least CNY {minimumYuan})',
    when: "a plan's down payment below the chosen product's minimum or the used-car 30% floor",
  },
  FINANCE_TERM_NOT_OFFERED: {
    status: 400,
    zh: '该产品不提供此期限',
    en: 'The product does not offer this term',
    when: 'a plan for a product with a term it does not offer (or over 36 months for a used car)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    finance: typeof FinanceErrors;
  }
}
