import { z } from 'zod';

// Request/response schemas of the search sub-area (/api/v1/catalog/search, /suggest, /vehicles, /compare,
// /favourites, /history, /recommendations). Imported by the web app: no server-only imports here.
//
// Money: every price in a RESPONSE is integer fen (`priceFen`); price FILTERS are whole yuan
// (`priceMinYuan`, `priceMaxYuan`) because that is what a buyer types (15万 = 150000).
// Lists in the query string are comma-separated (`brand=byd,tesla`) or repeated (`brand=byd&brand=tesla`).

export const SEARCH_BODY_TYPES = [
  'sedan',
  'hatchback',
  'suv',
  'mpv',
  'coupe',
  'wagon',
  'pickup',
  'convertible',
] as const;
export const SEARCH_ENERGY_TYPES = ['petrol', 'diesel', 'hev', 'phev', 'erev', 'bev', 'fcev'] as const;
export const SEARCH_SORTS = ['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc'] as const;
export const FACET_NAMES = [
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'kind',
  'city',
  'grade',
  'year',
] as const;
/** Filters a relaxation may name (every filter of the search query). */
export const FILTER_NAMES = [
  'q',
  'kind',
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'city',
  'grade',
  'price',
  'rangeMinKm',
  'year',
  'mileageMaxKm',
  'ageMaxYears',
  'segment',
] as const;
/** Vehicle segments (级别): A00 micro ... D full-size, as the model database has them. */
export const SEARCH_SEGMENTS = ['A00', 'A0', 'A', 'B', 'C', 'D'] as const;
/** What a piece of the query text was understood as. */
export const UNDERSTOOD_FILTERS = [
  'kind',
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'segment',
  'city',
  'price',
  'mileage',
  'age',
  'year',
  'sort',
] as const;

export const ZListingId = z.string().regex(/^lst_[a-z0-9_]{1,60}$/, 'a listing id (lst_...)');
export const ZTrimId = z.string().regex(/^trm_[a-z0-9_]{1,60}$/, 'a trim id (trm_...)');
const ZSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'a slug');

/** A list param: comma-separated and/or repeated, blanks dropped. */
function csv<T extends z.ZodType>(item: T, max = 20) {
  return z.preprocess((v) => {
    if (v === undefined || v === null) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]));
    const cleaned = parts.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '');
    return cleaned.length === 0 ? undefined : cleaned;
  }, z.array(item).max(max).optional());
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ZSearchQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    kind: z.enum(['new', 'used']).optional(),
    brand: csv(ZSlug),
    series: csv(ZSlug),
    body: csv(z.enum(SEARCH_BODY_TYPES)),
    energy: csv(z.enum(SEARCH_ENERGY_TYPES)),
    seats: csv(int(2, 9)),
    segment: csv(z.enum(SEARCH_SEGMENTS)),
    city: csv(z.string().regex(/^\d{6}$/, 'a 6-digit city code')),
    grade: csv(int(1, 5)),
    priceMinYuan: int(0, 100_000_000).optional(),
    priceMaxYuan: int(0, 100_000_000).optional(),
    rangeMinKm: int(0, 2000).optional(),
    yearMin: int(1990, 2100).optional(),
    yearMax: int(1990, 2100).optional(),
    mileageMaxKm: int(0, 2_000_000).optional(),
    ageMaxYears: int(0, 50).optional(),
    sort: z.enum(SEARCH_SORTS).default('popular'),
    limit: int(1, 50).default(20),
    cursor: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.priceMinYuan !== undefined && v.priceMaxYuan !== undefined && v.priceMinYuan > v.priceMaxYuan) {
      ctx.addIssue({ code: 'custom', path: ['priceMinYuan'], message: 'must not exceed priceMaxYuan' });
    }
    if (v.yearMin !== undefined && v.yearMax !== undefined && v.yearMin > v.yearMax) {
      ctx.addIssue({ code: 'custom', path: ['yearMin'], message: 'must not exceed yearMax' });
    }
  });
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZVehicleCard = z.object({
  id: z.string(),
  kind: z.enum(['new', 'used']),
  status: z.enum(['listed', 'delisted']),
  title: z.string(),
  /** `nameEn` is filled on the storefront's answers (English pages show it). */
  brand: z.object({ slug: z.string(), name: z.string(), nameEn: z.string().optional() }),
  series: z.object({ id: z.string(), slug: z.string(), name: z.string(), nameEn: z.string().optional() }),
  trimId: z.string(),
  trimName: z.string(),
  modelYear: z.number().int(),
  bodyType: z.string(),
  energyType: z.string(),
  seats: z.number().int(),
  electricRangeKm: z.number().int().nullable(),
  /** Engine displacement in litres (null for electric cars); filled on the storefront's answers. */
  displacementL: z.number().nullable().optional(),
  priceFen: z.number().int(),
  guidePriceFen: z.number().int(),
  mileageKm: z.number().int(),
  firstRegistrationDate: z.string().nullable(),
  cityCode: z.string(),
  conditionGrade: z.number().int().nullable(),
  dealerId: z.string(),
  storeId: z.string().nullable(),
  imageUrl: z.string().nullable(),
  popularity: z.number().int(),
  listedAt: z.string(),
});
export type TVehicleCard = z.infer<typeof ZVehicleCard>;

export const ZFacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type TFacetValue = z.infer<typeof ZFacetValue>;

export const ZSearchResponse = z.object({
  items: z.array(ZVehicleCard),
  nextCursor: z.string().nullable(),
  /** Matches over all pages. */
  total: z.number().int(),
  /** Per facet, counts with every OTHER active filter applied (disjunctive faceting). */
  facets: z.object({
    brand: z.array(ZFacetValue),
    series: z.array(ZFacetValue),
    body: z.array(ZFacetValue),
    energy: z.array(ZFacetValue),
    seats: z.array(ZFacetValue),
    kind: z.array(ZFacetValue),
    city: z.array(ZFacetValue),
    grade: z.array(ZFacetValue),
    year: z.array(ZFacetValue),
  }),
  /** Only when the result is empty: removing one filter would give `count` results. */
  relaxations: z.array(z.object({ filter: z.enum(FILTER_NAMES), count: z.number().int() })),
  /**
   * How `q` was understood, in reading order: each piece of the text (`text`, as typed) and the filter and
   * value it set (a slug, code or enum; lists comma-separated; ranges `min-max` in yuan, km or years, either
   * side may be empty), with a label in the request's language. A piece whose filter the request also set
   * explicitly is not applied and not listed. Dropping a piece = searching again with its text removed.
   */
  understood: z.array(
    z.object({ filter: z.enum(UNDERSTOOD_FILTERS), value: z.string(), text: z.string(), label: z.string() }),
  ),
});
export type TSearchResponse = z.infer<typeof ZSearchResponse>;

export const ZSuggestQuery = z.object({
  q: z.string().trim().min(1).max(50),
  limit: int(1, 20).default(8),
});
export const ZSuggestResponse = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['brand', 'series', 'query']),
      text: z.string(),
      slug: z.string().nullable(),
      brandSlug: z.string().nullable(),
      match: z.enum(['prefix', 'typo']),
    }),
  ),
});
export type TSuggestResponse = z.infer<typeof ZSuggestResponse>;

export const ZParameterRow = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  valueType: z.enum(['number', 'feature', 'text', 'boolean']),
  /** Display value: "4995", "●" standard, "○" optional, "-" none, "是"/"否", text; null when unknown. */
  display: z.string().nullable(),
  optionPriceFen: z.number().int().nullable(),
});
export const ZParameterGroup = z.object({ group: z.string(), rows: z.array(ZParameterRow) });
export type TParameterGroup = z.infer<typeof ZParameterGroup>;

export const ZMediaItem = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video', 'spin360']),
  angle: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});

const ZWeekHours = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

export const ZVehicleDetail = z.object({
  vehicle: ZVehicleCard,
  description: z.string(),
  exteriorColour: z.string().nullable(),
  interiorColour: z.string().nullable(),
  segment: z.string(),
  manufacturer: z.string(),
  gallery: z.array(ZMediaItem),
  keyFacts: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  parameters: z.array(ZParameterGroup),
  /** The trim's factory colours (exterior, then interior), names in the request's language. */
  colours: z.array(
    z.object({
      kind: z.enum(['exterior', 'interior']),
      name: z.string(),
      hex: z.string(),
      /** Extra cost of the colour in fen; 0 when free. */
      priceDeltaFen: z.number().int(),
    }),
  ),
  /** The trim's option packages with what each contains (parameter names in the request's language). */
  packages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      priceFen: z.number().int(),
      includes: z.array(z.string()),
    }),
  ),
  price: z.object({
    priceFen: z.number().int(),
    guidePriceFen: z.number().int(),
    /** Guide price minus asking price (new cars); 0 when not discounted. */
    discountFen: z.number().int(),
  }),
  store: z
    .object({
      id: z.string(),
      name: z.string(),
      address: z.string(),
      cityCode: z.string(),
      /** The store's city in the request's language. */
      cityName: z.string(),
      phone: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      openingHours: ZWeekHours,
    })
    .nullable(),
  used: z
    .object({
      vin: z.string(),
      firstRegistrationDate: z.string(),
      mileageKm: z.number().int(),
      ownersCount: z.number().int(),
      transferCount: z.number().int(),
      conditionGrade: z.number().int().nullable(),
      accidentHistory: z.boolean(),
      floodHistory: z.boolean(),
      fireHistory: z.boolean(),
      disclosureNote: z.string().nullable(),
      inspection: z
        .object({
          id: z.string(),
          inspectedAt: z.string(),
          inspectionOrg: z.string(),
          totalScore: z.number(),
          grade: z.number().int(),
          summary: z.string(),
          sectionScores: z.record(z.string(), z.number()),
          /** Findings first: every item that is not ok, worst first, with photos. */
          findings: z.array(
            z.object({
              section: z.string(),
              code: z.string(),
              name: z.string(),
              result: z.string(),
              note: z.string().nullable(),
              photoUrls: z.array(z.string()),
            }),
          ),
          itemsChecked: z.number().int(),
        })
        .nullable(),
    })
    .nullable(),
  similar: z.array(ZVehicleCard),
  favourite: z.boolean(),
  canonicalUrl: z.string(),
  /** schema.org Car + Offer, ready to serialise into a JSON-LD script. */
  jsonLd: z.record(z.string(), z.unknown()),
});
export type TVehicleDetail = z.infer<typeof ZVehicleDetail>;

/** GET /vehicles/:id?city=: the buyer's city, so similar vehicles of that city come first. */
export const ZVehicleDetailQuery = z.object({
  city: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit city code')
    .optional(),
});

export const ZCompareQuery = z
  .object({
    ids: csv(ZListingId, 10),
    trims: csv(ZTrimId, 10),
  })
  .superRefine((v, ctx) => {
    const ids = v.ids ?? [];
    const trims = v.trims ?? [];
    if (ids.length > 0 === trims.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'give either ids or trims' });
      return;
    }
    const list = ids.length > 0 ? ids : trims;
    if (list.length < 2 || list.length > 4) {
      ctx.addIssue({ code: 'custom', path: [ids.length > 0 ? 'ids' : 'trims'], message: 'compare 2 to 4' });
    }
    if (new Set(list).size !== list.length) {
      ctx.addIssue({ code: 'custom', path: [ids.length > 0 ? 'ids' : 'trims'], message: 'duplicates' });
    }
  });
export type TCompareQuery = z.infer<typeof ZCompareQuery>;

export const ZCompareResponse = z.object({
  columns: z.array(
    z.object({
      id: z.string(),
      trimId: z.string(),
      title: z.string(),
      brandName: z.string(),
      seriesName: z.string(),
      priceFen: z.number().int(),
      imageUrl: z.string().nullable(),
    }),
  ),
  groups: z.array(
    z.object({
      group: z.string(),
      rows: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          unit: z.string().nullable(),
          values: z.array(z.string().nullable()),
          /** The values differ across the columns (highlight it; "hide identical" hides the others). */
          different: z.boolean(),
          /** Which way is better for this parameter; null when neither is (colour, doors ...). */
          direction: z.enum(['higher', 'lower']).nullable(),
          /** Columns holding the best value (empty when there is no direction or all are equal). */
          best: z.array(z.number().int()),
        }),
      ),
    }),
  ),
});
export type TCompareResponse = z.infer<typeof ZCompareResponse>;

export const ZFavouriteRequest = z.object({ listingId: ZListingId });
/** POST /history: the vehicle page the signed-in buyer is looking at. */
export const ZHistoryViewRequest = z.object({ listingId: ZListingId });
export type THistoryViewRequest = z.infer<typeof ZHistoryViewRequest>;
export const ZMergeRequest = z.object({
  /** Most recent first, as the browser kept them. */
  listingIds: z.array(ZListingId).max(200),
});
export const ZMergeResponse = z.object({
  merged: z.number().int(),
  skipped: z.number().int(),
  total: z.number().int(),
});
export const ZSavedVehicle = z.object({
  listingId: z.string(),
  at: z.string(),
  /** Null when the listing is no longer shown (drafted again or removed). */
  vehicle: ZVehicleCard.nullable(),
});
export const ZSavedList = z.object({ items: z.array(ZSavedVehicle) });
export type TSavedList = z.infer<typeof ZSavedList>;

export const USAGES = ['commute', 'family', 'long_trips', 'business', 'off_road'] as const;
export const ENERGY_PREFERENCES = ['any', 'nev', 'fuel', ...SEARCH_ENERGY_TYPES] as const;

export const ZRecommendationRequest = z
  .object({
    budgetMinYuan: int(0, 100_000_000).optional(),
    budgetMaxYuan: int(10_000, 100_000_000),
    usage: z.enum(USAGES),
    seats: int(2, 9).optional(),
    energyPreference: z.enum(ENERGY_PREFERENCES).optional(),
    cityCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.budgetMinYuan !== undefined && v.budgetMinYuan > v.budgetMaxYuan) {
      ctx.addIssue({ code: 'custom', path: ['budgetMinYuan'], message: 'must not exceed budgetMaxYuan' });
    }
  });
export type TRecommendationRequest = z.infer<typeof ZRecommendationRequest>;

export const ZRecommendationResponse = z.object({
  items: z.array(
    z.object({
      trimId: z.string(),
      trimName: z.string(),
      brandName: z.string(),
      seriesName: z.string(),
      seriesSlug: z.string(),
      modelYear: z.number().int(),
      energyType: z.string(),
      bodyType: z.string(),
      seats: z.number().int(),
      electricRangeKm: z.number().int().nullable(),
      guidePriceFen: z.number().int(),
      /** Lowest listed price (in the city when one was given), else the guide price. */
      fromPriceFen: z.number().int(),
      listingId: z.string().nullable(),
      imageUrl: z.string().nullable(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
});
export type TRecommendationResponse = z.infer<typeof ZRecommendationResponse>;

// ---- the words search understands (console) ----

export const QUERY_TERM_FILTER_VALUES = [
  'kind',
  'body',
  'energy',
  'seats',
  'segment',
  'sort',
  'city',
  'age',
  'mileage',
  'ignore',
] as const;

export const ZQueryTerm = z.object({
  /** Null for a built-in term (not stored; an operator's term of the same text and filter replaces it). */
  id: z.string().nullable(),
  term: z.string(),
  filter: z.enum(QUERY_TERM_FILTER_VALUES),
  value: z.string(),
  soft: z.boolean(),
  note: z.string().nullable(),
  builtIn: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TQueryTerm = z.infer<typeof ZQueryTerm>;
export const ZQueryTermList = z.object({ items: z.array(ZQueryTerm) });

export const ZCreateQueryTerm = z
  .object({
    term: z.string().trim().min(1).max(30),
    filter: z.enum(QUERY_TERM_FILTER_VALUES),
    value: z.string().trim().max(200).default(''),
    soft: z.boolean().default(false),
    note: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type TCreateQueryTerm = z.infer<typeof ZCreateQueryTerm>;
export const ZUpdateQueryTerm = z
  .object({
    value: z.string().trim().max(200).optional(),
    soft: z.boolean().optional(),
    note: z.string().trim().max(200).nullable().optional(),
  })
  .strict();
export type TUpdateQueryTerm = z.infer<typeof ZUpdateQueryTerm>;
export const ZQueryTermIdParams = z.object({
  id: z.string().regex(/^sqt_[a-z0-9]{1,40}$/, 'a term id (sqt_...)'),
});

/** POST /catalog/search/understand: how a query would be read (the console's try-it box). */
export const ZUnderstandRequest = z.object({ q: z.string().trim().min(1).max(100) }).strict();
export const ZUnderstandResponse = z.object({
  understood: ZSearchResponse.shape.understood,
  /** Words left over, matched as text. */
  words: z.array(z.string()),
  sort: z.enum(SEARCH_SORTS).nullable(),
});
