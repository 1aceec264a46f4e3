// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TReconRun, TRefund, TStaffIntent } from '../../shared/hooks/payments.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { PaymentsPage } from './PaymentsPage.js';
import { ReconciliationPage } from './ReconciliationPage.js';

setupAppTests();

const intent = (
  id: string,
  provider: TStaffIntent['provider'],
  status: TStaffIntent['status'],
): TStaffIntent => ({
  id,
  orderId: 'ord_1',
  orderNumber: 'AY20261121-000123',
  purpose: provider === 'bank_transfer' ? 'balance' : 'deposit',
  provider,
  channel: 'desktop',
  amountFen: provider === 'bank_transfer' ? 18_680_000 : 500_000,
  currency: 'CNY',
  status,
  subject: '比亚迪 汉 EV 创世版',
  payUrl: null,
  qrCodeText: null,
  refundedFen: 0,
  sandbox: provider !== 'bank_transfer',
  failureReason: null,
  expiresAt: '2026-11-28T02:00:00.000Z',
  createdAt: '2026-11-21T02:00:00.000Z',
  succeededAt: status === 'succeeded' ? '2026-11-21T02:01:00.000Z' : null,
  merchantOrderNo: `AY20261121100000${id.slice(-8).padStart(8, '0')}`,
  providerTradeNo: null,
});

const refund = (id: string, status: TRefund['status']): TRefund => ({
  id,
  refundNo: 'RF2026112113000087654321',
  orderId: 'ord_1',
  intentId: 'pay_1',
  provider: 'alipay',
  kind: 'cancellation',
  amountFen: 6_000_000,
  reason: '整车退订',
  status,
  requestedBy: null,
  decidedBy: null,
  decisionNote: null,
  providerRefundId: null,
  failureReason: null,
  createdAt: '2026-11-21T03:00:00.000Z',
  decidedAt: null,
  settledAt: null,
});

describe('console payments', () => {
  it('lists intents with provider and status, and offers transfer recording only on pending bank transfers', async () => {
    seedStaffMe({
      roles: ['finance'],
      permissions: ['payments.read', 'payments.manage', 'payments.refund.approve'],
    });
    mockApi({
      'GET /payments/staff/intents': () => ({
        body: {
          items: [
            intent('pay_bank0001', 'bank_transfer', 'pending'),
            intent('pay_alip0001', 'alipay', 'succeeded'),
          ],
          nextCursor: null,
        },
      }),
    });
    renderInApp(<PaymentsPage canManage canApprove />, { route: '/console/payments' });
    await waitFor(() =>
      expect(screen.getByTestId('intent-row-pay_bank0001').textContent).toContain('银行转账'),
    );
    expect(screen.getByTestId('intent-row-pay_alip0001').textContent).toContain('已支付');
    expect(screen.getByTestId('intent-row-pay_alip0001').textContent).toContain('沙箱');
    expect(screen.getByTestId('record-transfer-pay_bank0001')).toBeTruthy();
    expect(screen.queryByTestId('record-transfer-pay_alip0001')).toBeNull();
    fireEvent.click(screen.getByTestId('record-transfer-pay_bank0001'));
    await waitFor(() => expect(screen.getByText('登记银行转账')).toBeTruthy());
  });

  it('approves a refund waiting for approval with an Idempotency-Key', async () => {
    seedStaffMe({ roles: ['finance'], permissions: ['payments.read', 'payments.refund.approve'] });
    let approved = false;
    const calls = mockApi({
      'GET /payments/staff/intents': () => ({ body: { items: [], nextCursor: null } }),
      'GET /payments/staff/refunds': () => ({
        body: { items: [refund('rfd_1', approved ? 'processing' : 'pending_approval')], nextCursor: null },
      }),
      'POST /payments/staff/refunds/rfd_1/approve': () => {
        approved = true;
        return { body: refund('rfd_1', 'processing') };
      },
    });
    renderInApp(<PaymentsPage canManage={false} canApprove />, { route: '/console/payments' });
    fireEvent.click(await screen.findByText('退款'));
    await waitFor(() => expect(screen.getByTestId('refund-row-rfd_1').textContent).toContain('待审批'));
    fireEvent.click(screen.getByTestId('refund-approve-rfd_1'));
    await waitFor(() => expect(screen.getByTestId('refund-row-rfd_1').textContent).toContain('退款中'));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/payments/staff/refunds/rfd_1/approve');
    expect(post).toBeDefined();
  });
});

describe('console reconciliation', () => {
  it('shows runs with their differences and a CSV link', async () => {
    seedStaffMe({ roles: ['finance'], permissions: ['payments.read', 'payments.manage'] });
    const run: TReconRun = {
      id: 'rcn_1',
      provider: 'wechat_pay',
      day: '2026-11-20',
      status: 'mismatched',
      statementLines: 12,
      matchedLines: 11,
      mismatchCount: 1,
      error: null,
      startedBy: null,
      startedAt: '2026-11-20T18:00:05.000Z',
      finishedAt: '2026-11-20T18:00:07.000Z',
    };
    mockApi({ 'GET /payments/staff/reconciliation/runs': () => ({ body: { items: [run] } }) });
    renderInApp(<ReconciliationPage canManage />, { route: '/console/payments/reconciliation' });
    const row = await screen.findByTestId('recon-row-rcn_1');
    expect(row.textContent).toContain('微信支付');
    expect(row.textContent).toContain('有差异');
    expect(within(row).getByTestId('recon-csv-rcn_1').getAttribute('href')).toBe(
      '/api/v1/payments/staff/reconciliation/runs/rcn_1/mismatches.csv',
    );
    expect(screen.getByTestId('recon-run-now')).toBeTruthy();
  });
});
