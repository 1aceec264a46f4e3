// The home page's quick entries into /cars: price bands, body types and energy, as links with the search
// page's own URL parameters (whole yuan for prices, as the /cars filters use).

export interface PriceBand {
  /** Text key under `storefront:landing.bands.*`. */
  readonly key: string;
  readonly minYuan?: number;
  readonly maxYuan?: number;
}

/** 5万以下 ... 50万以上, as Autohome and Dongchedi offer them. */
export const PRICE_BANDS: readonly PriceBand[] = [
  { key: 'under5', maxYuan: 50_000 },
  { key: 'from5to10', minYuan: 50_000, maxYuan: 100_000 },
  { key: 'from10to15', minYuan: 100_000, maxYuan: 150_000 },
  { key: 'from15to20', minYuan: 150_000, maxYuan: 200_000 },
  { key: 'from20to30', minYuan: 200_000, maxYuan: 300_000 },
  { key: 'from30to50', minYuan: 300_000, maxYuan: 500_000 },
  { key: 'over50', minYuan: 500_000 },
];

/** Body types offered as entries (the search knows more; these are what buyers look for first). */
export const BODY_ENTRIES = ['suv', 'sedan', 'mpv', 'hatchback', 'coupe', 'wagon'] as const;

/** 新能源: battery-electric, plug-in hybrid and range-extended, as Chinese buyers (and green plates) count them. */
export const NEV_ENERGIES = ['bev', 'phev', 'erev'] as const;

type Params = Record<string, string | number | undefined>;

/** A /cars link with these filters (and the new/used tab when one is chosen). */
export function carsHref(params: Params, kind?: 'new' | 'used'): string {
  const q = new URLSearchParams();
  if (kind) q.set('kind', kind);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `/cars?${s}` : '/cars';
}

export function priceBandHref(band: PriceBand, kind?: 'new' | 'used'): string {
  return carsHref({ priceMinYuan: band.minYuan, priceMaxYuan: band.maxYuan }, kind);
}
