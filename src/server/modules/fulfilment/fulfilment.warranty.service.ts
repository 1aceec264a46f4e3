import { z } from 'zod';
import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { isUniqueViolation } from '../../kernel/db/constraint-errors.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { formatCny } from '../../kernel/money.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { applyTransition } from '../../kernel/state-machine.js';
import {
  getMyOrder,
  notifyOrderBuyer,
  type OrdersEnv,
  recordOrderNote,
  replaceOrderUnit,
  type TOrder,
} from '../orders/index.js';
import { orderMoney, requestRefund } from '../payments/index.js';
import type {
  TClaimQueueQuery,
  TDecideClaimRequest,
  TFileClaimRequest,
  TWarrantyClaim,
} from './fulfilment.warranty.contract.js';
import { WarrantyEvents } from './fulfilment.warranty.events.js';
import { warrantyClaimMachine } from './fulfilment.warranty.machine.js';
import { toWarrantyClaim } from './fulfilment.warranty.mappers.js';
import { claimEligibility, decisionDue } from './fulfilment.warranty.policy.js';
import * as repo from './fulfilment.warranty.repository.js';
import type { WarrantyClaimRow } from './fulfilment.warranty.schema.js';

// 三包 claims: the buyer files one on a delivered new car; the rules in force on the delivery day decide
// whether it may end in replacement or refund; staff decide within the policy's deadline; a refund goes back
// through payments and the order's timeline says what happened.

const HANDED_OVER = new Set<TOrder['status']>(['delivered', 'completed']);

/** Files a 三包 claim on one of the signed-in buyer's delivered new-car orders. */
export async function fileClaim(
  db: DbHandle,
  orderId: string,
  input: TFileClaimRequest,
  mutation: Mutation,
): Promise<TWarrantyClaim> {
  const actor = mutation.actor;
  if (actor?.kind !== 'buyer') throw new AppError('FORBIDDEN');
  try {
    return await withTransaction(db, async (tx) => {
      const order = await getMyOrder(tx, orderId, mutation);
      if (order.listingKind !== 'new') throw new AppError('WARRANTY_NOT_NEW_CAR');
      if (!HANDED_OVER.has(order.status) || !order.deliveredAt)
        throw new AppError('WARRANTY_ORDER_NOT_DELIVERED', { status: order.status });
      const open = (await repo.claimsOfOrder(tx, orderId)).find((c) => c.status === 'submitted');
      if (open) throw new AppError('WARRANTY_CLAIM_OPEN', { claimId: open.id });
      const deliveredAt = new Date(order.deliveredAt);
      const policy = await repo.policyOn(tx, shanghaiDay(deliveredAt));
      if (!policy) throw new AppError('WARRANTY_POLICY_MISSING');
      const verdict = claimEligibility({
        defect: input.defect,
        deliveredAt,
        filedAt: mutation.at,
        mileageKm: input.mileageKm,
        policy,
      });
      const row = await repo.insertClaim(tx, {
        id: newId('wcl'),
        orderId: order.id,
        orderNumber: order.orderNumber,
        buyerId: actor.buyerId,
        dealerId: order.dealerId,
        vehicleTitle: order.vehicleTitle,
        vin: order.vin,
        defect: input.defect,
        description: input.description,
        mileageKm: input.mileageKm,
        photos: input.photos,
        deliveredAt,
        rule: verdict.rule,
        eligible: verdict.eligible,
        windowEndsAt: verdict.windowEndsAt,
        windowKm: verdict.windowKm,
        decisionDueAt: decisionDue(mutation.at, policy),
        policyId: policy.id,
        status: 'submitted',
        createdAt: mutation.at,
        updatedAt: mutation.at,
      });
      await audit(tx, mutation, {
        action: 'warranty_claim.file',
        entityType: 'warranty_claim',
        entityId: row.id,
        after: { orderId: row.orderId, defect: row.defect, rule: row.rule, eligible: row.eligible },
      });
      await publish(
        tx,
        WarrantyEvents.claimFiled,
        row.id,
        {
          claimId: row.id,
          orderId: row.orderId,
          dealerId: row.dealerId,
          defect: row.defect,
          eligible: row.eligible,
          decisionDueAt: row.decisionDueAt.toISOString(),
        },
        mutation.at,
      );
      await recordOrderNote(
        tx,
        {
          orderId: row.orderId,
          note: { zh: '已提交三包申请，等待处理', en: 'Warranty claim filed; waiting for a decision' },
        },
        mutation,
      );
      return toWarrantyClaim(row, mutation.at);
    });
  } catch (e) {
    // The partial unique index caught a second claim filed at the same moment.
    if (isUniqueViolation(e)) throw new AppError('WARRANTY_CLAIM_OPEN');
    throw e;
  }
}

/** The signed-in buyer's claims on one of their orders, newest first. */
export async function myClaimsOfOrder(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<{ items: TWarrantyClaim[] }> {
  await getMyOrder(db, orderId, mutation);
  const rows = await repo.claimsOfOrder(db, orderId);
  return { items: rows.map((r) => toWarrantyClaim(r, mutation.at)) };
}

function assertClaimScope(row: WarrantyClaimRow | null | undefined, mutation: Mutation): WarrantyClaimRow {
  const staff = staffOf(mutation);
  if (!row || (staff.dealerId !== null && staff.dealerId !== row.dealerId))
    throw new AppError('WARRANTY_CLAIM_NOT_FOUND');
  return row;
}

const ZCursor = z.object({ due: z.string(), id: z.string() });

/** The claims queue, earliest decision deadline first (dealer staff see their dealer's). */
export async function claimQueue(db: DbHandle, query: TClaimQueueQuery, mutation: Mutation) {
  const staff = staffOf(mutation);
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.claimQueue(
    db,
    { status: query.status, dealerId: staff.dealerId },
    query.limit,
    after,
  );
  return toPage(
    rows,
    query.limit,
    (r) => toWarrantyClaim(r, mutation.at),
    (r) => ({ due: r.decisionDueAt.toISOString(), id: r.id }),
  );
}

export async function getClaim(db: DbHandle, id: string, mutation: Mutation): Promise<TWarrantyClaim> {
  return toWarrantyClaim(assertClaimScope(await repo.findClaim(db, id), mutation), mutation.at);
}

const DECISION_NOTES = {
  replace: { zh: '三包申请已同意换车', en: 'Warranty claim decided: the car will be replaced' },
  allocate_replacement: { zh: '三包换车已调配新车', en: 'Warranty replacement: a new car is allocated' },
  refund: { zh: '三包申请已同意退车', en: 'Warranty claim decided: the car is taken back and refunded' },
  repair: { zh: '三包申请转为保修期内维修', en: 'Warranty claim decided: repair under warranty' },
  reject: { zh: '三包申请已驳回', en: 'Warranty claim rejected' },
} as const;

/**
 * Decides a claim once. Replacement and refund need a claim inside the 三包 windows; rejecting needs a
 * reason. A refund returns what the order still holds of the buyer's money through the providers it came
 * by (payments' own approval threshold applies), in the same transaction as the decision.
 */
export async function decideClaim(
  db: DbHandle,
  id: string,
  input: TDecideClaimRequest,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TWarrantyClaim> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const row = assertClaimScope(await repo.lockClaim(tx, id), mutation);
    if (!warrantyClaimMachine.can(row.status, input.decision)) {
      throw new AppError('INVALID_TRANSITION', {
        machine: warrantyClaimMachine.name,
        from: row.status,
        action: input.decision,
      });
    }
    if ((input.decision === 'replace' || input.decision === 'refund') && !row.eligible)
      throw new AppError('WARRANTY_DECISION_NOT_ALLOWED', { rule: row.rule });
    if (input.decision === 'reject' && input.reason === '') throw new AppError('WARRANTY_REASON_REQUIRED');
    let refundFen: number | null = null;
    if (input.decision === 'refund') {
      refundFen = (await orderMoney(tx, row.orderId)).netHeldFen;
      if (refundFen <= 0) throw new AppError('WARRANTY_NOTHING_TO_REFUND');
    }
    await repo.updateClaim(tx, row.id, { decisionReason: input.reason || null, refundFen });
    const { after } = await applyTransition(tx, warrantyClaimMachine, row.id, input.decision, mutation);
    if (refundFen !== null) {
      await requestRefund(
        tx,
        {
          orderId: row.orderId,
          amountFen: refundFen,
          reason: `${row.orderNumber} 三包退车`,
          kind: 'warranty_return',
          requestedBy: staff.accountId,
        },
        mutation,
      );
    }
    if (input.decision === 'replace') {
      await recordOrderNote(
        tx,
        { orderId: row.orderId, note: withReason(DECISION_NOTES.replace, input.reason) },
        mutation,
      );
      await publish(
        tx,
        WarrantyEvents.claimDecided,
        row.id,
        { claimId: row.id, orderId: row.orderId, decision: input.decision, refundFen },
        mutation.at,
      );
      return toWarrantyClaim(await allocateReplacement(tx, after, mutation, env), mutation.at);
    }
    const base = DECISION_NOTES[input.decision];
    const money = refundFen !== null ? formatCny(refundFen, 'zh-CN') : null;
    await recordOrderNote(
      tx,
      {
        orderId: row.orderId,
        note: {
          zh: [base.zh, money ? `退款 ${money} 原路退回` : null, input.reason || null]
            .filter(Boolean)
            .join('；'),
          en: [base.en, money ? `${formatCny(refundFen ?? 0, 'en')} refunded to the original payment` : null]
            .filter(Boolean)
            .join('; '),
        },
      },
      mutation,
    );
    await publish(
      tx,
      WarrantyEvents.claimDecided,
      row.id,
      { claimId: row.id, orderId: row.orderId, decision: input.decision, refundFen },
      mutation.at,
    );
    return toWarrantyClaim(after, mutation.at);
  });
}

function withReason(note: { zh: string; en: string }, reason: string): { zh: string; en: string } {
  return { zh: [note.zh, reason || null].filter(Boolean).join('；'), en: note.en };
}

/**
 * Tries to give a replacement claim's order its new car (same trim and colour) through the orders module.
 * With a car: the claim becomes `replacement` with the new unit and VIN, and the buyer is told. Without one:
 * the claim stays `replacement_pending` and staff get a notice once per claim; they retry when stock arrives.
 */
async function allocateReplacement(
  tx: DbHandle,
  row: WarrantyClaimRow,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<WarrantyClaimRow> {
  let replaced: Awaited<ReturnType<typeof replaceOrderUnit>>;
  try {
    replaced = await replaceOrderUnit(
      tx,
      { orderId: row.orderId, reason: DECISION_NOTES.allocate_replacement },
      mutation,
    );
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'INVENTORY_UNAVAILABLE') throw err;
    await notify(tx, {
      recipient: { kind: 'role', role: 'supply_chain' },
      templateKey: 'fulfilment.warranty_replacement_pending_staff',
      params: { orderNumber: row.orderNumber, vehicle: row.vehicleTitle },
      channels: ['in_app'],
      link: '/console/aftersales?status=replacement_pending',
      at: mutation.at,
      dedupKey: `warranty-replacement-pending:${row.id}`,
    });
    return row;
  }
  await repo.updateClaim(tx, row.id, {
    replacementUnitId: replaced.unitId,
    replacementVin: replaced.vin,
    replacementAllocatedAt: mutation.at,
  });
  const { after } = await applyTransition(tx, warrantyClaimMachine, row.id, 'allocate_replacement', mutation);
  await publish(
    tx,
    WarrantyEvents.replacementAllocated,
    row.id,
    {
      claimId: row.id,
      orderId: row.orderId,
      unitId: replaced.unitId,
      vin: replaced.vin,
      previousUnitId: replaced.previousUnitId,
    },
    mutation.at,
  );
  await notifyOrderBuyer(
    tx,
    env,
    {
      orderId: row.orderId,
      templateKey: 'fulfilment.warranty_replacement_allocated',
      params: { orderNumber: row.orderNumber, vehicle: row.vehicleTitle, vin: replaced.vin },
      dedupKey: `warranty-replacement:${row.id}`,
    },
    mutation.at,
  );
  return after;
}

/**
 * Staff retry a replacement that waited for stock. INVALID_TRANSITION unless the claim is
 * `replacement_pending`; still no car leaves it pending (200, same state) - never an error for the wait.
 */
export async function retryReplacement(
  db: DbHandle,
  id: string,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TWarrantyClaim> {
  return withTransaction(db, async (tx) => {
    const row = assertClaimScope(await repo.lockClaim(tx, id), mutation);
    if (!warrantyClaimMachine.can(row.status, 'allocate_replacement')) {
      throw new AppError('INVALID_TRANSITION', {
        machine: warrantyClaimMachine.name,
        from: row.status,
        action: 'allocate_replacement',
      });
    }
    return toWarrantyClaim(await allocateReplacement(tx, row, mutation, env), mutation.at);
  });
}
