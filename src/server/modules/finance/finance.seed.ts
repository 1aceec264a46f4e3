import type { DbHandle } from '../../kernel/db/client.js';
import * as repo from './finance.products.repository.js';
import type { FinanceProductRow } from './finance.schema.js';
import { SEED_PRODUCTS } from './finance.seed-data.js';

const SEEDED_AT = new Date('2026-01-05T02:00:00Z');

/** Loads the demo finance products; re-runnable (existing ids are kept, edits to them survive). */
export async function seedFinanceProducts(db: DbHandle): Promise<void> {
  const rows: FinanceProductRow[] = SEED_PRODUCTS.map((p) => ({
    ...p,
    energies: [...p.energies],
    brands: [...p.brands],
    terms: p.terms.map((t) => ({ ...t })),
    version: 1,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }));
  await repo.insertProductsIfAbsent(db, rows);
}
