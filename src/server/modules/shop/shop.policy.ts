import { PICKUP_DUE_HOURS, RETURN_WINDOW_DAYS } from './shop.enums.js';
import type { ShopOrderLineRow, ShopOrderRow } from './shop.schema.js';

// The shop's rules that are pure arithmetic on dates and money, kept apart so they are tested at their edges.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai has no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET = 8 * HOUR;

/**
 * The last moment of the 7-day no-reason return: the window counts 7 whole days from the day AFTER
 * delivery (《网络购买商品七日无理由退货暂行办法》 counts from the day after receipt), in Asia/Shanghai, so
 * a parcel delivered 12-01 at any hour may be returned until 12-08 23:59:59.999 Shanghai time.
 */
export function returnDeadline(deliveredAt: Date): Date {
  const local = deliveredAt.getTime() + SHANGHAI_OFFSET;
  const dayStartLocal = local - (((local % DAY) + DAY) % DAY);
  return new Date(dayStartLocal + (RETURN_WINDOW_DAYS + 1) * DAY - SHANGHAI_OFFSET - 1);
}

export function returnWindowOpen(deliveredAt: Date | null, now: Date): boolean {
  return deliveredAt !== null && now.getTime() <= returnDeadline(deliveredAt).getTime();
}

/** Shipped but not picked up by the carrier within 24 h (or picked up later than that). */
export function pickupLate(order: Pick<ShopOrderRow, 'shippedAt' | 'pickedUpAt'>, now: Date): boolean {
  if (!order.shippedAt) return false;
  const end = order.pickedUpAt ?? now;
  return end.getTime() - order.shippedAt.getTime() > PICKUP_DUE_HOURS * HOUR;
}

/**
 * What a received return refunds. The goods returned at the price paid, less their share of any order
 * discount (pro rata, rounded half-up to the fen). The outbound shipping fee comes back only when EVERY unit
 * of the order is returned (the order as a whole is undone); a partial return keeps it, because the rest
 * of the order was still delivered. The return postage is the buyer's (暂行办法 第十八条); nothing is
 * deducted for it here.
 */
export function refundForReturn(
  order: Pick<ShopOrderRow, 'goodsFen' | 'discountFen' | 'shippingFen' | 'totalFen'>,
  lines: readonly Pick<ShopOrderLineRow, 'unitPriceFen' | 'quantity' | 'returnedQuantity'>[],
): { goodsFen: number; discountFen: number; shippingFen: number; refundFen: number; whole: boolean } {
  const goods = lines.reduce((s, l) => s + l.unitPriceFen * l.returnedQuantity, 0);
  const whole = lines.every((l) => l.returnedQuantity === l.quantity);
  const discount = order.goodsFen > 0 ? Math.round((order.discountFen * goods) / order.goodsFen) : 0;
  const shipping = whole ? order.shippingFen : 0;
  const refund = Math.min(order.totalFen, goods - discount + shipping);
  return {
    goodsFen: goods,
    discountFen: discount,
    shippingFen: shipping,
    refundFen: Math.max(0, refund),
    whole,
  };
}

/** The fee a rule sets for goods worth `goodsFen` (after discounts); no rule means free shipping. */
export function shippingFee(
  rule: { feeFen: number; freeOverFen: number | null } | undefined,
  goodsFen: number,
): number {
  if (!rule) return 0;
  if (rule.freeOverFen !== null && goodsFen >= rule.freeOverFen) return 0;
  return rule.feeFen;
}

/** `SP` + the Asia/Shanghai day + six digits of a running number. */
export function formatShopOrderNumber(at: Date, seq: number): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
  return `SP${local}-${String(seq % 1_000_000).padStart(6, '0')}`;
}

/** Midnight Asia/Shanghai of a YYYY-MM-DD day, as a UTC instant. */
export function shanghaiDayStart(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - SHANGHAI_OFFSET);
}
