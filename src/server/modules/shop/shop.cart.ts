import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { actorOf, type Mutation } from '../../kernel/mutation.js';
import { accessoryVariantFacts } from '../accessories/index.js';
import { accessoryStockLevels } from '../inventory/index.js';
import type { TCart, TCartLineInput } from './shop.contract.js';
import { MAX_LINE_QUANTITY } from './shop.enums.js';
import * as repo from './shop.repository.js';

// Carts. An anonymous cart lives in the browser (localStorage) and is priced by `priceCart`; a signed-in
// buyer's cart is stored here, and the browser's lines are merged into it at sign-in. Quantities are
// limited to what is free now; the stock itself is held only at checkout.

/** The buyer behind a mutation; FORBIDDEN for staff. */
export function buyerOf(mutation: Mutation): string {
  const actor = actorOf(mutation);
  if (actor.kind !== 'buyer') throw new AppError('FORBIDDEN');
  return actor.buyerId;
}

/** Free units per SKU: the most at any one location (a line ships from one location). */
export async function freeUnits(db: DbHandle, variantIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(variantIds.map((id) => [id, 0]));
  for (const l of await accessoryStockLevels(db, variantIds)) {
    out.set(l.variantId, Math.max(out.get(l.variantId) ?? 0, l.available));
  }
  return out;
}

/** Sums lines of the same SKU (two lines of one SKU must be checked against stock together). */
export function sumLines(lines: readonly TCartLineInput[]): TCartLineInput[] {
  const byVariant = new Map<string, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
}

/** Prices lines as a cart: current prices, free stock, quantities lowered to it, lines off sale flagged. */
export async function priceCart(db: DbHandle, input: readonly TCartLineInput[]): Promise<TCart> {
  const lines = sumLines(input);
  const ids = lines.map((l) => l.variantId);
  const facts = new Map((await accessoryVariantFacts(db, { ids })).map((f) => [f.id, f]));
  const free = await freeUnits(db, ids);
  const limited: string[] = [];
  const out: TCart['lines'] = [];
  for (const l of lines) {
    const f = facts.get(l.variantId);
    if (!f) continue; // the SKU is gone: the line drops out
    const available = free.get(l.variantId) ?? 0;
    const quantity = Math.min(l.quantity, MAX_LINE_QUANTITY, Math.max(available, 0));
    if (quantity < l.quantity) limited.push(l.variantId);
    out.push({
      variantId: f.id,
      productId: f.productId,
      sku: f.sku,
      title: f.productName,
      titleEn: f.productNameEn,
      attributes: (f.attributes ?? {}) as Record<string, string>,
      unitPriceFen: f.priceFen,
      quantity,
      available,
      returnable: f.returnable,
      onSale: f.productStatus === 'listed',
    });
  }
  const goodsFen = out.filter((l) => l.onSale).reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
  return { lines: out, goodsFen, limited };
}

export async function getMyCart(db: DbHandle, mutation: Mutation): Promise<TCart> {
  const rows = await repo.cartOf(db, buyerOf(mutation));
  return priceCart(db, rows);
}

/** Puts a quantity in the cart (0 removes the line), lowered to what is free; 409 when nothing is. */
export async function setMyCartLine(
  db: DbHandle,
  variantId: string,
  quantity: number,
  mode: 'add' | 'set',
  mutation: Mutation,
): Promise<TCart> {
  const buyerId = buyerOf(mutation);
  if (quantity > 0 || mode === 'add') {
    const [fact] = await accessoryVariantFacts(db, { ids: [variantId] });
    if (fact?.productStatus !== 'listed') throw new AppError('SHOP_ITEM_UNAVAILABLE', { variantId });
    const current = (await repo.cartOf(db, buyerId)).find((l) => l.variantId === variantId)?.quantity ?? 0;
    const wanted = mode === 'add' ? current + quantity : quantity;
    const available = (await freeUnits(db, [variantId])).get(variantId) ?? 0;
    if (available <= 0) throw new AppError('SHOP_STOCK_UNAVAILABLE', { variantId, available: 0 });
    await repo.setCartLine(
      db,
      buyerId,
      variantId,
      Math.min(wanted, available, MAX_LINE_QUANTITY),
      mutation.at,
    );
  } else {
    await repo.setCartLine(db, buyerId, variantId, 0, mutation.at);
  }
  return getMyCart(db, mutation);
}

/**
 * Merges the browser's anonymous cart into the account's at sign-in: quantities of one SKU are added,
 * then lowered to what is free; SKUs off sale or gone are left out.
 */
export async function mergeMyCart(
  db: DbHandle,
  lines: readonly TCartLineInput[],
  mutation: Mutation,
): Promise<TCart> {
  const buyerId = buyerOf(mutation);
  const current = await repo.cartOf(db, buyerId);
  const merged = sumLines([...current, ...lines]);
  const priced = await priceCart(db, merged);
  for (const l of priced.lines) {
    if (!l.onSale) continue;
    await repo.setCartLine(db, buyerId, l.variantId, l.quantity, mutation.at);
  }
  return getMyCart(db, mutation);
}
