import type { AppContext } from '../kernel/context.js';
import { withTransaction } from '../kernel/db/transaction.js';
import { AppError } from '../kernel/http/errors.js';
import { newId } from '../kernel/ids.js';
import type { Mutation } from '../kernel/mutation.js';
import { getMyOrder, placeOrder, type TOrder, type TPlaceOrderRequest } from '../modules/orders/index.js';
import {
  createPaymentIntent,
  listOrderPayments,
  type PaymentProvider,
  type PaymentPurpose,
  type TPaymentIntent,
} from '../modules/payments/index.js';
import { computeCheckoutQuote, storeCheckoutQuote } from '../modules/pricing/index.js';
import { assessCheckout } from '../modules/risk/index.js';

// Checkout: the risk check, the order (with its unit hold) and the deposit's payment intent in one
// transaction, so a buyer never holds a car without an order, nor an order without its way to pay. A
// flagged order is placed but gets no payment link until a person clears it.

export interface CheckoutChannel {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly device: 'desktop' | 'mobile';
}

export interface CheckoutResult {
  readonly order: TOrder;
  /** The deposit's payment intent; null when no provider was chosen or the order waits for risk review. */
  readonly payment: TPaymentIntent | null;
}

export async function checkout(
  ctx: AppContext,
  body: TPlaceOrderRequest,
  channel: CheckoutChannel,
  mutation: Mutation,
): Promise<CheckoutResult> {
  const db = ctx.database.db;
  const buyerUserId = mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : null;
  if (!buyerUserId) throw new AppError('FORBIDDEN');
  // No quote given: one for the listing as it is priced now, stored in the checkout's transaction.
  const pending = body.quoteId
    ? undefined
    : await computeCheckoutQuote(ctx, { listingId: body.listingId, tradeIn: null }, mutation);
  return withTransaction(
    db,
    async (tx) => {
      const storedQuote = pending ? await storeCheckoutQuote(tx, pending, mutation) : undefined;
      const quoteId = body.quoteId ?? storedQuote?.id ?? '';
      const orderId = newId('ord');
      const deviceId = body.deviceId ?? null;
      const assessment = await assessCheckout(
        tx,
        {
          subjectId: orderId,
          buyerUserId,
          phone: body.buyer.phone,
          deviceId,
          ip: channel.ip,
          amountFen: body.depositFen ?? 0,
          at: mutation.at,
        },
        mutation,
        ctx.config,
      );
      const order = await placeOrder(
        tx,
        {
          ...body,
          quoteId,
          storedQuote,
          orderId,
          channel: { ip: channel.ip, userAgent: channel.userAgent, deviceId },
          riskFlags: assessment.flags.map((f) => f.rule),
        },
        mutation,
        ctx.config,
      );
      const payment =
        body.provider && order.riskReview === 'none'
          ? await openPayment(tx, order, 'deposit', body.provider, channel.device, buyerUserId, mutation)
          : null;
      return { order, payment };
      // Every step either writes or fails the checkout; the one caught failure (a store without the car,
      // tried before the next store) happens before its step writes.
    },
    { withoutSavepoints: true },
  );
}

/**
 * A new payment intent for what the order asks now (the deposit while unpaid, then the balance): the pay
 * button on the order page, after an earlier intent expired or failed, or for the balance. A live intent for
 * the same purpose and provider is returned instead of a second one.
 */
export async function payOrder(
  ctx: AppContext,
  input: { orderId: string; provider: PaymentProvider; device: 'desktop' | 'mobile' },
  mutation: Mutation,
): Promise<TPaymentIntent> {
  const db = ctx.database.db;
  const order = await getMyOrder(db, input.orderId, mutation);
  const purpose = purposeDue(order);
  if (!purpose) throw new AppError('ORDER_NOTHING_TO_PAY', { status: order.status });
  if (order.riskReview === 'pending') throw new AppError('ORDER_RISK_REVIEW_PENDING');
  const live = (await listOrderPayments(db, order.id)).find(
    (p) =>
      p.purpose === purpose &&
      p.provider === input.provider &&
      p.status === 'pending' &&
      p.amountFen === order.amountDueNowFen &&
      new Date(p.expiresAt) > mutation.at,
  );
  if (live) return live;
  const buyerUserId = mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : '';
  return openPayment(db, order, purpose, input.provider, input.device, buyerUserId, mutation);
}

/** What the order asks to be paid now, if anything. */
export function purposeDue(order: TOrder): PaymentPurpose | null {
  if (order.amountDueNowFen <= 0) return null;
  if (order.status === 'created') return 'deposit';
  // The balance is paid once the contract is signed (a loan order pays only what the loan leaves).
  if (order.status === 'contract_signed') return 'balance';
  return null;
}

function openPayment(
  db: AppContext['database']['db'] | Parameters<typeof createPaymentIntent>[0],
  order: TOrder,
  purpose: PaymentPurpose,
  provider: PaymentProvider,
  device: 'desktop' | 'mobile',
  payerUserId: string,
  mutation: Mutation,
): Promise<TPaymentIntent> {
  const label = purpose === 'balance' ? '尾款' : order.deposit.kind === 'binding' ? '定金' : '订金';
  return createPaymentIntent(
    db,
    {
      orderId: order.id,
      orderNumber: order.orderNumber,
      purpose,
      amountFen: order.amountDueNowFen,
      provider,
      payerUserId,
      subject: `${order.vehicleTitle} ${label}`.slice(0, 120),
      channel: device,
    },
    mutation,
  );
}

/** The buyer's payments of their own order (the order page lists and polls them). */
export async function myOrderPayments(
  ctx: AppContext,
  orderId: string,
  mutation: Mutation,
): Promise<TPaymentIntent[]> {
  const order = await getMyOrder(ctx.database.db, orderId, mutation);
  return listOrderPayments(ctx.database.db, order.id);
}
