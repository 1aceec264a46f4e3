// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TDelivery, TSlot } from '../../../server/modules/fulfilment/fulfilment.contract.js';
import type { TOrder } from '../../shared/hooks/orders.js';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { OrderDelivery } from './OrderDelivery.js';

setupAppTests();

const future = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const SLOT: TSlot = {
  id: 'dsl_1',
  storeId: 'sto_bj_byd_chaoyang',
  date: future(48).slice(0, 10),
  startsAt: future(48),
  endsAt: future(50),
  capacity: 2,
  booked: 1,
  available: 1,
};
const order = (status: TOrder['status']) => ({ id: 'ord_1', status }) as TOrder;

const DELIVERY: TDelivery = {
  id: 'dlv_1',
  orderId: 'ord_1',
  orderNumber: 'AY20261208-000001',
  dealerId: 'dlr_demo_bj_byd',
  storeId: 'sto_bj_byd_chaoyang',
  mode: 'home',
  status: 'in_transit',
  slot: { id: 'dsl_1', startsAt: SLOT.startsAt, endsAt: SLOT.endsAt },
  address: {
    province: '上海市',
    cityCode: '310100',
    district: '浦东新区',
    masked: '上海市浦东新区世纪大道 1****',
  },
  origin: { latitude: 39.92, longitude: 116.46 },
  destination: { latitude: 31.23, longitude: 121.47 },
  distanceKm: 1340,
  feeFen: 452_000,
  carrier: 'sandbox',
  trackingNumber: 'SBX0001',
  driverName: '李师傅',
  advisorName: '张晓燕',
  trackingStage: 'hub',
  tracking: [
    { kind: 'picked_up', occurredAt: future(-5), latitude: 39.92, longitude: 116.46, place: '门店装车' },
    { kind: 'hub', occurredAt: future(-1), latitude: 35.4, longitude: 119.2, place: '中转站' },
  ],
  checklist: [{ kind: 'handover', code: 'keys', signedBy: null, signedAt: null, note: null }],
  invoice: null,
  photoCount: 0,
  acceptedAt: null,
  dispatchedAt: future(-6),
  deliveredAt: null,
  completedAt: null,
  delayed: false,
  createdAt: future(-24),
  updatedAt: future(-1),
};

describe('the delivery area of an order', () => {
  it('books store pickup in a chosen slot with the fee the buyer saw', async () => {
    const calls = mockApi({
      'GET /fulfilment/orders/ord_1/delivery': () => ({
        status: 404,
        body: { error: { code: 'DELIVERY_NOT_FOUND', message: '未找到该交付记录' } },
      }),
      'GET /fulfilment/orders/ord_1/slots': () => ({ body: [SLOT] }),
      'GET /fulfilment/orders/ord_1/quote': () => ({
        body: {
          mode: 'pickup',
          storeId: SLOT.storeId,
          fromCityCode: '110100',
          toCityCode: '110100',
          distanceKm: 0,
          feeFen: 0,
          basis: 'pickup',
        },
      }),
      'GET /dealers/cities': () => ({ body: [] }),
      'POST /fulfilment/orders/ord_1/booking': () => ({
        body: { ...DELIVERY, mode: 'pickup', status: 'scheduled', tracking: [] },
      }),
    });
    renderInApp(<OrderDelivery orderId="ord_1" order={order('ready_for_delivery')} />);
    const slot = await screen.findByTestId('delivery-slot');
    await waitFor(() => expect(screen.getByTestId('delivery-fee').textContent).toContain('免费'));
    fireEvent.click(slot);
    fireEvent.click(screen.getByTestId('delivery-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(JSON.parse(String(post?.body))).toEqual({ mode: 'pickup', slotId: 'dsl_1', expectedFeeFen: 0 });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });

  it('shows the tracking timeline and the route map while the car is on its way, and no acceptance yet', async () => {
    mockApi({ 'GET /fulfilment/orders/ord_1/delivery': () => ({ body: DELIVERY }) });
    renderInApp(<OrderDelivery orderId="ord_1" order={order('in_transit')} />);
    await screen.findByTestId('delivery-map');
    expect(screen.getAllByTestId('tracking-event').map((e) => e.textContent)).toEqual([
      expect.stringContaining('到达中转站'),
      expect.stringContaining('承运商已提车'),
    ]);
    expect(screen.getAllByTestId('delivery-map-point')).toHaveLength(2);
    expect(screen.getByTestId('delivery-status').textContent).toBe('运输中');
    expect(screen.queryByTestId('handover-accept')).toBeNull();
  });

  it('shows nothing before the order is ready for delivery', () => {
    mockApi({});
    const { container } = renderInApp(<OrderDelivery orderId="ord_1" order={order('deposit_paid')} />);
    expect(container.querySelector('[data-testid="order-delivery"]')).toBeNull();
  });
});
