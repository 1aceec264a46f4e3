import type { Config } from '../../config.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { advanceOrderDelivery, type OrdersEnv } from '../orders/index.js';
import { carrierAdapter, stageRank } from './fulfilment.carriers.js';
import type {
  TAcceptHandoverRequest,
  TAssignDeliveryRequest,
  TCarrierEvent,
  TDelivery,
  TDeliveryListQuery,
  TRecordInvoiceRequest,
} from './fulfilment.contract.js';
import type { Carrier, ChecklistKind } from './fulfilment.enums.js';
import { FulfilmentEvents } from './fulfilment.events.js';
import { type CompletionGate, completionGates, firstOpenGate } from './fulfilment.gates.js';
import { deliveryStatusMachine } from './fulfilment.machine.js';
import * as repo from './fulfilment.repository.js';
import type { DeliveryRow } from './fulfilment.schema.js';

// A booked delivery from assignment to completion: staff assign the carrier and people, sign off the PDI and
// handover checklists and record the invoice; the carrier's events fill the tracking; the buyer accepts.

export type FulfilmentEnv = OrdersEnv & Pick<Config, 'carrierSandbox'>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function toDelivery(db: DbHandle, row: DeliveryRow): Promise<TDelivery> {
  const [tracking, checklist] = await Promise.all([
    repo.listTrackingEvents(db, row.id),
    repo.listChecklist(db, row.id),
  ]);
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    dealerId: row.dealerId,
    storeId: row.storeId,
    mode: row.mode,
    status: row.status,
    slot: { id: row.slotId, startsAt: row.slotStartsAt.toISOString(), endsAt: row.slotEndsAt.toISOString() },
    address:
      row.mode === 'home' && row.addressMasked
        ? {
            province: row.province ?? '',
            cityCode: row.cityCode ?? '',
            district: row.district ?? '',
            masked: row.addressMasked,
          }
        : null,
    origin: { latitude: row.originLat, longitude: row.originLng },
    destination: { latitude: row.destLat, longitude: row.destLng },
    distanceKm: row.distanceKm,
    feeFen: row.feeFen,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    driverName: row.driverName,
    advisorName: row.advisorName,
    trackingStage: row.trackingStage,
    tracking: tracking.map((e) => ({
      kind: e.kind,
      occurredAt: e.occurredAt.toISOString(),
      latitude: e.latitude,
      longitude: e.longitude,
      place: e.place,
    })),
    checklist: checklist.map((i) => ({
      kind: i.kind,
      code: i.code,
      signedBy: i.signedBy,
      signedAt: iso(i.signedAt),
      note: i.note,
    })),
    invoice:
      row.invoiceNumber !== null && row.invoiceAmountFen !== null
        ? { number: row.invoiceNumber, amountFen: row.invoiceAmountFen }
        : null,
    photoCount: row.buyerPhotos?.length ?? 0,
    acceptedAt: iso(row.acceptedAt),
    dispatchedAt: iso(row.dispatchedAt),
    deliveredAt: iso(row.deliveredAt),
    completedAt: iso(row.completedAt),
    delayed: row.delayAlertedAt !== null && (row.status === 'scheduled' || row.status === 'in_transit'),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The buyer sees their own delivery, dealer staff their dealer's, platform staff all; others get 404. */
function assertMaySee(row: DeliveryRow | null | undefined, mutation: Mutation): asserts row is DeliveryRow {
  if (!row) throw new AppError('DELIVERY_NOT_FOUND');
  const a = mutation.actor;
  if (a?.kind === 'buyer' && a.buyerId !== row.buyerId) throw new AppError('DELIVERY_NOT_FOUND');
  if (a?.kind === 'staff' && a.dealerId !== null && a.dealerId !== row.dealerId) {
    throw new AppError('DELIVERY_NOT_FOUND');
  }
}

export async function getDelivery(db: DbHandle, id: string, mutation: Mutation): Promise<TDelivery> {
  const row = await repo.findDelivery(db, id);
  assertMaySee(row, mutation);
  return toDelivery(db, row);
}

export async function getDeliveryOfOrder(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TDelivery> {
  const row = await repo.findDeliveryByOrder(db, orderId);
  assertMaySee(row, mutation);
  return toDelivery(db, row);
}

/** The deliveries board: by slot, dealer staff see their dealer's only. */
export async function listDeliveries(db: DbHandle, query: TDeliveryListQuery, mutation: Mutation) {
  const actor = staffOf(mutation);
  const rows = await repo.listDeliveries(db, {
    dealerId: actor.dealerId,
    status: query.status,
    storeId: query.storeId,
    delayed: query.delayed === undefined ? undefined : query.delayed === 'true',
    limit: query.limit,
  });
  return { items: await Promise.all(rows.map((r) => toDelivery(db, r))), nextCursor: null };
}

async function lockInScope(tx: DbHandle, id: string, mutation: Mutation): Promise<DeliveryRow> {
  const row = await repo.lockDelivery(tx, id);
  assertMaySee(row, mutation);
  return row;
}

/** Staff assign the carrier (home delivery only) and the driver / advisor who hands the car over. */
export function assignDelivery(
  db: DbHandle,
  id: string,
  input: TAssignDeliveryRequest,
  mutation: Mutation,
  env: FulfilmentEnv,
): Promise<TDelivery> {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    const row = await lockInScope(tx, id, mutation);
    if (row.status !== 'scheduled') {
      throw new AppError('INVALID_TRANSITION', { machine: 'delivery', from: row.status, action: 'assign' });
    }
    if (input.carrier !== undefined) {
      if (row.mode === 'pickup') throw new AppError('DELIVERY_PICKUP_HAS_NO_CARRIER');
      if (!carrierAdapter(env, input.carrier)) throw new AppError('DELIVERY_CARRIER_UNAVAILABLE');
    }
    const set = {
      ...(input.carrier !== undefined ? { carrier: input.carrier } : {}),
      ...(input.driverName !== undefined ? { driverName: input.driverName } : {}),
      ...(input.advisorName !== undefined ? { advisorName: input.advisorName } : {}),
      updatedAt: mutation.at,
    };
    const after = await repo.updateDelivery(tx, id, set);
    await audit(tx, mutation, {
      action: 'delivery.assign',
      entityType: 'delivery',
      entityId: id,
      before: { carrier: row.carrier, driverName: row.driverName, advisorName: row.advisorName },
      after: { carrier: after.carrier, driverName: after.driverName, advisorName: after.advisorName },
    });
    return toDelivery(tx, after);
  });
}

function openItems(
  items: { kind: ChecklistKind; code: string; signedAt: Date | null }[],
  kinds: ChecklistKind[],
) {
  return items.filter((i) => kinds.includes(i.kind) && i.signedAt === null).map((i) => `${i.kind}.${i.code}`);
}

/**
 * Staff hand the car to the carrier: the PDI must be signed off; the carrier books the transport (the sandbox
 * schedules its tracking events) and the order moves to in_transit.
 */
export function dispatchDelivery(db: DbHandle, id: string, mutation: Mutation, env: FulfilmentEnv) {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    const row = await lockInScope(tx, id, mutation);
    if (row.mode === 'pickup') throw new AppError('DELIVERY_PICKUP_HAS_NO_CARRIER');
    if (row.status === 'in_transit') return toDelivery(tx, row);
    if (!row.carrier) throw new AppError('DELIVERY_CARRIER_REQUIRED');
    const adapter = carrierAdapter(env, row.carrier);
    if (!adapter) throw new AppError('DELIVERY_CARRIER_UNAVAILABLE');
    const open = openItems(await repo.listChecklist(tx, id), ['pdi']);
    if (open.length > 0) throw new AppError('DELIVERY_CHECKLIST_OPEN', { items: open });
    await applyTransition(tx, deliveryStatusMachine, id, 'dispatch', mutation);
    const { trackingNumber } = await adapter.dispatch(tx, row, mutation.at);
    const after = await repo.updateDelivery(tx, id, { trackingNumber, updatedAt: mutation.at });
    await advanceOrderDelivery(
      tx,
      {
        orderId: row.orderId,
        action: 'dispatch',
        note: {
          zh: `承运商已提车，运单号 ${trackingNumber}`,
          en: `Picked up by the carrier, tracking ${trackingNumber}`,
        },
      },
      mutation,
      env,
    );
    return toDelivery(tx, after);
  });
}

/** Staff sign off one PDI or handover item; signing it again changes nothing. */
export function signChecklistItem(
  db: DbHandle,
  id: string,
  kind: ChecklistKind,
  code: string,
  note: string | undefined,
  mutation: Mutation,
) {
  return withTransaction(db, async (tx) => {
    const staff = staffOf(mutation);
    const row = await lockInScope(tx, id, mutation);
    if (row.status === 'handed_over' || row.status === 'completed') {
      throw new AppError('INVALID_TRANSITION', { machine: 'delivery', from: row.status, action: 'sign' });
    }
    const item = (await repo.listChecklist(tx, id)).find((i) => i.kind === kind && i.code === code);
    if (!item) throw new AppError('NOT_FOUND');
    if (item.signedAt === null) {
      await repo.signChecklistItem(tx, id, kind, code, {
        signedBy: staff.displayName,
        signedAt: mutation.at,
        note: note ?? null,
      });
      await audit(tx, mutation, {
        action: 'delivery.checklist_sign',
        entityType: 'delivery',
        entityId: id,
        after: { kind, code, note: note ?? null },
      });
    }
    return toDelivery(tx, await repo.updateDelivery(tx, id, { updatedAt: mutation.at }));
  });
}

/** Records the 机动车销售统一发票 (number and amount) handed over with the car. */
export function recordInvoice(db: DbHandle, id: string, input: TRecordInvoiceRequest, mutation: Mutation) {
  return withTransaction(db, async (tx) => {
    staffOf(mutation);
    const row = await lockInScope(tx, id, mutation);
    if (row.status === 'handed_over' || row.status === 'completed') {
      throw new AppError('INVALID_TRANSITION', { machine: 'delivery', from: row.status, action: 'invoice' });
    }
    const after = await repo.updateDelivery(tx, id, {
      invoiceNumber: input.number,
      invoiceAmountFen: input.amountFen,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'delivery.invoice_record',
      entityType: 'delivery',
      entityId: id,
      before: { number: row.invoiceNumber, amountFen: row.invoiceAmountFen },
      after: input,
    });
    return toDelivery(tx, after);
  });
}

/**
 * Completes the order when every gate passes (handover, and the aftersales gates once wired); otherwise 409
 * DELIVERY_GATE_OPEN naming the gate and what is missing. Repeating it on a completed delivery is a no-op.
 */
export function completeDelivery(
  db: DbHandle,
  id: string,
  mutation: Mutation,
  env: FulfilmentEnv,
  gates: readonly CompletionGate[] = completionGates,
) {
  return withTransaction(db, async (tx) => {
    const row = await lockInScope(tx, id, mutation);
    if (row.status === 'completed') return toDelivery(tx, row);
    const block = await firstOpenGate(tx, row.orderId, gates);
    if (block) throw new AppError(block.code, { gate: block.gate, ...(block.details ?? {}) });
    await applyTransition(tx, deliveryStatusMachine, id, 'complete', mutation);
    await advanceOrderDelivery(tx, { orderId: row.orderId, action: 'complete' }, mutation, env);
    return toDelivery(tx, (await repo.findDelivery(tx, id)) as DeliveryRow);
  });
}

/**
 * The buyer accepts the car online with photos: every checklist item signed, the invoice recorded and (home
 * delivery) the carrier's delivered event in. The order becomes delivered, then completed if no gate is open.
 */
export function acceptHandover(
  db: DbHandle,
  orderId: string,
  input: TAcceptHandoverRequest,
  mutation: Mutation,
  env: FulfilmentEnv,
) {
  return withTransaction(db, async (tx) => {
    const a = mutation.actor;
    if (a?.kind !== 'buyer') throw new AppError('FORBIDDEN');
    const found = await repo.lockDeliveryByOrder(tx, orderId);
    assertMaySee(found, mutation);
    const row = found;
    if (row.acceptedAt !== null) return toDelivery(tx, row);
    if (row.mode === 'home' && stageRank(row.trackingStage) < stageRank('delivered')) {
      throw new AppError('DELIVERY_NOT_ARRIVED');
    }
    const open = openItems(await repo.listChecklist(tx, row.id), ['pdi', 'handover']);
    if (open.length > 0) throw new AppError('DELIVERY_CHECKLIST_OPEN', { items: open });
    if (row.invoiceNumber === null) throw new AppError('DELIVERY_INVOICE_REQUIRED');
    await applyTransition(tx, deliveryStatusMachine, row.id, 'hand_over', mutation);
    await repo.updateDelivery(tx, row.id, {
      acceptedAt: mutation.at,
      buyerPhotos: input.photos,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'delivery.accept',
      entityType: 'delivery',
      entityId: row.id,
      after: { photos: input.photos.map((p) => p.name) },
    });
    await advanceOrderDelivery(tx, { orderId, action: 'deliver' }, mutation, env);
    // Completion waits only for gates beyond the handover (title transfer, re-inspection).
    if ((await firstOpenGate(tx, orderId)) === null) {
      await applyTransition(tx, deliveryStatusMachine, row.id, 'complete', mutation);
      await advanceOrderDelivery(tx, { orderId, action: 'complete' }, mutation, env);
    }
    return toDelivery(tx, (await repo.findDelivery(tx, row.id)) as DeliveryRow);
  });
}

/**
 * Records one carrier event. A repeat (same carrier and event id) is ignored; an event arriving after a later
 * one is kept in the timeline (ordered by when it happened) but never moves the stage back.
 */
export function ingestCarrierEvent(
  db: DbHandle,
  carrier: Carrier,
  event: TCarrierEvent,
  at: Date,
): Promise<{ recorded: boolean }> {
  return withTransaction(db, async (tx) => {
    const found = await repo.findDeliveryByTracking(tx, carrier, event.trackingNumber);
    if (!found) throw new AppError('DELIVERY_TRACKING_UNKNOWN');
    const row = (await repo.lockDelivery(tx, found.id)) as DeliveryRow;
    const recorded = await repo.insertTrackingEvent(tx, {
      id: newId('dte'),
      deliveryId: row.id,
      carrier,
      eventId: event.eventId,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt),
      latitude: event.latitude,
      longitude: event.longitude,
      place: event.place,
      receivedAt: at,
    });
    if (!recorded) return { recorded: false };
    if (stageRank(event.kind) > stageRank(row.trackingStage)) {
      await repo.updateDelivery(tx, row.id, { trackingStage: event.kind, updatedAt: at });
    }
    await publish(tx, FulfilmentEvents.trackingUpdated, row.id, { deliveryId: row.id, kind: event.kind }, at);
    return { recorded: true };
  });
}

/** The order was cancelled before the handover: the delivery is cancelled and its slot freed (repeatable). */
export function cancelDeliveryOfOrder(db: DbHandle, orderId: string, mutation: Mutation): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const row = await repo.lockDeliveryByOrder(tx, orderId);
    if (!row || (row.status !== 'scheduled' && row.status !== 'in_transit')) return false;
    await applyTransition(tx, deliveryStatusMachine, row.id, 'cancel', mutation);
    await repo.releaseSlot(tx, row.slotId);
    return true;
  });
}
