import type { DbHandle } from '../../kernel/db/client.js';

// The coupon seam: the marketing module will implement this and register it with `provideShopCoupons`.
// Until it does, no coupon applies and every order's discount is 0.

export interface ShopCouponLine {
  readonly variantId: string;
  readonly productId: string;
  readonly unitPriceFen: number;
  readonly quantity: number;
}

export interface ShopCouponQuery {
  readonly buyerId: string | null;
  readonly code: string | undefined;
  readonly lines: readonly ShopCouponLine[];
  readonly goodsFen: number;
}

export interface ShopCouponProvider {
  /** The discount a coupon gives on these lines (0..goodsFen), or null when none applies. */
  quote(db: DbHandle, query: ShopCouponQuery): Promise<{ discountFen: number; code: string } | null>;
  /** Marks the coupon used by this order, inside the checkout's transaction (throws when it is gone). */
  redeem(tx: DbHandle, query: ShopCouponQuery & { orderId: string }): Promise<void>;
  /** Gives the coupon back when the order is cancelled unpaid. */
  release(tx: DbHandle, orderId: string): Promise<void>;
}

const none: ShopCouponProvider = {
  quote: async () => null,
  redeem: async () => {},
  release: async () => {},
};

let provider: ShopCouponProvider = none;

/** Called once by the module that owns coupons (marketing), at start-up. */
export function provideShopCoupons(p: ShopCouponProvider): void {
  provider = p;
}

export function shopCoupons(): ShopCouponProvider {
  return provider;
}
