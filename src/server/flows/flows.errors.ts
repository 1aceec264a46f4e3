import { defineErrors } from '../kernel/http/errors.js';

/** Errors of the use cases that span modules (checkout, paying an order). */
export const FlowErrors = defineErrors({
  ORDER_NOTHING_TO_PAY: {
    status: 409,
    zh: '该订单当前无需付款',
    en: 'Nothing is due on this order now',
    when: 'a pay request for an order whose deposit is paid and whose balance is not yet due (or is paid)',
  },
});

declare module '../kernel/http/errors.js' {
  interface ErrorCatalogs {
    flows: typeof FlowErrors;
  }
}
