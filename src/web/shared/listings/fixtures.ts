import type { TInspectionReport, TListing } from '../hooks/listings.js';

// Test data for the shared listing screens' component tests (nothing in the app imports this file).

export function aListing(overrides: Partial<TListing> = {}): TListing {
  return {
    id: 'lst_1',
    kind: 'new',
    status: 'draft',
    trim: {
      id: 'trm_1',
      name: '2025 款 610KM 四驱',
      modelYear: 2025,
      guidePriceFen: 25_980_000,
      seriesId: 'ser_1',
      seriesName: '汉 EV',
      brandName: '比亚迪',
    },
    dealerId: 'dlr_1',
    storeId: 'sto_1',
    cityCode: '110100',
    title: '比亚迪 汉 EV 现车',
    description: '',
    priceFen: 24_980_000,
    discountFen: 1_000_000,
    exteriorColour: null,
    interiorColour: null,
    reviewFlags: [],
    reviewNote: null,
    inventoryRef: null,
    listedAt: null,
    createdAt: '2026-05-01T02:00:00.000Z',
    updatedAt: '2026-05-01T02:00:00.000Z',
    version: 1,
    used: null,
    inspection: null,
    ...overrides,
  };
}

/** A report with every standard item OK except B01 (minor, 2 points off the body section). */
export function aReport(overrides: Partial<TInspectionReport> = {}): TInspectionReport {
  return {
    id: 'isp_1',
    listingId: 'lst_2',
    inspectedAt: '2026-04-20T02:00:00.000Z',
    inspector: '张工',
    inspectionOrg: '北京二手车鉴定中心',
    summary: '车况良好',
    sections: [],
    totalScore: 98,
    grade: 1,
    items: [
      {
        id: 'iti_1',
        section: 'body_exterior',
        code: 'B01',
        name: '左前翼子板',
        result: 'minor',
        deduction: 2,
        note: '轻微划痕',
        photoUrls: [],
      },
      {
        id: 'iti_2',
        section: 'engine_bay',
        code: 'E01',
        name: '机舱内部清洁度',
        result: 'ok',
        deduction: 0,
        note: null,
        photoUrls: [],
      },
    ],
    disclosures: { accident: false, flood: false, fire: false },
    ...overrides,
  };
}
