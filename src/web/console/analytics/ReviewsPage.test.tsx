// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TReview, TReviewDetail } from '../../shared/hooks/analytics-reviews.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { ReviewDetailPage } from './ReviewDetailPage.js';
import { ReviewsPage } from './ReviewsPage.js';

setupAppTests();

const weekly: TReview = {
  id: 'rvw_w45',
  kind: 'weekly',
  periodStart: '2026-11-02',
  periodEnd: '2026-11-08',
  title: '2026年第45周（2026-11-02 至 2026-11-08）',
  dealerId: null,
  status: 'ready',
  generatedAt: '2026-11-08T17:00:00.000Z',
  createdAt: '2026-11-08T17:00:00.000Z',
  updatedAt: '2026-11-08T17:00:00.000Z',
};
const daily: TReview = {
  ...weekly,
  id: 'rvw_d1108',
  kind: 'daily',
  periodStart: '2026-11-08',
  periodEnd: '2026-11-08',
  title: '2026年11月8日',
  status: 'failed',
};

const detail: TReviewDetail = {
  ...weekly,
  summaryZh: '2026年第45周：订单数 128 单，环比 +12.3%；成交额(GMV) ¥2,345万，环比 +11.7%。',
  summaryEn: '2026 W45: Orders 128 (+12.3% vs previous period).',
  failure: null,
  figures: {
    range: { from: '2026-11-02', to: '2026-11-08' },
    previousRange: { from: '2026-10-26', to: '2026-11-01' },
    dealerId: null,
    refreshedAt: null,
    cards: [
      { metric: 'orders', unit: 'count', value: 128, previous: 114, drill: null },
      { metric: 'gmv', unit: 'fen', value: 2_345_000_000, previous: 2_100_000_000, drill: null },
    ],
    trend: { days: [], series: [] },
    funnel: [
      { stage: 'visit', count: 12_000 },
      { stage: 'order', count: 128 },
    ],
    retention: [],
    cities: [{ cityCode: '310100', visitors: 3_200, orders: 41, gmvFen: 780_000_000 }],
    topVehicles: [{ seriesId: 'ser_han', name: '比亚迪 汉', views: 2_300, orders: 19, gmvFen: 399_000_000 }],
    channels: [],
  },
};

describe('console review reports', () => {
  it('lists the reports, filters by kind and toggles the email subscription of a kind', async () => {
    seedStaffMe({ permissions: ['analytics.read'] });
    let kinds: string[] = ['daily'];
    const calls = mockApi({
      'GET /analytics/reviews': (call) => ({
        body: {
          items: call.query.get('kind') === 'weekly' ? [weekly] : [daily, weekly],
          nextCursor: null,
        },
      }),
      'GET /analytics/reviews/subscriptions/mine': () => ({ body: { kinds } }),
      'PUT /analytics/reviews/subscriptions/mine/weekly': () => {
        kinds = [...kinds, 'weekly'];
        return { body: { kinds } };
      },
    });
    renderInApp(<ReviewsPage permissions={['analytics.read']} />, { route: '/console/analytics/reviews' });
    expect((await screen.findByTestId('review-rvw_d1108')).textContent).toBe('2026年11月8日');
    expect(screen.getByTestId('reviews-page').textContent).toContain('生成失败');
    expect(screen.queryByTestId('review-generate')).toBeNull();

    const segments = screen.getByTestId('reviews-kind');
    fireEvent.click(within(segments).getByText('周报'));
    await waitFor(() => expect(screen.queryByTestId('review-rvw_d1108')).toBeNull());
    expect(calls.some((c) => c.path === '/analytics/reviews' && c.query.get('kind') === 'weekly')).toBe(true);

    const weeklySwitch = screen.getByTestId('review-subscribe-weekly');
    expect(weeklySwitch.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByTestId('review-subscribe-daily').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(weeklySwitch);
    await waitFor(() =>
      expect(screen.getByTestId('review-subscribe-weekly').getAttribute('aria-checked')).toBe('true'),
    );
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
      '/analytics/reviews/subscriptions/mine/weekly',
    ]);
  });

  it('shows a report’s summary, its cards with the change, and the download links', async () => {
    seedStaffMe({ permissions: ['analytics.read'] });
    mockApi({ 'GET /analytics/reviews/rvw_w45': () => ({ body: detail }) });
    renderInApp(
      <Routes>
        <Route path="/console/analytics/reviews/:id" element={<ReviewDetailPage />} />
      </Routes>,
      { route: '/console/analytics/reviews/rvw_w45' },
    );
    expect((await screen.findByTestId('review-summary')).textContent).toContain('订单数 128 单，环比 +12.3%');
    const cards = screen.getByTestId('review-cards').textContent ?? '';
    expect(cards).toContain('订单数');
    expect(cards).toContain('¥2,345万');
    expect(cards).toContain('+11.7%');
    expect(screen.getByTestId('review-detail').textContent).toContain('比亚迪 汉');
    expect(screen.getByTestId('review-download-pdf').getAttribute('href')).toBe(
      '/api/v1/analytics/reviews/rvw_w45/pdf?lang=zh-CN',
    );
    expect(screen.getByTestId('review-download-csv').getAttribute('href')).toBe(
      '/api/v1/analytics/reviews/rvw_w45/csv?lang=zh-CN',
    );
  });
});
