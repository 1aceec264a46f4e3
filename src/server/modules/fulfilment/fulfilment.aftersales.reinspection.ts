import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatCny } from '../../kernel/money.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { inspectionOfListing } from '../listings/index.js';
import {
  cancelOrder,
  getMyOrder,
  getOrder,
  type OrdersEnv,
  recordOrderNote,
  type TOrder,
} from '../orders/index.js';
import { orderMoney, requestRefund } from '../payments/index.js';
import type {
  TCompletionBlocker,
  TDisputeReinspectionRequest,
  TRecordReinspectionRequest,
  TReinspection,
  TResolveReinspectionRequest,
} from './fulfilment.aftersales.contract.js';
import { REINSPECTION_RESULTS, REINSPECTION_SETTLED } from './fulfilment.aftersales.enums.js';
import { AftersalesEvents } from './fulfilment.aftersales.events.js';
import { reinspectionMachine } from './fulfilment.aftersales.machine.js';
import * as repo from './fulfilment.aftersales.repository.js';
import type { ReinspectionItem, ReinspectionRow } from './fulfilment.aftersales.schema.js';

// The used car's re-inspection at handover: staff record every item of the listed GB/T 30323 report again;
// the differences go to the buyer, who accepts them or disputes them; staff resolve a dispute with a full
// refund (the order cancelled by the seller's side: everything paid goes back), a partial refund, or none.

/** Orders whose car is paid for and not yet handed over. */
const AT_HANDOVER = new Set<TOrder['status']>(['ready_for_delivery', 'delivery_scheduled', 'in_transit']);

const worse = (a: ReinspectionItem) => REINSPECTION_RESULTS.indexOf(a.found);

function toReinspection(row: ReinspectionRow): TReinspection {
  const differing = new Set(row.differences);
  const items = row.items.map((i) => ({ ...i, differs: differing.has(i.code) }));
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    dealerId: row.dealerId,
    status: row.status,
    items,
    differences: items.filter((i) => i.differs).sort((a, b) => worse(b) - worse(a)),
    inspector: row.inspector,
    inspectedAt: row.inspectedAt.toISOString(),
    buyerDecidedAt: row.buyerDecidedAt?.toISOString() ?? null,
    disputeReason: row.disputeReason,
    outcome: row.outcome,
    refundFen: row.refundFen,
    resolutionNote: row.resolutionNote,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** Compares the recorded items with the listed report: every listed code once, no others. */
export function compareWithReport(
  listed: readonly { code: string; section: string; name: string; result: ReinspectionItem['listed'] }[],
  recorded: TRecordReinspectionRequest['items'],
): { items: ReinspectionItem[]; differences: string[] } {
  const byCode = new Map(recorded.map((r) => [r.code, r]));
  const missing = listed.filter((l) => !byCode.has(l.code)).map((l) => l.code);
  const known = new Set(listed.map((l) => l.code));
  const unknown = recorded.filter((r) => !known.has(r.code)).map((r) => r.code);
  if (missing.length > 0 || unknown.length > 0 || byCode.size !== recorded.length)
    throw new AppError('REINSPECTION_ITEMS_MISMATCH', { missing, unknown });
  const items = listed.map((l) => {
    const r = byCode.get(l.code);
    return {
      code: l.code,
      section: l.section,
      name: l.name,
      listed: l.result,
      found: r?.result ?? l.result,
      note: r?.note ?? null,
      photoUrls: r?.photoUrls ?? [],
    };
  });
  return { items, differences: items.filter((i) => i.found !== i.listed).map((i) => i.code) };
}

function assertScope(order: TOrder, mutation: Mutation): void {
  const staff = staffOf(mutation);
  if (staff.dealerId !== null && staff.dealerId !== order.dealerId)
    throw new AppError('REINSPECTION_NOT_FOUND');
}

/** Staff record the handover re-inspection of a used-car order (once). */
export function recordReinspection(
  db: DbHandle,
  orderId: string,
  input: TRecordReinspectionRequest,
  mutation: Mutation,
): Promise<TReinspection> {
  return withTransaction(db, async (tx) => {
    const order = await getOrder(tx, orderId);
    assertScope(order, mutation);
    if (order.listingKind !== 'used') throw new AppError('REINSPECTION_USED_ONLY');
    if (!AT_HANDOVER.has(order.status))
      throw new AppError('REINSPECTION_NOT_AT_HANDOVER', { status: order.status });
    const report = await inspectionOfListing(tx, order.listingId);
    const { items, differences } = compareWithReport(report.items, input.items);
    const row = {
      id: newId('rin'),
      orderId,
      orderNumber: order.orderNumber,
      dealerId: order.dealerId,
      listingId: order.listingId,
      reportId: report.id,
      items,
      differences,
      status: differences.length === 0 ? ('no_differences' as const) : ('awaiting_buyer' as const),
      inspector: input.inspector,
      inspectedAt: mutation.at,
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    if (!(await repo.insertReinspection(tx, row))) throw new AppError('REINSPECTION_ALREADY_RECORDED');
    await audit(tx, mutation, {
      action: 'vehicle_reinspection.record',
      entityType: 'vehicle_reinspection',
      entityId: row.id,
      after: { orderId, status: row.status, differences },
    });
    await recordOrderNote(
      tx,
      {
        orderId,
        note:
          differences.length === 0
            ? {
                zh: '交车复检完成，与上架检测报告一致',
                en: 'Handover re-inspection matches the listed report',
              }
            : {
                zh: `交车复检发现 ${differences.length} 项与上架检测报告不一致，请确认或提出异议`,
                en: `Handover re-inspection found ${differences.length} difference(s) from the listed report: accept or dispute them`,
              },
      },
      mutation,
    );
    const stored = await repo.findReinspection(tx, orderId);
    if (!stored) throw new AppError('REINSPECTION_NOT_FOUND');
    return toReinspection(stored);
  });
}

async function settled(tx: DbHandle, row: ReinspectionRow, mutation: Mutation): Promise<void> {
  await publish(
    tx,
    AftersalesEvents.reinspectionSettled,
    row.id,
    { reinspectionId: row.id, orderId: row.orderId, status: row.status, refundFen: row.refundFen },
    mutation.at,
  );
}

/** The buyer accepts the differences (the handover goes on) or disputes them with a reason. */
export function answerReinspection(
  db: DbHandle,
  orderId: string,
  answer: { action: 'accept' } | ({ action: 'dispute' } & TDisputeReinspectionRequest),
  mutation: Mutation,
): Promise<TReinspection> {
  return withTransaction(db, async (tx) => {
    await getMyOrder(tx, orderId, mutation);
    const existing = await repo.findReinspection(tx, orderId);
    if (!existing) throw new AppError('REINSPECTION_NOT_FOUND');
    if (answer.action === 'dispute' && reinspectionMachine.can(existing.status, 'dispute'))
      await repo.updateReinspection(tx, existing.id, { disputeReason: answer.reason });
    const { after } = await applyTransition(tx, reinspectionMachine, existing.id, answer.action, mutation);
    await recordOrderNote(
      tx,
      {
        orderId,
        note:
          answer.action === 'accept'
            ? { zh: '买家已确认交车复检差异', en: 'The buyer accepted the re-inspection differences' }
            : {
                zh: `买家对交车复检差异提出异议：${answer.reason}`,
                en: 'The buyer disputed the re-inspection differences',
              },
      },
      mutation,
    );
    if (answer.action === 'accept') await settled(tx, after, mutation);
    return toReinspection(after);
  });
}

/**
 * Staff resolve a dispute: `full_refund` cancels the order on the seller's side (the deposit policy returns
 * everything paid, a binding 定金 double); `partial_refund` returns the decided amount through payments and the
 * order goes on; `no_refund` keeps the order as it is.
 */
export function resolveReinspection(
  db: DbHandle,
  orderId: string,
  input: TResolveReinspectionRequest,
  mutation: Mutation,
  env: OrdersEnv,
): Promise<TReinspection> {
  const staff = staffOf(mutation);
  return withTransaction(db, async (tx) => {
    const order = await getOrder(tx, orderId);
    assertScope(order, mutation);
    const existing = await repo.findReinspection(tx, orderId);
    if (!existing) throw new AppError('REINSPECTION_NOT_FOUND');
    const action = `resolve_${input.outcome}` as const;
    if (!reinspectionMachine.can(existing.status, action)) {
      throw new AppError('INVALID_TRANSITION', {
        machine: reinspectionMachine.name,
        from: existing.status,
        action,
      });
    }
    let refundFen: number | null = null;
    if (input.outcome === 'partial_refund') {
      const held = (await orderMoney(tx, orderId)).netHeldFen;
      if (!input.refundFen || input.refundFen > held)
        throw new AppError('REINSPECTION_REFUND_INVALID', { heldFen: held });
      refundFen = input.refundFen;
    }
    if (input.outcome === 'full_refund') refundFen = (await orderMoney(tx, orderId)).netHeldFen;
    await repo.updateReinspection(tx, existing.id, {
      outcome: input.outcome,
      refundFen,
      resolutionNote: input.note,
    });
    const { after } = await applyTransition(tx, reinspectionMachine, existing.id, action, mutation);
    if (input.outcome === 'full_refund') {
      // The car is not as listed: the seller's side cancels, and the cancellation's settlement pays back.
      await cancelOrder(
        tx,
        { orderId, by: 'seller', reason: `交车复检与检测报告不符：${input.note}`.slice(0, 200) },
        mutation,
        env,
      );
    } else {
      if (refundFen !== null) {
        await requestRefund(
          tx,
          {
            orderId,
            amountFen: refundFen,
            reason: `${order.orderNumber} 交车复检差异部分退款`,
            kind: 'partial',
            requestedBy: staff.accountId,
          },
          mutation,
        );
      }
      await recordOrderNote(
        tx,
        {
          orderId,
          note:
            refundFen !== null
              ? {
                  zh: `复检异议已处理：部分退款 ${formatCny(refundFen)}；${input.note}`,
                  en: `Re-inspection dispute resolved: ${formatCny(refundFen, 'en')} partly refunded`,
                }
              : {
                  zh: `复检异议已处理：不予退款；${input.note}`,
                  en: 'Re-inspection dispute resolved: no refund',
                },
        },
        mutation,
      );
      await settled(tx, after, mutation);
    }
    return toReinspection(after);
  });
}

export async function getReinspection(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TReinspection> {
  const order = await getOrder(db, orderId);
  assertScope(order, mutation);
  const row = await repo.findReinspection(db, orderId);
  if (!row) throw new AppError('REINSPECTION_NOT_FOUND');
  return toReinspection(row);
}

export async function getMyReinspection(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TReinspection> {
  await getMyOrder(db, orderId, mutation);
  const row = await repo.findReinspection(db, orderId);
  if (!row) throw new AppError('REINSPECTION_NOT_FOUND');
  return toReinspection(row);
}

/**
 * Completion gate: null for a new car, or a used car whose re-inspection matched, was accepted, or whose
 * dispute was resolved with the order going on; otherwise the blocker.
 */
export async function reinspectionGate(tx: DbHandle, orderId: string): Promise<TCompletionBlocker | null> {
  const order = await getOrder(tx, orderId);
  if (order.listingKind !== 'used') return null;
  const row = await repo.findReinspection(tx, orderId);
  if (row && REINSPECTION_SETTLED.includes(row.status)) return null;
  return {
    code: 'REINSPECTION_OPEN',
    message: row
      ? {
          zh: '交车复检差异尚待买家确认或异议处理',
          en: 'The re-inspection differences wait for the buyer or a dispute',
        }
      : { zh: '二手车尚未完成交车复检', en: 'The used car has not been re-inspected at handover' },
    details: { orderId, reinspectionId: row?.id ?? null, status: row?.status ?? 'not_recorded' },
  };
}
