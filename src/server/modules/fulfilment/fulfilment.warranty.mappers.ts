import type { TWarrantyClaim } from './fulfilment.warranty.contract.js';
import type { WarrantyClaimRow } from './fulfilment.warranty.schema.js';

/** The one place a claim row becomes its API object; `now` decides whether it is overdue. */
export function toWarrantyClaim(row: WarrantyClaimRow, now: Date): TWarrantyClaim {
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    dealerId: row.dealerId,
    vehicleTitle: row.vehicleTitle,
    vin: row.vin,
    defect: row.defect,
    description: row.description,
    mileageKm: row.mileageKm,
    photos: row.photos,
    deliveredAt: row.deliveredAt.toISOString(),
    rule: row.rule,
    eligible: row.eligible,
    windowEndsAt: row.windowEndsAt?.toISOString() ?? null,
    windowKm: row.windowKm,
    decisionDueAt: row.decisionDueAt.toISOString(),
    overdue: row.status === 'submitted' && row.decisionDueAt.getTime() < now.getTime(),
    status: row.status,
    decision: row.decision,
    decisionReason: row.decisionReason,
    refundFen: row.refundFen,
    replacementUnitId: row.replacementUnitId,
    replacementVin: row.replacementVin,
    replacementAllocatedAt: row.replacementAllocatedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
