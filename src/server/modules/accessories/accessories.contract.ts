import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';

// Request/response schemas of /api/v1/catalog/accessories. Imported by the web app: no server-only imports.

export const ACCESSORY_STATUSES = ['draft', 'listed', 'delisted'] as const;

export const ZAccessoryCategory = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
});
export type TAccessoryCategory = z.infer<typeof ZAccessoryCategory>;
export const ZAccessoryCategoryList = z.array(ZAccessoryCategory);

export const ZAccessoryCategoryInput = z.object({
  parentId: z.string().min(1).max(60).nullish(),
  name: ZVisibleText({ max: 40 }),
  nameEn: ZVisibleText({ max: 60 }),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export type TAccessoryCategoryInput = z.infer<typeof ZAccessoryCategoryInput>;

export const ZAccessoryVariantInput = z.object({
  sku: z
    .string()
    .trim()
    .min(3)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9-_.]*$/, 'letters, digits, - _ .'),
  /** e.g. { 颜色: '黑色', 尺寸: 'L' } */
  attributes: z.record(z.string().max(20), z.string().max(40)).default({}),
  priceFen: z.number().int().positive().max(10_000_000_00),
});

const ZModelYear = z.number().int().min(1990).max(2100);

/** One series an accessory fits, with its model-year range (年款, both ends included; null = open ended). */
export const ZAccessoryFitment = z
  .object({
    seriesId: z.string().min(1).max(60),
    yearFrom: ZModelYear.nullable().default(null),
    yearTo: ZModelYear.nullable().default(null),
  })
  .refine((f) => f.yearFrom === null || f.yearTo === null || f.yearFrom <= f.yearTo, {
    message: 'yearFrom must not be after yearTo',
    path: ['yearTo'],
  });
export type TAccessoryFitment = z.output<typeof ZAccessoryFitment>;

/**
 * Whether an accessory fits a car (series and model year): universal products (no fitments) fit every car;
 * otherwise a fitment of the series whose years include the car's. Shared by the server's filter tests and
 * the storefront's product page.
 */
export function fitsCar(
  fitments: readonly TAccessoryFitment[],
  car: { seriesId: string; year: number | null },
): boolean {
  if (fitments.length === 0) return true;
  return fitments.some(
    (f) =>
      f.seriesId === car.seriesId &&
      (car.year === null ||
        ((f.yearFrom === null || f.yearFrom <= car.year) && (f.yearTo === null || car.year <= f.yearTo))),
  );
}

export const ZAccessoryInput = z.object({
  categoryId: z.string().min(1).max(60),
  name: ZVisibleText({ min: 2, max: 80 }),
  nameEn: ZVisibleText({ min: 0, max: 120 }).nullish(),
  description: z.string().max(5000).default(''),
  brand: ZVisibleText({ min: 0, max: 40 }).nullish(),
  status: z.enum(ACCESSORY_STATUSES).default('draft'),
  /** False excludes it from the shop's 7-day no-reason return (the product page says so). */
  returnable: z.boolean().default(true),
  variants: z.array(ZAccessoryVariantInput).min(1).max(50),
  /** Series the product fits (every model year); empty means universal. Ignored when `fitments` is given. */
  seriesIds: z.array(z.string().min(1).max(60)).max(200).default([]),
  /** Series with model-year ranges; one row per series. */
  fitments: z.array(ZAccessoryFitment).max(200).optional(),
});
export type TAccessoryInput = z.infer<typeof ZAccessoryInput>;

export const ZAccessory = z.object({
  id: z.string(),
  categoryId: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string(),
  brand: z.string().nullable(),
  status: z.enum(['draft', 'in_review', 'listed', 'rejected', 'delisted']),
  returnable: z.boolean(),
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      attributes: z.record(z.string(), z.string()),
      priceFen: z.number().int(),
    }),
  ),
  seriesIds: z.array(z.string()),
  fitments: z.array(
    z.object({
      seriesId: z.string(),
      yearFrom: z.number().int().nullable(),
      yearTo: z.number().int().nullable(),
    }),
  ),
  /** Lowest variant price, for cards. */
  priceFromFen: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAccessory = z.infer<typeof ZAccessory>;
export const ZAccessoryPage = z.object({ items: z.array(ZAccessory), nextCursor: z.string().nullable() });

export const ZAccessoryQuery = z.object({
  categoryId: z.string().max(60).optional(),
  seriesId: z.string().max(60).optional(),
  /** With `seriesId`: only what fits that model year (年款). */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  q: z.string().trim().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TAccessoryQuery = z.infer<typeof ZAccessoryQuery>;

export const ZAccessoryManageQuery = ZAccessoryQuery.extend({
  status: z.enum(ACCESSORY_STATUSES).optional(),
});
export type TAccessoryManageQuery = z.infer<typeof ZAccessoryManageQuery>;

export const ZAccessoryIdParams = z.object({ id: z.string().min(1).max(60) });
