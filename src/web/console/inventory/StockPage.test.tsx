// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TVehicleUnit } from '../../shared/hooks/inventory.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { StockPage } from './StockPage.js';

setupAppTests();

const unit = (
  id: string,
  status: TVehicleUnit['status'],
  daysInStock: number,
  aged: 60 | 90 | null,
): TVehicleUnit => ({
  id,
  vin: 'LGXCE4CB0R2000017',
  trim: { id: 'trm_han', name: '2026款 EV 冠军版 610km', seriesName: '汉', brandName: '比亚迪' },
  exteriorColour: '雪域白',
  location: { id: 'loc_1', kind: 'store', name: '北京朝阳比亚迪4S店', cityCode: '110100' },
  storeId: 'sto_bj_byd_chaoyang',
  dealerId: 'dlr_demo_bj_byd',
  status,
  enteredStockAt: '2026-08-01T02:00:00.000Z',
  daysInStock,
  aged,
  costFen: 21_580_000,
  listingId: null,
  version: 1,
  actions: status === 'in_transit' ? ['receive'] : status === 'sold' ? ['deliver'] : [],
  createdAt: '2026-08-01T02:00:00.000Z',
  updatedAt: '2026-08-01T02:00:00.000Z',
});

describe('console stock board', () => {
  it('shows store, trim, VIN, status and aged tags, and receives a car in transit', async () => {
    seedStaffMe({ roles: ['supply_chain'], permissions: ['inventory.read', 'inventory.manage'] });
    let arrived = false;
    const calls = mockApi({
      'GET /inventory/units': () => ({
        body: {
          items: [
            unit('veh_old', 'available', 101, 90),
            unit('veh_mid', 'available', 70, 60),
            unit('veh_new', arrived ? 'available' : 'in_transit', 0, null),
          ],
          nextCursor: null,
        },
      }),
      'GET /inventory/locations': () => ({ body: { items: [] } }),
      'POST /inventory/units/veh_new/receive': () => {
        arrived = true;
        return { body: unit('veh_new', 'available', 0, null) };
      },
    });
    renderInApp(<StockPage canManage />, { route: '/console/inventory' });
    await waitFor(() =>
      expect(screen.getByTestId('stock-row-veh_old').textContent).toContain('库龄超 90 天'),
    );
    expect(screen.getByTestId('stock-row-veh_mid').textContent).toContain('库龄超 60 天');
    expect(screen.getByTestId('stock-row-veh_new').textContent).toContain('在途');
    expect(screen.getByTestId('stock-row-veh_old').textContent).toContain('北京朝阳比亚迪4S店');
    fireEvent.click(screen.getByTestId('stock-receive-veh_new'));
    await waitFor(() => expect(screen.getByTestId('stock-row-veh_new').textContent).toContain('可售'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/inventory/units/veh_new/receive')).toBe(
      true,
    );
  });

  it('offers no actions to a reader', async () => {
    seedStaffMe({ permissions: ['inventory.read'] });
    mockApi({
      'GET /inventory/units': () => ({
        body: { items: [unit('veh_t', 'in_transit', 0, null)], nextCursor: null },
      }),
      'GET /inventory/locations': () => ({ body: { items: [] } }),
    });
    renderInApp(<StockPage canManage={false} />, { route: '/console/inventory' });
    await waitFor(() => expect(screen.getByTestId('stock-row-veh_t')).toBeTruthy());
    expect(screen.queryByTestId('stock-receive-veh_t')).toBeNull();
  });
});
