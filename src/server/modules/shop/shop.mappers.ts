import type { TShopOrder } from './shop.contract.js';
import { pickupLate, returnDeadline, returnWindowOpen } from './shop.policy.js';
import type { ShopOrderLineRow, ShopOrderRow } from './shop.schema.js';

// The one place shop rows become API objects.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toShopOrder(
  row: ShopOrderRow,
  lines: readonly ShopOrderLineRow[],
  now: Date,
  payUrl: string | null = null,
): TShopOrder {
  const own = lines.filter((l) => l.orderId === row.id);
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: row.status,
    province: row.province,
    city: row.city,
    district: row.district,
    phoneMasked: row.phoneMasked,
    goodsFen: row.goodsFen,
    shippingFen: row.shippingFen,
    discountFen: row.discountFen,
    totalFen: row.totalFen,
    refundFen: row.refundFen,
    lines: own.map((l) => ({
      id: l.id,
      variantId: l.variantId,
      productId: l.productId,
      sku: l.sku,
      title: l.title,
      attributes: (l.attributes ?? {}) as Record<string, string>,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      returnable: l.returnable,
      returnQuantity: l.returnQuantity,
      returnedQuantity: l.returnedQuantity,
    })),
    paymentIntentId: row.paymentIntentId,
    payUrl: row.status === 'pending_payment' ? payUrl : null,
    holdExpiresAt: row.holdExpiresAt.toISOString(),
    paidAt: iso(row.paidAt),
    carrier: row.carrier,
    trackingNo: row.trackingNo,
    shippedAt: iso(row.shippedAt),
    pickedUpAt: iso(row.pickedUpAt),
    pickupLate: pickupLate(row, now),
    deliveredAt: iso(row.deliveredAt),
    returnDeadline: row.deliveredAt ? returnDeadline(row.deliveredAt).toISOString() : null,
    returnOpen:
      row.status === 'delivered' && returnWindowOpen(row.deliveredAt, now) && own.some((l) => l.returnable),
    completedAt: iso(row.completedAt),
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    returnRequestedAt: iso(row.returnRequestedAt),
    returnReason: row.returnReason,
    returnTrackingNo: row.returnTrackingNo,
    returnedAt: iso(row.returnedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
