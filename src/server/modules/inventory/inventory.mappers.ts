import { SHANGHAI_OFFSET_MS } from '../../kernel/clock.js';
import type { AccessoryVariantFacts } from '../accessories/index.js';
import type { TrimFacts } from '../catalog/index.js';
import type {
  TAccessoryStock,
  TReplenishmentSuggestion,
  TStockLocation,
  TUnitHold,
  TVehicleUnit,
} from './inventory.contract.js';
import { AGED_DAYS } from './inventory.enums.js';
import { UNIT_TRANSITIONS } from './inventory.machine.js';
import type {
  AccessoryStockRow,
  ReplenishmentSuggestionRow,
  StockLocationRow,
  UnitHoldRow,
  VehicleUnitRow,
} from './inventory.schema.js';

const DAY_MS = 86_400_000;

/** Whole calendar days in Asia/Shanghai from `from` to `to` (a car received last night is 1 day old today). */
export function daysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  return Math.max(0, day(to) - day(from));
}

export function agedTag(days: number): 60 | 90 | null {
  const [sixty, ninety] = AGED_DAYS;
  if (days > ninety) return 90;
  if (days > sixty) return 60;
  return null;
}

export function toStockLocation(row: StockLocationRow): TStockLocation {
  return {
    id: row.id,
    kind: row.kind,
    dealerId: row.dealerId,
    storeId: row.storeId,
    cityCode: row.cityCode,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The one place a unit row becomes its API object (with its trim's names and its location). */
export function toVehicleUnit(
  row: VehicleUnitRow,
  trim: TrimFacts | undefined,
  location: StockLocationRow | undefined,
  now: Date,
): TVehicleUnit {
  const days = daysBetween(row.enteredStockAt, now);
  const onLot = row.status === 'available' || row.status === 'reserved';
  return {
    id: row.id,
    vin: row.vin,
    trim: {
      id: row.trimId,
      name: trim?.name ?? row.trimId,
      seriesName: trim?.seriesName ?? '',
      brandName: trim?.brandName ?? '',
    },
    exteriorColour: row.exteriorColour,
    location: {
      id: row.locationId,
      kind: location?.kind ?? 'store',
      name: location?.name ?? row.locationId,
      cityCode: location?.cityCode ?? '',
    },
    storeId: row.storeId,
    dealerId: row.dealerId,
    status: row.status,
    enteredStockAt: row.enteredStockAt.toISOString(),
    daysInStock: days,
    aged: onLot ? agedTag(days) : null,
    costFen: row.costFen,
    listingId: row.listingId,
    version: row.version,
    actions: (['receive', 'deliver'] as const).filter((a) =>
      (UNIT_TRANSITIONS[a].from as readonly string[]).includes(row.status),
    ),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toUnitHold(row: UnitHoldRow): TUnitHold {
  return {
    id: row.id,
    unitId: row.unitId,
    holder: row.holder,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Accessory stock as the board shows it: location, SKU and product, on hand, reserved, available. */
export function toAccessoryStock(
  row: AccessoryStockRow,
  location: StockLocationRow,
  variant: AccessoryVariantFacts | undefined,
): TAccessoryStock {
  const attributes: Record<string, string> = {};
  if (variant && typeof variant.attributes === 'object' && variant.attributes !== null) {
    for (const [k, v] of Object.entries(variant.attributes)) attributes[k] = String(v);
  }
  return {
    location: { id: location.id, name: location.name, kind: location.kind },
    dealerId: row.dealerId,
    variantId: row.variantId,
    sku: variant?.sku ?? row.variantId,
    productName: variant?.productName ?? '',
    productNameEn: variant?.productNameEn ?? null,
    attributes,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSuggestion(
  row: ReplenishmentSuggestionRow,
  trim: TrimFacts | undefined,
  location: StockLocationRow | undefined,
): TReplenishmentSuggestion {
  return {
    id: row.id,
    storeId: row.storeId,
    location: { id: row.locationId, name: location?.name ?? row.locationId },
    dealerId: row.dealerId,
    trim: {
      id: row.trimId,
      name: trim?.name ?? row.trimId,
      seriesName: trim?.seriesName ?? '',
      brandName: trim?.brandName ?? '',
    },
    status: row.status,
    sold30d: row.sold30d,
    avgDailySales: Number(row.avgDailySales),
    leadTimeDays: row.leadTimeDays,
    bufferUnits: row.bufferUnits,
    safetyStock: row.safetyStock,
    available: row.available,
    inTransit: row.inTransit,
    suggestedQuantity: row.suggestedQuantity,
    acceptedQuantity: row.acceptedQuantity,
    dismissReason: row.dismissReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    computedAt: row.computedAt.toISOString(),
    actions: row.status === 'open' ? ['accept', 'dismiss'] : [],
  };
}
