import type { TrimFacts } from '../catalog/index.js';
import { SCORED_SECTIONS, SECTION_MAX } from './inspection.js';
import type {
  TAdLawHit,
  TAdLawTermOut,
  TInspectionItem,
  TInspectionReport,
  TListing,
} from './listings.contract.js';
import type {
  AdLawTermRow,
  InspectionItemRow,
  InspectionReportRow,
  ListingRecord,
} from './listings.repository.js';

// The one place listing rows become API objects.

/** A listing with what its DTO shows of its trim (from the catalog module). */
export interface ListingView extends ListingRecord {
  trim: TrimFacts;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function flagsOf(value: unknown): TAdLawHit[] {
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
      seriesId: v.trim.seriesId,
      seriesName: v.trim.seriesName,
      brandName: v.trim.brandName,
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

export function toReport(
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

export function toTerm(r: AdLawTermRow): TAdLawTermOut {
  return { term: r.term, severity: r.severity, note: r.note, createdAt: r.createdAt.toISOString() };
}
