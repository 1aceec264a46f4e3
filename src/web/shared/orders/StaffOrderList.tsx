import './i18n.js';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ORDER_STATUSES,
  type OrderStatus,
  RISK_REVIEWS,
  type RiskReview,
} from '../../../server/modules/orders/orders.enums.js';
import { DataTable, useUrlFilters } from '../components/DataTable.js';
import { formatTime } from '../format.js';
import {
  ordersExportUrl,
  type StaffOrderFilter,
  type TOrderSummary,
  useStaffOrders,
} from '../hooks/orders.js';
import { ORDER_STATUS_COLOURS } from './i18n.js';
import { formatFenPlain } from './money.js';

// Staff's order list (console: all orders; dealer portal: the server scopes it to the dealer): filters and
// search in the URL, the server's CSV export of the same filters.

const FILTERS = ['status', 'riskReview', 'q', 'from', 'to'] as const;
const isStatus = (v?: string): v is OrderStatus =>
  v !== undefined && (ORDER_STATUSES as readonly string[]).includes(v);
const isRisk = (v?: string): v is RiskReview =>
  v !== undefined && (RISK_REVIEWS as readonly string[]).includes(v);

export function StaffOrderList({ basePath }: { basePath: string }) {
  const { t } = useTranslation('orders');
  const [f, setF] = useUrlFilters(FILTERS);
  const filter: StaffOrderFilter = {
    status: isStatus(f.status) ? f.status : undefined,
    riskReview: isRisk(f.riskReview) ? f.riskReview : undefined,
    q: f.q || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
  const list = useStaffOrders(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('title')} data-testid="orders-page">
      <Typography.Paragraph type="secondary">{t('staff.subtitle')}</Typography.Paragraph>
      <DataTable<TOrderSummary>
        testId="orders-table"
        rows={items}
        rowKey={(r) => r.id}
        rowTestId={(r) => `order-row-${r.id}`}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        toolbar={
          <>
            <Input.Search
              allowClear
              defaultValue={f.q}
              placeholder={t('staff.search')}
              aria-label={t('staff.search')}
              style={{ width: 240 }}
              onSearch={(q) => setF({ q: q.trim() || undefined })}
              data-testid="orders-search"
            />
            <Select
              allowClear
              value={f.status}
              placeholder={t('staff.anyStatus')}
              aria-label={t('field.status')}
              style={{ width: 140 }}
              options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              onChange={(status?: string) => setF({ status })}
              data-testid="orders-filter-status"
            />
            <Select
              allowClear
              value={f.riskReview}
              placeholder={t('staff.anyRisk')}
              aria-label={t('field.risk')}
              style={{ width: 150 }}
              options={RISK_REVIEWS.map((s) => ({ value: s, label: t(`risk.${s}`) }))}
              onChange={(riskReview?: string) => setF({ riskReview })}
            />
            <DatePicker.RangePicker
              value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
              placeholder={[t('staff.from'), t('staff.to')]}
              onChange={(r) =>
                setF({
                  from: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
                  to: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
                })
              }
            />
            <Button icon={<DownloadOutlined />} href={ordersExportUrl(filter)} data-testid="orders-export">
              {t('staff.exportCsv')}
            </Button>
          </>
        }
        columns={[
          {
            key: 'orderNumber',
            title: t('field.orderNumber'),
            value: (r) => r.orderNumber,
            width: 190,
            render: (r) => <Link to={`${basePath}/${r.id}`}>{r.orderNumber}</Link>,
          },
          { key: 'vehicle', title: t('field.vehicle'), kind: 'title', value: (r) => r.vehicleTitle },
          { key: 'colour', title: t('field.colour'), value: (r) => r.colour ?? '', width: 90 },
          {
            key: 'buyer',
            title: t('field.buyer'),
            value: (r) => `${r.buyerName} ${r.buyerPhoneMasked}`,
            width: 170,
          },
          {
            key: 'status',
            title: t('field.status'),
            kind: 'tag',
            value: (r) => t(`statuses.${r.status}`),
            color: (r) => ORDER_STATUS_COLOURS[r.status] ?? 'default',
          },
          {
            key: 'risk',
            title: t('field.risk'),
            kind: 'tag',
            value: (r) => (r.riskReview === 'none' ? '' : t(`risk.${r.riskReview}`)),
            color: (r) => (r.riskReview === 'pending' ? 'red' : 'default'),
          },
          {
            key: 'total',
            title: t('field.total'),
            kind: 'number',
            value: (r) => formatFenPlain(r.totalDueFen),
          },
          { key: 'paid', title: t('field.paid'), kind: 'number', value: (r) => formatFenPlain(r.paidFen) },
          {
            key: 'createdAt',
            title: t('field.createdAt'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortValue: (r) => r.createdAt,
          },
        ]}
      />
    </Card>
  );
}
