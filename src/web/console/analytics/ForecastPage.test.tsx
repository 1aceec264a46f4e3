// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TSalesForecast } from '../../shared/hooks/analytics-forecast.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { ForecastPage } from './ForecastPage.js';

setupAppTests();

const week = (i: number) =>
  new Date(Date.parse('2026-06-01T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10);

const FORECAST: TSalesForecast = {
  generatedAt: '2026-11-30T21:10:00.000Z',
  series: [
    {
      seriesId: 'ser_han',
      seriesName: '汉',
      method: 'holt_winters_additive_4w',
      historyWeeks: 52,
      history: Array.from({ length: 26 }, (_, i) => ({ weekStart: week(i), orders: 10 + (i % 4) })),
      forecast: Array.from({ length: 8 }, (_, i) => ({
        weekStart: week(26 + i),
        orders: 12.5,
        lower: 8,
        upper: 17,
      })),
      heldOut: { mape: 18.24, wape: 15.06 },
      baseline: { mape: 30.1, wape: 27.55 },
    },
  ],
};

describe('sales forecast page', () => {
  it('shows each series with its chart, the 8-week total and the held-out error beside the baseline', async () => {
    seedStaffMe({ roles: ['operator'], permissions: ['analytics.read', 'analytics.manage'] });
    const calls = mockApi({
      'GET /analytics/forecast': () => ({ body: FORECAST }),
      'POST /analytics/forecast/run': () => ({ status: 202, body: { enqueued: true } }),
    });
    renderInApp(<ForecastPage canRecompute />, { route: '/console/analytics/forecast' });
    const card = await screen.findByTestId('forecast-ser_han');
    expect(card.textContent).toContain('汉');
    expect(card.textContent).toContain('未来 8 周合计 100 单');
    expect(screen.getByTestId('held-out').textContent).toContain('WAPE 15.1%');
    expect(screen.getByTestId('baseline').textContent).toContain('WAPE 27.6%');
    expect(card.textContent).toContain('Holt-Winters 加法（4 周季节）');
    expect(screen.getByRole('img', { name: '汉' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '立即重新计算' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === '/analytics/forecast/run')).toBe(true),
    );
  });

  it('says what to do when there is no forecast yet, and offers no recompute to a reader', async () => {
    seedStaffMe({ permissions: ['analytics.read'] });
    mockApi({ 'GET /analytics/forecast': () => ({ body: { generatedAt: null, series: [] } }) });
    renderInApp(<ForecastPage canRecompute={false} />, { route: '/console/analytics/forecast' });
    await waitFor(() => expect(screen.getByText(/还没有预测/)).toBeTruthy());
    expect(screen.queryByRole('button', { name: '立即重新计算' })).toBeNull();
  });
});
