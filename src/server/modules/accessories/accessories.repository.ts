import {
  and,
  asc,
  eq,
  exists,
  gt,
  gte,
  ilike,
  inArray,
  isNull,
  lte,
  notExists,
  or,
  type SQL,
} from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import {
  accessoryCategories,
  accessoryFitments,
  accessoryProducts,
  accessoryVariants,
} from './accessories.schema.js';

export type AccessoryCategoryRow = typeof accessoryCategories.$inferSelect;
export type AccessoryProductRow = typeof accessoryProducts.$inferSelect;
export type AccessoryVariantRow = typeof accessoryVariants.$inferSelect;

export interface AccessoryView {
  product: AccessoryProductRow;
  variants: AccessoryVariantRow[];
  seriesIds: string[];
  fitments: { seriesId: string; yearFrom: number | null; yearTo: number | null }[];
}

export async function listCategories(db: DbHandle): Promise<AccessoryCategoryRow[]> {
  return db
    .select()
    .from(accessoryCategories)
    .orderBy(asc(accessoryCategories.sort), asc(accessoryCategories.id));
}

export async function insertCategory(tx: DbHandle, row: AccessoryCategoryRow): Promise<void> {
  await tx.insert(accessoryCategories).values(row).onConflictDoNothing();
}

export async function updateCategory(
  tx: DbHandle,
  id: string,
  patch: Partial<Omit<AccessoryCategoryRow, 'id'>>,
): Promise<AccessoryCategoryRow | undefined> {
  const [row] = await tx
    .update(accessoryCategories)
    .set(patch)
    .where(eq(accessoryCategories.id, id))
    .returning();
  return row;
}

async function attach(db: DbHandle, products: AccessoryProductRow[]): Promise<AccessoryView[]> {
  if (products.length === 0) return [];
  const ids = products.map((p) => p.id);
  const variants = await db
    .select()
    .from(accessoryVariants)
    .where(inArray(accessoryVariants.productId, ids))
    .orderBy(asc(accessoryVariants.priceFen), asc(accessoryVariants.sku));
  const fits = await db.select().from(accessoryFitments).where(inArray(accessoryFitments.productId, ids));
  return products.map((product) => ({
    product,
    variants: variants.filter((v) => v.productId === product.id),
    seriesIds: fits
      .filter((f) => f.productId === product.id)
      .map((f) => f.seriesId)
      .sort(),
    fitments: fits
      .filter((f) => f.productId === product.id)
      .map((f) => ({ seriesId: f.seriesId, yearFrom: f.yearFrom, yearTo: f.yearTo }))
      .sort((a, b) => (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0)),
  }));
}

export async function findAccessory(db: DbHandle, id: string): Promise<AccessoryView | undefined> {
  const rows = await db.select().from(accessoryProducts).where(eq(accessoryProducts.id, id));
  const [view] = await attach(db, rows);
  return view;
}

export interface AccessoryFilter {
  status?: AccessoryProductRow['status'] | undefined;
  categoryIds?: string[] | undefined;
  seriesId?: string | undefined;
  /** With seriesId: the car's model year. */
  year?: number | undefined;
  q?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** Products by id (newest ids last); a series filter keeps universal products (no fitments) too. */
export async function listAccessories(db: DbHandle, f: AccessoryFilter): Promise<AccessoryView[]> {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(accessoryProducts.status, f.status));
  if (f.categoryIds) conds.push(inArray(accessoryProducts.categoryId, f.categoryIds));
  if (f.seriesId) {
    const fitsSeries = exists(
      db
        .select({ x: accessoryFitments.productId })
        .from(accessoryFitments)
        .where(
          and(
            eq(accessoryFitments.productId, accessoryProducts.id),
            eq(accessoryFitments.seriesId, f.seriesId),
            f.year === undefined
              ? undefined
              : and(
                  or(isNull(accessoryFitments.yearFrom), lte(accessoryFitments.yearFrom, f.year)),
                  or(isNull(accessoryFitments.yearTo), gte(accessoryFitments.yearTo, f.year)),
                ),
          ),
        ),
    );
    const universal = notExists(
      db
        .select({ x: accessoryFitments.productId })
        .from(accessoryFitments)
        .where(eq(accessoryFitments.productId, accessoryProducts.id)),
    );
    const c = or(fitsSeries, universal);
    if (c) conds.push(c);
  }
  if (f.q) conds.push(ilike(accessoryProducts.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.afterId) conds.push(gt(accessoryProducts.id, f.afterId));
  const rows = await db
    .select()
    .from(accessoryProducts)
    .where(and(...conds))
    .orderBy(asc(accessoryProducts.id))
    .limit(f.limit + 1);
  return attach(db, rows);
}

export async function insertProduct(tx: DbHandle, row: AccessoryProductRow): Promise<void> {
  await tx.insert(accessoryProducts).values(row);
}

export async function updateProduct(
  tx: DbHandle,
  id: string,
  patch: Partial<Omit<AccessoryProductRow, 'id'>>,
): Promise<void> {
  await tx.update(accessoryProducts).set(patch).where(eq(accessoryProducts.id, id));
}

/** Makes the product's variants exactly `variants` (matched by SKU, so kept SKUs keep their ids). */
export async function replaceVariants(
  tx: DbHandle,
  productId: string,
  variants: AccessoryVariantRow[],
): Promise<void> {
  const current = await tx.select().from(accessoryVariants).where(eq(accessoryVariants.productId, productId));
  const keep = new Set(variants.map((v) => v.sku));
  const gone = current.filter((c) => !keep.has(c.sku)).map((c) => c.id);
  if (gone.length > 0) await tx.delete(accessoryVariants).where(inArray(accessoryVariants.id, gone));
  for (const v of variants) {
    const existing = current.find((c) => c.sku === v.sku);
    if (existing) {
      await tx
        .update(accessoryVariants)
        .set({ attributes: v.attributes, priceFen: v.priceFen })
        .where(eq(accessoryVariants.id, existing.id));
    } else {
      await tx.insert(accessoryVariants).values(v);
    }
  }
}

export async function replaceFitments(
  tx: DbHandle,
  productId: string,
  fitments: readonly { seriesId: string; yearFrom: number | null; yearTo: number | null }[],
): Promise<void> {
  await tx.delete(accessoryFitments).where(eq(accessoryFitments.productId, productId));
  if (fitments.length > 0) {
    await tx.insert(accessoryFitments).values(fitments.map((f) => ({ productId, ...f })));
  }
}

/** What other modules know of a SKU variant (inventory's accessory stock names it by these). */
export interface AccessoryVariantFacts {
  id: string;
  sku: string;
  productId: string;
  productName: string;
  productNameEn: string | null;
  attributes: unknown;
  /** For the shop: the price, whether the product is on sale, and whether the 7-day return applies. */
  priceFen: number;
  productStatus: AccessoryProductRow['status'];
  returnable: boolean;
}

/** Variants by id or by SKU (the inventory module's stock list and its import look them up). */
export function variantFacts(
  db: DbHandle,
  by: { ids: readonly string[] } | { skus: readonly string[] },
): Promise<AccessoryVariantFacts[]> {
  const keys = 'ids' in by ? by.ids : by.skus;
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: accessoryVariants.id,
      sku: accessoryVariants.sku,
      productId: accessoryProducts.id,
      productName: accessoryProducts.name,
      productNameEn: accessoryProducts.nameEn,
      attributes: accessoryVariants.attributes,
      priceFen: accessoryVariants.priceFen,
      productStatus: accessoryProducts.status,
      returnable: accessoryProducts.returnable,
    })
    .from(accessoryVariants)
    .innerJoin(accessoryProducts, eq(accessoryProducts.id, accessoryVariants.productId))
    .where(inArray('ids' in by ? accessoryVariants.id : accessoryVariants.sku, [...new Set(keys)]));
}
