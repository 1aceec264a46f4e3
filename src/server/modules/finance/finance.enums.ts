// Plain constants shared by the contracts and the web app (no imports: browser-safe).

export const LOAN_METHODS = ['equal_instalment', 'equal_principal'] as const;
