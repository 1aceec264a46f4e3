import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { UNIT_STATUSES } from './inventory.enums.js';

/** What listings need to react to stock: the unit, its trim, store, dealer and listing, and its status now. */
const ZStockFacts = z.object({
  unitId: z.string(),
  trimId: z.string(),
  storeId: z.string().nullable(),
  dealerId: z.string().nullable(),
  listingId: z.string().nullable(),
  status: z.enum(UNIT_STATUSES),
});

/** Events the inventory module publishes (payloads carry ids; subscribers read what they need). */
export const InventoryEvents = defineEvents({
  unitCreated: {
    name: 'inventory.unit_created',
    aggregateType: 'vehicle_unit',
    payload: ZStockFacts,
    description: 'a vehicle unit entered the books (in transit or available)',
  },
  unitStatusChanged: {
    name: 'inventory.unit_status_changed',
    aggregateType: 'vehicle_unit',
    payload: ZStockFacts.extend({ from: z.enum(UNIT_STATUSES), action: z.string() }),
    description: 'a unit moved along its machine (received, reserved, released, sold, delivered)',
  },
  unitReserved: {
    name: 'inventory.unit_reserved',
    aggregateType: 'vehicle_unit',
    payload: ZStockFacts.extend({ holdId: z.string(), holder: z.string(), expiresAt: z.string() }),
    description: 'a hold took a unit (available -> reserved)',
  },
  unitReleased: {
    name: 'inventory.unit_released',
    aggregateType: 'vehicle_unit',
    payload: ZStockFacts.extend({
      holdId: z.string(),
      holder: z.string(),
      reason: z.enum(['released', 'expired']),
    }),
    description: 'a hold ended without a sale, released or expired (reserved -> available)',
  },
  stockChanged: {
    name: 'inventory.stock_changed',
    aggregateType: 'vehicle_unit',
    payload: ZStockFacts,
    description:
      'the available stock of a trim at a store (or of a used-car listing) may have changed: listings delist or relist',
  },
  replenishmentDecided: {
    name: 'inventory.replenishment_decided',
    aggregateType: 'replenishment_suggestion',
    payload: z.object({
      suggestionId: z.string(),
      storeId: z.string(),
      trimId: z.string(),
      dealerId: z.string().nullable(),
      status: z.enum(['accepted', 'dismissed']),
      /** The quantity staff accepted (null when dismissed). */
      quantity: z.number().int().nullable(),
    }),
    description: 'staff accepted (with the quantity to order) or dismissed a replenishment suggestion',
  },
});
