import { shanghaiDay } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatCny } from '../../kernel/money.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { trimPricingFacts } from '../catalog/index.js';
import { getMyOrder, getOrder, recordOrderNote, type TOrder } from '../orders/index.js';
import { createPaymentIntent, getPaymentIntent } from '../payments/index.js';
import { landedPrice } from '../pricing/index.js';
import type {
  TAdvancePlateServiceRequest,
  TOrderPlateServiceRequest,
  TPlateService,
  TPlateServiceBoardQuery,
  TRecordQuotaRequest,
} from './fulfilment.aftersales.contract.js';
import { plateServiceMachine } from './fulfilment.aftersales.machine.js';
import * as repo from './fulfilment.aftersales.repository.js';
import type { PlateServiceRow } from './fulfilment.aftersales.schema.js';

// The plate registration service (上牌服务): an optional paid service on a paid vehicle order. Its fee comes
// from the pricing rules (optional_services.plateServiceFen; already paid when the buyer chose it at the
// quote); its payment is a payment intent with purpose `plate_service`; in a quota city (Shanghai auction,
// Beijing lottery) it waits for the buyer's quota certificate before the documents step.

const PAID = new Set<TOrder['status']>([
  'ready_for_delivery',
  'delivery_scheduled',
  'in_transit',
  'delivered',
  'completed',
]);

async function toPlateService(db: DbHandle, row: PlateServiceRow): Promise<TPlateService> {
  const payUrl =
    row.status === 'awaiting_payment' && row.paymentIntentId
      ? (await getPaymentIntent(db, row.paymentIntentId)).payUrl
      : null;
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    dealerId: row.dealerId,
    vehicleTitle: row.vehicleTitle,
    cityCode: row.cityCode,
    feeFen: row.feeFen,
    prepaid: row.prepaid,
    quotaKind: row.quotaKind,
    quotaCertificateNo: row.quotaCertificateNo,
    status: row.status,
    paymentIntentId: row.paymentIntentId,
    payUrl,
    paidAt: row.paidAt?.toISOString() ?? null,
    plateNumber: row.plateNumber,
    issuedAt: row.issuedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The service fee: the order's own plate_service line when chosen at the quote, else today's rule. */
async function feeOf(
  ctx: AppContext,
  db: DbHandle,
  order: TOrder,
  mutation: Mutation,
): Promise<{ feeFen: number; prepaid: boolean; rule: string | null }> {
  const chosen = order.priceItems.find((i) => i.code === 'plate_service' && i.amountFen > 0);
  if (chosen) return { feeFen: chosen.amountFen, prepaid: true, rule: null };
  const facts = await trimPricingFacts(db, order.trimId);
  const price = await landedPrice(
    ctx,
    {
      priceFen: order.barePriceFen,
      energy: facts.energyType,
      seats: facts.seats,
      displacementMl: facts.displacementMl,
      cityCode: order.cityCode,
      used: order.listingKind === 'used',
      services: { plateService: true, extendedWarranty: false, plateQuota: false },
      tradeIn: null,
    },
    mutation.lang,
    mutation.at,
  );
  const line = price.lines.find((l) => l.code === 'plate_service');
  return {
    feeFen: line?.amountFen ?? 0,
    prepaid: false,
    rule: line ? `${line.rule.id}@${line.rule.version}` : null,
  };
}

/** The buyer orders the plate service on their paid order; answers the service with its pay link. */
export function orderPlateService(
  ctx: AppContext,
  orderId: string,
  input: TOrderPlateServiceRequest,
  mutation: Mutation,
): Promise<TPlateService> {
  const actor = mutation.actor;
  if (actor?.kind !== 'buyer') throw new AppError('FORBIDDEN');
  return withTransaction(ctx.database.db, async (tx) => {
    const order = await getMyOrder(tx, orderId, mutation);
    if (!PAID.has(order.status)) throw new AppError('PLATE_SERVICE_ORDER_NOT_PAID', { status: order.status });
    if (await repo.findPlateService(tx, orderId)) throw new AppError('PLATE_SERVICE_EXISTS');
    const fee = await feeOf(ctx, tx, order, mutation);
    const quota = await repo.plateQuotaRuleOn(tx, order.cityCode, shanghaiDay(mutation.at));
    const quotaKind = quota?.kind ?? null;
    const needsPayment = fee.feeFen > 0 && !fee.prepaid;
    const row = {
      id: newId('pls'),
      orderId,
      orderNumber: order.orderNumber,
      buyerId: actor.buyerId,
      dealerId: order.dealerId,
      vehicleTitle: order.vehicleTitle,
      cityCode: order.cityCode,
      feeFen: fee.feeFen,
      prepaid: fee.prepaid,
      feeRuleVersion: fee.rule,
      quotaKind,
      status: needsPayment
        ? ('awaiting_payment' as const)
        : quotaKind
          ? ('awaiting_quota' as const)
          : ('documents' as const),
      createdAt: mutation.at,
      updatedAt: mutation.at,
    };
    if (!(await repo.insertPlateService(tx, row))) throw new AppError('PLATE_SERVICE_EXISTS');
    await audit(tx, mutation, {
      action: 'plate_service.order',
      entityType: 'plate_service',
      entityId: row.id,
      after: { orderId, feeFen: row.feeFen, prepaid: row.prepaid, quotaKind, status: row.status },
    });
    if (needsPayment) {
      const intent = await createPaymentIntent(
        tx,
        {
          orderId,
          orderNumber: order.orderNumber,
          purpose: 'plate_service',
          amountFen: fee.feeFen,
          provider: input.provider,
          payerUserId: actor.buyerId,
          subject: `${order.vehicleTitle} 上牌服务费`.slice(0, 120),
        },
        mutation,
      );
      await repo.updatePlateService(tx, row.id, { paymentIntentId: intent.id });
    }
    await recordOrderNote(
      tx,
      {
        orderId,
        note: {
          zh: `已下单上牌服务（服务费 ${formatCny(fee.feeFen)}${fee.prepaid ? '，已含在车款中' : ''}）`,
          en: `Plate service ordered (fee ${formatCny(fee.feeFen, 'en')}${fee.prepaid ? ', paid with the car' : ''})`,
        },
      },
      mutation,
    );
    const stored = await repo.findPlateService(tx, orderId);
    if (!stored) throw new AppError('PLATE_SERVICE_NOT_FOUND');
    return toPlateService(tx, stored);
  });
}

/**
 * The fee arrived (payments.intent_succeeded with purpose plate_service): the service moves on to the
 * buyer's quota or the documents. Idempotent: a repeated event changes nothing.
 */
export function markPlateServicePaid(
  db: DbHandle,
  input: { orderId: string; intentId: string; amountFen: number },
  mutation: Mutation,
): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await repo.findPlateService(tx, input.orderId);
    if (!row || row.paymentIntentId !== input.intentId || row.status !== 'awaiting_payment') return;
    await repo.updatePlateService(tx, row.id, { paidAt: mutation.at });
    await applyTransition(tx, plateServiceMachine, row.id, row.quotaKind ? 'pay_to_quota' : 'pay', mutation);
    await recordOrderNote(
      tx,
      {
        orderId: input.orderId,
        note: row.quotaKind
          ? {
              zh: '上牌服务费已支付，请登记购车指标',
              en: 'Plate service paid; please record your plate quota',
            }
          : {
              zh: '上牌服务费已支付，开始准备上牌资料',
              en: 'Plate service paid; documents are being prepared',
            },
      },
      mutation,
    );
  });
}

/**
 * The car's order was cancelled: a plate service not yet issued is cancelled too. Answers the fee to refund
 * (0 when it was not paid, when there is none, or when it was already cancelled), in the caller's transaction
 * so the refund joins it.
 */
export async function cancelPlateServiceOfOrder(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<{ refundFen: number }> {
  return withTransaction(db, async (tx) => {
    const row = await repo.findPlateService(tx, orderId);
    if (!row || !plateServiceMachine.can(row.status, 'cancel')) return { refundFen: 0 };
    await applyTransition(tx, plateServiceMachine, row.id, 'cancel', mutation);
    return { refundFen: row.paidAt ? row.feeFen : 0 };
  });
}

/** The buyer records their quota (Shanghai 额度证明 / Beijing 指标) and the service goes on. */
export function recordPlateQuota(
  db: DbHandle,
  orderId: string,
  input: TRecordQuotaRequest,
  mutation: Mutation,
): Promise<TPlateService> {
  return withTransaction(db, async (tx) => {
    await getMyOrder(tx, orderId, mutation);
    const row = await repo.findPlateService(tx, orderId);
    if (!row) throw new AppError('PLATE_SERVICE_NOT_FOUND');
    if (!row.quotaKind) throw new AppError('PLATE_SERVICE_NO_QUOTA_NEEDED');
    if (plateServiceMachine.can(row.status, 'record_quota')) {
      await repo.updatePlateService(tx, row.id, {
        quotaCertificateNo: input.certificateNumber,
        quotaRecordedAt: mutation.at,
      });
    }
    const { after } = await applyTransition(tx, plateServiceMachine, row.id, 'record_quota', mutation);
    return toPlateService(tx, after);
  });
}

function assertScope(row: PlateServiceRow | undefined, mutation: Mutation): PlateServiceRow {
  const staff = staffOf(mutation);
  if (!row || (staff.dealerId !== null && staff.dealerId !== row.dealerId))
    throw new AppError('PLATE_SERVICE_NOT_FOUND');
  return row;
}

/** Staff move the service one step; issuing the plate records its number. */
export function advancePlateService(
  db: DbHandle,
  orderId: string,
  input: TAdvancePlateServiceRequest,
  mutation: Mutation,
): Promise<TPlateService> {
  return withTransaction(db, async (tx) => {
    const row = assertScope(await repo.findPlateService(tx, orderId), mutation);
    if (input.step === 'issue_plate') {
      if (!input.plateNumber) throw new AppError('PLATE_NUMBER_REQUIRED');
      if (plateServiceMachine.can(row.status, 'issue_plate'))
        await repo.updatePlateService(tx, row.id, { plateNumber: input.plateNumber, issuedAt: mutation.at });
    }
    const { after } = await applyTransition(tx, plateServiceMachine, row.id, input.step, mutation);
    if (input.step === 'issue_plate') {
      await recordOrderNote(
        tx,
        {
          orderId,
          note: { zh: `车牌已发放：${input.plateNumber}`, en: `Plate issued: ${input.plateNumber}` },
        },
        mutation,
      );
    }
    return toPlateService(tx, after);
  });
}

export async function getMyPlateService(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TPlateService> {
  await getMyOrder(db, orderId, mutation);
  const row = await repo.findPlateService(db, orderId);
  if (!row) throw new AppError('PLATE_SERVICE_NOT_FOUND');
  return toPlateService(db, row);
}

export async function getPlateService(
  db: DbHandle,
  orderId: string,
  mutation: Mutation,
): Promise<TPlateService> {
  await getOrder(db, orderId);
  return toPlateService(db, assertScope(await repo.findPlateService(db, orderId), mutation));
}

export async function plateServiceBoard(
  db: DbHandle,
  query: TPlateServiceBoardQuery,
  mutation: Mutation,
): Promise<{ items: TPlateService[] }> {
  const staff = staffOf(mutation);
  const rows = await repo.plateServiceBoard(
    db,
    { status: query.status, dealerId: staff.dealerId },
    query.limit,
  );
  const items: TPlateService[] = [];
  for (const row of rows) items.push(await toPlateService(db, row));
  return { items };
}
