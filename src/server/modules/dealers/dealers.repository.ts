import { and, arrayContains, asc, desc, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { TDealerStatus } from './dealers.contract.js';
import {
  type CityRow,
  cities,
  type DealerRow,
  dealerQualifications,
  dealers,
  type NewCityRow,
  type NewDealerRow,
  type NewQualificationRow,
  type NewStoreRow,
  type QualificationRow,
  type StoreRow,
  stores,
} from './dealers.schema.js';

export interface CityName {
  name: string;
  nameEn: string;
}

/** A dealer row with what its DTO needs from other tables. */
export interface DealerView {
  dealer: DealerRow;
  city: CityName;
  nextQualificationExpiry: string | null;
}

/** A store row with its dealer and city names. */
export interface StoreView {
  store: StoreRow;
  dealer: { id: string; name: string; brands: string[]; status: TDealerStatus };
  city: CityName;
}

/** True when a driver error (pg or PGlite, possibly wrapped by drizzle) is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === '23505') return true;
    e = typeof e === 'object' && 'cause' in e ? (e as { cause: unknown }).cause : undefined;
  }
  return false;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---- cities ----

export async function listCities(db: DbHandle): Promise<CityRow[]> {
  return db.select().from(cities).orderBy(desc(cities.isHot), asc(cities.sortOrder), asc(cities.pinyin));
}

export async function findCity(db: DbHandle, code: string): Promise<CityRow | undefined> {
  const rows = await db.select().from(cities).where(eq(cities.code, code));
  return rows[0];
}

export async function upsertCities(db: DbHandle, rows: NewCityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(cities)
    .values(rows)
    .onConflictDoUpdate({
      target: cities.code,
      set: {
        name: sql`excluded.name`,
        nameEn: sql`excluded.name_en`,
        pinyin: sql`excluded.pinyin`,
        provinceCode: sql`excluded.province_code`,
        provinceName: sql`excluded.province_name`,
        provinceNameEn: sql`excluded.province_name_en`,
        tier: sql`excluded.tier`,
        isHot: sql`excluded.is_hot`,
        latitude: sql`excluded.latitude`,
        longitude: sql`excluded.longitude`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
}

// ---- dealers ----

const nextExpirySql = sql<
  string | null
>`(select min(q.valid_until)::text from dealer_qualifications q where q.dealer_id = ${dealers.id})`;

export interface DealerFilter {
  q?: string | undefined;
  cityCode?: string | undefined;
  brand?: string | undefined;
  status?: TDealerStatus | undefined;
  /** Only dealers with a qualification valid until this date or earlier (YYYY-MM-DD). */
  qualificationUntilOnOrBefore?: string | undefined;
  /** Dealer staff see only their own dealer. */
  onlyDealerId?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

function dealerSelect(db: DbHandle) {
  return db
    .select({
      dealer: dealers,
      city: { name: cities.name, nameEn: cities.nameEn },
      nextQualificationExpiry: nextExpirySql,
    })
    .from(dealers)
    .innerJoin(cities, eq(cities.code, dealers.cityCode));
}

/** One page (limit + 1 rows, ordered by id) of dealers matching the filter. */
export async function listDealers(db: DbHandle, f: DealerFilter): Promise<DealerView[]> {
  const where: SQL[] = [];
  if (f.q) {
    const pattern = likePattern(f.q);
    const match = or(
      ilike(dealers.name, pattern),
      ilike(dealers.legalName, pattern),
      eq(dealers.uscc, f.q.toUpperCase()),
    );
    if (match) where.push(match);
  }
  if (f.cityCode) where.push(eq(dealers.cityCode, f.cityCode));
  if (f.brand) where.push(arrayContains(dealers.brands, [f.brand]));
  if (f.status) where.push(eq(dealers.status, f.status));
  if (f.onlyDealerId) where.push(eq(dealers.id, f.onlyDealerId));
  if (f.qualificationUntilOnOrBefore) {
    where.push(
      sql`exists (select 1 from dealer_qualifications q where q.dealer_id = ${dealers.id} and q.valid_until <= ${f.qualificationUntilOnOrBefore}::date)`,
    );
  }
  if (f.afterId) where.push(gt(dealers.id, f.afterId));
  return dealerSelect(db)
    .where(and(...where))
    .orderBy(asc(dealers.id))
    .limit(f.limit + 1);
}

export async function findDealerView(db: DbHandle, id: string): Promise<DealerView | undefined> {
  const rows = await dealerSelect(db).where(eq(dealers.id, id));
  return rows[0];
}

/** Locks the dealer row for the rest of the transaction. */
export async function lockDealer(tx: DbHandle, id: string): Promise<DealerRow | undefined> {
  const rows = await tx.select().from(dealers).where(eq(dealers.id, id)).for('update');
  return rows[0];
}

export async function insertDealer(db: DbHandle, row: NewDealerRow): Promise<void> {
  await db.insert(dealers).values(row);
}

/** Seed only: inserts the dealer unless one with that id exists. */
export async function insertDealerIfAbsent(db: DbHandle, row: NewDealerRow): Promise<void> {
  await db.insert(dealers).values(row).onConflictDoNothing({ target: dealers.id });
}

/** Updates a dealer and returns it as stored (undefined when no dealer has that id). */
export async function updateDealer(
  db: DbHandle,
  id: string,
  set: Partial<Omit<NewDealerRow, 'id' | 'createdAt'>>,
): Promise<DealerRow | undefined> {
  const rows = await db.update(dealers).set(set).where(eq(dealers.id, id)).returning();
  return rows[0];
}

// ---- qualifications ----

export async function listQualifications(db: DbHandle, dealerId: string): Promise<QualificationRow[]> {
  return db
    .select()
    .from(dealerQualifications)
    .where(eq(dealerQualifications.dealerId, dealerId))
    .orderBy(asc(dealerQualifications.validUntil), asc(dealerQualifications.id));
}

export async function insertQualification(db: DbHandle, row: NewQualificationRow): Promise<void> {
  await db.insert(dealerQualifications).values(row);
}

export async function insertQualificationIfAbsent(db: DbHandle, row: NewQualificationRow): Promise<void> {
  await db.insert(dealerQualifications).values(row).onConflictDoNothing({ target: dealerQualifications.id });
}

// ---- stores ----

export interface StoreFilter {
  cityCode?: string | undefined;
  dealerId?: string | undefined;
  brand?: string | undefined;
  service?: string | undefined;
  /** Public lists show only open stores of active dealers. */
  publicOnly: boolean;
  afterId?: string | undefined;
  limit?: number | undefined;
}

function storeSelect(db: DbHandle) {
  return db
    .select({
      store: stores,
      dealer: { id: dealers.id, name: dealers.name, brands: dealers.brands, status: dealers.status },
      city: { name: cities.name, nameEn: cities.nameEn },
    })
    .from(stores)
    .innerJoin(dealers, eq(dealers.id, stores.dealerId))
    .innerJoin(cities, eq(cities.code, stores.cityCode));
}

/** Stores matching the filter ordered by id; with a limit, limit + 1 rows for paging. */
export async function listStores(db: DbHandle, f: StoreFilter): Promise<StoreView[]> {
  const where: SQL[] = [];
  if (f.cityCode) where.push(eq(stores.cityCode, f.cityCode));
  if (f.dealerId) where.push(eq(stores.dealerId, f.dealerId));
  if (f.brand) where.push(arrayContains(dealers.brands, [f.brand]));
  if (f.service) where.push(arrayContains(stores.services, [f.service]));
  if (f.publicOnly) where.push(eq(stores.status, 'active'), eq(dealers.status, 'active'));
  if (f.afterId) where.push(gt(stores.id, f.afterId));
  const query = storeSelect(db)
    .where(and(...where))
    .orderBy(asc(stores.id));
  return f.limit === undefined ? query : query.limit(f.limit + 1);
}

export async function findStoreView(db: DbHandle, id: string): Promise<StoreView | undefined> {
  const rows = await storeSelect(db).where(eq(stores.id, id));
  return rows[0];
}

/**
 * Locks a store row; with `dealerId` only when it belongs to that dealer, so another dealer's store
 * is simply not found.
 */
export async function lockStore(tx: DbHandle, id: string, dealerId?: string): Promise<StoreRow | undefined> {
  const where = dealerId ? and(eq(stores.id, id), eq(stores.dealerId, dealerId)) : eq(stores.id, id);
  const rows = await tx.select().from(stores).where(where).for('update');
  return rows[0];
}

export async function insertStore(db: DbHandle, row: NewStoreRow): Promise<void> {
  await db.insert(stores).values(row);
}

export async function insertStoreIfAbsent(db: DbHandle, row: NewStoreRow): Promise<void> {
  await db.insert(stores).values(row).onConflictDoNothing({ target: stores.id });
}

export async function updateStore(
  db: DbHandle,
  id: string,
  set: Partial<Omit<NewStoreRow, 'id' | 'dealerId' | 'createdAt'>>,
): Promise<void> {
  await db.update(stores).set(set).where(eq(stores.id, id));
}
