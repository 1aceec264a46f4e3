import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp } from '../../testing/app.js';
import { createTestStaff } from '../identity/identity.testing.js';
import { type OrdersWorld, setupOrdersWorld, TESLA_DEALER } from '../orders/orders.testing.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import type { TTitleTransfer } from './fulfilment.aftersales.contract.js';
import { buyerOrder, paidOrder } from './fulfilment.aftersales.testing.js';
import {
  meetsEmissionRule,
  parseEmissionStandard,
  titleTransferGate,
} from './fulfilment.aftersales.title-transfer.js';

// Used-car title transfer (过户): the checklist, the destination city's emission rule (迁入标准) blocking with
// a clear message, and the completion gate the order's completion waits on.

let w: OrdersWorld;
const T0 = new Date('2026-12-08T02:00:00Z');

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupOrdersWorld(t);
  useSandboxGatewaysInProcess(t);
});
afterAll(async () => {
  await w.t.close();
});

const url = (orderId: string) => `/api/v1/fulfilment/aftersales/title-transfers/${orderId}`;
const put = (orderId: string, payload: Record<string, unknown>) =>
  w.t.app.inject({ method: 'PUT', url: url(orderId), headers: w.supply.bearer, payload });
const complete = (orderId: string) =>
  w.t.app.inject({ method: 'POST', url: `${url(orderId)}/complete`, headers: w.supply.bearer });

const EVERYTHING = {
  sellerDocuments: true,
  buyerDocuments: true,
  appointmentAt: '2026-12-15T09:30:00+08:00',
  appointmentOffice: '北京市公安局公安交通管理局车辆管理所 北京丰台分所',
  certificatePhotoUrl: '/media/title/certificate-0001.jpg',
  completedOn: '2026-12-15',
};

describe('emission stages', () => {
  it('reads the parameter sheet’s wording and ranks zero emission above every stage', () => {
    expect(parseEmissionStandard('国VI')).toBe('china_6');
    expect(parseEmissionStandard('国6b')).toBe('china_6');
    expect(parseEmissionStandard('国五')).toBe('china_5');
    expect(parseEmissionStandard('国IV')).toBe('china_4');
    expect(parseEmissionStandard('欧盟标准')).toBeNull();
    expect(meetsEmissionRule('china_5', 'china_6')).toBe(false);
    expect(meetsEmissionRule('china_6', 'china_6')).toBe(true);
    expect(meetsEmissionRule('exempt', 'china_6')).toBe(true);
  });
});

describe('title transfer', () => {
  it('blocks completion of the order until the checklist is done, then lets it through', async () => {
    const { buyer, order } = await paidOrder(w, 'used');
    const gate0 = await titleTransferGate(w.t.database.db, order.id, T0);
    expect(gate0).toMatchObject({ code: 'TITLE_TRANSFER_OPEN', details: { missing: ['not_started'] } });

    const opened = await put(order.id, { sellerDocuments: true });
    expect(opened.statusCode, opened.body).toBe(200);
    const transfer = opened.json() as TTitleTransfer;
    // BYD 汉 EV: a zero-emission car meets Beijing's 国六 rule.
    expect(transfer.emission).toMatchObject({
      destinationCityCode: '110100',
      required: 'china_6',
      actual: 'exempt',
      source: 'catalog',
      outcome: 'ok',
    });
    expect(transfer.missing).toEqual(['buyer_documents', 'appointment', 'new_certificate', 'completed_on']);
    const early = await complete(order.id);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      error: { code: 'TITLE_TRANSFER_INCOMPLETE', details: { missing: transfer.missing } },
    });
    expect(await titleTransferGate(w.t.database.db, order.id, T0)).toMatchObject({
      details: { missing: transfer.missing },
    });

    expect((await put(order.id, EVERYTHING)).json().missing).toEqual([]);
    const done = await complete(order.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', completedOn: '2026-12-15' });
    expect(await titleTransferGate(w.t.database.db, order.id, T0)).toBeNull();
    // Completed is final.
    expect((await put(order.id, { buyerDocuments: false })).json().error.code).toBe('TITLE_TRANSFER_DONE');

    const mine = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/fulfilment/aftersales/orders/${order.id}/title-transfer`,
      headers: buyer.bearer,
    });
    expect(mine.json()).toMatchObject({ status: 'completed' });
    expect((await buyerOrder(w, buyer, order.id)).timeline.at(-1)?.note).toContain('过户已办结');
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, transfer.id), eq(auditLog.action, 'title_transfer.complete')));
    expect(audits).toHaveLength(1);
  });

  it('refuses a 国五 car moving into Beijing with the rule in the message, and accepts it into Chengdu', async () => {
    const { order } = await paidOrder(w, 'used');
    const res = await put(order.id, { ...EVERYTHING, emissionStandard: 'china_5' });
    const transfer = res.json() as TTitleTransfer;
    expect(transfer.emission).toMatchObject({ outcome: 'blocked', required: 'china_6', source: 'staff' });
    expect(transfer.emission.message).toBe('北京要求迁入二手车达到国六及以上，本车为国五，无法迁入北京');
    expect(transfer.missing).toEqual(['emission_check']);
    const blocked = await complete(order.id);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({
      error: {
        code: 'TITLE_TRANSFER_EMISSION_BLOCKED',
        details: { city: '北京', required: 'china_6', actual: 'china_5' },
      },
    });
    // The buyer registers it in Chengdu instead (no city row: the default 国五 applies).
    const chengdu = (await put(order.id, { destinationCityCode: '510100' })).json() as TTitleTransfer;
    expect(chengdu.emission).toMatchObject({
      outcome: 'ok',
      required: 'china_5',
      destinationCityName: '成都',
    });
    expect((await complete(order.id)).statusCode).toBe(200);
  });

  it('needs no transfer for a new car, and hides another dealer’s transfers', async () => {
    const { order } = await paidOrder(w, 'new');
    expect(await titleTransferGate(w.t.database.db, order.id, T0)).toBeNull();
    expect((await put(order.id, { sellerDocuments: true })).json().error.code).toBe('TITLE_TRANSFER_NEW_CAR');

    const used = await paidOrder(w, 'used');
    await put(used.order.id, { sellerDocuments: true });
    const tesla = await createTestStaff(w.t.ctx, { roles: ['dealer_staff'], dealerId: TESLA_DEALER });
    const theirs = await w.t.app.inject({
      method: 'GET',
      url: url(used.order.id),
      headers: tesla.bearer,
    });
    expect(theirs.statusCode).toBe(404);
    const board = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/fulfilment/aftersales/title-transfers?status=open',
      headers: tesla.bearer,
    });
    expect(board.json()).toEqual({ items: [] });
    const ours = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/fulfilment/aftersales/title-transfers?status=open',
      headers: w.supply.bearer,
    });
    expect((ours.json() as { items: TTitleTransfer[] }).items.map((i) => i.orderId)).toContain(used.order.id);
  });
});
