// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TPurchaseContract } from '../hooks/contracts.js';
import { mockApi, renderInApp, setupAppTests } from '../testing.js';
import { ContractPanel } from './ContractPanel.js';

setupAppTests();

const SHA = 'f3a1c9d2e4b5a6978812ab34cd56ef7890a1b2c3d4e5f60718293a4b5c6d7e8f';
const CONSENT = '本人已完整阅读并理解本《汽车买卖合同》的全部条款，同意以电子签名方式签署本合同。';

const contract = (over: Partial<TPurchaseContract> = {}): TPurchaseContract => ({
  id: 'pct_1',
  number: 'HT20261121-000123-01',
  orderId: 'ord_1',
  orderNumber: 'AY20261121-000123',
  buyerUserId: 'cus_1',
  dealerId: 'dlr_demo_bj_byd',
  storeId: null,
  status: 'awaiting_buyer',
  nextSigner: 'buyer',
  templateVersion: 1,
  title: '汽车买卖合同',
  buyerName: '张伟',
  sellerName: '北京比亚迪汽车销售服务有限公司',
  vehicleDescription: '比亚迪 汉 EV 2026款 荣耀版',
  totalFen: 19_125_000,
  sha256: SHA,
  pdfBytes: 180_000,
  pdfUrl: '/api/v1/contracts/pct_1/pdf',
  consentText: CONSENT,
  signatures: [],
  issuedAt: '2026-11-21T02:00:00.000Z',
  signedAt: null,
  voidedAt: null,
  ...over,
});

describe('contract panel', () => {
  it('lets the buyer sign only after ticking the quoted consent, sending the hash shown', async () => {
    const calls = mockApi({
      'GET /contracts/pct_1': () => ({ body: contract() }),
      'POST /contracts/pct_1/sign': () => ({
        body: contract({
          status: 'awaiting_dealer',
          nextSigner: 'dealer',
          signatures: [
            {
              party: 'buyer',
              signerName: '张伟',
              signedAt: '2026-11-21T03:00:00.000Z',
              documentSha256: SHA,
              consentText: CONSENT,
            },
          ],
        }),
      }),
    });
    renderInApp(<ContractPanel contractId="pct_1" audience="buyer" />);
    const area = await screen.findByTestId('contract-sign-area');
    expect(area.textContent).toContain(`「${CONSENT}」`);
    expect(screen.getByTestId('contract-consent')).toHaveProperty('checked', false);
    expect(screen.getByTestId('contract-status').textContent).toBe('待买方签署');
    expect(screen.getByTestId('contract-download').getAttribute('href')).toBe(
      '/api/v1/contracts/pct_1/pdf?disposition=attachment',
    );
    expect(screen.queryByTestId('contract-preview')).toBeNull();
    const button = screen.getByTestId('contract-sign');
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox'));
    expect(button).toHaveProperty('disabled', false);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('contract-status').textContent).toBe('待经销商签署'));
    const post = calls.find((c) => c.method === 'POST');
    expect(JSON.parse(String(post?.body))).toEqual({ documentSha256: SHA, consent: true });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
    expect(screen.getByTestId('contract-signature-buyer').textContent).toContain('买受人 张伟');
    expect(screen.queryByTestId('contract-sign')).toBeNull();
  });

  it('offers staff no signature while the buyer has not signed', async () => {
    mockApi({ 'GET /contracts/pct_1': () => ({ body: contract() }) });
    renderInApp(<ContractPanel contractId="pct_1" audience="staff" canSign />);
    expect(await screen.findByText('等待买方先签署合同。')).toBeTruthy();
    expect(screen.queryByTestId('contract-sign')).toBeNull();
  });
});
