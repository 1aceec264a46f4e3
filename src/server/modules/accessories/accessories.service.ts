import { z } from 'zod';
import type { DbHandle } from '../../kernel/db/client.js';
import { isUniqueViolation } from '../../kernel/db/constraint-errors.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { existingSeriesIds } from '../catalog/index.js';
import type {
  TAccessory,
  TAccessoryCategory,
  TAccessoryCategoryInput,
  TAccessoryFitment,
  TAccessoryInput,
  TAccessoryManageQuery,
  TAccessoryQuery,
} from './accessories.contract.js';
import { toAccessory, toCategory } from './accessories.mappers.js';
import * as repo from './accessories.repository.js';

const ZIdCursor = z.object({ id: z.string() });

/** The category and all categories below it. */
function subtree(all: repo.AccessoryCategoryRow[], rootId: string): string[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) {
    for (const c of all) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  }
  return out;
}

// ---- categories ----

export async function listCategories(db: DbHandle): Promise<TAccessoryCategory[]> {
  return (await repo.listCategories(db)).map(toCategory);
}

export async function createCategory(
  db: DbHandle,
  input: TAccessoryCategoryInput,
  mutation: Mutation,
): Promise<TAccessoryCategory> {
  const row: repo.AccessoryCategoryRow = {
    id: newId('acc_cat'),
    parentId: input.parentId ?? null,
    name: input.name,
    nameEn: input.nameEn,
    sort: input.sort,
  };
  await withTransaction(db, async (tx) => {
    const all = await repo.listCategories(tx);
    if (row.parentId && !all.some((c) => c.id === row.parentId)) {
      throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: row.parentId });
    }
    await repo.insertCategory(tx, row);
    await audit(tx, mutation, {
      action: 'catalog.accessory_category.create',
      entityType: 'catalog_accessory_category',
      entityId: row.id,
      before: null,
      after: row,
    });
  });
  return toCategory(row);
}

export async function updateCategory(
  db: DbHandle,
  id: string,
  input: TAccessoryCategoryInput,
  mutation: Mutation,
): Promise<TAccessoryCategory> {
  return withTransaction(db, async (tx) => {
    const all = await repo.listCategories(tx);
    const before = all.find((c) => c.id === id);
    if (!before) throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: id });
    const parentId = input.parentId ?? null;
    if (parentId && !all.some((c) => c.id === parentId)) {
      throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: parentId });
    }
    if (parentId && subtree(all, id).includes(parentId)) throw new AppError('ACCESSORY_CATEGORY_CYCLE');
    const after = await repo.updateCategory(tx, id, {
      parentId,
      name: input.name,
      nameEn: input.nameEn,
      sort: input.sort,
    });
    if (!after) throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: id });
    await audit(tx, mutation, {
      action: 'catalog.accessory_category.update',
      entityType: 'catalog_accessory_category',
      entityId: id,
      before,
      after,
    });
    return toCategory(after);
  });
}

// ---- products ----

async function filterFor(db: DbHandle, query: TAccessoryQuery) {
  let categoryIds: string[] | undefined;
  if (query.categoryId) categoryIds = subtree(await repo.listCategories(db), query.categoryId);
  return {
    categoryIds,
    seriesId: query.seriesId,
    year: query.seriesId ? query.year : undefined,
    q: query.q,
    afterId: decodeCursor(query.cursor, ZIdCursor)?.id,
    limit: query.limit,
  };
}

/** Products on sale; a category includes its subcategories; a series includes universal products. */
export async function listPublicAccessories(
  db: DbHandle,
  query: TAccessoryQuery,
): Promise<{ items: TAccessory[]; nextCursor: string | null }> {
  const rows = await repo.listAccessories(db, { ...(await filterFor(db, query)), status: 'listed' });
  return toPage(rows, query.limit, toAccessory, (r) => ({ id: r.product.id }));
}

export async function getPublicAccessory(db: DbHandle, id: string): Promise<TAccessory> {
  const v = await repo.findAccessory(db, id);
  if (v?.product.status !== 'listed') throw new AppError('ACCESSORY_NOT_FOUND');
  return toAccessory(v);
}

export async function listAllAccessories(
  db: DbHandle,
  query: TAccessoryManageQuery,
): Promise<{ items: TAccessory[]; nextCursor: string | null }> {
  const rows = await repo.listAccessories(db, { ...(await filterFor(db, query)), status: query.status });
  return toPage(rows, query.limit, toAccessory, (r) => ({ id: r.product.id }));
}

/** Whether an accessory (any status) has this id. */
export async function accessoryExists(db: DbHandle, id: string): Promise<boolean> {
  return (await repo.findAccessory(db, id)) !== undefined;
}

export async function getAccessory(db: DbHandle, id: string): Promise<TAccessory> {
  const v = await repo.findAccessory(db, id);
  if (!v) throw new AppError('ACCESSORY_NOT_FOUND');
  return toAccessory(v);
}

/** The fitment rows of an input: `fitments` (last row of a series wins), else every year of `seriesIds`. */
function fitmentsOf(input: TAccessoryInput): TAccessoryFitment[] {
  const rows =
    input.fitments ?? input.seriesIds.map((seriesId) => ({ seriesId, yearFrom: null, yearTo: null }));
  return [...new Map(rows.map((f) => [f.seriesId, f])).values()];
}

async function checkReferences(tx: DbHandle, input: TAccessoryInput): Promise<void> {
  const cats = await repo.listCategories(tx);
  if (!cats.some((c) => c.id === input.categoryId)) {
    throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: input.categoryId });
  }
  const wanted = [...new Set(fitmentsOf(input).map((f) => f.seriesId))];
  const found = new Set(await existingSeriesIds(tx, wanted));
  const missing = wanted.find((s) => !found.has(s));
  if (missing) throw new AppError('ACCESSORY_SERIES_UNKNOWN', { seriesId: missing });
  const skus = input.variants.map((v) => v.sku);
  const dup = skus.find((s, i) => skus.indexOf(s) !== i);
  if (dup) throw new AppError('SKU_TAKEN', { sku: dup });
}

async function writeChildren(tx: DbHandle, productId: string, input: TAccessoryInput): Promise<void> {
  try {
    await repo.replaceVariants(
      tx,
      productId,
      input.variants.map((v) => ({
        id: newId('acv'),
        productId,
        sku: v.sku,
        attributes: v.attributes,
        priceFen: v.priceFen,
        inventoryRef: null,
      })),
    );
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('SKU_TAKEN', { sku: input.variants.map((v) => v.sku).join(', ') });
    throw e;
  }
  await repo.replaceFitments(tx, productId, fitmentsOf(input));
}

export async function createAccessory(
  db: DbHandle,
  input: TAccessoryInput,
  mutation: Mutation,
): Promise<TAccessory> {
  const id = newId('acp');
  await withTransaction(db, async (tx) => {
    await checkReferences(tx, input);
    await repo.insertProduct(tx, {
      id,
      categoryId: input.categoryId,
      name: input.name,
      nameEn: input.nameEn ?? null,
      description: input.description,
      brand: input.brand ?? null,
      status: input.status,
      returnable: input.returnable,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    });
    await writeChildren(tx, id, input);
    await audit(tx, mutation, {
      action: 'catalog.accessory.create',
      entityType: 'catalog_accessory',
      entityId: id,
      before: null,
      after: input,
    });
  });
  return getAccessory(db, id);
}

/** Replaces a product's fields, variants (kept SKUs keep their ids) and fitments. */
export async function updateAccessory(
  db: DbHandle,
  id: string,
  input: TAccessoryInput,
  mutation: Mutation,
): Promise<TAccessory> {
  await withTransaction(db, async (tx) => {
    const before = await repo.findAccessory(tx, id);
    if (!before) throw new AppError('ACCESSORY_NOT_FOUND');
    await checkReferences(tx, input);
    await repo.updateProduct(tx, id, {
      categoryId: input.categoryId,
      name: input.name,
      nameEn: input.nameEn ?? null,
      description: input.description,
      brand: input.brand ?? null,
      status: input.status,
      returnable: input.returnable,
      updatedAt: mutation.at,
    });
    await writeChildren(tx, id, input);
    await audit(tx, mutation, {
      action: 'catalog.accessory.update',
      entityType: 'catalog_accessory',
      entityId: id,
      before: toAccessory(before),
      after: input,
    });
  });
  return getAccessory(db, id);
}
