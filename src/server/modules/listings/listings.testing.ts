// Test fixtures for the listings module: the ad-law term list and inspection reports (the trims a
// listing needs come from catalog.testing.ts).
import { eq } from 'drizzle-orm';
import type { Db, DbHandle } from '../../kernel/db/client.js';
import { DEFAULT_AD_LAW_TERMS } from './adlaw.js';
import { STANDARD_ITEMS } from './inspection.js';
import type { TPutInspectionRequest } from './listings.contract.js';
import { adLawTerms, listings, usedVehicles } from './listings.schema.js';

/** Test VINs get a valid check digit. */
export { withCheckDigit } from './vin.js';

const AT = new Date('2026-01-05T02:00:00Z');

export async function insertDefaultAdLawTerms(db: Db): Promise<void> {
  await db
    .insert(adLawTerms)
    .values(DEFAULT_AD_LAW_TERMS.map((t) => ({ ...t, createdAt: AT })))
    .onConflictDoNothing();
}

/** A complete report from the standard items: all OK except the given results (code -> result, deduction). */
export function reportWith(
  overrides: Record<
    string,
    { result: 'minor' | 'moderate' | 'severe' | 'redline'; deduction?: number; note?: string }
  > = {},
): TPutInspectionRequest {
  return {
    inspectedAt: '2026-11-18T03:00:00Z',
    inspector: '王建国',
    inspectionOrg: '北京中检二手车鉴定评估有限公司',
    summary: '',
    items: STANDARD_ITEMS.map((i) => {
      const o = overrides[i.code];
      return {
        section: i.section,
        code: i.code,
        name: i.name,
        result: o?.result ?? 'ok',
        deduction: o?.deduction ?? 0,
        note: o?.note ?? null,
        photoUrls: o ? [`/api/v1/catalog/inspections/photos/${i.code}.svg`] : [],
      };
    }),
  };
}

/** Inserts a listing row as given (and its used unit), bypassing the service: fixtures for other modules' tests. */
export async function insertTestListing(
  db: Db,
  listing: typeof listings.$inferInsert,
  used?: typeof usedVehicles.$inferInsert,
): Promise<void> {
  await db.insert(listings).values(listing);
  if (used) await db.insert(usedVehicles).values(used);
}

/** Changes a listing row directly, as if another process had (no audit, no event). */
export async function updateTestListing(
  db: DbHandle,
  id: string,
  patch: Partial<typeof listings.$inferInsert>,
): Promise<void> {
  await db.update(listings).set(patch).where(eq(listings.id, id));
}

/** A listing row as stored. */
export async function findTestListing(db: Db, id: string): Promise<typeof listings.$inferSelect | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.id, id));
  return row;
}
