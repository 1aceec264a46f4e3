// Test fixtures of the orders module: a small market (BYD 汉 at two Beijing stores, Tesla in Shanghai), stock
// received through the inventory API, listings, buyers and staff, and helpers to place and pay orders.
import { expect } from 'vitest';
import { systemMutation } from '../../kernel/mutation.js';
import type { TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { insertTestListing, withCheckDigit } from '../listings/listings.testing.js';
import type { TOrder } from './orders.contract.js';
import { DEPOSIT_TERMS_VERSIONS } from './orders.policy.js';

export const BYD_DEALER = 'dlr_demo_bj_byd';
export const BYD_STORE = 'sto_bj_byd_chaoyang';
export const BYD_STORE_2 = 'sto_bj_byd_fengtai';
export const TESLA_DEALER = 'dlr_demo_sh_tesla';
export const TESLA_STORE = 'sto_sh_tesla_jinqiao';
export const HAN_PRICE = 20_980_000;

/** 18-character resident ID numbers with a correct GB 11643 check character. */
export function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}
export const ID_WANG = residentId('11010519850312003');

export interface OrdersWorld {
  readonly t: TestApp;
  supply: TestStaff;
  operator: TestStaff;
  riskOfficer: TestStaff;
  marketing: TestStaff;
  bydStaff: TestStaff;
  teslaStaff: TestStaff;
  readonly trims: { bydHan: string; teslaModel3: string };
}

async function staffSet(t: TestApp) {
  return {
    supply: await createTestStaff(t.ctx, { roles: ['supply_chain'] }),
    operator: await createTestStaff(t.ctx, { roles: ['operator'] }),
    riskOfficer: await createTestStaff(t.ctx, { roles: ['finance'] }),
    marketing: await createTestStaff(t.ctx, { roles: ['marketing'] }),
    bydStaff: await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: BYD_DEALER }),
    teslaStaff: await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: TESLA_DEALER }),
  };
}

/** Moves the test clock and signs staff in again (sessions end after idling, as in production). */
export async function advance(w: OrdersWorld, ms: number): Promise<void> {
  w.t.clock.advance(ms);
  Object.assign(w, await staffSet(w.t));
}

let vinSeq = 0;
let listingSeq = 0;

export function nextVin(): string {
  vinSeq += 1;
  return withCheckDigit(`LGXCE4CB0S${String(vinSeq).padStart(7, '0')}`);
}

export async function setupOrdersWorld(t: TestApp): Promise<OrdersWorld> {
  for (const step of dealersModule.seed ?? []) await step.run(t.ctx);
  const trims = await insertTestTrims(t.database.db);
  const world = { t, trims, ...(await staffSet(t)) };
  // One buyer (王建国) places most of these orders: the checkout's phone velocity rule is not what they test.
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/risk/rules/phone_velocity',
    headers: world.operator.bearer,
    payload: { limit: 3, windowMinutes: 1440, enabled: false },
  });
  expect(res.statusCode, res.body).toBe(200);
  return world;
}

/** Receives a unit into stock through the inventory API; returns its id. */
export async function receiveUnit(
  w: OrdersWorld,
  unit: { trimId: string; storeId: string; colour: string; listingId?: string },
): Promise<{ id: string; vin: string }> {
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/v1/inventory/units',
    headers: w.supply.bearer,
    payload: {
      vin: nextVin(),
      trimId: unit.trimId,
      exteriorColour: unit.colour,
      storeId: unit.storeId,
      costFen: 19_800_000,
      ...(unit.listingId ? { listingId: unit.listingId } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; vin: string };
}

/** A listed new-car offer of BYD 汉 at a store (its stock is received separately). */
export async function newCarListing(
  w: OrdersWorld,
  options: { storeId?: string; dealerId?: string; colour?: string; priceFen?: number } = {},
): Promise<string> {
  listingSeq += 1;
  const id = `lst_o_new_${listingSeq}`;
  const at = w.t.clock.now();
  await insertTestListing(w.t.database.db, {
    id,
    kind: 'new',
    trimId: w.trims.bydHan,
    dealerId: options.dealerId ?? BYD_DEALER,
    storeId: options.storeId ?? BYD_STORE,
    cityCode: '110100',
    title: '比亚迪 汉 2025款 EV 冠军版 605KM 尊贵型',
    priceFen: options.priceFen ?? HAN_PRICE,
    exteriorColour: options.colour ?? '时空灰',
    status: 'listed',
    listedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

/** A listed used car with its one unit in stock. */
export async function usedCarListing(
  w: OrdersWorld,
  options: { dealerId?: string; storeId?: string; trimId?: string } = {},
): Promise<{ listingId: string; unitId: string; vin: string }> {
  listingSeq += 1;
  const id = `lst_o_used_${listingSeq}`;
  const at = w.t.clock.now();
  const vin = nextVin();
  await insertTestListing(
    w.t.database.db,
    {
      id,
      kind: 'used',
      trimId: options.trimId ?? w.trims.bydHan,
      dealerId: options.dealerId ?? BYD_DEALER,
      storeId: options.storeId ?? BYD_STORE,
      cityCode: '110100',
      title: '比亚迪 汉 2023款 EV 创世版 715KM 准新车',
      priceFen: 13_880_000,
      exteriorColour: '汉宫红',
      status: 'listed',
      listedAt: at,
      createdAt: at,
      updatedAt: at,
    },
    {
      listingId: id,
      vin,
      firstRegistrationDate: '2023-05-18',
      mileageKm: 21_300,
      ownersCount: 1,
      transferCount: 0,
      conditionGrade: 1,
      accidentHistory: false,
      floodHistory: false,
      fireHistory: false,
      plateCity: '110100',
    },
  );
  const unit = await receiveUnit(w, {
    trimId: options.trimId ?? w.trims.bydHan,
    storeId: options.storeId ?? BYD_STORE,
    colour: '汉宫红',
    listingId: id,
  });
  return { listingId: id, unitId: unit.id, vin: unit.vin };
}

export type Buyer = Awaited<ReturnType<typeof createTestBuyer>>;

let phoneSeq = 0;
export async function newBuyer(w: OrdersWorld): Promise<Buyer> {
  phoneSeq += 1;
  return createTestBuyer(w.t.ctx, `139${String(10_000_000 + phoneSeq * 7919).slice(-8)}`);
}

/** A stored quote of the listing (full payment, the listing's city). */
export async function quoteOf(w: OrdersWorld, buyer: Buyer, listingId: string): Promise<string> {
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/v1/pricing/quotes',
    headers: buyer.bearer,
    payload: { listingId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

export function orderBody(listingId: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const kind = (patch.depositKind as 'refundable' | 'binding' | undefined) ?? 'refundable';
  return {
    listingId,
    buyer: { name: '王建国', phone: '138 0013 8000', idNumber: ID_WANG },
    paymentMethod: 'full',
    depositKind: kind,
    acceptDepositTerms: { version: DEPOSIT_TERMS_VERSIONS[kind], accepted: true },
    provider: 'alipay',
    ...patch,
  };
}

export function placeRequest(w: OrdersWorld, buyer: Buyer, body: Record<string, unknown>, key?: string) {
  return w.t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: {
      ...buyer.bearer,
      ...(key ? { 'idempotency-key': key } : {}),
      'user-agent': 'AutoyardTest/1.0',
    },
    payload: body,
  });
}

export async function placeOk(
  w: OrdersWorld,
  buyer: Buyer,
  listingId: string,
  patch: Record<string, unknown> = {},
): Promise<TOrder> {
  const res = await placeRequest(w, buyer, orderBody(listingId, patch));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TOrder;
}

/** Runs due jobs (deliveries, notifications) until none is left. */
export async function drainJobs(w: OrdersWorld): Promise<void> {
  for (let i = 0; i < 10 && (await w.t.ctx.jobs.runDueOnce()).ran > 0; i++);
}

export const sys = (w: OrdersWorld) => systemMutation(w.t.clock.now());
