// VIN (vehicle identification number) per ISO 3779 / GB 16735: 17 characters, no I, O or Q, and a check
// digit at position 9 computed from the other 16 (GB 16735 makes it mandatory for every Chinese-market VIN).

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Transliteration of letters to numbers (I, O and Q are not allowed). */
const LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

export type VinProblem = 'length' | 'characters' | 'check_digit';

function charValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return LETTER_VALUES[ch] ?? 0;
}

/** The check character (0-9 or X) for a 17-character VIN; position 9 of the input is ignored. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charValue(vin.charAt(i)) * (WEIGHTS[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Upper-cases and strips spaces and dashes, the forms people type VINs in. */
export function normalizeVin(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** Why a VIN is invalid, or null when it is valid (expects a normalized VIN). */
export function vinProblem(vin: string): VinProblem | null {
  if (vin.length !== 17) return 'length';
  if (!VIN_SHAPE.test(vin)) return 'characters';
  if (vin.charAt(8) !== vinCheckDigit(vin)) return 'check_digit';
  return null;
}

export function isValidVin(vin: string): boolean {
  return vinProblem(vin) === null;
}

/** Replaces position 9 with the correct check character (for generating demo VINs). */
export function withCheckDigit(vin17: string): string {
  return `${vin17.slice(0, 8)}${vinCheckDigit(vin17)}${vin17.slice(9)}`;
}

/** Model-year code at position 10 (2001 = 1 ... 2009 = 9, 2010 = A ... 2030 = Y, skipping I O Q U Z 0). */
const YEAR_CODES = '123456789ABCDEFGHJKLMNPRSTVWXY';
export function vinYearCode(year: number): string {
  const idx = (((year - 2001) % 30) + 30) % 30;
  return YEAR_CODES.charAt(idx);
}
