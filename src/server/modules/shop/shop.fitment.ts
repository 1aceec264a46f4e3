import type { DbHandle } from '../../kernel/db/client.js';
import type { Mutation } from '../../kernel/mutation.js';
import { trimFactsOf } from '../catalog/index.js';
import { buyerCars } from '../orders/index.js';
import { buyerOf } from './shop.cart.js';
import type { TMyCar } from './shop.contract.js';

// "Fits my car": the buyer's own cars from their vehicle orders, each as the series and model year (年款)
// of the order's trim, so the shop can filter accessories by them. One car per series and year.

export async function myCars(db: DbHandle, mutation: Mutation): Promise<{ items: TMyCar[] }> {
  const cars = await buyerCars(db, buyerOf(mutation));
  const facts = new Map(
    (
      await trimFactsOf(
        db,
        cars.map((c) => c.trimId),
      )
    ).map((f) => [f.id, f]),
  );
  const seen = new Set<string>();
  const items: TMyCar[] = [];
  for (const c of cars) {
    const f = facts.get(c.trimId);
    if (!f || seen.has(`${f.seriesId}/${f.modelYear}`)) continue;
    seen.add(`${f.seriesId}/${f.modelYear}`);
    items.push({
      orderId: c.orderId,
      orderNumber: c.orderNumber,
      title: c.title,
      brandName: f.brandName,
      seriesId: f.seriesId,
      seriesName: f.seriesName,
      modelYear: f.modelYear,
    });
  }
  return { items };
}
