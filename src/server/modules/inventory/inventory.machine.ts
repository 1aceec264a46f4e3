import type { DbHandle } from '../../kernel/db/client.js';
import { publish } from '../../kernel/events/define.js';
import { defineStateMachine } from '../../kernel/state-machine.js';
import { HOLD_STATUSES, UNIT_STATUSES, type UnitStatus } from './inventory.enums.js';
import { InventoryEvents } from './inventory.events.js';
import * as repo from './inventory.repository.js';
import type { UnitHoldRow, VehicleUnitRow } from './inventory.schema.js';

/** The facts every stock event carries, so listings can react without reading our tables. */
export function stockFacts(row: VehicleUnitRow) {
  return {
    unitId: row.id,
    trimId: row.trimId,
    storeId: row.storeId,
    dealerId: row.dealerId,
    listingId: row.listingId,
    status: row.status,
  };
}

/** Announces a status change of a unit: the transition itself and the stock change listings react to. */
export async function announceUnitChange(
  tx: DbHandle,
  row: VehicleUnitRow,
  from: UnitStatus,
  action: string,
  at: Date,
): Promise<void> {
  await publish(tx, InventoryEvents.unitStatusChanged, row.id, { ...stockFacts(row), from, action }, at);
  await publish(tx, InventoryEvents.stockChanged, row.id, stockFacts(row), at);
}

/** The allowed moves of a unit (each action has one starting state, so the event can name it). */
export const UNIT_TRANSITIONS = {
  receive: { from: ['in_transit'], to: 'available' },
  reserve: { from: ['available'], to: 'reserved' },
  release: { from: ['reserved'], to: 'available' },
  sell: { from: ['reserved'], to: 'sold' },
  deliver: { from: ['sold'], to: 'delivered' },
  /** A sold car goes back on sale: its order was cancelled, or staff allocated the order another unit. */
  restock: { from: ['sold'], to: 'available' },
  /**
   * A handed-over car comes back under 三包 (replaced): off sale, on its way back to stock; staff receive it
   * once it is inspected and repaired, so a defective car is never sold as new by accident.
   */
  take_back: { from: ['delivered', 'sold'], to: 'in_transit' },
} as const satisfies Record<string, { from: readonly UnitStatus[]; to: UnitStatus }>;
export type UnitAction = keyof typeof UNIT_TRANSITIONS;

/**
 * A vehicle unit's stock status. Staff run receive and deliver through applyTransition (row lock);
 * holds run reserve, release and sell as single conditional updates built from this same table.
 */
export const unitStatusMachine = defineStateMachine({
  name: 'vehicle_unit',
  entityType: 'vehicle_unit',
  states: UNIT_STATUSES,
  initial: ['in_transit', 'available'],
  transitions: UNIT_TRANSITIONS,
  notFound: 'UNIT_NOT_FOUND',
  lock: repo.lockUnit,
  stateOf: (row: VehicleUnitRow) => row.status,
  update: (tx, row, to, _action, mutation) => repo.setUnitStatus(tx, row.id, to, mutation.at),
  snapshot: (row, status) => ({ status, version: row.version }),
  emit: async (tx, row, _to, action, mutation) => {
    const from = UNIT_TRANSITIONS[action].from[0] ?? row.status;
    await announceUnitChange(tx, row, from, action, mutation.at);
  },
});

/**
 * A hold (unit reservation, DOMAIN.md): `held -> confirmed | released | expired`. Holds never go through
 * applyTransition: confirm, release and expire are each one conditional update `where status = 'held'`
 * (inventory.holds.ts), which is this table; the definition draws it in docs/state-machines.md.
 */
export const holdMachine = defineStateMachine({
  name: 'unit_hold',
  entityType: 'unit_hold',
  states: HOLD_STATUSES,
  initial: ['held'],
  transitions: {
    confirm: { from: ['held'], to: 'confirmed' },
    release: { from: ['held'], to: 'released' },
    expire: { from: ['held'], to: 'expired' },
  },
  notFound: 'HOLD_NOT_FOUND',
  lock: repo.lockHold,
  stateOf: (row: UnitHoldRow) => row.status,
  update: async () => {
    throw new Error('holds end by conditional update (inventory.holds.ts), not applyTransition');
  },
});
