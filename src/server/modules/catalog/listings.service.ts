import { z } from 'zod';
import { recordAudit } from '../../kernel/audit/audit.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import type { Db, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { getPublicStore, listCities } from '../dealers/index.js';
import { type AdLawHit, hasBlockingHit, scanAdLaw } from './adlaw.js';
import {
  compareFindings,
  INSPECTION_SECTION_KEYS,
  redlineKindOf,
  SCORED_SECTIONS,
  SECTION_MAX,
  scoreInspection,
} from './inspection.js';
import type {
  TAdLawHit,
  TAdLawTermOut,
  TCreateListingRequest,
  TInspectionItem,
  TInspectionReport,
  TListing,
  TListingListQuery,
  TPublicInspectionReport,
  TPutInspectionRequest,
  TReviewQueueQuery,
  TTrimOption,
  TUpdateListingRequest,
  TUsedFactsInput,
} from './listings.contract.js';
import type {
  InspectionItemRow,
  InspectionReportRow,
  ListingRow,
  ListingStatus,
  ListingView,
} from './listings.repository.js';
import * as repo from './listings.repository.js';
import { normalizeVin, vinProblem } from './vin.js';

type Handle = Db | Tx;

/** Who/when/where of a mutation, for the audit row and the event. */
import type { MutationMeta } from '../../kernel/http/mutation-meta.js';

export type { MutationMeta };

/** Events this sub-area publishes. */
export const ListingEvents = {
  /** Every create, edit, report change and transition: payload { listingId, status }. */
  listingChanged: 'catalog.listing_changed',
} as const;

/** The listing review state machine: action -> allowed from-states and the state it leads to. */
export const LISTING_TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'listed' },
  reject: { from: ['in_review'], to: 'rejected' },
  delist: { from: ['listed'], to: 'delisted' },
  relist: { from: ['delisted'], to: 'in_review' },
} as const satisfies Record<string, { from: readonly ListingStatus[]; to: ListingStatus }>;
export type ListingAction = keyof typeof LISTING_TRANSITIONS;

/** States in which the author may edit; editing a rejected listing turns it back into a draft. */
const EDITABLE: readonly ListingStatus[] = ['draft', 'rejected', 'delisted'];

const ZUpdatedCursor = z.object({ u: z.string(), id: z.string() });

// ---- mapping ----

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function flagsOf(value: unknown): TAdLawHit[] {
  return Array.isArray(value) ? (value as TAdLawHit[]) : [];
}

export function toListing(v: ListingView): TListing {
  const l = v.listing;
  return {
    id: l.id,
    kind: l.kind,
    status: l.status,
    trim: {
      id: v.trim.id,
      name: v.trim.name,
      modelYear: v.trim.modelYear,
      guidePriceFen: v.trim.guidePriceFen,
      seriesId: v.series.id,
      seriesName: v.series.name,
      brandName: v.brand.name,
    },
    dealerId: l.dealerId,
    storeId: l.storeId,
    cityCode: l.cityCode,
    title: l.title,
    description: l.description,
    priceFen: l.priceFen,
    discountFen: v.trim.guidePriceFen - l.priceFen,
    exteriorColour: l.exteriorColour,
    interiorColour: l.interiorColour,
    reviewFlags: flagsOf(l.reviewFlags),
    reviewNote: l.reviewNote,
    inventoryRef: l.inventoryRef,
    listedAt: iso(l.listedAt),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    version: l.version,
    used: v.used
      ? {
          vin: v.used.vin,
          firstRegistrationDate: v.used.firstRegistrationDate,
          mileageKm: v.used.mileageKm,
          ownersCount: v.used.ownersCount,
          transferCount: v.used.transferCount,
          conditionGrade: v.used.conditionGrade,
          accidentHistory: v.used.accidentHistory,
          floodHistory: v.used.floodHistory,
          fireHistory: v.used.fireHistory,
          disclosureNote: v.used.disclosureNote,
          plateCity: v.used.plateCity,
        }
      : null,
    inspection: v.inspection
      ? {
          id: v.inspection.id,
          grade: v.inspection.grade,
          totalScore: v.inspection.totalScore,
          inspectedAt: v.inspection.inspectedAt.toISOString(),
        }
      : null,
  };
}

function toItem(r: InspectionItemRow): TInspectionItem {
  return {
    id: r.id,
    section: r.section,
    code: r.code,
    name: r.name,
    result: r.result,
    deduction: r.deduction,
    note: r.note,
    photoUrls: r.photoUrls,
  };
}

function toReport(
  report: InspectionReportRow,
  items: InspectionItemRow[],
  used: { accidentHistory: boolean; floodHistory: boolean; fireHistory: boolean },
): TInspectionReport {
  const scores = (report.sectionScores ?? {}) as Record<string, number>;
  return {
    id: report.id,
    listingId: report.listingId,
    inspectedAt: report.inspectedAt.toISOString(),
    inspector: report.inspector,
    inspectionOrg: report.inspectionOrg,
    summary: report.summary,
    sections: SCORED_SECTIONS.map((s) => ({ section: s, max: SECTION_MAX[s], score: scores[s] ?? 0 })),
    totalScore: report.totalScore,
    grade: report.grade,
    items: items.map(toItem),
    disclosures: { accident: used.accidentHistory, flood: used.floodHistory, fire: used.fireHistory },
  };
}

// ---- helpers ----

async function audit(
  tx: Tx,
  actor: StaffActor | null,
  meta: MutationMeta,
  action: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor,
    action,
    entityType: 'catalog_listing',
    entityId,
    before,
    after,
    requestId: meta.requestId ?? null,
    ip: meta.ip ?? null,
    at: meta.at,
  });
}

async function listingChanged(tx: Tx, listingId: string, status: ListingStatus, at: Date, extra = {}) {
  await publishEvent(
    tx,
    {
      type: ListingEvents.listingChanged,
      aggregateType: 'catalog_listing',
      aggregateId: listingId,
      payload: { listingId, status, ...extra },
    },
    at,
  );
}

/** The listing if the actor may see it; another dealer's listing is "not found" (no existence leak). */
function assertVisible<T extends { dealerId: string }>(actor: StaffActor | null, row: T | undefined): T {
  if (!row || (actor && actor.dealerId !== null && actor.dealerId !== row.dealerId)) {
    throw new AppError('LISTING_NOT_FOUND');
  }
  return row;
}

async function loadView(db: Handle, id: string): Promise<ListingView> {
  const v = await repo.findListingView(db, id);
  if (!v) throw new AppError('LISTING_NOT_FOUND');
  return v;
}

async function currentTerms(db: Handle) {
  return (await repo.listAdLawTerms(db)).map((t) => ({ term: t.term, severity: t.severity }));
}

function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function checkUsedFacts(used: TUsedFactsInput, now: Date): TUsedFactsInput {
  const vin = normalizeVin(used.vin);
  const problem = vinProblem(vin);
  if (problem) throw new AppError('VIN_INVALID', { problem });
  if (used.firstRegistrationDate > shanghaiToday(now) || used.firstRegistrationDate < '1980-01-01') {
    throw new AppError('USED_FACTS_INVALID', { reason: 'firstRegistrationDate' });
  }
  if (used.transferCount >= used.ownersCount) {
    throw new AppError('USED_FACTS_INVALID', { reason: 'transferCount >= ownersCount' });
  }
  return { ...used, vin };
}

async function resolvePlace(
  db: Handle,
  dealerId: string,
  storeId: string | null | undefined,
  cityCode: string | undefined,
): Promise<{ storeId: string | null; cityCode: string }> {
  if (storeId) {
    let store: Awaited<ReturnType<typeof getPublicStore>>;
    try {
      store = await getPublicStore(db, storeId);
    } catch (e) {
      if (e instanceof AppError) throw new AppError('LISTING_STORE_INVALID', { storeId });
      throw e;
    }
    if (store.dealer.id !== dealerId) throw new AppError('LISTING_STORE_INVALID', { storeId });
    return { storeId, cityCode: store.city.code };
  }
  if (!cityCode) throw new AppError('LISTING_INCOMPLETE', { missing: 'cityCode' });
  const cities = await listCities(db);
  if (!cities.some((c) => c.code === cityCode)) throw new AppError('LISTING_CITY_INVALID', { cityCode });
  return { storeId: null, cityCode };
}

async function checkColours(
  db: Handle,
  trimId: string,
  exterior: string | null | undefined,
  interior: string | null | undefined,
): Promise<void> {
  const colours = await repo.listTrimColours(db, trimId);
  for (const [kind, colour] of [
    ['exterior', exterior],
    ['interior', interior],
  ] as const) {
    if (!colour) continue;
    const offered = colours.filter((c) => c.kind === kind);
    if (offered.length > 0 && !offered.some((c) => c.name === colour)) {
      throw new AppError('LISTING_COLOUR_INVALID', { colour });
    }
  }
}

function mapVinConflict(e: unknown): never {
  if (repo.isUniqueViolation(e)) throw new AppError('VIN_TAKEN');
  throw e;
}

// ---- queries ----

/** Staff list: dealer staff see only their dealer's listings (asking for another dealer is FORBIDDEN). */
export async function listListings(
  db: Handle,
  actor: StaffActor,
  query: TListingListQuery,
): Promise<{ items: TListing[]; nextCursor: string | null }> {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  const after = decodeCursor(query.cursor, ZUpdatedCursor);
  const rows = await repo.listListingViews(db, {
    dealerId: actor.dealerId ?? query.dealerId,
    status: query.status,
    kind: query.kind,
    q: query.q,
    after,
    limit: query.limit,
  });
  return toPage(rows, query.limit, toListing, (r) => ({
    u: r.listing.updatedAt.toISOString(),
    id: r.listing.id,
  }));
}

export async function getListing(db: Handle, actor: StaffActor, id: string): Promise<TListing> {
  const v = await repo.findListingView(db, id);
  assertVisible(actor, v?.listing);
  return toListing(v as ListingView);
}

/** The review queue: listings waiting for review, oldest first, with their ad-law flags. */
export async function reviewQueue(
  db: Handle,
  actor: StaffActor,
  query: TReviewQueueQuery,
): Promise<{ items: TListing[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ZUpdatedCursor);
  const rows = await repo.listReviewQueue(db, { after, limit: query.limit });
  const visible = actor.dealerId ? rows.filter((r) => r.listing.dealerId === actor.dealerId) : rows;
  return toPage(visible, query.limit, toListing, (r) => ({
    u: r.listing.updatedAt.toISOString(),
    id: r.listing.id,
  }));
}

/** Trims for the editor's picker, with the colours a new-car offer may name. */
export async function trimOptions(db: Handle, q: string | undefined, limit: number): Promise<TTrimOption[]> {
  const found = await repo.searchTrimOptions(db, q, limit);
  const colours = await repo.listColoursOf(
    db,
    found.map((t) => t.id),
  );
  return found.map((t) => ({
    id: t.id,
    label: `${t.brandName} ${t.seriesName} ${t.name}`,
    modelYear: t.modelYear,
    guidePriceFen: t.guidePriceFen,
    brandName: t.brandName,
    brandNameEn: t.brandNameEn,
    seriesName: t.seriesName,
    exteriorColours: colours.filter((c) => c.trimId === t.id && c.kind === 'exterior').map((c) => c.name),
    interiorColours: colours.filter((c) => c.trimId === t.id && c.kind === 'interior').map((c) => c.name),
  }));
}

// ---- create / edit ----

/** Creates a draft (new-car offer or used car); ad-law flags are computed right away for the editor. */
export async function createListing(
  db: Db,
  actor: StaffActor,
  input: TCreateListingRequest,
  meta: MutationMeta,
): Promise<TListing> {
  const dealerId = actor.dealerId ?? input.dealerId;
  if (!dealerId) throw new AppError('LISTING_DEALER_REQUIRED');
  if (input.dealerId) assertDealerScope(actor, input.dealerId);
  if ((input.kind === 'used') !== (input.used !== undefined)) throw new AppError('LISTING_KIND_MISMATCH');
  const trim = await repo.findTrimFacts(db, input.trimId);
  if (!trim) throw new AppError('LISTING_TRIM_UNKNOWN', { trimId: input.trimId });
  const place = await resolvePlace(db, dealerId, input.storeId, input.cityCode);
  await checkColours(db, trim.id, input.exteriorColour, input.interiorColour);
  const used = input.used ? checkUsedFacts(input.used, meta.at) : undefined;
  const flags = scanAdLaw(input, await currentTerms(db));
  const id = newId('lst');
  const row: repo.NewListingRow = {
    id,
    kind: input.kind,
    trimId: trim.id,
    dealerId,
    storeId: place.storeId,
    cityCode: place.cityCode,
    title: input.title,
    description: input.description,
    priceFen: input.priceFen,
    exteriorColour: input.exteriorColour ?? null,
    interiorColour: input.interiorColour ?? null,
    status: 'draft',
    reviewFlags: flags,
    inventoryRef: null,
    createdAt: meta.at,
    updatedAt: meta.at,
    version: 1,
  };
  await withTransaction(db, async (tx) => {
    await repo.insertListing(tx, row);
    if (used) {
      await repo
        .insertUsedVehicle(tx, {
          listingId: id,
          vin: used.vin,
          firstRegistrationDate: used.firstRegistrationDate,
          mileageKm: used.mileageKm,
          ownersCount: used.ownersCount,
          transferCount: used.transferCount,
          conditionGrade: null,
          accidentHistory: used.accidentHistory,
          floodHistory: used.floodHistory,
          fireHistory: used.fireHistory,
          disclosureNote: used.disclosureNote ?? null,
          plateCity: used.plateCity ?? null,
        })
        .catch(mapVinConflict);
    }
    await audit(tx, actor, meta, 'catalog.listing.create', id, null, { ...row, used: used ?? null });
    await listingChanged(tx, id, 'draft', meta.at);
  });
  return toListing(await loadView(db, id));
}

/** Edits a draft, rejected or delisted listing (optimistic `version`); a rejected one becomes a draft. */
export async function updateListing(
  db: Db,
  actor: StaffActor,
  id: string,
  input: TUpdateListingRequest,
  meta: MutationMeta,
): Promise<TListing> {
  await withTransaction(db, async (tx) => {
    const before = assertVisible(actor, await repo.lockListing(tx, id));
    if (!EDITABLE.includes(before.status)) {
      throw new AppError('INVALID_TRANSITION', { from: before.status, action: 'edit' });
    }
    if (before.version !== input.version) throw new AppError('CONFLICT', { version: before.version });
    if (input.used && before.kind !== 'used') throw new AppError('LISTING_KIND_MISMATCH');
    const place =
      input.storeId !== undefined || input.cityCode !== undefined
        ? await resolvePlace(tx, before.dealerId, input.storeId, input.cityCode ?? before.cityCode)
        : { storeId: before.storeId, cityCode: before.cityCode };
    await checkColours(
      tx,
      before.trimId,
      input.exteriorColour === undefined ? before.exteriorColour : input.exteriorColour,
      input.interiorColour === undefined ? before.interiorColour : input.interiorColour,
    );
    const title = input.title ?? before.title;
    const description = input.description ?? before.description;
    const patch: Partial<repo.NewListingRow> = {
      ...place,
      title,
      description,
      priceFen: input.priceFen ?? before.priceFen,
      ...(input.exteriorColour !== undefined ? { exteriorColour: input.exteriorColour } : {}),
      ...(input.interiorColour !== undefined ? { interiorColour: input.interiorColour } : {}),
      reviewFlags: scanAdLaw({ title, description }, await currentTerms(tx)),
      status: before.status === 'rejected' ? 'draft' : before.status,
      updatedAt: meta.at,
    };
    const after = await repo.updateListingVersioned(tx, id, input.version, patch);
    if (!after) throw new AppError('CONFLICT');
    let usedAfter: TUsedFactsInput | null = null;
    if (input.used) {
      usedAfter = checkUsedFacts(input.used, meta.at);
      const u = usedAfter;
      await repo
        .updateUsedVehicle(tx, id, {
          vin: u.vin,
          firstRegistrationDate: u.firstRegistrationDate,
          mileageKm: u.mileageKm,
          ownersCount: u.ownersCount,
          transferCount: u.transferCount,
          accidentHistory: u.accidentHistory,
          floodHistory: u.floodHistory,
          fireHistory: u.fireHistory,
          disclosureNote: u.disclosureNote ?? null,
          plateCity: u.plateCity ?? null,
        })
        .catch(mapVinConflict);
    }
    await audit(tx, actor, meta, 'catalog.listing.update', id, before, { ...after, used: usedAfter });
    await listingChanged(tx, id, after.status, meta.at);
  });
  return toListing(await loadView(db, id));
}

// ---- transitions ----

/** Mandatory fields, the report rule and disclosure consistency; run at submit, relist and approve. */
async function assertReadyForReview(tx: Tx, row: ListingRow): Promise<void> {
  const missing: string[] = [];
  if (row.title.trim().length < 6) missing.push('title');
  if (row.description.trim().length < 10) missing.push('description');
  if (row.kind === 'new') {
    if (!row.storeId) missing.push('storeId');
    if (!row.exteriorColour) missing.push('exteriorColour');
  }
  if (missing.length > 0) throw new AppError('LISTING_INCOMPLETE', { missing: missing.join(', ') });
  if (row.kind !== 'used') return;
  const used = await repo.findUsedVehicle(tx, row.id);
  if (!used) throw new AppError('LISTING_INCOMPLETE', { missing: 'used' });
  const report = await repo.findReport(tx, row.id);
  if (!report) throw new AppError('INSPECTION_REPORT_REQUIRED');
  const items = await repo.listReportItems(tx, report.id);
  const kinds = new Set(items.filter((i) => i.result === 'redline').map((i) => redlineKindOf(i.code)));
  const accidentCar = report.grade === 5 || kinds.size > 0;
  if (
    (accidentCar && !used.accidentHistory) ||
    (kinds.has('flood') && !used.floodHistory) ||
    (kinds.has('fire') && !used.fireHistory)
  ) {
    throw new AppError('DISCLOSURE_INCONSISTENT');
  }
}

async function runTransition(
  tx: Tx,
  actor: StaffActor | null,
  id: string,
  action: ListingAction,
  meta: MutationMeta,
  options: { note?: string | null; reason?: string | null } = {},
): Promise<ListingRow> {
  const rule = LISTING_TRANSITIONS[action];
  const before = assertVisible(actor, await repo.lockListing(tx, id));
  if (!(rule.from as readonly ListingStatus[]).includes(before.status)) {
    throw new AppError('INVALID_TRANSITION', { from: before.status, action });
  }
  const patch: Partial<repo.NewListingRow> & { status: ListingStatus } = {
    status: rule.to,
    updatedAt: meta.at,
  };
  if (action === 'submit' || action === 'relist') {
    await assertReadyForReview(tx, before);
    patch.reviewFlags = scanAdLaw(before, await currentTerms(tx));
    patch.reviewNote = null;
  } else if (action === 'approve') {
    if (hasBlockingHit(flagsOf(before.reviewFlags) as AdLawHit[])) {
      throw new AppError('LISTING_HAS_BLOCKING_TERMS');
    }
    await assertReadyForReview(tx, before);
    patch.listedAt = meta.at;
    patch.reviewNote = options.note ?? null;
  } else if (action === 'reject') {
    patch.reviewNote = options.reason ?? null;
  }
  const after = await repo.transitionListing(tx, id, rule.from, patch);
  if (!after) throw new AppError('INVALID_TRANSITION', { from: before.status, action });
  await audit(tx, actor, meta, `catalog.listing.${action}`, id, before, {
    ...after,
    ...(options.reason ? { reason: options.reason } : {}),
  });
  await listingChanged(tx, id, after.status, meta.at, options.reason ? { reason: options.reason } : {});
  return after;
}

/** One lifecycle action on a listing (submit, approve, reject, delist, relist) in one transaction. */
export async function transitionListingAction(
  db: Db,
  actor: StaffActor,
  id: string,
  action: ListingAction,
  meta: MutationMeta,
  options: { note?: string | null; reason?: string | null } = {},
): Promise<TListing> {
  await withTransaction(db, (tx) => runTransition(tx, actor, id, action, meta, options));
  return toListing(await loadView(db, id));
}

/**
 * Takes a listed listing off sale inside the caller's transaction (e.g. the inventory module when the
 * last unit is sold); a system action: audited without a staff actor, event published.
 */
export async function delistListing(
  tx: Tx,
  id: string,
  reason: string,
  at: Date = new Date(),
): Promise<void> {
  await runTransition(tx, null, id, 'delist', { at }, { reason });
}

// ---- inspection reports ----

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
  db: Db,
  actor: StaffActor,
  listingId: string,
  input: TPutInspectionRequest,
  meta: MutationMeta,
): Promise<TInspectionReport> {
  validateItems(input.items);
  const score = scoreInspection(input.items);
  await withTransaction(db, async (tx) => {
    const before = assertVisible(actor, await repo.lockListing(tx, listingId));
    if (before.kind !== 'used') throw new AppError('LISTING_NOT_USED');
    if (!EDITABLE.includes(before.status)) {
      throw new AppError('INVALID_TRANSITION', { from: before.status, action: 'edit' });
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
      createdAt: meta.at,
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
      updatedAt: meta.at,
    });
    if (!after) throw new AppError('CONFLICT');
    await audit(
      tx,
      actor,
      meta,
      'catalog.listing.inspection',
      listingId,
      previous ? { reportId: previous.id, grade: previous.grade, totalScore: previous.totalScore } : null,
      {
        reportId,
        grade: score.grade,
        totalScore: score.totalScore,
        sectionScores: score.sectionScores,
        ...flags,
      },
    );
    await listingChanged(tx, listingId, after.status, meta.at);
  });
  return loadReport(db, listingId);
}

async function loadReport(db: Handle, listingId: string): Promise<TInspectionReport> {
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
  db: Handle,
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
  db: Handle,
  actor: StaffActor,
  listingId: string,
): Promise<TInspectionReport> {
  const v = await repo.findListingView(db, listingId);
  assertVisible(actor, v?.listing);
  return loadReport(db, listingId);
}

/** The report as a buyer reads it (listed used cars only): findings worst first, OK checks collapsed. */
export async function getPublicInspection(db: Handle, listingId: string): Promise<TPublicInspectionReport> {
  const v = await repo.findListingView(db, listingId);
  if (!v || v.listing.status !== 'listed' || v.listing.kind !== 'used') {
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

// ---- ad-law terms ----

function toTerm(r: repo.AdLawTermRow): TAdLawTermOut {
  return { term: r.term, severity: r.severity, note: r.note, createdAt: r.createdAt.toISOString() };
}

export async function listAdLawTerms(db: Handle): Promise<TAdLawTermOut[]> {
  return (await repo.listAdLawTerms(db)).map(toTerm);
}

export async function addAdLawTerm(
  db: Db,
  actor: StaffActor,
  input: { term: string; severity: 'block' | 'warn'; note?: string | null | undefined },
  meta: MutationMeta,
): Promise<TAdLawTermOut> {
  const row: repo.AdLawTermRow = {
    term: input.term,
    severity: input.severity,
    note: input.note ?? null,
    createdAt: meta.at,
  };
  await withTransaction(db, async (tx) => {
    if (!(await repo.insertAdLawTerm(tx, row))) throw new AppError('AD_LAW_TERM_EXISTS');
    await recordAudit(tx, {
      actor,
      action: 'catalog.ad_law_term.create',
      entityType: 'catalog_ad_law_term',
      entityId: row.term,
      after: row,
      requestId: meta.requestId ?? null,
      ip: meta.ip ?? null,
      at: meta.at,
    });
  });
  return toTerm(row);
}

export async function updateAdLawTermEntry(
  db: Db,
  actor: StaffActor,
  term: string,
  input: { severity?: 'block' | 'warn' | undefined; note?: string | null | undefined },
  meta: MutationMeta,
): Promise<TAdLawTermOut> {
  return withTransaction(db, async (tx) => {
    const before = await repo.findAdLawTerm(tx, term);
    if (!before) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    const after = await repo.updateAdLawTerm(tx, term, {
      ...(input.severity ? { severity: input.severity } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    });
    if (!after) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    await recordAudit(tx, {
      actor,
      action: 'catalog.ad_law_term.update',
      entityType: 'catalog_ad_law_term',
      entityId: term,
      before,
      after,
      requestId: meta.requestId ?? null,
      ip: meta.ip ?? null,
      at: meta.at,
    });
    return toTerm(after);
  });
}

export async function removeAdLawTerm(
  db: Db,
  actor: StaffActor,
  term: string,
  meta: MutationMeta,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    const before = await repo.findAdLawTerm(tx, term);
    if (!before || !(await repo.deleteAdLawTerm(tx, term))) throw new AppError('AD_LAW_TERM_NOT_FOUND');
    await recordAudit(tx, {
      actor,
      action: 'catalog.ad_law_term.delete',
      entityType: 'catalog_ad_law_term',
      entityId: term,
      before,
      requestId: meta.requestId ?? null,
      ip: meta.ip ?? null,
      at: meta.at,
    });
  });
}
