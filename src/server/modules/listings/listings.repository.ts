import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import { adLawTerms, inspectionItems, inspectionReports, listings, usedVehicles } from './listings.schema.js';

export type ListingRow = typeof listings.$inferSelect;
export type NewListingRow = typeof listings.$inferInsert;
export type UsedVehicleRow = typeof usedVehicles.$inferSelect;
export type InspectionReportRow = typeof inspectionReports.$inferSelect;
export type InspectionItemRow = typeof inspectionItems.$inferSelect;
export type AdLawTermRow = typeof adLawTerms.$inferSelect;
export type ListingStatus = ListingRow['status'];

/** A listing with its used unit and report summary (the trim's names come from the catalog module). */
export interface ListingRecord {
  listing: ListingRow;
  used: UsedVehicleRow | null;
  inspection: { id: string; grade: number; totalScore: number; inspectedAt: Date } | null;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---- listings ----

function viewSelect(db: DbHandle) {
  return db
    .select({
      listing: listings,
      used: usedVehicles,
      inspection: {
        id: inspectionReports.id,
        grade: inspectionReports.grade,
        totalScore: inspectionReports.totalScore,
        inspectedAt: inspectionReports.inspectedAt,
      },
    })
    .from(listings)
    .leftJoin(usedVehicles, eq(usedVehicles.listingId, listings.id))
    .leftJoin(inspectionReports, eq(inspectionReports.listingId, listings.id));
}

type RawView = Awaited<ReturnType<ReturnType<typeof viewSelect>['where']>>[number];

function toRecord(r: RawView): ListingRecord {
  return {
    listing: r.listing,
    used: r.used,
    inspection: r.inspection?.id
      ? {
          id: r.inspection.id,
          grade: r.inspection.grade,
          totalScore: r.inspection.totalScore,
          inspectedAt: r.inspection.inspectedAt,
        }
      : null,
  };
}

export async function findListingRecord(db: DbHandle, id: string): Promise<ListingRecord | undefined> {
  const [row] = await viewSelect(db).where(eq(listings.id, id));
  return row ? toRecord(row) : undefined;
}

/** Locks the listing row for a transition or an edit (`for update`). */
export async function lockListing(tx: DbHandle, id: string): Promise<ListingRow | undefined> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('update');
  return row;
}

export async function insertListing(tx: DbHandle, row: NewListingRow): Promise<void> {
  await tx.insert(listings).values(row);
}

/** Updates when the version still matches (and bumps it); undefined when someone else changed it. */
export async function updateListingVersioned(
  tx: DbHandle,
  id: string,
  version: number,
  patch: Partial<NewListingRow>,
): Promise<ListingRow | undefined> {
  const [row] = await tx
    .update(listings)
    .set({ ...patch, version: sql`${listings.version} + 1` })
    .where(and(eq(listings.id, id), eq(listings.version, version)))
    .returning();
  return row;
}

/** A state change guarded by the allowed from-states in the same statement. */
export async function transitionListing(
  tx: DbHandle,
  id: string,
  from: readonly ListingStatus[],
  patch: Partial<NewListingRow> & { status: ListingStatus },
): Promise<ListingRow | undefined> {
  const [row] = await tx
    .update(listings)
    .set({ ...patch, version: sql`${listings.version} + 1` })
    .where(and(eq(listings.id, id), inArray(listings.status, [...from])))
    .returning();
  return row;
}

export interface ListingFilter {
  dealerId?: string | undefined;
  status?: ListingStatus | undefined;
  kind?: 'new' | 'used' | undefined;
  q?: string | undefined;
  after?: { u: string; id: string } | undefined;
  limit: number;
}

/** Newest change first; keyset on (updated_at, id). */
export async function listListingRecords(db: DbHandle, f: ListingFilter): Promise<ListingRecord[]> {
  const conds: SQL[] = [];
  if (f.dealerId) conds.push(eq(listings.dealerId, f.dealerId));
  if (f.status) conds.push(eq(listings.status, f.status));
  if (f.kind) conds.push(eq(listings.kind, f.kind));
  if (f.q) {
    const p = likePattern(f.q);
    const qc = or(ilike(listings.title, p), eq(listings.id, f.q), ilike(usedVehicles.vin, p));
    if (qc) conds.push(qc);
  }
  if (f.after) {
    const at = new Date(f.after.u);
    const c = or(lt(listings.updatedAt, at), and(eq(listings.updatedAt, at), lt(listings.id, f.after.id)));
    if (c) conds.push(c);
  }
  const rows = await viewSelect(db)
    .where(and(...conds))
    .orderBy(desc(listings.updatedAt), desc(listings.id))
    .limit(f.limit + 1);
  return rows.map(toRecord);
}

/** In-review listings, oldest submission first; keyset on (updated_at, id). */
export async function listReviewQueue(
  db: DbHandle,
  f: { after?: { u: string; id: string } | undefined; limit: number },
): Promise<ListingRecord[]> {
  const conds: SQL[] = [eq(listings.status, 'in_review')];
  if (f.after) {
    const at = new Date(f.after.u);
    const c = or(
      sql`${listings.updatedAt} > ${at.toISOString()}`,
      and(eq(listings.updatedAt, at), sql`${listings.id} > ${f.after.id}`),
    );
    if (c) conds.push(c);
  }
  const rows = await viewSelect(db)
    .where(and(...conds))
    .orderBy(asc(listings.updatedAt), asc(listings.id))
    .limit(f.limit + 1);
  return rows.map(toRecord);
}

// ---- used vehicles ----

export async function insertUsedVehicle(tx: DbHandle, row: UsedVehicleRow): Promise<void> {
  await tx.insert(usedVehicles).values(row);
}

export async function updateUsedVehicle(
  tx: DbHandle,
  listingId: string,
  patch: Partial<Omit<UsedVehicleRow, 'listingId'>>,
): Promise<void> {
  await tx.update(usedVehicles).set(patch).where(eq(usedVehicles.listingId, listingId));
}

export async function findUsedVehicle(db: DbHandle, listingId: string): Promise<UsedVehicleRow | undefined> {
  const [row] = await db.select().from(usedVehicles).where(eq(usedVehicles.listingId, listingId));
  return row;
}

// ---- inspection reports ----

export async function findReport(db: DbHandle, listingId: string): Promise<InspectionReportRow | undefined> {
  const [row] = await db.select().from(inspectionReports).where(eq(inspectionReports.listingId, listingId));
  return row;
}

export async function listReportItems(db: DbHandle, reportId: string): Promise<InspectionItemRow[]> {
  return db
    .select()
    .from(inspectionItems)
    .where(eq(inspectionItems.reportId, reportId))
    .orderBy(asc(inspectionItems.sort));
}

/** The dealer of a listing, or of the listing whose report holds this inspection item (media owners). */
export async function findDealerOfListingOrItem(
  db: DbHandle,
  ownerType: 'listing' | 'inspection_item',
  ownerId: string,
): Promise<string | undefined> {
  if (ownerType === 'listing') {
    const [row] = await db
      .select({ dealerId: listings.dealerId })
      .from(listings)
      .where(eq(listings.id, ownerId));
    return row?.dealerId;
  }
  const [row] = await db
    .select({ dealerId: listings.dealerId })
    .from(inspectionItems)
    .innerJoin(inspectionReports, eq(inspectionReports.id, inspectionItems.reportId))
    .innerJoin(listings, eq(listings.id, inspectionReports.listingId))
    .where(eq(inspectionItems.id, ownerId));
  return row?.dealerId;
}

/** Replaces the listing's report (and all its items) with a new one. */
export async function replaceReport(
  tx: DbHandle,
  report: InspectionReportRow,
  items: InspectionItemRow[],
): Promise<void> {
  await tx.delete(inspectionReports).where(eq(inspectionReports.listingId, report.listingId));
  await tx.insert(inspectionReports).values(report);
  if (items.length > 0) await tx.insert(inspectionItems).values(items);
}

// ---- ad-law terms ----

export async function listAdLawTerms(db: DbHandle): Promise<AdLawTermRow[]> {
  return db.select().from(adLawTerms).orderBy(asc(adLawTerms.createdAt), asc(adLawTerms.term));
}

export async function findAdLawTerm(db: DbHandle, term: string): Promise<AdLawTermRow | undefined> {
  const [row] = await db.select().from(adLawTerms).where(eq(adLawTerms.term, term));
  return row;
}

/** Inserts a term; false when it already exists. */
export async function insertAdLawTerm(tx: DbHandle, row: AdLawTermRow): Promise<boolean> {
  const res = await tx
    .insert(adLawTerms)
    .values(row)
    .onConflictDoNothing()
    .returning({ term: adLawTerms.term });
  return res.length > 0;
}

export async function updateAdLawTerm(
  tx: DbHandle,
  term: string,
  patch: Partial<Pick<AdLawTermRow, 'severity' | 'note'>>,
): Promise<AdLawTermRow | undefined> {
  const [row] = await tx.update(adLawTerms).set(patch).where(eq(adLawTerms.term, term)).returning();
  return row;
}

export async function deleteAdLawTerm(tx: DbHandle, term: string): Promise<boolean> {
  const res = await tx
    .delete(adLawTerms)
    .where(eq(adLawTerms.term, term))
    .returning({ term: adLawTerms.term });
  return res.length > 0;
}
