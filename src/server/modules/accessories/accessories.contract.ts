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

export const ZAccessoryInput = z.object({
  categoryId: z.string().min(1).max(60),
  name: ZVisibleText({ min: 2, max: 80 }),
  nameEn: ZVisibleText({ min: 0, max: 120 }).nullish(),
  description: z.string().max(5000).default(''),
  brand: ZVisibleText({ min: 0, max: 40 }).nullish(),
  status: z.enum(ACCESSORY_STATUSES).default('draft'),
  variants: z.array(ZAccessoryVariantInput).min(1).max(50),
  /** Series the product fits; empty means universal. */
  seriesIds: z.array(z.string().min(1).max(60)).max(200).default([]),
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
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      attributes: z.record(z.string(), z.string()),
      priceFen: z.number().int(),
    }),
  ),
  seriesIds: z.array(z.string()),
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
