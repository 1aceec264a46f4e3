import { defineErrors } from '../../kernel/http/errors.js';

export const FulfilmentErrors = defineErrors({
  DELIVERY_NOT_FOUND: {
    status: 404,
    zh: '未找到该交付记录',
    en: 'Delivery not found',
    when: 'no delivery has that id or order (or it is outside the caller’s dealer)',
  },
  DELIVERY_SLOT_NOT_FOUND: {
    status: 404,
    zh: '未找到该交车时段',
    en: 'Delivery slot not found',
    when: 'no slot has that id',
  },
  DELIVERY_SLOT_FULL: {
    status: 409,
    zh: '该交车时段已约满，请选择其他时段',
    en: 'This delivery slot is fully booked; choose another',
    when: 'the slot has no capacity left',
  },
  DELIVERY_SLOT_UNAVAILABLE: {
    status: 409,
    zh: '该时段不可预约（已过期或不属于交车门店）',
    en: 'This slot cannot be booked (past, or not at the delivering store)',
    when: 'the slot has started or belongs to another store',
  },
  DELIVERY_ORDER_NOT_READY: {
    status: 409,
    zh: '订单尚未到可预约交车的状态',
    en: 'The order is not ready for delivery booking',
    when: 'the order is not ready_for_delivery or delivery_scheduled',
  },
  DELIVERY_ADDRESS_REQUIRED: {
    status: 400,
    zh: '送车上门需要填写收车地址',
    en: 'Home delivery needs an address',
    when: 'mode home without an address',
  },
  DELIVERY_CITY_UNKNOWN: {
    status: 400,
    zh: '不支持该城市',
    en: 'Unknown city',
    when: 'the address city code is not a known city',
  },
  DELIVERY_NOT_OFFERED: {
    status: 409,
    zh: '该城市暂不提供送车上门，请选择到店提车',
    en: 'Home delivery is not offered to this city; choose store pickup',
    when: 'no fee rule covers the store city and the buyer city',
  },
  DELIVERY_FEE_CHANGED: {
    status: 409,
    zh: '运费已变化，请确认新的运费',
    en: 'The delivery fee changed; confirm the new fee',
    when: 'the fee the buyer confirmed differs from the current one',
  },
  DELIVERY_RANGE_INVALID: {
    status: 400,
    zh: '日期范围无效（最多 62 天）',
    en: 'Invalid date range (62 days at most)',
    when: 'from after to, or a range longer than 62 days',
  },
  DELIVERY_PICKUP_HAS_NO_CARRIER: {
    status: 409,
    zh: '到店提车无需承运商',
    en: 'Store pickup has no carrier',
    when: 'a carrier is assigned to or dispatched for a pickup',
  },
  DELIVERY_CARRIER_REQUIRED: {
    status: 409,
    zh: '请先指派承运商',
    en: 'Assign a carrier first',
    when: 'dispatching a home delivery without a carrier',
  },
  DELIVERY_CARRIER_UNAVAILABLE: {
    status: 409,
    zh: '该承运商未接入',
    en: 'This carrier is not connected',
    when: 'the carrier has no adapter here (the sandbox is off in production unless configured)',
  },
  DELIVERY_CHECKLIST_OPEN: {
    status: 409,
    zh: '检查清单尚有未签核项目',
    en: 'The checklist has items not signed off',
    when: 'dispatch with an open PDI item, or handover with an open PDI or handover item',
  },
  DELIVERY_INVOICE_REQUIRED: {
    status: 409,
    zh: '请先登记机动车销售统一发票',
    en: 'Record the vehicle sales invoice first',
    when: 'handover without the invoice number and amount',
  },
  DELIVERY_NOT_ARRIVED: {
    status: 409,
    zh: '车辆尚未送达，暂不能确认交车',
    en: 'The car has not arrived yet',
    when: 'the buyer accepts a home delivery before the carrier reported it delivered',
  },
  DELIVERY_GATE_OPEN: {
    status: 409,
    zh: '尚有未完成的交付条件，订单不能完成',
    en: 'A completion condition is still open; the order cannot complete',
    when: 'completing while a completion gate (handover, title transfer, re-inspection...) is open',
  },
  DELIVERY_SIGNATURE_INVALID: {
    status: 401,
    zh: '承运商回调签名无效',
    en: 'Invalid carrier signature',
    when: 'a carrier event without a valid signature',
  },
  DELIVERY_TRACKING_UNKNOWN: {
    status: 404,
    zh: '未找到该运单',
    en: 'Unknown tracking number',
    when: 'a carrier event for a tracking number no delivery has',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    fulfilment: typeof FulfilmentErrors;
  }
}
