/**
 * Mainland China mobile numbers. Shared by the contract (validation) and the service (normalising),
 * so this file must stay free of server-only imports.
 */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalises what people type ("+86 138 1234 5678", "0086-138-1234-5678", "138 1234 5678") to the
 * 11-digit form, or returns null when it is not a mainland mobile number.
 */
export function normalizePhone(input: string): string | null {
  let s = input.trim().replace(/[\s\-().]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return MAINLAND_MOBILE.test(s) ? s : null;
}

/** 13812341234 -> 138****1234 */
export function maskMainlandPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
