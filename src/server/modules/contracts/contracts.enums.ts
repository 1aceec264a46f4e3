// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A purchase contract: issued and waiting for the buyer, then the dealer, then fully signed; voided if re-issued. */
export const PURCHASE_CONTRACT_STATUSES = ['awaiting_buyer', 'awaiting_dealer', 'signed', 'voided'] as const;
export type PurchaseContractStatus = (typeof PURCHASE_CONTRACT_STATUSES)[number];

/** Who signs, in this order: the buyer (买受人), then the dealer (出卖人). */
export const SIGNATURE_PARTIES = ['buyer', 'dealer'] as const;
export type SignatureParty = (typeof SIGNATURE_PARTIES)[number];

export const DEPOSIT_KINDS = ['refundable', 'binding'] as const;
export const PAYMENT_METHODS = ['full', 'loan'] as const;
export const VEHICLE_KINDS = ['new', 'used'] as const;

/**
 * The placeholders a template clause may use (`{{buyer.name}}`); publishing a template that names any
 * other is refused, so a typo cannot reach a contract.
 */
export const CONTRACT_PLACEHOLDERS = [
  'contract.number',
  'order.number',
  'issue.date',
  'signed.city',
  'buyer.name',
  'buyer.phone',
  'buyer.idNumber',
  'seller.name',
  'seller.address',
  'seller.licenceNo',
  'vehicle.kind',
  'vehicle.description',
  'vehicle.vin',
  'vehicle.colour',
  'vehicle.mileage',
  'vehicle.firstRegistration',
  'price.items',
  'price.bare',
  'price.total',
  'price.totalInWords',
  'deposit.kind',
  'deposit.amount',
  'deposit.terms',
  'deposit.legalEffect',
  'payment.method',
  'payment.loan',
  'delivery.place',
] as const;
export type ContractPlaceholder = (typeof CONTRACT_PLACEHOLDERS)[number];
