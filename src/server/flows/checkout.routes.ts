import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZOrderIdParams, ZPlaceOrderRequest } from '../modules/orders/orders.contract.js';
import { ZPaymentIntent } from '../modules/payments/payments.contract.js';
import { ZCheckoutResponse, ZOrderPayments, ZPayOrderRequest } from './checkout.contract.js';
import { checkout, myOrderPayments, payOrder } from './checkout.js';

const tags = ['orders'];

/** A phone's browser gets the gateway's confirm page, anything else a QR code. */
function deviceOf(userAgent: string | undefined): 'desktop' | 'mobile' {
  return userAgent && /Mobile|Android|iPhone|MicroMessenger/i.test(userAgent) ? 'mobile' : 'desktop';
}

/** The checkout flow's HTTP surface, under /api/v1/orders beside the orders module's own routes. */
export const checkoutRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary:
          'Place an order: risk check, unit hold until the payment deadline, and the deposit payment intent when a provider is given',
        body: ZPlaceOrderRequest,
        response: { 201: ZCheckoutResponse },
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const { order, payment } = await checkout(
        app.ctx,
        request.body,
        { ip: request.ip, userAgent: userAgent?.slice(0, 500) ?? null, device: deviceOf(userAgent) },
        request.mutation,
      );
      return reply.status(201).send({ ...order, payment });
    },
  );

  app.get(
    '/:id/payments',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: "The payment intents of the buyer's own order",
        params: ZOrderIdParams,
        response: { 200: ZOrderPayments },
      },
    },
    async (request) => ({ items: await myOrderPayments(app.ctx, request.params.id, request.mutation) }),
  );

  app.post(
    '/:id/payments',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Pay what the order asks now (the deposit, or the balance after the contract is signed)',
        params: ZOrderIdParams,
        body: ZPayOrderRequest,
        response: { 201: ZPaymentIntent },
      },
    },
    async (request, reply) => {
      const intent = await payOrder(
        app.ctx,
        {
          orderId: request.params.id,
          provider: request.body.provider,
          device: request.body.device ?? deviceOf(request.headers['user-agent']),
        },
        request.mutation,
      );
      return reply.status(201).send(intent);
    },
  );
};
