// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TRiskCase, TRiskRule } from '../../shared/hooks/risk.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { RiskPage } from './RiskPage.js';

setupAppTests();

const phoneCase = (status: TRiskCase['status']): TRiskCase => ({
  id: 'rsk_phone',
  subjectType: 'order',
  subjectId: 'ord_20261121_0004',
  orderId: 'ord_20261121_0004',
  rule: 'phone_velocity',
  status,
  flags: [{ rule: 'phone_velocity', count: 4, limit: 3, windowMinutes: 1440 }],
  signals: {
    buyerUserId: 'cus_zhang',
    phoneMasked: '138****8000',
    deviceId: 'ios-8F2C1A77',
    ip: '223.104.3.41',
    amountFen: 25_980_000,
    at: '2026-11-21T02:00:00.000Z',
  },
  details: {},
  decisionNote: status === 'open' ? null : '已电话核实',
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  updatedAt: '2026-11-21T02:00:00.000Z',
});

const rule: TRiskRule = {
  rule: 'device_velocity',
  signal: 'device',
  limit: 5,
  windowMinutes: 60,
  enabled: true,
  updatedAt: '2026-11-21T02:00:00.000Z',
  updatedBy: null,
};

describe('console risk page', () => {
  it('shows an open case with rule, order, masked phone and age, and clears it with a note', async () => {
    seedStaffMe({ roles: ['operator'], permissions: ['risk.review', 'risk.rules.manage'] });
    let decided = false;
    const calls = mockApi({
      'GET /risk/cases': () => ({
        body: { items: [phoneCase(decided ? 'cleared' : 'open')], nextCursor: null },
      }),
      'GET /risk/rules': () => ({ body: { items: [rule] } }),
      'POST /risk/cases/rsk_phone/decision': () => {
        decided = true;
        return { body: phoneCase('cleared') };
      },
    });
    renderInApp(<RiskPage canManageRules />, { route: '/console/risk' });
    await waitFor(() =>
      expect(screen.getByTestId('risk-case-rsk_phone').textContent).toContain('同一手机号频繁下单'),
    );
    const row = screen.getByTestId('risk-case-rsk_phone').textContent ?? '';
    expect(row).toContain('ord_20261121_0004');
    expect(row).toContain('138****8000');
    expect(row).toContain('4 单 / 1 天（上限 3）');
    expect(row).toContain('3 小时');
    fireEvent.click(screen.getByTestId('risk-clear-rsk_phone'));
    fireEvent.change(await screen.findByTestId('risk-decide-note'), {
      target: { value: '已电话核实买家身份' },
    });
    fireEvent.click(screen.getByTestId('risk-decide-submit'));
    await waitFor(() => expect(screen.getByTestId('risk-case-rsk_phone').textContent).toContain('已通过'));
    const post = calls.find((c) => c.method === 'POST');
    expect(JSON.parse(String(post?.body))).toEqual({ decision: 'cleared', note: '已电话核实买家身份' });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers rule edits only to staff who may manage rules', async () => {
    seedStaffMe({ roles: ['finance'], permissions: ['risk.review'] });
    mockApi({
      'GET /risk/cases': () => ({ body: { items: [], nextCursor: null } }),
      'GET /risk/rules': () => ({ body: { items: [rule] } }),
    });
    renderInApp(<RiskPage canManageRules={false} />, { route: '/console/risk' });
    fireEvent.click(await screen.findByText('规则'));
    await waitFor(() =>
      expect(screen.getByTestId('risk-rule-device_velocity').textContent).toContain('同一设备频繁下单'),
    );
    expect(screen.queryByTestId('risk-rule-edit-device_velocity')).toBeNull();
  });
});
