// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import '../i18n.js';
import { dashboardFixture } from '../../shared/analytics-dashboard/dashboard.testing.js';
import { DealerListPage } from '../dealers/DealerListPage.js';
import { DashboardPage } from './DashboardPage.js';

// 工作台: each card only for staff holding the permission of the API it reads, and no other call made.

setupAppTests();

const CITY = {
  code: '330100',
  name: '杭州',
  nameEn: 'Hangzhou',
  pinyin: 'hangzhou',
  province: { code: '330000', name: '浙江', nameEn: 'Zhejiang' },
  tier: 'new_tier1',
  hot: true,
  latitude: 30.27,
  longitude: 120.15,
};
const DEALER = {
  id: 'dlr_hz_audi',
  name: '杭州奥迪中心',
  legalName: '杭州奥迪汽车销售有限公司',
  uscc: '91330100MA2B1234X5',
  brands: ['Audi'],
  city: { code: '330100', name: '杭州', nameEn: 'Hangzhou' },
  status: 'suspended',
  contactPhone: '0571-88886666',
  nextQualificationExpiry: '2026-12-01',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const routes = () =>
  mockApi({
    'GET /catalog/review/queue': () => ({
      body: {
        items: [{ id: 'lst_1', title: '2024 款 理想L9 Max', updatedAt: '2026-11-20T02:00:00Z' }],
        nextCursor: null,
      },
    }),
    'GET /dealers/dealers': () => ({ body: { items: [DEALER], nextCursor: null } }),
    'GET /dealers/cities': () => ({ body: [CITY] }),
    'GET /platform/jobs/stats': () => ({ body: { totals: { dead: 3, queued: 1 }, byName: [] } }),
    'GET /platform/audit': () => ({
      body: {
        items: [
          {
            id: 'a1',
            occurredAt: '2026-11-26T08:00:00Z',
            actorKind: 'staff',
            actorId: 'stf_1',
            actorLabel: 'admin@autoyard.cn',
            dealerId: null,
            action: 'catalog.brand.update',
            entityType: 'brand',
            entityId: 'brd_1',
            before: null,
            after: null,
            requestId: null,
            ip: null,
          },
        ],
        nextCursor: null,
      },
    }),
  });

describe('DashboardPage', () => {
  it('shows every card to a member holding all the permissions', async () => {
    const me = seedStaffMe({ permissions: ['listings.review', 'reference.read', 'jobs.read', 'audit.read'] });
    const calls = routes();
    renderInApp(<DashboardPage me={me} />, { route: '/console' });
    expect(screen.getByTestId('dashboard-welcome').textContent).toContain('运营');
    await waitFor(() => expect(screen.getByTestId('dashboard-review-count').textContent).toContain('1'));
    expect(screen.getByTestId('dashboard-review').textContent).toContain('理想L9');
    await waitFor(() => expect(screen.getByTestId('dashboard-expiring-count').textContent).toContain('1'));
    expect(screen.getByTestId('dashboard-expiring').textContent).toContain('杭州奥迪中心');
    await waitFor(() => expect(screen.getByTestId('dashboard-dead-count').textContent).toContain('3'));
    await waitFor(() => expect(screen.getAllByTestId('dashboard-audit-row')).toHaveLength(1));
    expect(screen.getByTestId('dashboard-audit').textContent).toContain('品牌 · 修改');
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
    const expiring = calls.find((c) => c.path === '/dealers/dealers');
    expect(expiring?.query.get('expiringWithinDays')).toBe('30');
  });

  it('shows no card and calls no API the member may not call', async () => {
    const me = seedStaffMe({ permissions: ['catalog.read'] });
    const calls = routes();
    renderInApp(<DashboardPage me={me} />, { route: '/console' });
    expect(screen.getByTestId('dashboard-welcome')).toBeTruthy();
    // Give any query a chance to start.
    await new Promise((r) => setTimeout(r, 50));
    for (const id of ['dashboard-review', 'dashboard-expiring', 'dashboard-dead-letters', 'dashboard-audit'])
      expect(screen.queryByTestId(id)).toBeNull();
    expect(calls.map((c) => c.path)).toEqual([]);
  });

  it('shows only the review card to a reviewer', async () => {
    const me = seedStaffMe({ permissions: ['listings.review'] });
    const calls = routes();
    renderInApp(<DashboardPage me={me} />, { route: '/console' });
    await screen.findByTestId('dashboard-review');
    expect(screen.queryByTestId('dashboard-expiring')).toBeNull();
    expect(screen.queryByTestId('dashboard-dead-letters')).toBeNull();
    expect(screen.queryByTestId('dashboard-audit')).toBeNull();
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(new Set(calls.map((c) => c.path))).toEqual(new Set(['/catalog/review/queue']));
  });
});

describe('the operations dashboard on the console home', () => {
  it('shows the business figures above the work cards to staff holding analytics.read', async () => {
    const me = seedStaffMe({ permissions: ['analytics.read', 'jobs.read'] });
    const calls = mockApi({
      'GET /analytics/dashboard': () => ({ body: dashboardFixture() }),
      'GET /dealers/cities': () => ({ body: [CITY] }),
      'GET /catalog/brands': () => ({ body: { initials: [], total: 0 } }),
      'GET /platform/jobs/stats': () => ({ body: { totals: { dead: 0, queued: 0 }, byName: [] } }),
    });
    renderInApp(<DashboardPage me={me} />, { route: '/console?from=2026-11-01&to=2026-11-30' });
    await waitFor(() => expect(screen.getByTestId('kpi-gmv-value').textContent).toBe('¥1234.57万'));
    await screen.findByTestId('dashboard-dead-letters');
    // Without reference.read there is no dealer filter (and no call to the dealer list).
    expect(screen.queryByTestId('dashboard-filter-dealer')).toBeNull();
    expect(calls.some((c) => c.path === '/dealers/dealers')).toBe(false);
    const sent = calls.find((c) => c.path === '/analytics/dashboard');
    expect(sent?.query.get('from')).toBe('2026-11-01');
  });
});

describe('console tables show words, not codes', () => {
  it('the dealer list shows the city name and status label, never 330100 or suspended', async () => {
    seedStaffMe({ permissions: ['reference.read'] });
    routes();
    renderInApp(<DealerListPage />, { route: '/console/dealers?status=suspended' });
    const table = await screen.findByTestId('dealer-table');
    await within(table).findByText('杭州奥迪中心');
    await waitFor(() => expect(within(table).getAllByText('杭州').length).toBeGreaterThan(0));
    const cells = [...table.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
    expect(cells).toContain('已暂停');
    for (const raw of ['330100', 'suspended', 'dlr_hz_audi']) {
      expect(cells.some((c) => c.includes(raw))).toBe(false);
    }
  });
});
