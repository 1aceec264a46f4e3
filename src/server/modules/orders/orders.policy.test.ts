import { describe, expect, it } from 'vitest';
import {
  defaultDepositFen,
  depositTerms,
  maxBindingDepositFen,
  settleCancellation,
} from './orders.policy.js';

// The deposit policy with hand-computed amounts: a BYD 汉 at ¥209,800, deposits of ¥20,000 (binding) or
// ¥5,000 (refundable), the deposit paid at 10:00 on 7 Dec 2026 (Beijing), a free window of 24 hours.

const PAID_AT = new Date('2026-12-07T02:00:00Z');
const HOURS = 24;
const later = (h: number) => new Date(PAID_AT.getTime() + h * 3_600_000);
const binding = {
  depositKind: 'binding' as const,
  depositPaidFen: 2_000_000,
  balancePaidFen: 0,
  depositPaidAt: PAID_AT,
};

describe('the deposit policy', () => {
  it('caps a binding deposit at 20% of the price: ¥209,800 -> ¥41,960', () => {
    expect(maxBindingDepositFen(20_980_000)).toBe(4_196_000);
    expect(maxBindingDepositFen(3)).toBe(0);
    expect(defaultDepositFen('binding', 20_980_000)).toBe(500_000);
    // a cheap car: the default binding deposit shrinks to 20% (¥20,000 -> ¥4,000)
    expect(defaultDepositFen('binding', 2_000_000)).toBe(400_000);
    expect(defaultDepositFen('refundable', 2_000_000)).toBe(500_000);
  });

  it('refunds a refundable deposit in full whoever cancels', () => {
    const facts = {
      ...binding,
      depositKind: 'refundable' as const,
      depositPaidFen: 500_000,
      status: 'vehicle_allocated' as const,
    };
    expect(settleCancellation(facts, 'buyer', later(72), HOURS)).toMatchObject({
      paidFen: 500_000,
      refundFen: 500_000,
      forfeitFen: 0,
      compensationFen: 0,
      rule: 'refundable_full_refund',
    });
    expect(settleCancellation(facts, 'seller', later(72), HOURS).compensationFen).toBe(0);
  });

  it('forfeits a binding deposit when the buyer walks away after allocation, refunding the balance paid', () => {
    const s = settleCancellation(
      { ...binding, balancePaidFen: 5_000_000, status: 'contract_signed' },
      'buyer',
      later(2),
      HOURS,
    );
    expect(s).toMatchObject({
      paidFen: 7_000_000,
      refundFen: 5_000_000,
      forfeitFen: 2_000_000,
      compensationFen: 0,
      rule: 'binding_buyer_forfeit',
    });
    expect(s.explanation.zh).toContain('¥20,000.00');
  });

  it('returns a binding deposit double when the seller walks away: ¥20,000 refunded + ¥20,000 compensation', () => {
    const s = settleCancellation({ ...binding, status: 'vehicle_allocated' }, 'seller', later(50), HOURS);
    expect(s).toMatchObject({
      refundFen: 2_000_000,
      forfeitFen: 0,
      compensationFen: 2_000_000,
      rule: 'binding_seller_double',
    });
    expect(s.explanation.zh).toContain('¥40,000.00');
  });

  it('refunds a binding deposit in full within the free window before allocation, not after it', () => {
    const within = settleCancellation({ ...binding, status: 'deposit_paid' }, 'buyer', later(23.9), HOURS);
    expect(within).toMatchObject({ refundFen: 2_000_000, forfeitFen: 0, rule: 'binding_free_window' });
    const afterWindow = settleCancellation({ ...binding, status: 'deposit_paid' }, 'buyer', later(24), HOURS);
    expect(afterWindow).toMatchObject({ refundFen: 0, forfeitFen: 2_000_000 });
    const allocated = settleCancellation(
      { ...binding, status: 'vehicle_allocated' },
      'buyer',
      later(1),
      HOURS,
    );
    expect(allocated).toMatchObject({ refundFen: 0, forfeitFen: 2_000_000 });
  });

  it('refunds everything when the system cancels, and settles nothing when nothing was paid', () => {
    expect(
      settleCancellation({ ...binding, status: 'vehicle_allocated' }, 'system', later(100), HOURS),
    ).toMatchObject({
      refundFen: 2_000_000,
      forfeitFen: 0,
      rule: 'system_full_refund',
    });
    expect(
      settleCancellation(
        { ...binding, depositPaidFen: 0, depositPaidAt: null, status: 'created' },
        'buyer',
        later(1),
        HOURS,
      ),
    ).toMatchObject({ paidFen: 0, refundFen: 0, forfeitFen: 0, rule: 'nothing_paid' });
  });

  it('words the binding terms with the price, the 20% limit and the free window', () => {
    const t = depositTerms('binding', 20_980_000, 24, 'zh-CN');
    expect(t.text).toContain('¥209,800.00');
    expect(t.text).toContain('¥41,960.00');
    expect(t.text).toContain('24 小时');
    expect(t.textOther).toMatch(/returns double the deposit/);
  });
});
