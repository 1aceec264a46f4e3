// Test fixtures for the search module: the catalog's test market and N listings of it, new and used,
// across Beijing, Shanghai, Guangzhou and Shenzhen, with what the property test's oracle knows of each.
import type { Db } from '../../kernel/db/client.js';
import { insertTestMarket, TEST_BRANDS, TEST_TRIMS } from '../catalog/catalog.testing.js';
import { insertTestListing } from '../listings/listings.testing.js';

export { PARAM_DEFS, TEST_BRANDS, TEST_SERIES, TEST_TRIMS } from '../catalog/catalog.testing.js';

const AT = new Date('2026-01-05T02:00:00Z');

export const PLACES = [
  { cityCode: '110100', dealerId: 'dlr_demo_bj_byd', storeId: 'sto_bj_byd_chaoyang' },
  { cityCode: '310100', dealerId: 'dlr_demo_sh_tesla', storeId: 'sto_sh_tesla_jinqiao' },
  { cityCode: '440100', dealerId: 'dlr_gz_gac_toyota', storeId: 'sto_gz_toyota_tianhe' },
  { cityCode: '440300', dealerId: 'dlr_sz_byd', storeId: 'sto_sz_byd_nanshan' },
] as const;

/** What the in-memory oracle of the property test knows about each listing. */
export interface TestListing {
  id: string;
  kind: 'new' | 'used';
  status: 'listed' | 'delisted' | 'draft';
  brandSlug: string;
  seriesSlug: string;
  trimId: string;
  body: string;
  energy: string;
  seats: number;
  cityCode: string;
  grade: number | null;
  priceFen: number;
  rangeKm: number | null;
  modelYear: number;
  mileageKm: number;
  firstRegistrationDate: string | null;
  listedAt: Date;
  popularity: number;
}

/** Inserts the market and `count` listings (every 7th a draft, every 11th delisted); returns the oracle data. */
export async function insertSearchFixture(db: Db, count = 60): Promise<TestListing[]> {
  await insertTestMarket(db);
  const out: TestListing[] = [];
  for (let i = 0; i < count; i++) {
    const trim = TEST_TRIMS[(i * 5) % TEST_TRIMS.length];
    const place = PLACES[i % PLACES.length];
    if (!trim || !place) continue;
    const used = i % 3 === 0;
    const status: TestListing['status'] = i % 7 === 6 ? 'draft' : i % 11 === 10 ? 'delisted' : 'listed';
    const priceFen = used
      ? Math.round((trim.guidePriceFen * (55 + (i % 30))) / 100 / 100) * 100
      : trim.guidePriceFen - (i % 4) * 500_000;
    const mileageKm = used ? 5_000 + ((i * 7919) % 120_000) : 0;
    const regYear = 2018 + (i % 8);
    const firstRegistrationDate = used ? `${regYear}-0${1 + (i % 9)}-15` : null;
    const grade = used ? 1 + (i % 3) : null;
    const id = `lst_s_${String(i).padStart(3, '0')}`;
    const listedAt = new Date(AT.getTime() + ((i * 37) % count) * 60_000);
    const popularity = (i * 13) % 17;
    await insertTestListing(
      db,
      {
        id,
        kind: used ? 'used' : 'new',
        trimId: trim.id,
        dealerId: place.dealerId,
        storeId: place.storeId,
        cityCode: place.cityCode,
        title: `${brandOf(trim.series.brandId).name} ${trim.series.name} ${trim.name}${used ? ' 准新车' : ''}`,
        description: used ? '一手车主, 按时保养, 无事故' : '现车充足, 可预约试驾',
        priceFen,
        status,
        popularity,
        listedAt: status === 'draft' ? null : listedAt,
        createdAt: AT,
        updatedAt: listedAt,
      },
      used
        ? {
            listingId: id,
            vin: `LGXCE4CB${String(100_000_000 + i).slice(0, 9)}`,
            firstRegistrationDate: firstRegistrationDate ?? '2020-01-01',
            mileageKm,
            ownersCount: 1,
            transferCount: i % 2,
            conditionGrade: grade,
            accidentHistory: false,
            floodHistory: false,
            fireHistory: false,
            plateCity: place.cityCode,
          }
        : undefined,
    );
    out.push({
      id,
      kind: used ? 'used' : 'new',
      status,
      brandSlug: brandOf(trim.series.brandId).slug,
      seriesSlug: trim.series.slug,
      trimId: trim.id,
      body: trim.series.body,
      energy: trim.series.energy,
      seats: trim.seats,
      cityCode: place.cityCode,
      grade,
      priceFen,
      rangeKm: trim.electricRangeKm,
      modelYear: trim.modelYear,
      mileageKm,
      firstRegistrationDate,
      listedAt,
      popularity,
    });
  }
  return out;
}

function brandOf(id: string) {
  const b = TEST_BRANDS.find((x) => x.id === id);
  if (!b) throw new Error(`no brand ${id}`);
  return b;
}
