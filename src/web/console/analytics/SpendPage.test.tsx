// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { SpendPage } from './SpendPage.js';

// 营销投入: marketing staff see the spend per channel in words and yuan, and delete an entry.

setupAppTests();

const ENTRIES = [
  {
    id: 'spd_1',
    channel: 'sem',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    amountFen: 12_000_000,
    note: '百度搜索广告 11 月投放',
    createdAt: '2026-12-01T02:00:00Z',
  },
  {
    id: 'spd_2',
    channel: 'kol',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    amountFen: 5_000_050,
    note: null,
    createdAt: '2026-11-01T02:00:00Z',
  },
];

describe('SpendPage', () => {
  it('lists the spend with channel names and yuan, newest period first, and a total', async () => {
    mockApi({
      'GET /analytics/spend': () => ({ body: { items: [...ENTRIES].reverse(), nextCursor: null } }),
    });
    renderInApp(<SpendPage />, { route: '/console/analytics/spend' });
    const table = await screen.findByTestId('spend-table');
    await within(table).findByText('搜索广告');
    const rows = [...table.querySelectorAll('tbody tr[data-row-key]')].map((tr) => tr.textContent ?? '');
    expect(rows[0]).toContain('搜索广告');
    expect(rows[0]).toContain('¥120,000.00');
    expect(rows[1]).toContain('达人推广');
    expect(rows[1]).toContain('¥50,000.50');
    expect(screen.getByTestId('spend-total').textContent).toBe('¥170,000.50');
    expect(table.textContent).not.toMatch(/\bsem\b|\bkol\b|spd_/);
  });

  it('enters spend in yuan and sends it in fen with the channel and period', async () => {
    let entries: typeof ENTRIES = [];
    const calls = mockApi({
      'GET /analytics/spend': () => ({ body: { items: entries, nextCursor: null } }),
      'POST /analytics/spend': (call) => {
        const body = JSON.parse(String(call.body)) as Omit<(typeof ENTRIES)[number], 'id' | 'createdAt'>;
        const created = { ...body, id: 'spd_3', note: body.note ?? null, createdAt: '2026-12-07T02:00:00Z' };
        entries = [created];
        return { status: 201, body: created };
      },
    });
    renderInApp(<SpendPage />, { route: '/console/analytics/spend' });
    await screen.findByText('还没有录入营销投入，点击「录入投入」开始');
    fireEvent.click(screen.getByTestId('spend-add'));
    const form = await screen.findByTestId('spend-form');
    const channel = within(form).getByTestId('spend-channel');
    fireEvent.mouseDown(channel.querySelector('.ant-select-selector') ?? channel);
    fireEvent.click(await screen.findByTitle('达人推广'));
    const period = within(form).getByTestId('spend-period').querySelector('input');
    if (!period) throw new Error('no period input');
    fireEvent.mouseDown(period);
    fireEvent.click(period);
    fireEvent.click(await screen.findByText('近7天'));
    const amount =
      form.querySelector<HTMLInputElement>('input[data-testid="spend-amount"]') ??
      form.querySelector<HTMLInputElement>('[data-testid="spend-amount"] input');
    if (!amount) throw new Error('no amount input');
    fireEvent.change(amount, { target: { value: '88000.5' } });
    fireEvent.change(within(form).getByTestId('spend-note'), { target: { value: '小红书达人种草' } });
    fireEvent.click(screen.getByTestId('spend-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    const sent = JSON.parse(String(post?.body)) as Record<string, unknown>;
    expect(sent.channel).toBe('kol');
    expect(sent.amountFen).toBe(8_800_050);
    expect(sent.note).toBe('小红书达人种草');
    expect(sent.periodStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(String(sent.periodStart) < String(sent.periodEnd)).toBe(true);
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
    await screen.findByTestId('spend-delete-spd_3');
  });

  it('deletes an entry after confirmation', async () => {
    let entries = [...ENTRIES];
    const calls = mockApi({
      'GET /analytics/spend': () => ({ body: { items: entries, nextCursor: null } }),
      'DELETE /analytics/spend/spd_2': () => {
        entries = entries.filter((e) => e.id !== 'spd_2');
        return { status: 204 };
      },
    });
    renderInApp(<SpendPage />, { route: '/console/analytics/spend' });
    fireEvent.click(await screen.findByTestId('spend-delete-spd_2'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(screen.queryByTestId('spend-delete-spd_2')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/analytics/spend/spd_2')).toBe(true);
    expect(screen.getByTestId('spend-total').textContent).toBe('¥120,000.00');
  });
});
