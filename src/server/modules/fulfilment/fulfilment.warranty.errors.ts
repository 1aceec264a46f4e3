import { defineErrors } from '../../kernel/http/errors.js';

/** 三包 claim codes (fulfilment module). */
export const WarrantyErrors = defineErrors({
  WARRANTY_CLAIM_NOT_FOUND: {
    status: 404,
    zh: '未找到该三包申请',
    en: 'Warranty claim not found',
    when: 'no 三包 claim has that id, or it is outside the caller’s scope',
  },
  WARRANTY_ORDER_NOT_DELIVERED: {
    status: 409,
    zh: '车辆交付后才能申请三包',
    en: 'A warranty claim can be filed only after the car is handed over',
    when: 'a buyer files a 三包 claim on an order that is not delivered or completed',
  },
  WARRANTY_NOT_NEW_CAR: {
    status: 409,
    zh: '三包仅适用于新车',
    en: 'The new-car warranty return rules apply to new cars only',
    when: 'a buyer files a 三包 claim on a used-car order',
  },
  WARRANTY_CLAIM_OPEN: {
    status: 409,
    zh: '该订单已有待处理的三包申请',
    en: 'This order already has a warranty claim waiting for a decision',
    when: 'a buyer files a second claim while one is still submitted',
  },
  WARRANTY_DECISION_NOT_ALLOWED: {
    status: 409,
    zh: '该申请不符合换车或退车条件，只能维修或驳回',
    en: 'This claim does not qualify for replacement or refund; repair or reject it',
    when: 'staff decide replace or refund on a claim outside the 三包 windows',
  },
  WARRANTY_REASON_REQUIRED: {
    status: 400,
    zh: '驳回三包申请须填写理由',
    en: 'Rejecting a warranty claim needs a reason',
    when: 'staff reject a claim without a reason',
  },
  WARRANTY_POLICY_MISSING: {
    status: 500,
    zh: '没有生效的三包政策',
    en: 'No warranty return policy is in force',
    when: 'no policy row is effective on the delivery day (the data migration is missing)',
  },
  WARRANTY_NOTHING_TO_REFUND: {
    status: 409,
    zh: '该订单没有可退还的款项',
    en: 'Nothing is left to refund on this order',
    when: 'staff decide a refund for an order whose money has all gone back already',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    fulfilmentWarranty: typeof WarrantyErrors;
  }
}
