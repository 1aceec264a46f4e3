import type { TFinanceProduct, TProductFields } from './finance.contract.js';
import type { FinanceProductRow } from './finance.schema.js';

/** Whether a product is offered on a day: active and within its dates. */
export function productStatus(row: FinanceProductRow, day: string): TFinanceProduct['status'] {
  if (!row.active) return 'inactive';
  if (row.validFrom > day) return 'scheduled';
  if (row.validTo !== null && row.validTo < day) return 'expired';
  return 'active';
}

/** The fields the product rules read, from a row. */
export function toProductFields(row: FinanceProductRow): TProductFields {
  return {
    lenderCode: row.lenderCode,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    forNew: row.forNew,
    forUsed: row.forUsed,
    energies: row.energies,
    brands: row.brands,
    minPriceFen: row.minPriceFen,
    maxPriceFen: row.maxPriceFen,
    rateKind: row.rateKind,
    method: row.method,
    terms: row.terms,
    feesFen: row.feesFen,
    minDownBpIce: row.minDownBpIce,
    minDownBpNev: row.minDownBpNev,
    subsidised: row.subsidised,
    referenceRateBp: row.referenceRateBp,
    validFrom: row.validFrom,
    validTo: row.validTo,
    active: row.active,
  };
}

/** The one place a product row becomes its API object; `day` (Asia/Shanghai) decides its status. */
export function toFinanceProduct(row: FinanceProductRow, day: string): TFinanceProduct {
  return {
    id: row.id,
    ...toProductFields(row),
    status: productStatus(row, day),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
