// The model database's enum values, shared by the table definitions (catalog.schema.ts), the contracts
// and the web app. No imports: this file ends up in the browser bundle.

export const BODY_TYPES = [
  'sedan',
  'hatchback',
  'suv',
  'mpv',
  'coupe',
  'wagon',
  'pickup',
  'convertible',
] as const;
export const ENERGY_TYPES = ['petrol', 'diesel', 'hev', 'phev', 'erev', 'bev', 'fcev'] as const;
export const SEGMENTS = ['A00', 'A0', 'A', 'B', 'C', 'D'] as const;

export const PARAMETER_GROUPS = [
  'basic',
  'body',
  'engine',
  'motor',
  'battery',
  'transmission',
  'chassis',
  'wheels_brakes',
  'passive_safety',
  'driver_assistance',
  'exterior',
  'interior',
  'seats',
  'infotainment',
  'lights',
  'climate',
] as const;
/** number: a value with a unit; feature: ● standard / ○ optional (with price) / - none; text; boolean. */
export const PARAMETER_TYPES = ['number', 'feature', 'text', 'boolean'] as const;
