// Test fixtures for the listings sub-area: a small model database (brand, series, trim, colours) so
// listing tests do not depend on the model seed.
import type { Db } from '../../kernel/db/client.js';
import { DEFAULT_AD_LAW_TERMS } from './adlaw.js';
import { brands, series, trimColours, trims } from './catalog.schema.js';
import { STANDARD_ITEMS } from './inspection.js';
import type { TPutInspectionRequest } from './listings.contract.js';
import { adLawTerms } from './listings.schema.js';

const AT = new Date('2026-01-05T02:00:00Z');

/** BYD 汉 EV 2025 (guide 209,800) with two exterior and one interior colour; returns the trim id. */
export async function insertTestTrims(db: Db): Promise<{ bydHan: string; teslaModel3: string }> {
  await db
    .insert(brands)
    .values([
      {
        id: 'brd_t_byd',
        slug: 'byd-t',
        name: '比亚迪',
        nameEn: 'BYD',
        pinyin: 'biyadi',
        initial: 'B',
        country: 'CN',
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'brd_t_tesla',
        slug: 'tesla-t',
        name: '特斯拉',
        nameEn: 'Tesla',
        pinyin: 'tesila',
        initial: 'T',
        country: 'US',
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(series)
    .values([
      {
        id: 'ser_t_han',
        brandId: 'brd_t_byd',
        slug: 'byd-han-t',
        name: '汉',
        nameEn: 'Han',
        pinyin: 'han',
        manufacturer: '比亚迪汽车',
        bodyType: 'sedan',
        energyType: 'bev',
        segment: 'C',
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'ser_t_m3',
        brandId: 'brd_t_tesla',
        slug: 'tesla-model-3-t',
        name: 'Model 3',
        nameEn: 'Model 3',
        pinyin: 'model3',
        manufacturer: '特斯拉中国',
        bodyType: 'sedan',
        energyType: 'bev',
        segment: 'B',
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(trims)
    .values([
      {
        id: 'trm_t_han',
        seriesId: 'ser_t_han',
        modelYear: 2025,
        name: '2025款 EV 冠军版 605KM 尊贵型',
        guidePriceFen: 20_980_000,
        energyType: 'bev',
        seats: 5,
        electricRangeKm: 605,
        createdAt: AT,
        updatedAt: AT,
      },
      {
        id: 'trm_t_m3',
        seriesId: 'ser_t_m3',
        modelYear: 2024,
        name: '2024款 后轮驱动版',
        guidePriceFen: 23_190_000,
        energyType: 'bev',
        seats: 5,
        electricRangeKm: 606,
        createdAt: AT,
        updatedAt: AT,
      },
    ])
    .onConflictDoNothing();
  await db
    .insert(trimColours)
    .values([
      { id: 'col_t_han_1', trimId: 'trm_t_han', kind: 'exterior', name: '时空灰', hex: '#5a5e63', sort: 1 },
      { id: 'col_t_han_2', trimId: 'trm_t_han', kind: 'exterior', name: '汉宫红', hex: '#9b1b1f', sort: 2 },
      { id: 'col_t_han_3', trimId: 'trm_t_han', kind: 'interior', name: '黑色', hex: '#111111', sort: 3 },
    ])
    .onConflictDoNothing();
  return { bydHan: 'trm_t_han', teslaModel3: 'trm_t_m3' };
}

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
