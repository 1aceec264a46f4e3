import { z } from 'zod';
import { ZOrder } from '../modules/orders/orders.contract.js';
import { ZPaymentIntent } from '../modules/payments/payments.contract.js';
import { PAYMENT_PROVIDERS } from '../modules/payments/payments.enums.js';

/** `POST /api/v1/orders`: the order as its buyer sees it, and the deposit's payment intent when one was opened. */
export const ZCheckoutResponse = ZOrder.extend({
  /** Null when no provider was chosen, or while the order waits for a risk review. */
  payment: ZPaymentIntent.nullable(),
});
export type TCheckoutResponse = z.infer<typeof ZCheckoutResponse>;

/** `POST /api/v1/orders/:id/payments`: pay what the order asks now (deposit or balance). */
export const ZPayOrderRequest = z.object({
  provider: z.enum(PAYMENT_PROVIDERS),
  /** A QR code on a desktop, a confirm page on a phone. */
  device: z.enum(['desktop', 'mobile']).default('desktop'),
});
export type TPayOrderRequest = z.input<typeof ZPayOrderRequest>;

export const ZOrderPayments = z.object({ items: z.array(ZPaymentIntent) });
export type TOrderPayments = z.infer<typeof ZOrderPayments>;
