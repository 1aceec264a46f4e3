import { z } from 'zod';
import { recordAudit } from '../../kernel/audit/audit.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import type {
  TAccessory,
  TAccessoryCategory,
  TAccessoryCategoryInput,
  TAccessoryInput,
  TAccessoryManageQuery,
  TAccessoryQuery,
} from './accessories.contract.js';
import * as repo from './accessories.repository.js';
import { isUniqueViolation } from './listings.repository.js';
import type { MutationMeta } from './listings.service.js';

type Handle = Db | Tx;
const ZIdCursor = z.object({ id: z.string() });

function toCategory(r: repo.AccessoryCategoryRow): TAccessoryCategory {
  return { id: r.id, parentId: r.parentId, name: r.name, nameEn: r.nameEn, sort: r.sort };
}

function toAccessory(v: repo.AccessoryView): TAccessory {
  const p = v.product;
  return {
    id: p.id,
    categoryId: p.categoryId,
    name: p.name,
    nameEn: p.nameEn,
    description: p.description,
    brand: p.brand,
    status: p.status,
    variants: v.variants.map((x) => ({
      id: x.id,
      sku: x.sku,
      attributes: (x.attributes ?? {}) as Record<string, string>,
      priceFen: x.priceFen,
    })),
    seriesIds: v.seriesIds,
    priceFromFen: Math.min(...v.variants.map((x) => x.priceFen)),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

async function auditAccessory(
  tx: Tx,
  actor: StaffActor,
  meta: MutationMeta,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, {
    actor,
    action,
    entityType,
    entityId,
    before,
    after,
    requestId: meta.requestId ?? null,
    ip: meta.ip ?? null,
    at: meta.at,
  });
}

/** The category and all categories below it. */
function subtree(all: repo.AccessoryCategoryRow[], rootId: string): string[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) {
    for (const c of all) if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
  }
  return out;
}

// ---- categories ----

export async function listCategories(db: Handle): Promise<TAccessoryCategory[]> {
  return (await repo.listCategories(db)).map(toCategory);
}

export async function createCategory(
  db: Db,
  actor: StaffActor,
  input: TAccessoryCategoryInput,
  meta: MutationMeta,
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
    await auditAccessory(
      tx,
      actor,
      meta,
      'catalog.accessory_category.create',
      'catalog_accessory_category',
      row.id,
      null,
      row,
    );
  });
  return toCategory(row);
}

export async function updateCategory(
  db: Db,
  actor: StaffActor,
  id: string,
  input: TAccessoryCategoryInput,
  meta: MutationMeta,
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
    await auditAccessory(
      tx,
      actor,
      meta,
      'catalog.accessory_category.update',
      'catalog_accessory_category',
      id,
      before,
      after,
    );
    return toCategory(after);
  });
}

// ---- products ----

async function filterFor(db: Handle, query: TAccessoryQuery) {
  let categoryIds: string[] | undefined;
  if (query.categoryId) categoryIds = subtree(await repo.listCategories(db), query.categoryId);
  return {
    categoryIds,
    seriesId: query.seriesId,
    q: query.q,
    afterId: decodeCursor(query.cursor, ZIdCursor)?.id,
    limit: query.limit,
  };
}

/** Products on sale; a category includes its subcategories; a series includes universal products. */
export async function listPublicAccessories(
  db: Handle,
  query: TAccessoryQuery,
): Promise<{ items: TAccessory[]; nextCursor: string | null }> {
  const rows = await repo.listAccessories(db, { ...(await filterFor(db, query)), status: 'listed' });
  return toPage(rows, query.limit, toAccessory, (r) => ({ id: r.product.id }));
}

export async function getPublicAccessory(db: Handle, id: string): Promise<TAccessory> {
  const v = await repo.findAccessory(db, id);
  if (!v || v.product.status !== 'listed') throw new AppError('ACCESSORY_NOT_FOUND');
  return toAccessory(v);
}

export async function listAllAccessories(
  db: Handle,
  query: TAccessoryManageQuery,
): Promise<{ items: TAccessory[]; nextCursor: string | null }> {
  const rows = await repo.listAccessories(db, { ...(await filterFor(db, query)), status: query.status });
  return toPage(rows, query.limit, toAccessory, (r) => ({ id: r.product.id }));
}

export async function getAccessory(db: Handle, id: string): Promise<TAccessory> {
  const v = await repo.findAccessory(db, id);
  if (!v) throw new AppError('ACCESSORY_NOT_FOUND');
  return toAccessory(v);
}

async function checkReferences(tx: Handle, input: TAccessoryInput): Promise<void> {
  const cats = await repo.listCategories(tx);
  if (!cats.some((c) => c.id === input.categoryId)) {
    throw new AppError('ACCESSORY_CATEGORY_UNKNOWN', { categoryId: input.categoryId });
  }
  const wanted = [...new Set(input.seriesIds)];
  const found = new Set(await repo.existingSeriesIds(tx, wanted));
  const missing = wanted.find((s) => !found.has(s));
  if (missing) throw new AppError('ACCESSORY_SERIES_UNKNOWN', { seriesId: missing });
  const skus = input.variants.map((v) => v.sku);
  const dup = skus.find((s, i) => skus.indexOf(s) !== i);
  if (dup) throw new AppError('SKU_TAKEN', { sku: dup });
}

async function writeChildren(tx: Tx, productId: string, input: TAccessoryInput): Promise<void> {
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
  await repo.replaceFitments(tx, productId, [...new Set(input.seriesIds)]);
}

export async function createAccessory(
  db: Db,
  actor: StaffActor,
  input: TAccessoryInput,
  meta: MutationMeta,
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
      createdAt: meta.at,
      updatedAt: meta.at,
    });
    await writeChildren(tx, id, input);
    await auditAccessory(tx, actor, meta, 'catalog.accessory.create', 'catalog_accessory', id, null, input);
  });
  return getAccessory(db, id);
}

/** Replaces a product's fields, variants (kept SKUs keep their ids) and fitments. */
export async function updateAccessory(
  db: Db,
  actor: StaffActor,
  id: string,
  input: TAccessoryInput,
  meta: MutationMeta,
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
      updatedAt: meta.at,
    });
    await writeChildren(tx, id, input);
    await auditAccessory(
      tx,
      actor,
      meta,
      'catalog.accessory.update',
      'catalog_accessory',
      id,
      toAccessory(before),
      input,
    );
  });
  return getAccessory(db, id);
}
