// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardFixture } from '../../shared/analytics-dashboard/dashboard.testing.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import '../i18n.js';
import { HomePage } from './HomePage.js';

// The portal home: the dealer's own dashboard for dealer admins (analytics.read), nothing of it for others.

setupAppTests();

const DEALER = {
  id: 'dlr_demo_bj_byd',
  name: '北京汇通比亚迪',
  legalName: '北京汇通比亚迪汽车销售服务有限公司',
  uscc: '91110106MA01ABCD2X',
  brands: ['BYD'],
  city: { code: '110100', name: '北京', nameEn: 'Beijing' },
  status: 'active',
  contactPhone: '010-83682100',
  nextQualificationExpiry: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  qualifications: [],
};

const routes = () =>
  mockApi({
    'GET /dealers/portal/dealer': () => ({ body: DEALER }),
    'GET /dealers/portal/stores': () => ({ body: [] }),
    'GET /dealers/cities': () => ({ body: [] }),
    'GET /catalog/brands': () => ({ body: { initials: [], total: 0 } }),
    'GET /analytics/dashboard': () => ({ body: dashboardFixture({ dealerId: DEALER.id }) }),
  });

describe('dealer portal home', () => {
  it('shows a dealer admin the dashboard of its own dealer, without a dealer filter', async () => {
    seedStaffMe({
      roles: ['dealer_admin'],
      permissions: ['dealer.portal', 'analytics.read'],
      dealerId: DEALER.id,
    });
    const calls = routes();
    renderInApp(<HomePage />, { route: '/dealer?from=2026-11-01&to=2026-11-30' });
    await screen.findByTestId('dealer-home');
    await waitFor(() => expect(screen.getByTestId('kpi-orders-value').textContent).toBe('42'));
    expect(screen.queryByTestId('dashboard-filter-dealer')).toBeNull();
    const sent = calls.filter((c) => c.path === '/analytics/dashboard');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((c) => c.query.get('dealerId') === null)).toBe(true);
  });

  it('shows dealer staff without analytics.read no dashboard and asks for none', async () => {
    seedStaffMe({ roles: ['dealer_staff'], permissions: ['dealer.portal'], dealerId: DEALER.id });
    const calls = routes();
    renderInApp(<HomePage />, { route: '/dealer' });
    await screen.findByTestId('dealer-home');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('analytics-dashboard')).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/analytics'))).toBe(false);
  });
});
