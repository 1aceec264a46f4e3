import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import type { TOpeningHours, TStore } from './dealers.contract.js';
import * as repo from './dealers.repository.js';
import { type HoursTemplate, SEED_CITIES, SEED_DEALERS, type ServiceTemplate } from './dealers.seed-data.js';
import { usccCheckChar } from './dealers.uscc.js';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SEEDED_AT = new Date('2026-01-05T02:00:00Z');

function every(ranges: [string, string][]): TOpeningHours {
  return { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: ranges, sun: ranges };
}

const HOURS: Record<HoursTemplate, TOpeningHours> = {
  showroom: every([['08:30', '18:00']]),
  mall: every([['10:00', '22:00']]),
  delivery: {
    ...every([
      ['09:00', '12:00'],
      ['13:30', '18:00'],
    ]),
    sun: [],
  },
};

const SERVICES: Record<ServiceTemplate, TStore['services']> = {
  full: ['sales', 'test_drive', 'after_sales', 'delivery'],
  experience: ['sales', 'test_drive'],
  delivery_centre: ['delivery', 'after_sales'],
};

/**
 * A valid, deterministic USCC for a fictional company: 91 (enterprise, company) + district code +
 * a 9-character organisation part derived from the dealer id + the computed check character.
 */
export function seedUscc(districtCode: string, dealerId: string): string {
  let h = 2166136261;
  for (const ch of dealerId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org += USCC_ALPHABET.charAt(h % (i < 8 ? 10 : 31));
    h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
  }
  const first17 = `91${districtCode}${org}`;
  return `${first17}${usccCheckChar(first17)}`;
}

/** Loads cities, dealers, their qualifications and stores; re-runnable (existing ids are kept). */
export async function seedDealerData(db: DbHandle): Promise<void> {
  await withTransaction(db, async (tx) => {
    await repo.upsertCities(tx, SEED_CITIES);
    for (const d of SEED_DEALERS) {
      const uscc = seedUscc(d.districtCode, d.id);
      await repo.insertDealerIfAbsent(tx, {
        id: d.id,
        name: d.name,
        legalName: d.legalName,
        uscc,
        brands: d.brands,
        cityCode: d.cityCode,
        status: d.status,
        contactPhone: d.contactPhone,
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      });
      const quals = [
        { kind: 'business_licence', number: uscc, validFrom: '2018-03-15', validUntil: '2048-03-14' },
        ...d.qualifications,
      ];
      for (const [i, q] of quals.entries()) {
        await repo.insertQualificationIfAbsent(tx, {
          id: `dq_${d.id.slice(4)}_${i + 1}`,
          dealerId: d.id,
          ...q,
          createdAt: SEEDED_AT,
        });
      }
      for (const s of d.stores) {
        await repo.insertStoreIfAbsent(tx, {
          id: s.id,
          dealerId: d.id,
          name: s.name,
          cityCode: d.cityCode,
          district: s.district,
          address: s.address,
          latitude: s.lat,
          longitude: s.lng,
          phone: s.phone,
          openingHours: HOURS[s.hours],
          services: SERVICES[s.services],
          status: 'active',
          createdAt: SEEDED_AT,
          updatedAt: SEEDED_AT,
        });
      }
    }
  });
}
