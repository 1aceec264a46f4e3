import { z } from 'zod';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { assertDealerScope } from '../../kernel/auth/guard.js';
import { formatShanghai, shanghaiDayStart } from '../../kernel/clock.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import { toCsvText } from '../../kernel/csv.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError, type Lang } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import type { Mutation } from '../../kernel/mutation.js';
import type { TemplateKey } from '../../kernel/notify/templates.js';
import type {
  TMyOrdersQuery,
  TOrder,
  TOrderPage,
  TStaffOrder,
  TStaffOrderExportQuery,
  TStaffOrderListQuery,
} from './orders.contract.js';
import { toOrder, toOrderSummary, toStaffOrder } from './orders.mappers.js';
import * as repo from './orders.repository.js';
import type { OrderRow } from './orders.schema.js';
import { notifyBuyer, type OrdersEnv } from './orders.shared.js';

// Reading orders: the buyer's own, staff's (dealer staff scoped to their dealer: another dealer's order is
// "not found"), the CSV export, and the facts other modules' flows need.

const ZCursor = z.object({ c: z.string(), id: z.string() });
const DAY_MS = 86_400_000;

export async function orderView(db: DbHandle, row: OrderRow, lang: Lang): Promise<TOrder> {
  return toOrder(row, await repo.timelineOf(db, row.id), lang);
}

export async function staffOrderView(
  db: DbHandle,
  row: OrderRow,
  lang: Lang,
  actor: StaffActor | null,
): Promise<TStaffOrder> {
  return toStaffOrder(row, await repo.timelineOf(db, row.id), lang, actor);
}

/** An order as its buyer sees it (no scope check: for flows and other modules). */
export async function getOrder(db: DbHandle, orderId: string, lang: Lang = 'zh-CN'): Promise<TOrder> {
  const row = await repo.findOrder(db, orderId);
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  return orderView(db, row, lang);
}

/** One of the signed-in buyer's orders; another buyer's is not found. */
export async function getMyOrder(db: DbHandle, orderId: string, mutation: Mutation): Promise<TOrder> {
  const row = await repo.findOrder(db, orderId);
  const a = mutation.actor;
  if (!row || a?.kind !== 'buyer' || a.buyerId !== row.buyerId) throw new AppError('ORDER_NOT_FOUND');
  return orderView(db, row, mutation.lang);
}

export async function listMyOrders(
  db: DbHandle,
  query: TMyOrdersQuery,
  mutation: Mutation,
): Promise<TOrderPage> {
  const a = mutation.actor;
  if (a?.kind !== 'buyer') throw new AppError('UNAUTHENTICATED');
  const rows = await repo.listOrders(
    db,
    { buyerId: a.buyerId },
    query.limit,
    decodeCursor(query.cursor, ZCursor),
  );
  return toPage(rows, query.limit, toOrderSummary, (r) => ({ c: r.createdAt.toISOString(), id: r.id }));
}

function staffFilter(actor: StaffActor, query: TStaffOrderExportQuery): repo.OrderFilter {
  if (query.dealerId) assertDealerScope(actor, query.dealerId);
  return {
    dealerId: actor.dealerId ?? query.dealerId,
    storeId: query.storeId,
    status: query.status,
    riskReview: query.riskReview,
    createdFrom: query.from ? shanghaiDayStart(query.from) : undefined,
    createdBefore: query.to ? new Date(shanghaiDayStart(query.to).getTime() + DAY_MS) : undefined,
    q: query.q,
  };
}

export async function listStaffOrders(
  db: DbHandle,
  actor: StaffActor,
  query: TStaffOrderListQuery,
): Promise<TOrderPage> {
  const rows = await repo.listOrders(
    db,
    staffFilter(actor, query),
    query.limit,
    decodeCursor(query.cursor, ZCursor),
  );
  return toPage(rows, query.limit, toOrderSummary, (r) => ({ c: r.createdAt.toISOString(), id: r.id }));
}

export async function getStaffOrder(
  db: DbHandle,
  actor: StaffActor,
  orderId: string,
  lang: Lang,
): Promise<TStaffOrder> {
  const row = await repo.findOrder(db, orderId);
  if (!row || (actor.dealerId !== null && actor.dealerId !== row.dealerId))
    throw new AppError('ORDER_NOT_FOUND');
  return staffOrderView(db, row, lang, actor);
}

const STATUS_LABELS: Record<OrderRow['status'], string> = {
  created: '待付订金',
  deposit_paid: '已付订金',
  vehicle_allocated: '已分配车辆',
  contract_signed: '已签合同',
  balance_paid: '已付尾款',
  loan_disbursed: '贷款已放款',
  ready_for_delivery: '待交付',
  delivery_scheduled: '已预约交车',
  in_transit: '运输中',
  delivered: '已交付',
  completed: '已完成',
  cancelled: '已取消',
};

/** Up to 10,000 orders matching the filters as CSV (masked personal data, amounts in yuan). */
export async function exportStaffOrders(
  db: DbHandle,
  actor: StaffActor,
  query: TStaffOrderExportQuery,
): Promise<string> {
  const rows = await repo.listOrders(db, staffFilter(actor, query), 10_000, undefined);
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return toCsvText([
    [
      '订单号',
      '状态',
      '下单时间',
      '车辆',
      '颜色',
      'VIN',
      '买家',
      '手机',
      '付款方式',
      '订金类型',
      '订金(元)',
      '订单总额(元)',
      '已付(元)',
      '经销商',
      '门店',
    ],
    ...rows
      .slice(0, 10_000)
      .map((r) => [
        r.orderNumber,
        STATUS_LABELS[r.status],
        formatShanghai(r.createdAt),
        r.vehicleTitle,
        r.colour ?? '',
        r.vin ?? '',
        r.buyerName,
        r.buyerPhoneMasked,
        r.paymentMethod === 'loan' ? '贷款' : '全款',
        r.depositKind === 'binding' ? '定金' : '订金',
        yuan(r.depositFen),
        yuan(r.totalDueFen),
        yuan(r.depositPaidFen + r.balancePaidFen),
        r.dealerId,
        r.unitStoreId ?? r.storeId ?? '',
      ]),
  ]);
}

/** What the contract of an order needs to say (the buyer's ID number masked; see getOrderBuyerIdentity). */
export interface OrderFacts {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly status: OrderRow['status'];
  readonly buyerUserId: string;
  readonly buyer: { name: string; phoneMasked: string; idNumberMasked: string };
  readonly vehicle: {
    title: string;
    listingId: string;
    listingKind: 'new' | 'used';
    trimId: string;
    colour: string | null;
    options: { id: string; name: string; priceFen: number }[];
    unitId: string | null;
    vin: string | null;
  };
  readonly price: {
    barePriceFen: number;
    landedTotalFen: number;
    items: { code: string; amountFen: number; includedInPrice: boolean }[];
    optionsFen: number;
    tradeInCreditFen: number;
    insurancePremiumFen: number | null;
    totalDueFen: number;
  };
  readonly deposit: {
    kind: 'refundable' | 'binding';
    amountFen: number;
    paidFen: number;
    termsVersion: string;
    termsText: string;
    termsAcceptedAt: string;
  };
  readonly balancePaidFen: number;
  readonly paymentMethod: 'full' | 'loan';
  readonly loanApplicationId: string | null;
  readonly dealerId: string;
  readonly storeId: string | null;
  readonly unitStoreId: string | null;
  readonly contractId: string | null;
  /** When the order became ready_for_delivery (the start of the 48 h delivery clock). */
  readonly readyAt: Date | null;
}

export async function getOrderFacts(db: DbHandle, orderId: string): Promise<OrderFacts> {
  const r = await repo.findOrder(db, orderId);
  if (!r) throw new AppError('ORDER_NOT_FOUND');
  return {
    orderId: r.id,
    orderNumber: r.orderNumber,
    status: r.status,
    buyerUserId: r.buyerId,
    buyer: { name: r.buyerName, phoneMasked: r.buyerPhoneMasked, idNumberMasked: r.idNumberMasked },
    vehicle: {
      title: r.vehicleTitle,
      listingId: r.listingId,
      listingKind: r.listingKind,
      trimId: r.trimId,
      colour: r.colour,
      options: r.options,
      unitId: r.unitId,
      vin: r.vin,
    },
    price: {
      barePriceFen: r.barePriceFen,
      landedTotalFen: r.landedTotalFen,
      items: r.priceItems,
      optionsFen: r.optionsFen,
      tradeInCreditFen: r.tradeInCreditFen,
      insurancePremiumFen: r.insurancePremiumFen,
      totalDueFen: r.totalDueFen,
    },
    deposit: {
      kind: r.depositKind,
      amountFen: r.depositFen,
      paidFen: r.depositPaidFen,
      termsVersion: r.depositTermsVersion,
      termsText: r.depositTermsText,
      termsAcceptedAt: r.depositTermsAcceptedAt.toISOString(),
    },
    balancePaidFen: r.balancePaidFen,
    paymentMethod: r.paymentMethod,
    loanApplicationId: r.loanApplicationId,
    dealerId: r.dealerId,
    storeId: r.storeId,
    unitStoreId: r.unitStoreId,
    contractId: r.contractId,
    readyAt: r.readyAt,
  };
}

/**
 * The buyer's identity in clear (name, phone, ID number) for e-signing the contract: only the contracts
 * flow calls it, and nothing it returns may be logged or stored unencrypted.
 */
export async function getOrderBuyerIdentity(
  db: DbHandle,
  orderId: string,
  env: Pick<OrdersEnv, 'dataEncryptionKey'>,
): Promise<{ name: string; phone: string; idNumber: string }> {
  const r = await repo.findOrder(db, orderId);
  if (!r) throw new AppError('ORDER_NOT_FOUND');
  return {
    name: r.buyerName,
    phone: decryptPersonal(env, r.buyerPhoneEnc),
    idNumber: decryptPersonal(env, r.idNumberEnc),
  };
}

/** The orders a loan application pays for (normally one). */
export function orderIdsForLoanApplication(db: DbHandle, loanApplicationId: string): Promise<string[]> {
  return repo.findOrderIdsByLoanApplication(db, loanApplicationId);
}

/**
 * Sends the order's buyer a notice by SMS and in-app (another module's news about the order, e.g. a delivery
 * delay): the buyer's phone stays inside this module. `dedupKey` makes a repeat a no-op.
 */
export async function notifyOrderBuyer(
  db: DbHandle,
  env: OrdersEnv,
  input: {
    orderId: string;
    templateKey: TemplateKey;
    params: Record<string, string | number>;
    dedupKey: string;
  },
  at: Date,
): Promise<void> {
  const row = await repo.findOrder(db, input.orderId);
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  await notifyBuyer(db, env, row, input.templateKey, input.params, at, input.dedupKey);
}

/** A car a buyer has bought (or is buying): the order's trim, for "fits my car" in the accessories shop. */
export interface BuyerCar {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly trimId: string;
  readonly title: string;
}

/** The trims of a buyer's orders that got past the deposit (cancelled and unpaid ones left out), newest first. */
export async function buyerCars(db: DbHandle, buyerId: string): Promise<BuyerCar[]> {
  const rows = await repo.listOrders(db, { buyerId }, 50, undefined);
  return rows
    .filter((r) => r.status !== 'cancelled' && r.status !== 'created')
    .map((r) => ({ orderId: r.id, orderNumber: r.orderNumber, trimId: r.trimId, title: r.vehicleTitle }));
}
