import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertNoControlChars, controlCharPaths } from '../../kernel/http/control-chars.js';
import { AppError } from '../../kernel/http/errors.js';
import { malformedMultipart } from '../../kernel/http/multipart.js';
import { staffOf } from '../../kernel/mutation.js';
import {
  ZBankTransferFields,
  ZCompensationTransfer,
  ZNotifyParams,
  ZOrderIdParams,
  ZOrderLedger,
  ZPaymentIntent,
  ZPaymentIntentIdParams,
  ZReconRunDetail,
  ZReconRunIdParams,
  ZReconRunList,
  ZRefund,
  ZRefundDecision,
  ZRefundIdParams,
  ZRefundListQuery,
  ZRefundPage,
  ZRunReconciliationRequest,
  ZSandboxActionParams,
  ZStaffIntentDetail,
  ZStaffIntentPage,
  ZStaffIntentQuery,
} from './payments.contract.js';
import { PROOF_MAX_BYTES } from './payments.enums.js';
import * as intents from './payments.intents.js';
import { orderMoney } from './payments.ledger.js';
import { toLedgerEntry } from './payments.mappers.js';
import { safeReturnTo } from './payments.pay-page.js';
import * as recon from './payments.reconciliation.js';
import * as refunds from './payments.refunds.js';
import * as repo from './payments.repository.js';
import { bindPaymentsContext } from './payments.runtime.js';
import { sandboxPay } from './payments.sandbox.js';
import { recordBankTransfer, transferProof } from './payments.transfers.js';
import { unionpayFrontUrl } from './payments.unionpay.js';

const tags = ['payments'];
const read = { permission: 'payments.read' } as const;
const manage = { permission: 'payments.manage' } as const;
const approve = { permission: 'payments.refund.approve' } as const;

/** The payments API under /api/v1/payments: buyers poll their intents, finance works the console, gateways notify. */
export const paymentsRoutes: FastifyPluginAsyncZod = async (app) => {
  bindPaymentsContext(app.ctx);
  const db = () => app.ctx.database.db;

  // ---- buyer ----

  app.get(
    '/intents/:id',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'One of my payment intents (the pay page and the order page poll it)',
        params: ZPaymentIntentIdParams,
        response: { 200: ZPaymentIntent },
      },
    },
    async (request) => intents.getMyPaymentIntent(db(), request.params.id, request.mutation),
  );

  // ---- finance console ----

  app.get(
    '/staff/intents',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Payment intents, newest first (filters: status, provider, purpose, order)',
        querystring: ZStaffIntentQuery,
        response: { 200: ZStaffIntentPage },
      },
    },
    async (request) => intents.listStaffIntents(db(), request.query),
  );

  app.get(
    '/staff/intents/:id',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'An intent with its notifications, refunds, ledger lines and transfer proof',
        params: ZPaymentIntentIdParams,
        response: { 200: ZStaffIntentDetail },
      },
    },
    async (request) => intents.getStaffIntent(db(), request.params.id),
  );

  app.get(
    '/staff/intents/:id/proof',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The proof (receipt image or PDF) of a recorded bank transfer',
        params: ZPaymentIntentIdParams,
      },
    },
    async (request, reply) => {
      const proof = await transferProof(db(), request.params.id);
      return reply
        .header(
          'content-disposition',
          `inline; filename="proof${proof.contentType === 'application/pdf' ? '.pdf' : ''}"`,
        )
        .header('cache-control', 'private, no-store')
        .type(proof.contentType)
        .send(proof.bytes);
    },
  );

  app.get(
    '/staff/orders/:orderId/ledger',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: "An order's money (derived from the ledger) and its ledger lines",
        params: ZOrderIdParams,
        response: { 200: ZOrderLedger },
      },
    },
    async (request) => ({
      money: await orderMoney(db(), request.params.orderId),
      entries: (await repo.listLedgerOfOrder(db(), request.params.orderId)).map(toLedgerEntry),
    }),
  );

  app.get(
    '/staff/refunds',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Refunds, newest first (pending_approval is the approval queue)',
        querystring: ZRefundListQuery,
        response: { 200: ZRefundPage },
      },
    },
    async (request) => refunds.listRefunds(db(), request.query),
  );

  app.post(
    '/staff/refunds/:id/approve',
    {
      config: { auth: approve, idempotent: true },
      schema: {
        tags,
        summary: 'Approve a refund above the threshold: it goes to the gateway',
        params: ZRefundIdParams,
        body: ZRefundDecision,
        response: { 200: ZRefund },
      },
    },
    async (request) => refunds.approveRefund(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/staff/refunds/:id/reject',
    {
      config: { auth: approve, idempotent: true },
      schema: {
        tags,
        summary: 'Reject a refund waiting for approval',
        params: ZRefundIdParams,
        body: ZRefundDecision,
        response: { 200: ZRefund },
      },
    },
    async (request) => refunds.rejectRefund(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/staff/refunds/:id/transfer',
    {
      config: { auth: approve, idempotent: true },
      schema: {
        tags,
        summary:
          'Record the bank transfer that paid a compensation the provider would not (awaiting_transfer): it succeeds and is posted',
        params: ZRefundIdParams,
        body: ZCompensationTransfer,
        response: { 200: ZRefund },
      },
    },
    async (request) =>
      refunds.recordCompensationTransfer(db(), request.params.id, request.body, request.mutation),
  );

  app.get(
    '/staff/reconciliation/runs',
    {
      config: { auth: read },
      schema: { tags, summary: 'Reconciliation runs, newest first', response: { 200: ZReconRunList } },
    },
    async () => recon.listReconRuns(db()),
  );

  app.get(
    '/staff/reconciliation/runs/:id',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'A reconciliation run and its mismatches',
        params: ZReconRunIdParams,
        response: { 200: ZReconRunDetail },
      },
    },
    async (request) => recon.getReconRun(db(), request.params.id),
  );

  app.get(
    '/staff/reconciliation/runs/:id/mismatches.csv',
    {
      config: { auth: read },
      schema: { tags, summary: "A run's mismatches as CSV", params: ZReconRunIdParams },
    },
    async (request, reply) =>
      reply
        .header('content-disposition', `attachment; filename="reconciliation-${request.params.id}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(`\ufeff${await recon.mismatchesCsv(db(), request.params.id)}`),
  );

  app.post(
    '/staff/reconciliation/runs',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Reconcile a day now (one provider or all)',
        body: ZRunReconciliationRequest,
        response: { 201: ZReconRunList },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request.mutation);
      const runs = await recon.reconcileDay(
        app.ctx,
        request.body.day,
        request.body.provider,
        staff.accountId,
        request.mutation,
      );
      return reply.status(201).send({ items: runs });
    },
  );

  // Bank transfers: multipart (fields + the receipt), in their own scope so no other route takes multipart.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: PROOF_MAX_BYTES, files: 1, fields: 5, fieldSize: 200 },
    });
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    async function readUpload(request: FastifyRequest) {
      if (!request.isMultipart()) throw new AppError('BANK_TRANSFER_PROOF_MISSING');
      const fields: Record<string, string> = {};
      let file: { bytes: Buffer; filename: string } | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            try {
              file = { bytes: await part.toBuffer(), filename: part.filename };
            } catch (e) {
              if (e instanceof Error && 'code' in e && e.code === 'FST_REQ_FILE_TOO_LARGE')
                throw new AppError('BANK_TRANSFER_PROOF_INVALID');
              throw e;
            }
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (e) {
        throw malformedMultipart(e);
      }
      assertNoControlChars(controlCharPaths(fields, 'body', 'layout'));
      const parsed = ZBankTransferFields.safeParse(fields);
      if (!file || !parsed.success) throw new AppError('BANK_TRANSFER_PROOF_MISSING');
      return { fields: parsed.data, file };
    }
    typed.post(
      '/staff/intents/:id/bank-transfer',
      {
        config: {
          auth: manage,
          idempotent: {
            optOut:
              'multipart upload: the Idempotency-Key is stored with the proof instead (same key, same result)',
          },
        },
        schema: {
          tags,
          summary:
            'Record a bank transfer with its receipt (multipart: amountFen, bankReference, payerName, file); the intent succeeds',
          consumes: ['multipart/form-data'],
          params: ZPaymentIntentIdParams,
          response: { 200: ZPaymentIntent },
        },
      },
      async (request) => {
        const { fields, file } = await readUpload(request);
        const key = request.headers['idempotency-key'];
        return recordBankTransfer(
          db(),
          request.params.id,
          fields,
          file,
          typeof key === 'string' && key ? key.slice(0, 200) : null,
          request.mutation,
        );
      },
    );
  });

  // ---- gateways ----

  // Signatures cover the exact bytes sent: these routes read the body as text in their own scope (form posts
  // from Alipay and UnionPay, JSON from WeChat Pay) and the gateway adapter parses it after verifying.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
      scope.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) =>
        done(null, body),
      );
    }
    scope.post(
      '/notify/:provider',
      {
        config: {
          auth: 'public',
          idempotent: {
            optOut: 'gateway notifications are signed and deduplicated by the provider event id',
          },
        },
        schema: {
          tags,
          summary:
            'A gateway notification (Alipay form post, WeChat Pay v3 JSON, UnionPay ACP form post); answered as each provider expects',
          params: ZNotifyParams,
          body: z.string().max(65_536),
        },
      },
      async (request, reply) => {
        const answer = await intents.receiveNotification(
          app.ctx,
          request.params.provider,
          request.body,
          request.headers,
          request.mutation,
        );
        reply.status(answer.status).type(answer.contentType);
        return answer.body === '' ? reply.send() : reply.send(answer.body);
      },
    );

    // The sandbox pay page's buttons (plain HTML form posts): the sandbox "provider" settles its trade.
    scope.post(
      '/sandbox/:id/:action',
      {
        config: {
          auth: 'public',
          // The page stands in for the provider's site, whose forms carry no token of ours; a signed-in
          // buyer's cookie rides along on this origin, and the button acts on no session anyway.
          csrf: false,
          idempotent: { optOut: 'sandbox pay page buttons: the sandbox trade moves at most once' },
        },
        schema: {
          tags,
          summary: 'Sandbox pay page: the buyer pays, fails or closes (sandbox only)',
          params: ZSandboxActionParams,
          querystring: z.object({
            lang: z.string().max(10).optional(),
            scan: z.string().max(2).optional(),
            returnTo: z.string().max(200).optional(),
          }),
        },
      },
      async (request, reply) => {
        if (!app.ctx.config.payments.sandbox) throw new AppError('PAYMENT_SANDBOX_DISABLED');
        const intent = await repo.findIntent(db(), request.params.id);
        if (!intent?.sandbox || intent.provider === 'bank_transfer')
          throw new AppError('PAYMENT_INTENT_NOT_FOUND');
        await sandboxPay(
          app.ctx,
          db(),
          { ...intent, provider: intent.provider },
          request.params.action,
          app.ctx.clock.now(),
        );
        const query = new URLSearchParams();
        if (request.query.lang) query.set('lang', request.query.lang);
        if (request.query.scan) query.set('scan', request.query.scan);
        const returnTo = safeReturnTo(request.query.returnTo);
        if (returnTo) query.set('returnTo', returnTo);
        const q = query.toString();
        return reply.redirect(`/sandbox/pay/${encodeURIComponent(intent.id)}${q ? `?${q}` : ''}`, 303);
      },
    );
  });

  // UnionPay's consume request is a signed form the browser posts to UnionPay: this page relays the fields.
  app.get(
    '/unionpay/relay',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Relay page that posts a signed UnionPay consume form to UnionPay',
        querystring: z
          .object({
            orderId: z.string().regex(/^[A-Za-z0-9]{8,40}$/),
            signature: z.string().min(1).max(2000),
          })
          .catchall(z.string().max(2000)),
      },
    },
    async (request, reply) => {
      const gateway = app.ctx.config.payments.unionpay?.gateway;
      if (!gateway) throw new AppError('UNIONPAY_RELAY_UNAVAILABLE');
      const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      const inputs = Object.entries(request.query)
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
        .join('');
      const action = unionpayFrontUrl(gateway);
      return reply
        .header(
          'content-security-policy',
          `default-src 'none'; form-action ${new URL(action).origin}; style-src 'unsafe-inline'`,
        )
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><meta charset="utf-8"><title>银联在线支付</title><form method="post" action="${esc(action)}">${inputs}<button type="submit" style="padding:12px 24px;font-size:16px">前往银联支付</button></form>`,
        );
    },
  );
};
