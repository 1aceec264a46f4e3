// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TDelivery } from '../../../server/modules/fulfilment/fulfilment.contract.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { DeliveriesBoard } from './DeliveriesBoard.js';

setupAppTests();

const D: TDelivery = {
  id: 'dlv_1',
  orderId: 'ord_1',
  orderNumber: 'AY20261208-000001',
  dealerId: 'dlr_demo_bj_byd',
  storeId: 'sto_bj_byd_chaoyang',
  mode: 'pickup',
  status: 'scheduled',
  slot: { id: 'dsl_1', startsAt: '2026-12-09T02:00:00.000Z', endsAt: '2026-12-09T04:00:00.000Z' },
  address: null,
  origin: { latitude: 39.92, longitude: 116.46 },
  destination: { latitude: 39.92, longitude: 116.46 },
  distanceKm: 0,
  feeFen: 0,
  carrier: null,
  trackingNumber: null,
  driverName: null,
  advisorName: '张晓燕',
  trackingStage: null,
  tracking: [],
  checklist: [
    { kind: 'pdi', code: 'exterior', signedBy: '王磊', signedAt: '2026-12-08T03:00:00.000Z', note: null },
    { kind: 'pdi', code: 'road_test', signedBy: null, signedAt: null, note: null },
  ],
  invoice: null,
  photoCount: 0,
  acceptedAt: null,
  dispatchedAt: null,
  deliveredAt: null,
  completedAt: null,
  delayed: true,
  createdAt: '2026-12-08T01:00:00.000Z',
  updatedAt: '2026-12-08T01:00:00.000Z',
};

describe('deliveries board', () => {
  it('shows the rates and the overdue delivery, and signs off an open PDI item from the drawer', async () => {
    seedStaffMe({ roles: ['supply_chain'], permissions: ['fulfilment.read', 'fulfilment.manage'] });
    const calls = mockApi({
      'GET /fulfilment/deliveries': () => ({ body: { items: [D], nextCursor: null } }),
      'GET /fulfilment/reports/rates': () => ({
        body: {
          from: '',
          to: '',
          handedOver: 4,
          onTime: 3,
          onTimeRate: 0.75,
          ready: 5,
          dispatchedWithin48h: 4,
          rate48h: 0.8,
          delayedOpen: 1,
        },
      }),
      'POST /fulfilment/deliveries/dlv_1/checklist/pdi/road_test': () => ({ body: D }),
    });
    renderInApp(<DeliveriesBoard canManage />, { route: '/console/deliveries' });
    const row = await screen.findByTestId('delivery-row');
    expect(row.textContent).toContain('超时');
    expect(screen.getByTestId('delivery-rates').textContent).toContain('75.0%');
    expect(screen.getByTestId('delivery-rates').textContent).toContain('80.0%');
    fireEvent.click(screen.getByTestId('delivery-open'));
    await screen.findByTestId('delivery-detail');
    // Pickup: no carrier to choose, no dispatch.
    expect(screen.queryByTestId('delivery-dispatch')).toBeNull();
    const input = (id: string) => {
      const el = screen.getByTestId(id);
      return el instanceof HTMLInputElement ? el : el.querySelector('input');
    };
    const signed = input('checklist-pdi-exterior');
    expect(signed?.disabled).toBe(true);
    const open = input('checklist-pdi-road_test');
    if (!open) throw new Error('no checkbox');
    fireEvent.click(open);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/checklist/pdi/road_test'))).toBe(
        true,
      ),
    );
  });
});
