// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A delivery from booking to completion (the order's own states follow through advanceOrderDelivery). */
export const DELIVERY_STATUSES = [
  'scheduled',
  'in_transit',
  'handed_over',
  'completed',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Home delivery to the buyer's address, or pickup at the store. */
export const DELIVERY_MODES = ['home', 'pickup'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** What a carrier reports, in the order it happens (a later kind never moves the stage back). */
export const TRACKING_KINDS = ['picked_up', 'hub', 'out_for_delivery', 'delivered'] as const;
export type TrackingKind = (typeof TRACKING_KINDS)[number];

export const CARRIERS = ['sandbox', 'anji', 'changjiu'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Cross-city fee rules: same city, a named pair of cities, or base + per km beyond the city. */
export const FEE_RULE_KINDS = ['same_city', 'city_pair', 'per_km'] as const;
export type FeeRuleKind = (typeof FEE_RULE_KINDS)[number];

export const CHECKLIST_KINDS = ['pdi', 'handover'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

/** Pre-delivery inspection items, signed off by staff before the car leaves the store. */
export const PDI_ITEMS = [
  'exterior',
  'interior',
  'tyres',
  'fluids_battery',
  'electrics',
  'road_test',
] as const;
/** What the buyer receives at handover, each signed off by staff. */
export const HANDOVER_ITEMS = [
  'documents',
  'keys',
  'invoice',
  'certificate_of_conformity',
  'manuals',
  'accessories',
] as const;
export type ChecklistItemCode = (typeof PDI_ITEMS)[number] | (typeof HANDOVER_ITEMS)[number];
