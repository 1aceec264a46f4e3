import { defineErrors } from '../../kernel/http/errors.js';

/** Title transfer (过户), re-inspection and plate service codes (fulfilment module). */
export const AftersalesErrors = defineErrors({
  TITLE_TRANSFER_NOT_FOUND: {
    status: 404,
    zh: '未找到该订单的过户记录',
    en: 'No title transfer for this order',
    when: 'no title transfer exists for the order, or it is outside the caller’s scope',
  },
  TITLE_TRANSFER_NEW_CAR: {
    status: 409,
    zh: '新车无需过户',
    en: 'A new car needs no title transfer',
    when: 'staff open a title transfer on a new-car order',
  },
  TITLE_TRANSFER_INCOMPLETE: {
    status: 409,
    zh: '过户清单尚未完成',
    en: 'The title transfer checklist is not complete',
    when: 'staff complete a title transfer with checklist items still open (details.missing lists them)',
  },
  TITLE_TRANSFER_EMISSION_BLOCKED: {
    status: 409,
    zh: '车辆排放标准不符合迁入地要求，无法过户迁入',
    en: 'The car’s emission standard does not meet the destination city’s requirement',
    when: 'the car’s emission stage is below what the destination city requires of used cars moving in',
  },
  TITLE_TRANSFER_DONE: {
    status: 409,
    zh: '过户已办结，不能再修改',
    en: 'The title transfer is completed and can no longer change',
    when: 'staff change a completed title transfer',
  },
  EMISSION_RULE_MISSING: {
    status: 500,
    zh: '没有生效的迁入排放标准',
    en: 'No emission rule is in force',
    when: 'neither the city nor the default `*` has an emission rule (the data migration is missing)',
  },
  REINSPECTION_NOT_FOUND: {
    status: 404,
    zh: '未找到该订单的交车复检记录',
    en: 'No handover re-inspection for this order',
    when: 'no re-inspection is recorded for the order, or it is outside the caller’s scope',
  },
  REINSPECTION_USED_ONLY: {
    status: 409,
    zh: '交车复检仅适用于二手车',
    en: 'Handover re-inspection applies to used cars only',
    when: 'staff record a re-inspection on a new-car order',
  },
  REINSPECTION_NOT_AT_HANDOVER: {
    status: 409,
    zh: '只能在交车前记录复检',
    en: 'A re-inspection is recorded before the car is handed over',
    when: 'staff record a re-inspection on an order not yet paid or already delivered or cancelled',
  },
  REINSPECTION_ALREADY_RECORDED: {
    status: 409,
    zh: '该订单已记录交车复检',
    en: 'This order’s re-inspection is already recorded',
    when: 'staff record a second re-inspection for the same order',
  },
  REINSPECTION_ITEMS_MISMATCH: {
    status: 400,
    zh: '复检项目须与上架检测报告逐项对应',
    en: 'The re-inspection must cover the listed report’s items one by one',
    when: 'the recorded items are not exactly the listed report’s item codes (details list missing and unknown)',
  },
  REINSPECTION_REFUND_INVALID: {
    status: 400,
    zh: '部分退款金额须大于零且不超过已付款项',
    en: 'A partial refund must be above zero and at most what is held',
    when: 'staff resolve a dispute with a partial refund missing, zero or above what the order holds',
  },
  PLATE_SERVICE_NOT_FOUND: {
    status: 404,
    zh: '该订单没有上牌服务',
    en: 'This order has no plate service',
    when: 'no plate service exists for the order, or it is outside the caller’s scope',
  },
  PLATE_SERVICE_EXISTS: {
    status: 409,
    zh: '该订单已办理上牌服务',
    en: 'This order already has a plate service',
    when: 'a buyer orders the plate service twice for one order',
  },
  PLATE_SERVICE_ORDER_NOT_PAID: {
    status: 409,
    zh: '车款付清后才能办理上牌服务',
    en: 'The plate service can be ordered once the car is paid for',
    when: 'a buyer orders the plate service on an order that is not fully paid or is cancelled',
  },
  PLATE_SERVICE_NO_QUOTA_NEEDED: {
    status: 409,
    zh: '该城市上牌无需指标',
    en: 'This city needs no plate quota',
    when: 'a buyer records a quota for a service that is not waiting for one',
  },
  PLATE_NUMBER_REQUIRED: {
    status: 400,
    zh: '发牌时须填写车牌号',
    en: 'Issuing the plate needs the plate number',
    when: 'staff issue the plate without a plate number',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    fulfilmentAftersales: typeof AftersalesErrors;
  }
}
