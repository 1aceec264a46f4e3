import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { isValidUscc } from './dealers.uscc.js';

// Request/response schemas of /api/v1/dealers. Imported by the web app: no server-only imports here.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

export const CITY_TIERS = ['tier1', 'new_tier1', 'tier2', 'tier3'] as const;
export const DEALER_STATUSES = ['active', 'suspended'] as const;
export type TDealerStatus = (typeof DEALER_STATUSES)[number];
export const STORE_STATUSES = ['active', 'closed'] as const;
export const STORE_SERVICES = ['sales', 'test_drive', 'after_sales', 'delivery'] as const;
export const QUALIFICATION_KINDS = [
  'business_licence',
  'brand_authorisation',
  'used_car_dealer_filing',
  'new_energy_service_authorisation',
  'second_class_maintenance_licence',
] as const;

/** Brands a dealer form offers; dealers may list others (the catalog owns the real brand list). */
export const BRAND_SUGGESTIONS = [
  'BYD',
  'Tesla',
  'Geely',
  'Changan',
  'Haval',
  'Great Wall',
  'Chery',
  'Li Auto',
  'NIO',
  'XPeng',
  'Xiaomi',
  'AITO',
  'Zeekr',
  'Toyota',
  'Volkswagen',
  'Honda',
  'BMW',
  'Mercedes-Benz',
  'Audi',
  'Buick',
  'Nissan',
] as const;

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ZCityCode = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 code');
export const ZDealerId = z.string().regex(/^dlr_[a-z0-9_]{1,60}$/, 'a dealer id (dlr_...)');
export const ZStoreId = z.string().regex(/^sto_[a-z0-9_]{1,60}$/, 'a store id (sto_...)');
/** A calendar date (YYYY-MM-DD) that exists. */
export const ZDate = z.iso.date();

/** Mainland mobile (13812345678), landline with area code (010-65881234) or a 400 service number. */
export const ZPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-\d{7,8}|400-?\d{3}-?\d{4})$/, 'a mainland mobile, landline or 400 number');

export const ZUscc = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidUscc, 'not a valid unified social credit code (check character mismatch)');

const ZHm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const ZTimeRange = z
  .tuple([ZHm, ZHm])
  .refine(([open, close]) => open < close, 'opening time must be before closing time');

const ZDayHours = z
  .array(ZTimeRange)
  .max(4)
  .refine((ranges) => {
    const sorted = [...ranges].sort((a, b) => a[0].localeCompare(b[0]));
    return sorted.every((r, i) => i === 0 || (sorted[i - 1]?.[1] ?? '') <= r[0]);
  }, 'time ranges of one day must not overlap');

/** Opening hours per weekday; an empty list means closed that day. */
export const ZOpeningHours = z.object({
  mon: ZDayHours,
  tue: ZDayHours,
  wed: ZDayHours,
  thu: ZDayHours,
  fri: ZDayHours,
  sat: ZDayHours,
  sun: ZDayHours,
});
export type TOpeningHours = z.infer<typeof ZOpeningHours>;

export const ZStoreService = z.enum(STORE_SERVICES);
export const ZStoreServices = z
  .array(ZStoreService)
  .min(1)
  .max(STORE_SERVICES.length)
  .refine((s) => new Set(s).size === s.length, 'services must not repeat');

export const ZBrands = z
  .array(ZVisibleText({ max: 40 }))
  .min(1)
  .max(20)
  .refine((b) => new Set(b).size === b.length, 'brands must not repeat');

// ---- responses ----

export const ZCityRef = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const ZCity = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  pinyin: z.string(),
  province: ZCityRef,
  tier: z.enum(CITY_TIERS),
  hot: z.boolean(),
  latitude: z.number(),
  longitude: z.number(),
});
export type TCity = z.infer<typeof ZCity>;
export const ZCityList = z.array(ZCity);

export const ZStore = z.object({
  id: z.string(),
  dealer: z.object({ id: z.string(), name: z.string(), brands: z.array(z.string()) }),
  name: z.string(),
  city: ZCityRef,
  district: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  phone: z.string(),
  openingHours: ZOpeningHours,
  services: z.array(ZStoreService),
  status: z.enum(STORE_STATUSES),
  updatedAt: z.string(),
});
export type TStore = z.infer<typeof ZStore>;

export const ZQualification = z.object({
  id: z.string(),
  kind: z.string(),
  number: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  /** Whole days from today (Asia/Shanghai) to validUntil; negative once expired. */
  daysLeft: z.number().int(),
  expired: z.boolean(),
});
export type TQualification = z.infer<typeof ZQualification>;

export const ZDealer = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string(),
  uscc: z.string(),
  brands: z.array(z.string()),
  city: ZCityRef,
  status: z.enum(DEALER_STATUSES),
  contactPhone: z.string(),
  /** Earliest validUntil among its qualifications (null when it has none). */
  nextQualificationExpiry: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDealer = z.infer<typeof ZDealer>;

export const ZDealerDetail = ZDealer.extend({
  qualifications: z.array(ZQualification),
  stores: z.array(ZStore),
});
export type TDealerDetail = z.infer<typeof ZDealerDetail>;

export const ZPortalDealer = ZDealer.extend({ qualifications: z.array(ZQualification) });
export type TPortalDealer = z.infer<typeof ZPortalDealer>;

// ---- queries ----

const ZLimit = z.coerce.number().int().min(1).max(100).default(20);
const ZCursor = z.string().max(500).optional();

export const ZStoreListQuery = z.object({
  cityCode: ZCityCode.optional(),
  dealerId: ZDealerId.optional(),
  brand: trimmed(1, 40).optional(),
  service: ZStoreService.optional(),
  limit: ZLimit,
  cursor: ZCursor,
});
export type TStoreListQuery = z.infer<typeof ZStoreListQuery>;

export const ZDealerListQuery = z.object({
  q: trimmed(1, 60).optional(),
  cityCode: ZCityCode.optional(),
  brand: trimmed(1, 40).optional(),
  status: z.enum(DEALER_STATUSES).optional(),
  /** Dealers with a qualification expiring within this many days (already expired ones included). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  limit: ZLimit,
  cursor: ZCursor,
});
export type TDealerListQuery = z.infer<typeof ZDealerListQuery>;

export const ZDealerPage = z.object({ items: z.array(ZDealer), nextCursor: z.string().nullable() });
export const ZStorePage = z.object({ items: z.array(ZStore), nextCursor: z.string().nullable() });

export const ZDealerIdParams = z.object({ id: ZDealerId });
export const ZStoreIdParams = z.object({ id: ZStoreId });

// ---- requests ----

export const ZCreateDealerRequest = z.object({
  name: ZVisibleText({ min: 2, max: 100 }),
  legalName: ZVisibleText({ min: 2, max: 200 }),
  uscc: ZUscc,
  brands: ZBrands,
  cityCode: ZCityCode,
  contactPhone: ZPhone,
});
export type TCreateDealerRequest = z.infer<typeof ZCreateDealerRequest>;

export const ZUpdateDealerRequest = ZCreateDealerRequest.partial().refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  'at least one field is required',
);
export type TUpdateDealerRequest = z.infer<typeof ZUpdateDealerRequest>;

export const ZAddQualificationRequest = z
  .object({
    kind: z.enum(QUALIFICATION_KINDS),
    number: trimmed(1, 64),
    validFrom: ZDate,
    validUntil: ZDate,
  })
  .refine((v) => v.validFrom <= v.validUntil, {
    message: 'validUntil must not be before validFrom',
    path: ['validUntil'],
  });
export type TAddQualificationRequest = z.infer<typeof ZAddQualificationRequest>;

const storeFields = {
  name: ZVisibleText({ min: 2, max: 100 }),
  cityCode: ZCityCode,
  district: ZVisibleText({ max: 40 }),
  address: ZVisibleText({ min: 4, max: 200 }),
  latitude: z.number().min(18).max(54),
  longitude: z.number().min(73).max(136),
  phone: ZPhone,
  openingHours: ZOpeningHours,
  services: ZStoreServices,
};

export const ZCreateStoreRequest = z.object({ dealerId: ZDealerId, ...storeFields });
export type TCreateStoreRequest = z.infer<typeof ZCreateStoreRequest>;

export const ZUpdateStoreRequest = z
  .object({ ...storeFields, status: z.enum(STORE_STATUSES) })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'at least one field is required');
export type TUpdateStoreRequest = z.infer<typeof ZUpdateStoreRequest>;

/** What dealer staff may change on their own store; any other key is rejected. */
export const ZPortalUpdateStoreRequest = z
  .strictObject({
    phone: ZPhone.optional(),
    openingHours: ZOpeningHours.optional(),
    services: ZStoreServices.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'at least one field is required');
export type TPortalUpdateStoreRequest = z.infer<typeof ZPortalUpdateStoreRequest>;
