import './i18n.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PAYMENT_PROVIDERS,
  type PaymentIntentStatus,
  type PaymentProvider,
} from '../../../server/modules/payments/payments.enums.js';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { orderKeys, type TOrder } from '../../shared/hooks/orders.js';
import {
  payingDevice,
  type TPaymentIntent,
  useOrderPayments,
  usePayOrder,
} from '../../shared/hooks/payments.js';
import { useSiteInfo } from '../../shared/hooks/platform.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { companyName } from '../pages/SitePages.js';

// The payment area of a buyer's order page: the order's payment intents, and when the order asks for money
// now (the deposit while `created`, the balance once the contract is signed) the provider choice and the
// button that opens an intent and goes to the provider's page. A bank transfer has no page: the buyer gets
// the transfer instructions and finance records the money when it arrives.

const STATUS_COLOURS: Record<PaymentIntentStatus, string> = {
  pending: 'orange',
  succeeded: 'green',
  failed: 'red',
  expired: 'default',
  refunding: 'purple',
  partially_refunded: 'purple',
  refunded: 'default',
};

/**
 * Where the browser goes to pay. The sandbox page is served by this site, so it is opened on the origin the
 * buyer is on (the configured public URL may name another host, which would lose the session on the way
 * back) with a link back to the order; a real provider's page is used as the gateway gave it.
 */
export function payPageUrl(intent: TPaymentIntent): string | null {
  if (!intent.payUrl) return null;
  if (!intent.sandbox) return intent.payUrl;
  const url = new URL(intent.payUrl, window.location.origin);
  const local = new URL(`${url.pathname}${url.search}`, window.location.origin);
  local.searchParams.set('returnTo', `/account/orders/${intent.orderId}`);
  return local.toString();
}

/** The order asks for money now and nothing (a risk review) holds the payment back. */
function payableNow(order: TOrder): boolean {
  return (
    order.amountDueNowFen > 0 &&
    (order.status === 'created' || order.status === 'contract_signed') &&
    order.riskReview !== 'pending'
  );
}

function TransferInstructions({ order }: { order: TOrder }) {
  const { t, i18n } = useTranslation('storefrontOrders');
  const site = useSiteInfo().data;
  const contact = [site?.contactPhone, site?.contactEmail].filter(Boolean).join(' / ');
  return (
    <Alert
      type="info"
      showIcon
      data-testid="order-pay-transfer"
      title={t('pay.transferTitle')}
      description={t('pay.transfer', {
        payee: companyName(site, i18n.language) ?? t('pay.platform'),
        amount: formatFenPlain(order.amountDueNowFen),
        orderNumber: order.orderNumber,
        contact: contact ? `（${contact}）` : '',
      })}
    />
  );
}

export function OrderPayments({ orderId, order }: { orderId: string; order: TOrder }) {
  const { t } = useTranslation('storefrontOrders');
  const qc = useQueryClient();
  const payments = useOrderPayments(orderId);
  const pay = usePayOrder(orderId);
  const [provider, setProvider] = useState<PaymentProvider>('alipay');
  const [transfer, setTransfer] = useState(false);
  const items = payments.data?.items ?? [];
  const pending = items.some((i) => i.status === 'pending');
  const transferPending = items.some((i) => i.status === 'pending' && i.provider === 'bank_transfer');

  // A payment that settled moves the order on (status, amount due): ask for the order again at once.
  const succeeded = items.filter((i) => i.status === 'succeeded').length;
  const seen = useRef(succeeded);
  useEffect(() => {
    if (succeeded !== seen.current) {
      seen.current = succeeded;
      void qc.invalidateQueries({ queryKey: orderKeys.mineOne(orderId) });
    }
  }, [succeeded, orderId, qc]);

  const onPay = () =>
    pay.mutate(
      { body: { provider, device: payingDevice() }, key: crypto.randomUUID() },
      {
        onSuccess: (intent) => {
          const url = payPageUrl(intent);
          if (url) window.location.assign(url);
          else setTransfer(true);
        },
      },
    );

  return (
    <Card size="small" title={t('pay.title')} data-testid="order-payments">
      {order.riskReview === 'pending' ? (
        <Alert type="warning" showIcon title={t('pay.riskPending')} data-testid="order-pay-risk" />
      ) : null}
      {payableNow(order) ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="order-pay">
          <Typography.Text strong>
            {t('pay.due', {
              amount: formatFenPlain(order.amountDueNowFen),
              purpose: t(`pay.purposes.${order.status === 'created' ? 'deposit' : 'balance'}`),
            })}
          </Typography.Text>
          <Space wrap>
            <Typography.Text>{t('pay.choose')}</Typography.Text>
            <Radio.Group
              value={provider}
              onChange={(e) => setProvider(e.target.value as PaymentProvider)}
              options={PAYMENT_PROVIDERS.map((p) => ({ value: p, label: t(`pay.providers.${p}`) }))}
              data-testid="order-pay-provider"
            />
          </Space>
          <Button type="primary" loading={pay.isPending} onClick={onPay} data-testid="order-pay-go">
            {t('pay.go')}
          </Button>
          {pay.error ? (
            <Alert
              type="error"
              showIcon
              title={t('pay.failed')}
              description={pay.error instanceof ApiError ? pay.error.message : String(pay.error)}
            />
          ) : null}
        </Space>
      ) : null}
      {transfer || transferPending ? <TransferInstructions order={order} /> : null}
      {pending && !transferPending ? (
        <Typography.Paragraph type="secondary">{t('pay.pendingNote')}</Typography.Paragraph>
      ) : null}
      <QueryState
        isLoading={payments.isLoading}
        error={payments.error}
        onRetry={() => void payments.refetch()}
      >
        <Table<TPaymentIntent>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          locale={{ emptyText: t('pay.none') }}
          data-testid="order-payments-table"
          style={{ marginTop: 8 }}
          columns={[
            { title: t('pay.purpose'), dataIndex: 'purpose', render: (p: string) => t(`pay.purposes.${p}`) },
            {
              title: t('pay.provider'),
              dataIndex: 'provider',
              render: (p: string) => t(`pay.providers.${p}`),
            },
            { title: t('pay.amount'), dataIndex: 'amountFen', render: (f: number) => formatFenPlain(f) },
            {
              title: t('pay.status'),
              dataIndex: 'status',
              render: (s: PaymentIntentStatus) => (
                <Tag color={STATUS_COLOURS[s]} data-testid="order-payment-status">
                  {t(`pay.statuses.${s}`)}
                </Tag>
              ),
            },
            {
              title: t('pay.time'),
              key: 'time',
              render: (_: unknown, i: TPaymentIntent) => formatTime(i.succeededAt ?? i.createdAt),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
