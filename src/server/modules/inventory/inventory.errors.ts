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
  ACCESSORY_STOCK_UNAVAILABLE: {
    status: 409,
    zh: '配件库存不足（可用 {available} 件）',
    en: 'Not enough accessory stock ({available} available)',
    when: 'a reservation asks for more of a SKU at a location than is on hand and not reserved',
  },
  ACCESSORY_STOCK_NOT_RESERVED: {
    status: 409,
    zh: '该配件在此地点预留的数量不足（已预留 {reserved} 件）',
    en: 'Fewer units of this accessory are reserved here ({reserved})',
    when: 'a release or shipment of accessory stock names more units than are reserved at the location',
  },
  ACCESSORY_STOCK_BELOW_RESERVED: {
    status: 409,
    zh: '调整后库存不能为负，也不能少于已预留的 {reserved} 件',
    en: 'Stock cannot go negative or below the {reserved} reserved units',
    when: 'a receipt or count correction would leave on-hand below zero or below what is reserved',
  },
  ACCESSORY_VARIANT_NOT_FOUND: {
    status: 422,
    zh: '配件 SKU 不存在',
    en: 'No such accessory SKU',
    when: 'accessory stock names a variant the accessories module does not have',
  },
  ACCESSORY_QUANTITY_INVALID: {
    status: 422,
    zh: '数量须为正整数',
    en: 'The quantity must be a positive whole number',
    when: 'an accessory stock change names a quantity that is not a positive integer',
  },
  INVENTORY_IMPORT_FILE_UNREADABLE: {
    status: 422,
    zh: '无法读取导入文件，请使用模板的 CSV 或 XLSX 格式',
    en: 'The import file cannot be read; use the CSV or XLSX template',
    when: 'an uploaded stock import is neither parseable CSV nor XLSX, or has no header row',
  },
  INVENTORY_IMPORT_FILE_MISSING: {
    status: 400,
    zh: '请上传一个 CSV 或 XLSX 文件',
    en: 'Upload one CSV or XLSX file',
    when: 'a stock import request is not multipart or carries no file',
  },
  INVENTORY_IMPORT_TOO_LARGE: {
    status: 413,
    zh: '导入文件不能超过 {maxMb} MB',
    en: 'The import file must not exceed {maxMb} MB',
    when: 'a stock import file is larger than the limit',
  },
  INVENTORY_IMPORT_ROWS_INVALID: {
    status: 422,
    zh: '导入文件有 {count} 处错误，未写入任何数据',
    en: 'The import file has {count} errors; nothing was written',
    when: 'at least one row of a stock import fails validation (details list row, column, code and message)',
  },
  SUGGESTION_NOT_FOUND: {
    status: 404,
    zh: '未找到该补货建议',
    en: 'Replenishment suggestion not found',
    when: "no suggestion has that id, or it is for another dealer's store than the caller's",
  },
  REPLENISHMENT_SETTING_INVALID: {
    status: 422,
    zh: '补货参数不正确：{reason}',
    en: 'Invalid replenishment setting: {reason}',
    when: 'a lead-time/buffer setting names an unknown brand or location, or the default with an id',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    inventory: typeof InventoryErrors;
  }
}
