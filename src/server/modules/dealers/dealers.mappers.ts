import type { TCity, TDealer, TQualification, TStore } from './dealers.contract.js';
import type { DealerView, StoreView } from './dealers.repository.js';
import type { CityRow, QualificationRow } from './dealers.schema.js';

// Row (snake/DB) -> DTO (camelCase API) mappers: the only place the two shapes meet.

const DAY_MS = 86_400_000;

/** `date` plus `days` calendar days (YYYY-MM-DD arithmetic in UTC, so no DST surprises). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function toCity(row: CityRow): TCity {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    province: { code: row.provinceCode, name: row.provinceName, nameEn: row.provinceNameEn },
    tier: row.tier as TCity['tier'],
    hot: row.isHot,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

export function toDealer(v: DealerView): TDealer {
  const d = v.dealer;
  return {
    id: d.id,
    name: d.name,
    legalName: d.legalName,
    uscc: d.uscc,
    brands: d.brands,
    city: { code: d.cityCode, name: v.city.name, nameEn: v.city.nameEn },
    status: d.status,
    contactPhone: d.contactPhone,
    nextQualificationExpiry: v.nextQualificationExpiry,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toQualification(row: QualificationRow, today: string): TQualification {
  const daysLeft = Math.round(
    (Date.parse(`${row.validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
  );
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    daysLeft,
    expired: daysLeft < 0,
  };
}

export function toStore(v: StoreView): TStore {
  const s = v.store;
  return {
    id: s.id,
    dealer: { id: v.dealer.id, name: v.dealer.name, brands: v.dealer.brands },
    name: s.name,
    city: { code: s.cityCode, name: v.city.name, nameEn: v.city.nameEn },
    district: s.district,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    phone: s.phone,
    openingHours: s.openingHours,
    services: s.services as TStore['services'],
    status: s.status as TStore['status'],
    updatedAt: s.updatedAt.toISOString(),
  };
}
