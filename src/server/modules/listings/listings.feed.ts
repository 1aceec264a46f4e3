import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type {
  InspectionItemRow,
  InspectionReportRow,
  ListingRow,
  UsedVehicleRow,
} from './listings.repository.js';
import { inspectionItems, inspectionReports, listings, usedVehicles } from './listings.schema.js';

// What the search module reads of listings (through index.ts): the facts its read model is built from,
// and the parts of a public vehicle page that are the listing's own. Nothing else reads these tables.

/** The facts of one public (listed or delisted) listing that the search read model holds. */
export interface ListingIndexFacts {
  id: string;
  kind: 'new' | 'used';
  status: 'listed' | 'delisted';
  trimId: string;
  dealerId: string;
  storeId: string | null;
  cityCode: string;
  title: string;
  priceFen: number;
  popularity: number;
  /** When it was listed (its last change for a listing that never was). */
  listedAt: Date;
  /** 0 for new cars. */
  mileageKm: number;
  firstRegistrationDate: string | null;
  conditionGrade: number | null;
  vin: string | null;
}

/**
 * The index facts of the given listings (or of all) that are public, listed or delisted; drafts, reviews
 * and rejections are left out (the read model drops their rows).
 */
export async function listingsForSearchIndex(
  db: DbHandle,
  listingIds: readonly string[] | 'all',
): Promise<ListingIndexFacts[]> {
  if (listingIds !== 'all' && listingIds.length === 0) return [];
  const isPublic = inArray(listings.status, ['listed', 'delisted']);
  const rows = await db
    .select({
      id: listings.id,
      kind: listings.kind,
      status: listings.status,
      trimId: listings.trimId,
      dealerId: listings.dealerId,
      storeId: listings.storeId,
      cityCode: listings.cityCode,
      title: listings.title,
      priceFen: listings.priceFen,
      popularity: listings.popularity,
      listedAt: listings.listedAt,
      updatedAt: listings.updatedAt,
      mileageKm: usedVehicles.mileageKm,
      firstRegistrationDate: usedVehicles.firstRegistrationDate,
      conditionGrade: usedVehicles.conditionGrade,
      vin: usedVehicles.vin,
    })
    .from(listings)
    .leftJoin(usedVehicles, eq(usedVehicles.listingId, listings.id))
    .where(listingIds === 'all' ? isPublic : and(isPublic, inArray(listings.id, [...listingIds])))
    .orderBy(asc(listings.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status === 'listed' ? 'listed' : 'delisted',
    trimId: r.trimId,
    dealerId: r.dealerId,
    storeId: r.storeId,
    cityCode: r.cityCode,
    title: r.title,
    priceFen: r.priceFen,
    popularity: r.popularity,
    listedAt: r.listedAt ?? r.updatedAt,
    mileageKm: r.mileageKm ?? 0,
    firstRegistrationDate: r.firstRegistrationDate,
    conditionGrade: r.conditionGrade,
    vin: r.vin,
  }));
}

/** Ids of the listings (any status) of these trims: what to reindex when a trim changes. */
export async function listingIdsOfTrims(db: DbHandle, trimIds: readonly string[]): Promise<string[]> {
  if (trimIds.length === 0) return [];
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(inArray(listings.trimId, [...trimIds]));
  return rows.map((r) => r.id);
}

/** The new-car listings that sell a trim's units at a store (what follows that stock: listed or sold out). */
export async function newCarListingsAtStore(
  db: DbHandle,
  trimId: string,
  storeId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(
      and(
        eq(listings.kind, 'new'),
        eq(listings.trimId, trimId),
        eq(listings.storeId, storeId),
        inArray(listings.status, ['listed', 'delisted']),
      ),
    );
  return rows.map((r) => r.id);
}

/** What a vehicle page shows of the listing itself: the row, its used unit and its inspection report. */
export interface ListingForVehiclePage {
  listing: ListingRow;
  used: UsedVehicleRow | null;
  /** Items by section, then in report order. */
  inspection: { report: InspectionReportRow; items: InspectionItemRow[] } | null;
}

/**
 * The listing, its used unit and its inspection report in one statement (a report is unique per listing),
 * named and prepared per database handle: every vehicle page not in the search module's cache runs it.
 */
function buildVehiclePageQuery(db: DbHandle) {
  return db
    .select({ listing: listings, used: usedVehicles, report: inspectionReports })
    .from(listings)
    .leftJoin(usedVehicles, eq(usedVehicles.listingId, listings.id))
    .leftJoin(inspectionReports, eq(inspectionReports.listingId, listings.id))
    .where(eq(listings.id, sql.placeholder('id')))
    .limit(1)
    .prepare('listings_vehicle_page');
}
const vehiclePageQueries = new WeakMap<DbHandle, ReturnType<typeof buildVehiclePageQuery>>();

export async function listingForVehiclePage(
  db: DbHandle,
  id: string,
): Promise<ListingForVehiclePage | undefined> {
  let query = vehiclePageQueries.get(db);
  if (!query) {
    query = buildVehiclePageQuery(db);
    vehiclePageQueries.set(db, query);
  }
  const [row] = await query.execute({ id });
  if (!row) return undefined;
  const { listing, used, report } = row;
  if (listing.kind !== 'used' || !report) return { listing, used, inspection: null };
  const items = await db
    .select()
    .from(inspectionItems)
    .where(eq(inspectionItems.reportId, report.id))
    .orderBy(asc(inspectionItems.section), asc(inspectionItems.sort));
  return { listing, used, inspection: { report, items } };
}

/**
 * Sets each listing's popularity (views in the last 30 days, counted by the search module) to its count,
 * 0 for listings missing from `counts`; only rows whose value changes are written.
 */
export async function setListingPopularity(
  db: DbHandle,
  counts: readonly { listingId: string; views: number }[],
): Promise<void> {
  const json = JSON.stringify(counts.map((c) => ({ listing_id: c.listingId, n: c.views })));
  await db.execute(sql`
    update catalog_listings l set popularity = coalesce(v.n, 0)
    from catalog_listings l2
      left join jsonb_to_recordset(${json}::jsonb) as v(listing_id text, n int) on v.listing_id = l2.id
    where l.id = l2.id and l.popularity <> coalesce(v.n, 0)`);
}

/** What a landed-price quote needs of a listing (pricing module). */
export interface ListingPricingFacts {
  id: string;
  kind: 'new' | 'used';
  status: string;
  trimId: string;
  cityCode: string;
  priceFen: number;
  title: string;
}

export async function listingPricingFacts(
  db: DbHandle,
  id: string,
): Promise<ListingPricingFacts | undefined> {
  const [row] = await db
    .select({
      id: listings.id,
      kind: listings.kind,
      status: listings.status,
      trimId: listings.trimId,
      cityCode: listings.cityCode,
      priceFen: listings.priceFen,
      title: listings.title,
    })
    .from(listings)
    .where(eq(listings.id, id))
    .limit(1);
  return row;
}
