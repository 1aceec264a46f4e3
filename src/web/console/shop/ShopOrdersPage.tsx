import './i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  List,
  Select,
  Space,
  Statistic,
  Tag,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHOP_CARRIERS, SHOP_ORDER_STATUSES } from '../../../server/modules/shop/shop.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import {
  type TShopOrder,
  useBulkShip,
  useShippingRate,
  useStaffShopAction,
  useStaffShopOrder,
  useStaffShopOrders,
} from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { SHOP_STATUS_COLOURS } from '../../shared/shop/i18n.js';

// /console/shop: shop orders (filter, detail with the address), ship / pickup / deliver / cancel, receive a
// return (restock + refund), ship in bulk from a CSV of tracking numbers, and the 48 h shipping rate.

function RateCard() {
  const { t } = useTranslation('shopConsole');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const rate = useShippingRate(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  const r = rate.data;
  return (
    <Card
      size="small"
      title={t('rate')}
      data-testid="shop-rate"
      extra={
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={t('rateRange')}
        />
      }
    >
      <QueryState isLoading={rate.isLoading} error={rate.error}>
        {r ? (
          <Space size="large" wrap>
            <Statistic title={t('rate')} value={r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`} />
            <Statistic title={t('ratePaid')} value={r.paid} />
            <Statistic title={t('rateWithin')} value={r.shippedWithin48h} />
            <Statistic
              title={t('rateOverdue')}
              value={r.overdue}
              valueStyle={r.overdue > 0 ? { color: '#cf1322' } : undefined}
            />
            <Statistic title={t('ratePickupLate')} value={r.pickupLate} />
          </Space>
        ) : null}
      </QueryState>
    </Card>
  );
}

function BulkShip() {
  const { t } = useTranslation('shopConsole');
  const bulk = useBulkShip();
  const [error, setError] = useState<string | null>(null);
  const r = bulk.data;
  return (
    <Card size="small" title={t('bulkShip')}>
      <Alert type="info" message={t('bulkHelp')} style={{ marginBottom: 8 }} />
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          setError(null);
          try {
            onSuccess?.(await bulk.mutateAsync(file as File));
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
            onError?.(e as Error);
          }
        }}
      >
        <Button loading={bulk.isPending} data-testid="shop-bulk-upload">
          {t('bulkShip')}
        </Button>
      </Upload>
      {error ? <Alert type="error" message={error} style={{ marginTop: 8 }} /> : null}
      {r ? (
        <>
          <Alert
            type={r.failed > 0 ? 'warning' : 'success'}
            style={{ marginTop: 8 }}
            message={t('bulkResult', r)}
          />
          {r.failed > 0 ? (
            <DataTable
              rows={r.rows.filter((x) => !x.ok)}
              rowKey={(x) => String(x.row)}
              columns={[
                { key: 'row', title: t('row'), value: (x) => String(x.row), width: 70 },
                { key: 'orderNumber', title: t('orderNumber'), value: (x) => x.orderNumber },
                { key: 'code', title: t('code'), value: (x) => x.code ?? '' },
                { key: 'message', title: t('message'), value: (x) => x.message ?? '' },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

function OrderDrawer({
  id,
  onClose,
  canManage,
}: {
  id: string | null;
  onClose: () => void;
  canManage: boolean;
}) {
  const { t } = useTranslation('shopConsole');
  const { t: ts } = useTranslation('shop');
  const { message } = App.useApp();
  const one = useStaffShopOrder(id);
  const act = useStaffShopAction(id ?? '');
  const [carrier, setCarrier] = useState<(typeof SHOP_CARRIERS)[number]>('sf');
  const [trackingNo, setTrackingNo] = useState('');
  const o = one.data;
  const run = (v: Parameters<typeof act.mutate>[0]) =>
    act.mutate(v, {
      onSuccess: () => {
        void message.success(t('done'));
        void one.refetch();
      },
      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
    });
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={o ? `${t('detail')} ${o.orderNumber}` : t('detail')}
    >
      <QueryState isLoading={one.isLoading} error={one.error}>
        {o ? (
          <div data-testid="shop-staff-order">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('status')}>
                <Tag color={SHOP_STATUS_COLOURS[o.status]}>{ts(`statuses.${o.status}`)}</Tag>
                {o.pickupLate ? <Tag color="red">{t('pickupLate')}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('address')}>
                {o.address
                  ? `${o.address.recipient} ${o.address.phone} ${o.address.province}${o.address.city}${o.address.district}${o.address.detail}`
                  : `${o.province}${o.city}${o.district}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('total')}>
                {formatFenPlain(o.totalFen)}（{ts('shipping')} {formatFenPlain(o.shippingFen)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('paidAt')}>{formatTime(o.paidAt)}</Descriptions.Item>
              <Descriptions.Item label={t('shippedAt')}>
                {formatTime(o.shippedAt)}{' '}
                {o.trackingNo ? `${ts(`carriers.${o.carrier ?? 'sf'}`)} ${o.trackingNo}` : ''}
              </Descriptions.Item>
              {o.returnRequestedAt ? (
                <Descriptions.Item label={t('returnLines')}>
                  {o.lines
                    .filter((l) => l.returnQuantity > 0)
                    .map((l) => `${l.title} × ${l.returnQuantity}`)
                    .join('、')}
                  {o.returnReason ? `（${o.returnReason}）` : ''} {o.returnTrackingNo ?? ''}
                </Descriptions.Item>
              ) : null}
              {o.refundFen > 0 ? (
                <Descriptions.Item label={ts('refund')}>{formatFenPlain(o.refundFen)}</Descriptions.Item>
              ) : null}
            </Descriptions>
            <List
              size="small"
              header={t('items')}
              dataSource={o.lines}
              renderItem={(l) => (
                <List.Item key={l.id}>
                  {l.sku} {l.title} {Object.values(l.attributes).join(' / ')} × {l.quantity}
                </List.Item>
              )}
            />
            {canManage ? (
              <Space wrap style={{ marginTop: 12 }}>
                {o.status === 'paid' ? (
                  <Space.Compact>
                    <Select
                      value={carrier}
                      onChange={setCarrier}
                      style={{ width: 120 }}
                      options={SHOP_CARRIERS.map((c) => ({ value: c, label: ts(`carriers.${c}`) }))}
                    />
                    <Input
                      placeholder={t('trackingNo')}
                      value={trackingNo}
                      onChange={(e) => setTrackingNo(e.target.value)}
                      data-testid="shop-tracking-no"
                    />
                    <Button
                      type="primary"
                      onClick={() => run({ action: 'ship', body: { carrier, trackingNo } })}
                      data-testid="shop-ship"
                    >
                      {t('ship')}
                    </Button>
                  </Space.Compact>
                ) : null}
                {o.status === 'shipped' && !o.pickedUpAt ? (
                  <Button onClick={() => run({ action: 'pickup' })}>{t('pickup')}</Button>
                ) : null}
                {o.status === 'shipped' ? (
                  <Button onClick={() => run({ action: 'deliver' })} data-testid="shop-deliver">
                    {t('deliver')}
                  </Button>
                ) : null}
                {o.status === 'returning' ? (
                  <Button
                    type="primary"
                    onClick={() => run({ action: 'receive-return' })}
                    data-testid="shop-receive-return"
                  >
                    {t('receiveReturn')}
                  </Button>
                ) : null}
                {o.status === 'pending_payment' || o.status === 'paid' ? (
                  <Button danger onClick={() => run({ action: 'cancel', body: {} })}>
                    {t('cancel')}
                  </Button>
                ) : null}
              </Space>
            ) : null}
          </div>
        ) : null}
      </QueryState>
    </Drawer>
  );
}

export function ShopOrdersPage({
  canManage,
  defaultStatus,
}: {
  canManage: boolean;
  /** The dealer portal's returns page opens on the orders being returned. */
  defaultStatus?: string;
}) {
  const { t } = useTranslation('shopConsole');
  const { t: ts } = useTranslation('shop');
  const [status, setStatus] = useState<string | undefined>(defaultStatus);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useStaffShopOrders({ status, q: q || undefined });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="shop-orders">
      <RateCard />
      {canManage ? <BulkShip /> : null}
      <Card
        title={t('orders')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('allStatuses')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={SHOP_ORDER_STATUSES.map((s) => ({ value: s, label: ts(`statuses.${s}`) }))}
            />
            <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ width: 220 }} />
          </Space>
        }
      >
        <DataTable<TShopOrder>
          testId="shop-order-table"
          rows={list.data?.items ?? []}
          rowKey={(r) => r.id}
          loading={list.isLoading}
          error={list.error}
          onRetry={() => void list.refetch()}
          exportName="shop-orders"
          columns={[
            {
              key: 'orderNumber',
              title: t('orderNumber'),
              kind: 'title',
              value: (r) => r.orderNumber,
              render: (r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r.id)}>
                  {r.orderNumber}
                </Button>
              ),
            },
            {
              key: 'items',
              title: t('items'),
              value: (r) => r.lines.map((l) => `${l.title}×${l.quantity}`).join('、'),
            },
            {
              key: 'total',
              title: t('total'),
              kind: 'money',
              value: (r) => formatFenPlain(r.totalFen),
              sortValue: (r) => r.totalFen,
              sortable: true,
            },
            {
              key: 'status',
              title: t('status'),
              kind: 'tag',
              value: (r) => ts(`statuses.${r.status}`) + (r.pickupLate ? ` · ${t('pickupLate')}` : ''),
              color: (r) => (r.pickupLate ? 'red' : SHOP_STATUS_COLOURS[r.status]),
            },
            {
              key: 'paidAt',
              title: t('paidAt'),
              kind: 'time',
              value: (r) => formatTime(r.paidAt),
              sortValue: (r) => r.paidAt,
              sortable: true,
            },
            { key: 'shippedAt', title: t('shippedAt'), kind: 'time', value: (r) => formatTime(r.shippedAt) },
          ]}
        />
      </Card>
      <OrderDrawer id={open} onClose={() => setOpen(null)} canManage={canManage} />
    </Space>
  );
}
