// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrderAftersales } from '../../storefront/orders/OrderAftersales.js';
import type {
  TPlateService,
  TReinspection,
  TTitleTransfer,
  TWarrantyClaim,
} from '../hooks/fulfilment-aftersales.js';
import type { TOrder } from '../hooks/orders.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { AftersalesBoard } from './AftersalesBoard.js';

// The after-sales panels of the buyer's order page and the staff board, against a fake API.

setupAppTests();

const order = (over: Partial<TOrder>) =>
  ({ id: 'ord_1', status: 'delivered', listingKind: 'new', ...over }) as TOrder;

const CLAIM: TWarrantyClaim = {
  id: 'wcl_1',
  orderId: 'ord_1',
  orderNumber: 'AY2026120800001',
  dealerId: 'dlr_1',
  vehicleTitle: '比亚迪 汉 2025款 EV',
  vin: 'LGXCE4CB0S0000001',
  defect: 'brake_failure',
  description: '高速行驶时刹车踏板变软',
  mileageKm: 1_200,
  photos: ['/media/claims/1.jpg'],
  deliveredAt: '2026-12-08T02:00:00.000Z',
  rule: 'serious_defect_window',
  eligible: true,
  windowEndsAt: '2027-02-06T16:00:00.000Z',
  windowKm: 3_000,
  decisionDueAt: '2026-12-20T02:00:00.000Z',
  overdue: true,
  status: 'submitted',
  decision: null,
  decisionReason: null,
  refundFen: null,
  replacementUnitId: null,
  replacementVin: null,
  replacementAllocatedAt: null,
  decidedAt: null,
  createdAt: '2026-12-10T02:00:00.000Z',
};

const PLATE: TPlateService = {
  id: 'pls_1',
  orderId: 'ord_1',
  orderNumber: 'AY2026120800001',
  dealerId: 'dlr_1',
  vehicleTitle: '比亚迪 汉 2025款 EV',
  cityCode: '110100',
  feeFen: 80_000,
  prepaid: false,
  quotaKind: 'lottery',
  quotaCertificateNo: null,
  status: 'awaiting_quota',
  paymentIntentId: 'pay_1',
  payUrl: null,
  paidAt: '2026-12-08T03:00:00.000Z',
  plateNumber: null,
  issuedAt: null,
  createdAt: '2026-12-08T02:30:00.000Z',
  updatedAt: '2026-12-08T03:00:00.000Z',
};

const REINSPECTION: TReinspection = {
  id: 'rin_1',
  orderId: 'ord_2',
  orderNumber: 'AY2026120800002',
  dealerId: 'dlr_1',
  status: 'awaiting_buyer',
  items: [],
  differences: [
    {
      code: 'B04',
      section: 'body_exterior',
      name: '左前门',
      listed: 'ok',
      found: 'moderate',
      note: '新增凹陷',
      photoUrls: [],
      differs: true,
    },
  ],
  inspector: '李质检',
  inspectedAt: '2026-12-08T02:00:00.000Z',
  buyerDecidedAt: null,
  disputeReason: null,
  outcome: null,
  refundFen: null,
  resolutionNote: null,
  resolvedAt: null,
};

const TITLE: TTitleTransfer = {
  id: 'ttr_1',
  orderId: 'ord_2',
  orderNumber: 'AY2026120800002',
  dealerId: 'dlr_1',
  vehicleTitle: '大众 帕萨特 2019款',
  vin: null,
  status: 'open',
  sellerDocumentsAt: '2026-12-08T02:00:00.000Z',
  buyerDocumentsAt: null,
  appointmentAt: null,
  appointmentOffice: null,
  certificatePhotoUrl: null,
  completedOn: null,
  emission: {
    destinationCityCode: '110100',
    destinationCityName: '北京',
    required: 'china_6',
    actual: 'china_5',
    source: 'staff',
    outcome: 'blocked',
    ruleEffectiveFrom: '2023-07-01',
    message: '北京要求迁入二手车达到国六及以上，本车为国五，无法迁入北京',
  },
  missing: ['buyer_documents', 'emission_check', 'appointment', 'new_certificate', 'completed_on'],
  completedAt: null,
  createdAt: '2026-12-08T02:00:00.000Z',
  updatedAt: '2026-12-08T02:00:00.000Z',
};

describe('buyer after-sales panels', () => {
  it('shows a delivered new car’s 三包 claims and its plate service waiting for the Beijing quota', async () => {
    mockApi({
      'GET /fulfilment/warranty/orders/ord_1/claims': () => ({ body: { items: [CLAIM] } }),
      'GET /fulfilment/aftersales/orders/ord_1/plate-service': () => ({ body: PLATE }),
    });
    renderInApp(<OrderAftersales orderId="ord_1" order={order({})} />);
    const claim = await screen.findByTestId('claim-item');
    expect(claim.textContent).toContain('制动系统失效');
    expect(claim.textContent).toContain('符合换车/退车条件');
    expect((await screen.findByTestId('plate-service-status')).textContent).toBe('待登记指标');
    expect(screen.getByTestId('plate-quota-input')).toBeTruthy();
    expect(screen.queryByTestId('order-title-transfer')).toBeNull();
  });

  it('lists a used car’s re-inspection differences for the buyer to accept, and the blocked emission check', async () => {
    const calls = mockApi({
      'GET /fulfilment/aftersales/orders/ord_2/reinspection': () => ({ body: REINSPECTION }),
      'GET /fulfilment/aftersales/orders/ord_2/title-transfer': () => ({ body: TITLE }),
      'POST /fulfilment/aftersales/orders/ord_2/reinspection/accept': () => ({
        body: { ...REINSPECTION, status: 'accepted' },
      }),
    });
    renderInApp(
      <OrderAftersales
        orderId="ord_2"
        order={order({ id: 'ord_2', status: 'delivery_scheduled', listingKind: 'used' })}
      />,
    );
    const panel = await screen.findByTestId('order-reinspection');
    await waitFor(() => expect(within(panel).getByText('左前门')).toBeTruthy());
    expect((await screen.findByTestId('title-transfer-emission')).textContent).toContain('无法迁入北京');
    fireEvent.click(screen.getByTestId('reinspection-accept'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/reinspection/accept'))).toBe(true),
    );
    // No 三包 for a used car; the plate service is offered once paid.
    expect(screen.queryByTestId('order-claims')).toBeNull();
    expect(await screen.findByTestId('plate-service-order')).toBeTruthy();
  });
});

describe('staff after-sales board', () => {
  it('shows the claims queue with an overdue deadline for customer service', async () => {
    seedStaffMe({
      roles: ['customer_service'],
      permissions: ['fulfilment.claims.read', 'fulfilment.claims.decide'],
    });
    mockApi({ 'GET /fulfilment/warranty/claims': () => ({ body: { items: [CLAIM], nextCursor: null } }) });
    renderInApp(<AftersalesBoard />);
    const queue = await screen.findByTestId('claims-queue');
    await waitFor(() => expect(within(queue).getByText('AY2026120800001')).toBeTruthy());
    expect(queue.textContent).toContain('已超期');
    expect(queue.textContent).toContain('60日/3000公里内严重故障');
    expect(screen.queryByText('过户看板')).toBeNull();
  });
});
