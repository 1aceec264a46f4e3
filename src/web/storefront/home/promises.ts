// What the storefront may promise buyers, in one place. Each promise is shown (home banner, footer texts)
// only once the feature behind it works, and then links to it: the issue that builds a feature sets its
// `to` here, and nothing else needs to change. Until then the banner says only what works today.

export interface StorefrontPromise {
  /** Text key under `storefront:promises.*`. */
  readonly key: string;
  /** Where the buyer uses it; null while the feature does not exist yet (the promise is then hidden). */
  readonly to: string | null;
}

/** What works today: each links to where the buyer sees it. */
export const WORKING_PROMISES: readonly StorefrontPromise[] = [
  { key: 'authorisedDealers', to: '/cars?kind=new' },
  { key: 'inspectedUsedCars', to: '/cars?kind=used' },
  { key: 'compareSpecs', to: '/compare' },
];

/**
 * Promised by earlier texts: 透明落地价 (every vehicle page shows its landed price, line by line), 预约试驾 (test-drive
 * booking: test-drive issue), 送车上门 (home delivery: order issue). Set `to` when the feature lands.
 */
export const PENDING_PROMISES: readonly StorefrontPromise[] = [
  { key: 'landedPrice', to: '/cars' },
  { key: 'testDrive', to: null },
  { key: 'homeDelivery', to: null },
];

/** The promises the storefront shows: those that work, in order. */
export function shownPromises(): StorefrontPromise[] {
  return [...WORKING_PROMISES, ...PENDING_PROMISES].filter((p) => p.to !== null);
}
