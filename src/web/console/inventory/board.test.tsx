// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  TReplenishmentSuggestion,
  TStockSummary,
} from '../../../server/modules/inventory/inventory.contract.js';
import { DealerStockPage } from '../../dealer/stock/DealerStockPage.js';
import { type ApiRoutes, mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { StockPage } from './StockPage.js';

setupAppTests();

const trim = (id: string, name: string) => ({ id, name, seriesName: '汉', brandName: '比亚迪' });

const SUMMARY: TStockSummary = {
  cells: [
    {
      storeId: 'sto_bj_byd_chaoyang',
      location: { id: 'loc_cy', name: '北京朝阳比亚迪4S店' },
      dealerId: 'dlr_demo_bj_byd',
      trim: trim('trm_a', '2026款 EV 冠军版 610km'),
      inTransit: 1,
      available: 1,
      reserved: 0,
      aged60: 0,
      aged90: 0,
      maxDaysInStock: 12,
      low: true,
    },
    {
      storeId: 'sto_bj_byd_fengtai',
      location: { id: 'loc_ft', name: '北京丰台比亚迪4S店' },
      dealerId: 'dlr_demo_bj_byd',
      trim: trim('trm_b', '2025款 DM-i 荣耀版'),
      inTransit: 0,
      available: 4,
      reserved: 1,
      aged60: 2,
      aged90: 1,
      maxDaysInStock: 103,
      low: false,
    },
  ],
  alerts: { aged60: 2, aged90: 1, lowStock: 1, lowStockThreshold: 2, lowAccessories: 3, openSuggestions: 1 },
};

const SUGGESTION: TReplenishmentSuggestion = {
  id: 'rps_1',
  storeId: 'sto_bj_byd_chaoyang',
  location: { id: 'loc_cy', name: '北京朝阳比亚迪4S店' },
  dealerId: 'dlr_demo_bj_byd',
  trim: trim('trm_a', '2026款 EV 冠军版 610km'),
  status: 'open',
  sold30d: 6,
  avgDailySales: 0.2,
  leadTimeDays: 14,
  bufferUnits: 2,
  safetyStock: 5,
  available: 1,
  inTransit: 1,
  suggestedQuantity: 3,
  acceptedQuantity: null,
  dismissReason: null,
  decidedAt: null,
  computedAt: '2026-11-19T23:30:00.000Z',
  actions: ['accept', 'dismiss'],
};

function board(extra: ApiRoutes = {}) {
  return mockApi({
    'GET /inventory/summary': () => ({ body: SUMMARY }),
    'GET /inventory/units': () => ({ body: { items: [], nextCursor: null } }),
    'GET /inventory/locations': () => ({ body: { items: [] } }),
    ...extra,
  });
}

describe('stock board', () => {
  it('shows the alert counts, and the 90-day alert filters the per-store table to aged trims', async () => {
    seedStaffMe({ roles: ['supply_chain'], permissions: ['inventory.read', 'inventory.manage'] });
    board();
    renderInApp(<StockPage canManage />, { route: '/console/inventory' });
    await waitFor(() => expect(screen.getByTestId('summary-row-loc_cy-trm_a')).toBeTruthy());
    expect(screen.getByTestId('inventory-alert-aged90').textContent).toContain('1');
    expect(screen.getByTestId('inventory-alert-low').textContent).toContain('可售少于 2 台');
    expect(screen.getByTestId('summary-row-loc_cy-trm_a').textContent).toContain('低库存');
    fireEvent.click(screen.getByTestId('inventory-alert-aged90'));
    await waitFor(() => expect(screen.queryByTestId('summary-row-loc_cy-trm_a')).toBeNull());
    expect(screen.getByTestId('summary-row-loc_ft-trm_b').textContent).toContain('库龄超 90 天 × 1');
    expect(screen.getByTestId('summary-alert-filter')).toBeTruthy();
  });

  it('accepts a replenishment suggestion with the quantity staff order', async () => {
    seedStaffMe({ roles: ['supply_chain'], permissions: ['inventory.read', 'inventory.manage'] });
    let decided: TReplenishmentSuggestion | null = null;
    const calls = board({
      'GET /inventory/suggestions': () => ({ body: { items: [decided ?? SUGGESTION] } }),
      'POST /inventory/suggestions/rps_1/accept': () => {
        decided = { ...SUGGESTION, status: 'accepted', acceptedQuantity: 2, actions: [] };
        return { body: decided };
      },
    });
    renderInApp(<StockPage canManage />, { route: '/console/inventory?tab=suggestions' });
    await waitFor(() => expect(screen.getByTestId('suggestion-row-rps_1').textContent).toContain('1 + 1'));
    fireEvent.click(screen.getByTestId('suggestion-accept-rps_1'));
    const field = await screen.findByTestId('suggestion-quantity');
    const input = field.tagName === 'INPUT' ? field : field.querySelector('input');
    if (!input) throw new Error('no quantity input');
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.click(within(document.querySelector('.ant-modal') as HTMLElement).getByText(/OK|确\s*定/));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === '/inventory/suggestions/rps_1/accept')).toBe(
        true,
      ),
    );
    const post = calls.find((c) => c.path === '/inventory/suggestions/rps_1/accept');
    expect(JSON.parse(String(post?.body))).toEqual({ quantity: 2 });
  });

  it('lists every bad row of an import with its row, column, code and message', async () => {
    seedStaffMe({ roles: ['supply_chain'], permissions: ['inventory.read', 'inventory.manage'] });
    board({
      'POST /inventory/import/units': () => ({
        status: 422,
        body: {
          error: {
            code: 'INVENTORY_IMPORT_ROWS_INVALID',
            message: '导入文件有 2 处错误，未写入任何数据',
            details: {
              count: 2,
              errors: [
                { row: 3, column: 'vin', code: 'VIN_CHECK_DIGIT', message: '第 9 位校验位不正确' },
                { row: 4, column: 'trim_id', code: 'TRIM_NOT_FOUND', message: '车型不存在：trm_x' },
              ],
            },
          },
        },
      }),
    });
    renderInApp(<StockPage canManage />, { route: '/console/inventory?tab=import' });
    const upload = await screen.findByTestId('stock-import-upload');
    const file = new File(['vin\n'], 'stock.csv', { type: 'text/csv' });
    const input = upload.closest('.ant-upload')?.querySelector('input[type=file]');
    if (!input) throw new Error('no file input');
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() =>
      expect(screen.getByTestId('stock-import-errors').textContent).toContain('VIN_CHECK_DIGIT'),
    );
    expect(screen.getByTestId('stock-import-errors').textContent).toContain('车型不存在：trm_x');
  });

  it('hides the import tab from readers', async () => {
    seedStaffMe({ permissions: ['inventory.read'] });
    board();
    renderInApp(<StockPage canManage={false} />, { route: '/console/inventory' });
    await waitFor(() => expect(screen.getByTestId('summary-row-loc_cy-trm_a')).toBeTruthy());
    expect(screen.getByTestId('stock-tabs').textContent).not.toContain('导入');
  });
});

describe('dealer portal: my stock', () => {
  it('shows the board with the import for dealer staff who manage stock', async () => {
    seedStaffMe({
      roles: ['dealer_staff'],
      dealerId: 'dlr_demo_bj_byd',
      permissions: ['dealer.portal', 'inventory.read', 'inventory.manage'],
    });
    board();
    renderInApp(<DealerStockPage />, { route: '/dealer/stock' });
    await waitFor(() => expect(screen.getByTestId('summary-row-loc_cy-trm_a')).toBeTruthy());
    expect(screen.getByTestId('dealer-stock-page').textContent).toContain('我的库存');
    expect(screen.getByTestId('stock-tabs').textContent).toContain('导入');
  });
});
