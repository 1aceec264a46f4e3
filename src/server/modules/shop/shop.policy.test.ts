import { describe, expect, it } from 'vitest';
import {
  formatShopOrderNumber,
  refundForReturn,
  returnDeadline,
  returnWindowOpen,
  shippingFee,
} from './shop.policy.js';

describe('return window', () => {
  it('runs 7 whole days from the day after delivery, in Asia/Shanghai', () => {
    // 2026-12-01 23:30 Shanghai (15:30 UTC): the first day is 12-02, the last 12-08.
    expect(returnDeadline(new Date('2026-12-01T15:30:00Z')).toISOString()).toBe('2026-12-08T15:59:59.999Z');
    // 2026-12-02 00:30 Shanghai (12-01 16:30 UTC) is already the next Shanghai day: one day more.
    expect(returnDeadline(new Date('2026-12-01T16:30:00Z')).toISOString()).toBe('2026-12-09T15:59:59.999Z');
  });

  it('is open at its last millisecond and closed one later; never open before delivery', () => {
    const delivered = new Date('2026-12-01T02:00:00Z');
    expect(returnWindowOpen(delivered, new Date('2026-12-08T15:59:59.999Z'))).toBe(true);
    expect(returnWindowOpen(delivered, new Date('2026-12-08T16:00:00.000Z'))).toBe(false);
    expect(returnWindowOpen(null, delivered)).toBe(false);
  });
});

describe('refund of a return', () => {
  const order = { goodsFen: 8_000, discountFen: 0, shippingFen: 1_000, totalFen: 9_000 };
  it('refunds the goods returned; the shipping fee only when every unit comes back', () => {
    const lines = [
      { unitPriceFen: 5_000, quantity: 1, returnedQuantity: 0 },
      { unitPriceFen: 1_500, quantity: 2, returnedQuantity: 1 },
    ];
    expect(refundForReturn(order, lines)).toMatchObject({ refundFen: 1_500, shippingFen: 0, whole: false });
    const all = lines.map((l) => ({ ...l, returnedQuantity: l.quantity }));
    expect(refundForReturn(order, all)).toMatchObject({ refundFen: 9_000, shippingFen: 1_000, whole: true });
  });

  it('takes back the returned goods’ share of an order discount, rounded to the fen', () => {
    const discounted = { goodsFen: 10_000, discountFen: 1_000, shippingFen: 0, totalFen: 9_000 };
    const lines = [
      { unitPriceFen: 3_333, quantity: 1, returnedQuantity: 1 },
      { unitPriceFen: 6_667, quantity: 1, returnedQuantity: 0 },
    ];
    // 3,333 less 1,000 x 3,333 / 10,000 = 333.3 -> 333.
    expect(refundForReturn(discounted, lines).refundFen).toBe(3_000);
  });
});

describe('shipping fee and order numbers', () => {
  it('waives the fee from the free-over amount on, and charges nothing without a rule', () => {
    expect(shippingFee({ feeFen: 1_000, freeOverFen: 9_900 }, 9_899)).toBe(1_000);
    expect(shippingFee({ feeFen: 1_000, freeOverFen: 9_900 }, 9_900)).toBe(0);
    expect(shippingFee({ feeFen: 2_500, freeOverFen: null }, 1_000_000)).toBe(2_500);
    expect(shippingFee(undefined, 100)).toBe(0);
  });

  it('numbers orders by the Shanghai day', () => {
    expect(formatShopOrderNumber(new Date('2026-12-07T16:30:00Z'), 42)).toBe('SP20261208-000042');
  });
});
