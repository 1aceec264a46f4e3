import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { type FinanceProductRow, financeProductTable } from './finance.schema.js';

// The only code that reads and writes the finance products table.

export function listProducts(db: DbHandle): Promise<FinanceProductRow[]> {
  return db
    .select()
    .from(financeProductTable)
    .orderBy(
      asc(financeProductTable.lenderCode),
      asc(financeProductTable.createdAt),
      asc(financeProductTable.id),
    );
}

/** The products offered on a day (Asia/Shanghai `YYYY-MM-DD`): active and within their dates. */
export function listOfferedProducts(db: DbHandle, day: string): Promise<FinanceProductRow[]> {
  return db
    .select()
    .from(financeProductTable)
    .where(
      and(
        eq(financeProductTable.active, true),
        lte(financeProductTable.validFrom, day),
        or(isNull(financeProductTable.validTo), gte(financeProductTable.validTo, day)),
      ),
    )
    .orderBy(
      asc(financeProductTable.lenderCode),
      asc(financeProductTable.createdAt),
      asc(financeProductTable.id),
    );
}

export async function findProduct(db: DbHandle, id: string): Promise<FinanceProductRow | undefined> {
  const [row] = await db.select().from(financeProductTable).where(eq(financeProductTable.id, id));
  return row;
}

/** The product, locked until the transaction ends (concurrent edits queue behind it). */
export async function lockProduct(db: DbHandle, id: string): Promise<FinanceProductRow | undefined> {
  const [row] = await db
    .select()
    .from(financeProductTable)
    .where(eq(financeProductTable.id, id))
    .for('update');
  return row;
}

export async function insertProduct(db: DbHandle, row: FinanceProductRow): Promise<void> {
  await db.insert(financeProductTable).values(row);
}

export async function updateProduct(
  db: DbHandle,
  id: string,
  set: Partial<FinanceProductRow>,
): Promise<void> {
  await db.update(financeProductTable).set(set).where(eq(financeProductTable.id, id));
}

/** Inserts the rows whose id is not taken yet; returns how many were inserted. */
export async function insertProductsIfAbsent(db: DbHandle, rows: FinanceProductRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(financeProductTable)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: financeProductTable.id });
  return inserted.length;
}
