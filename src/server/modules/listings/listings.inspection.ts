import type { StaffActor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { compareFindings, INSPECTION_SECTION_KEYS, scoreInspection } from './inspection.js';
import type {
  TInspectionReport,
  TPublicInspectionReport,
  TPutInspectionRequest,
} from './listings.contract.js';
import { ListingEvents } from './listings.events.js';
import { toReport } from './listings.mappers.js';
import { assertVisible, EDITABLE, findListingView } from './listings.read.js';
import type { InspectionItemRow, InspectionReportRow } from './listings.repository.js';
import * as repo from './listings.repository.js';

// GB/T 30323 inspection reports of used cars: stored by the seller's staff, read by the editor and buyers.

function validateItems(items: TPutInspectionRequest['items']): void {
  const fail = (reason: string) => {
    throw new AppError('INSPECTION_INVALID', { reason });
  };
  const seen = new Set<string>();
  for (const i of items) {
    if (seen.has(i.code)) fail(`duplicate item ${i.code}`);
    seen.add(i.code);
    if (i.section === 'accident_redline') {
      if (i.result !== 'ok' && i.result !== 'redline') fail(`${i.code}: red-line checks are ok or redline`);
      if (i.deduction !== 0) fail(`${i.code}: red-line checks carry no deduction`);
      continue;
    }
    if (i.result === 'redline') fail(`${i.code}: redline only in the accident_redline section`);
    if (i.result === 'ok' && i.deduction !== 0) fail(`${i.code}: an ok item has no deduction`);
    if (i.result !== 'ok' && i.deduction <= 0) fail(`${i.code}: a defect needs a deduction`);
  }
  for (const s of INSPECTION_SECTION_KEYS) {
    if (!items.some((i) => i.section === s)) fail(`section ${s} has no items`);
  }
}

/**
 * Stores the GB/T 30323 report of a used car (replacing any earlier one), computes section scores,
 * total and grade, and sets the unit's condition grade and accident/flood/fire flags to match.
 */
export async function putInspection(
  db: DbHandle,
  actor: StaffActor,
  listingId: string,
  input: TPutInspectionRequest,
  mutation: Mutation,
): Promise<TInspectionReport> {
  validateItems(input.items);
  const score = scoreInspection(input.items);
  await withTransaction(db, async (tx) => {
    const before = assertVisible(actor, await repo.lockListing(tx, listingId));
    if (before.kind !== 'used') throw new AppError('LISTING_NOT_USED');
    if (!EDITABLE.includes(before.status)) {
      throw new AppError('INVALID_TRANSITION', { machine: 'listing', from: before.status, action: 'edit' });
    }
    const used = await repo.findUsedVehicle(tx, listingId);
    if (!used) throw new AppError('LISTING_NOT_USED');
    const previous = await repo.findReport(tx, listingId);
    const reportId = newId('isp');
    const report: InspectionReportRow = {
      id: reportId,
      listingId,
      inspectedAt: new Date(input.inspectedAt),
      inspector: input.inspector,
      inspectionOrg: input.inspectionOrg,
      sectionScores: score.sectionScores,
      totalScore: score.totalScore,
      grade: score.grade,
      summary: input.summary,
      createdAt: mutation.at,
    };
    const items: InspectionItemRow[] = input.items.map((i, idx) => ({
      id: newId('ipi'),
      reportId,
      section: i.section,
      code: i.code,
      name: i.name,
      result: i.result,
      deduction: i.deduction,
      note: i.note ?? null,
      photoUrls: i.photoUrls,
      sort: idx,
    }));
    await repo.replaceReport(tx, report, items);
    // Flags only go up: the report can reveal a history the seller did not disclose, never erase one.
    const kinds = new Set(score.redlineKinds);
    const flags = {
      conditionGrade: score.grade,
      accidentHistory: used.accidentHistory || score.grade === 5,
      floodHistory: used.floodHistory || kinds.has('flood'),
      fireHistory: used.fireHistory || kinds.has('fire'),
    };
    await repo.updateUsedVehicle(tx, listingId, flags);
    const after = await repo.updateListingVersioned(tx, listingId, before.version, {
      status: before.status === 'rejected' ? 'draft' : before.status,
      updatedAt: mutation.at,
    });
    if (!after) throw new AppError('CONFLICT');
    await audit(tx, mutation, {
      action: 'catalog.listing.inspection',
      entityType: 'catalog_listing',
      entityId: listingId,
      before: previous
        ? { reportId: previous.id, grade: previous.grade, totalScore: previous.totalScore }
        : null,
      after: {
        reportId,
        grade: score.grade,
        totalScore: score.totalScore,
        sectionScores: score.sectionScores,
        ...flags,
      },
    });
    await publish(
      tx,
      ListingEvents.listingChanged,
      listingId,
      { listingId, status: after.status },
      mutation.at,
    );
  });
  return loadReport(db, listingId);
}

async function loadReport(db: DbHandle, listingId: string): Promise<TInspectionReport> {
  const report = await repo.findReport(db, listingId);
  const used = await repo.findUsedVehicle(db, listingId);
  if (!report || !used) throw new AppError('INSPECTION_NOT_AVAILABLE');
  return toReport(report, await repo.listReportItems(db, report.id), used);
}

/**
 * Whether media may be attached to this listing (or inspection item of a listing's report): it exists and,
 * for dealer staff, is their dealer's. Another dealer's answers false like a missing one (no existence leak).
 */
export async function mayAttachMedia(
  db: DbHandle,
  actor: StaffActor | null,
  ownerType: 'listing' | 'inspection_item',
  ownerId: string,
): Promise<boolean> {
  const dealerId = await repo.findDealerOfListingOrItem(db, ownerType, ownerId);
  if (dealerId === undefined) return false;
  return !actor || actor.dealerId === null || actor.dealerId === dealerId;
}

/** The report for the editor (any status, scoped to the actor's dealer). */
export async function getInspectionForStaff(
  db: DbHandle,
  actor: StaffActor,
  listingId: string,
): Promise<TInspectionReport> {
  const v = await findListingView(db, listingId);
  assertVisible(actor, v?.listing);
  return loadReport(db, listingId);
}

/** The report as a buyer reads it (listed used cars only): findings worst first, OK checks collapsed. */
export async function getPublicInspection(db: DbHandle, listingId: string): Promise<TPublicInspectionReport> {
  const v = await repo.findListingRecord(db, listingId);
  if (v?.listing.status !== 'listed' || v.listing.kind !== 'used') {
    throw new AppError('INSPECTION_NOT_AVAILABLE');
  }
  const full = await loadReport(db, listingId);
  const withSort = full.items.map((i, sort) => ({ ...i, sort }));
  const findings = withSort
    .filter((i) => i.result !== 'ok')
    .sort(compareFindings)
    .map(({ sort: _s, ...i }) => i);
  const okBySection = INSPECTION_SECTION_KEYS.map((section) => {
    const ok = full.items.filter((i) => i.section === section && i.result === 'ok');
    return { section, count: ok.length, names: ok.map((i) => i.name) };
  }).filter((s) => s.count > 0);
  const { items: _items, ...rest } = full;
  return { ...rest, findings, okBySection };
}

/**
 * The report a used car was listed with, whatever the listing's status now (sold cars are delisted): the
 * fulfilment module compares the handover re-inspection with it. INSPECTION_NOT_AVAILABLE when none.
 */
export function inspectionOfListing(db: DbHandle, listingId: string): Promise<TInspectionReport> {
  return loadReport(db, listingId);
}
