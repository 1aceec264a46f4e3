import { defineErrors } from '../../kernel/http/errors.js';

export const ShopErrors = defineErrors({
  SHOP_ORDER_NOT_FOUND: {
    status: 404,
    zh: '未找到该商城订单',
    en: 'Shop order not found',
    when: 'no shop order has that id (or it is another buyer’s)',
  },
  SHOP_ITEM_UNAVAILABLE: {
    status: 409,
    zh: '商品已下架或不存在',
    en: 'This item is not on sale',
    when: 'a cart or checkout line names a SKU that is gone or whose product is not listed',
  },
  SHOP_STOCK_UNAVAILABLE: {
    status: 409,
    zh: '库存不足',
    en: 'Not enough stock',
    when: 'a checkout line asks for more units than any location has free',
  },
  SHOP_PRICE_CHANGED: {
    status: 409,
    zh: '价格或运费已变化，请确认后重新提交',
    en: 'The price or shipping fee changed; please review and submit again',
    when: 'the checkout total differs from the expectedTotalFen the buyer was shown',
  },
  SHOP_RETURN_WINDOW_CLOSED: {
    status: 409,
    zh: '已超过7天无理由退货期限',
    en: 'The 7-day no-reason return period has ended',
    when: 'a return is asked for after the last day of the window',
  },
  SHOP_ITEM_NOT_RETURNABLE: {
    status: 409,
    zh: '该商品不支持7天无理由退货',
    en: 'This item is excluded from the 7-day no-reason return',
    when: 'a return names a line marked non-returnable at purchase',
  },
  SHOP_RETURN_QUANTITY_INVALID: {
    status: 400,
    zh: '退货数量无效',
    en: 'Invalid return quantity',
    when: 'a return names a line twice, a line of another order, or more units than were bought',
  },
  SHIPPING_RULE_NOT_FOUND: {
    status: 404,
    zh: '未找到该运费规则',
    en: 'Shipping rule not found',
    when: 'no shipping rule exists for that province',
  },
  SHOP_BULK_SHIP_FILE_INVALID: {
    status: 400,
    zh: '无法读取文件：需要含“订单号、快递公司、运单号”列的 CSV 或 XLSX',
    en: 'Unreadable file: a CSV or XLSX with order number, carrier and tracking number columns is needed',
    when: 'the bulk-ship upload is not a spreadsheet or lacks the columns',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    shop: typeof ShopErrors;
  }
}
