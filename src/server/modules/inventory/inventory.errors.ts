import { defineErrors } from '../../kernel/http/errors.js';

export const InventoryErrors = defineErrors({
  UNIT_NOT_FOUND: {
    status: 404,
    zh: '未找到该库存车辆',
    en: 'Vehicle unit not found',
    when: "no unit has that id, or it belongs to another dealer than the caller's",
  },
  STOCK_LOCATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该库存地点',
    en: 'Stock location not found',
    when: "no stock location has that id, or it belongs to another dealer than the caller's",
  },
  STOCK_LOCATION_INVALID: {
    status: 422,
    zh: '库存地点信息不正确：{reason}',
    en: 'Invalid stock location: {reason}',
    when: 'a store location without its store, a store that already has a location, or a dealer warehouse made by another dealer',
  },
  UNIT_VIN_TAKEN: {
    status: 409,
    zh: '该 VIN 码的车辆已在库存中',
    en: 'A vehicle with this VIN is already in stock',
    when: 'a unit is received with the VIN of another unit',
  },
  UNIT_TRIM_NOT_FOUND: {
    status: 422,
    zh: '车型款式不存在',
    en: 'No such trim',
    when: 'a unit is received with a trim id the model database does not have',
  },
  INVENTORY_UNAVAILABLE: {
    status: 409,
    zh: '该车辆已被预订或暂无可售库存',
    en: 'This vehicle is already reserved or out of stock',
    when: 'a hold finds the unit not available, or no available unit of the trim (and colour) at the store',
  },
  UNIT_NOT_SOLD: {
    status: 409,
    zh: '该车辆不是已售状态（{status}），无法退回库存',
    en: 'This unit is not sold ({status}) and cannot go back into stock',
    when: 'a unit is returned to stock (order cancelled or re-allocated) while it is not sold',
  },
  HOLD_NOT_FOUND: {
    status: 404,
    zh: '未找到该预订',
    en: 'Hold not found',
    when: 'no hold has that id',
  },
  HOLD_NOT_ACTIVE: {
    status: 409,
    zh: '该预订已结束（{status}）',
    en: 'This hold has ended ({status})',
    when: 'a hold is confirmed or released after it was confirmed, released or expired (also when it has just expired)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    inventory: typeof InventoryErrors;
  }
}
