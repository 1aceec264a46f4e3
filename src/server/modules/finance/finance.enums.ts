// Plain constants shared by the contracts and the web app (no imports: browser-safe).

export const LOAN_METHODS = ['equal_instalment', 'equal_principal'] as const;

/**
 * Partner lenders we integrate with. Each real lender needs its own adapter (protocol, signing, callbacks), so
 * the list is code; their products (rates, terms, down payments, offers) are data finance staff edit.
 */
export const LENDER_CODES = ['cmb', 'pingan_bank', 'byd_auto_finance', 'saic_gmac'] as const;
export type LenderCode = (typeof LENDER_CODES)[number];
