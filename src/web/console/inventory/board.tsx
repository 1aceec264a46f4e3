import './i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TStockSummaryCell,
  TTurnoverLine,
} from '../../../server/modules/inventory/inventory.contract.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import {
  type TAccessoryStock,
  type TStockSummary,
  useAccessoryStock,
  useAdjustAccessoryStock,
  useStockLocations,
  useStockSummary,
  useTurnover,
} from '../../shared/hooks/inventory.js';

// The stock board's panels, shared by the console (/console/inventory) and the dealer portal (/dealer/stock):
// the server scopes every answer to the caller (dealer staff see their dealer's stock only).

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export const trimLabel = (t: { brandName: string; seriesName: string; name: string }) =>
  [t.brandName, t.seriesName, t.name].filter(Boolean).join(' ');

export const ALERT_FILTERS = ['aged60', 'aged90', 'low'] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

/** Counts of aged and low stock, each a link to the filtered list (on the vehicles tab). */
export function AlertsPanel({
  summary,
  onPick,
}: {
  summary: TStockSummary | undefined;
  onPick: (tab: 'units' | 'accessories' | 'suggestions', alert?: AlertFilter) => void;
}) {
  const { t } = useTranslation('consoleInventory');
  const a = summary?.alerts;
  const item = (key: string, value: number | undefined, title: string, go: () => void, danger = false) => (
    <Col xs={12} md={8} lg={4} key={key}>
      <Card size="small" hoverable onClick={go} data-testid={`inventory-alert-${key}`}>
        <Statistic
          title={title}
          value={value ?? '-'}
          styles={danger && (value ?? 0) > 0 ? { content: { color: '#cf1322' } } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="inventory-alerts">
      {item('aged60', a?.aged60, t('alerts.aged60'), () => onPick('units', 'aged60'), true)}
      {item('aged90', a?.aged90, t('alerts.aged90'), () => onPick('units', 'aged90'), true)}
      {item(
        'low',
        a?.lowStock,
        t('alerts.lowStock', { threshold: a?.lowStockThreshold ?? 2 }),
        () => onPick('units', 'low'),
        true,
      )}
      {item('lowAccessories', a?.lowAccessories, t('alerts.lowAccessories'), () => onPick('accessories'))}
      {item('openSuggestions', a?.openSuggestions, t('alerts.openSuggestions'), () => onPick('suggestions'))}
    </Row>
  );
}

/** Stock per store and trim: in transit, available, reserved, aged counts, the oldest car, low flag. */
export function SummaryTable({
  summary,
  loading,
  error,
  alert,
  onClearAlert,
}: {
  summary: TStockSummary | undefined;
  loading: boolean;
  error: unknown;
  alert: AlertFilter | undefined;
  onClearAlert: () => void;
}) {
  const { t } = useTranslation('consoleInventory');
  const rows = (summary?.cells ?? []).filter((c) =>
    alert === 'aged60' ? c.aged60 > 0 : alert === 'aged90' ? c.aged90 > 0 : alert === 'low' ? c.low : true,
  );
  return (
    <DataTable<TStockSummaryCell>
      testId="stock-summary"
      urlKey="sum_"
      size="small"
      rows={rows}
      loading={loading}
      error={error}
      rowKey={(r) => `${r.location.id}:${r.trim.id}`}
      rowTestId={(r) => `summary-row-${r.location.id}-${r.trim.id}`}
      exportName="stock-summary"
      toolbar={
        alert ? (
          <Tag closable color="red" onClose={onClearAlert} data-testid="summary-alert-filter">
            {alert === 'low' ? t('summary.low') : t(`alerts.${alert}`)}
          </Tag>
        ) : undefined
      }
      columns={[
        { key: 'store', title: t('store'), value: (r) => r.location.name, width: 180, sortable: true },
        { key: 'trim', title: t('trim'), kind: 'title', value: (r) => trimLabel(r.trim), sortable: true },
        {
          key: 'inTransit',
          title: t('summary.inTransit'),
          kind: 'number',
          value: (r) => r.inTransit,
          sortable: true,
        },
        {
          key: 'available',
          title: t('summary.available'),
          kind: 'number',
          value: (r) => r.available,
          sortable: true,
          render: (r) => (
            <Space size={4}>
              {r.available}
              {r.low ? <Tag color="volcano">{t('summary.low')}</Tag> : null}
            </Space>
          ),
        },
        { key: 'reserved', title: t('summary.reserved'), kind: 'number', value: (r) => r.reserved },
        {
          key: 'maxDays',
          title: t('summary.maxDays'),
          kind: 'number',
          value: (r) => (r.maxDaysInStock === null ? '' : t('days', { count: r.maxDaysInStock })),
          sortValue: (r) => r.maxDaysInStock ?? -1,
          sortable: true,
          render: (r) => (
            <Space size={4}>
              {r.maxDaysInStock === null ? '-' : t('days', { count: r.maxDaysInStock })}
              {r.aged90 > 0 ? (
                <Tag color="red">
                  {t('aged.90')} × {r.aged90}
                </Tag>
              ) : r.aged60 > 0 ? (
                <Tag color="orange">
                  {t('aged.60')} × {r.aged60}
                </Tag>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

function locationOptions(items: { id: string; name: string }[] | undefined) {
  return (items ?? []).map((l) => ({ value: l.id, label: l.name }));
}

/** Accessory stock per location and SKU, with a receipt/count dialog for those who manage stock. */
export function AccessoryPanel({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation('consoleInventory');
  const { message } = App.useApp();
  const [f, setF] = useUrlFilters(['locationId', 'sku'] as const, 'acc_');
  const list = useAccessoryStock({ locationId: f.locationId, sku: f.sku });
  const locations = useStockLocations();
  const adjust = useAdjustAccessoryStock();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{
    locationId: string;
    sku: string;
    mode: 'delta' | 'onHand';
    quantity: number;
    reason: string;
  }>();
  const en = i18n.language === 'en';
  return (
    <>
      <DataTable<TAccessoryStock>
        testId="accessory-stock"
        urlKey="acc_"
        rows={list.data?.items}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        rowKey={(r) => `${r.location.id}:${r.variantId}`}
        rowTestId={(r) => `acc-row-${r.sku}`}
        exportName="accessory-stock"
        toolbar={
          <>
            <Select
              allowClear
              value={f.locationId}
              placeholder={t('acc.anyLocation')}
              aria-label={t('acc.location')}
              style={{ width: 220 }}
              options={locationOptions(locations.data?.items)}
              onChange={(locationId?: string) => setF({ locationId })}
            />
            <Input.Search
              allowClear
              defaultValue={f.sku}
              placeholder={t('acc.searchSku')}
              style={{ width: 200 }}
              onSearch={(sku) => setF({ sku: sku.trim() })}
            />
          </>
        }
        extra={
          canManage ? (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="acc-adjust-open">
              {t('acc.adjust')}
            </Button>
          ) : undefined
        }
        columns={[
          {
            key: 'location',
            title: t('acc.location'),
            value: (r) => r.location.name,
            width: 180,
            sortable: true,
          },
          { key: 'sku', title: t('acc.sku'), value: (r) => r.sku, width: 150, sortable: true },
          {
            key: 'product',
            title: t('acc.product'),
            kind: 'title',
            value: (r) =>
              `${(en ? r.productNameEn : null) ?? r.productName} ${Object.values(r.attributes).join(' / ')}`.trim(),
          },
          { key: 'onHand', title: t('acc.onHand'), kind: 'number', value: (r) => r.onHand, sortable: true },
          { key: 'reserved', title: t('acc.reserved'), kind: 'number', value: (r) => r.reserved },
          {
            key: 'available',
            title: t('acc.available'),
            kind: 'number',
            value: (r) => r.available,
            sortable: true,
            render: (r) => (
              <Typography.Text type={r.available < 5 ? 'danger' : undefined}>{r.available}</Typography.Text>
            ),
          },
          {
            key: 'updatedAt',
            title: t('enteredStockAt'),
            kind: 'time',
            value: (r) => formatTime(r.updatedAt),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('acc.adjust')}
        onCancel={() => setOpen(false)}
        confirmLoading={adjust.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mode: 'delta' }}
          onFinish={(v) =>
            adjust.mutate(
              {
                locationId: v.locationId,
                sku: v.sku.trim(),
                reason: v.reason,
                ...(v.mode === 'delta' ? { delta: v.quantity } : { onHand: v.quantity }),
              },
              {
                onSuccess: () => {
                  void message.success(t('acc.saved'));
                  setOpen(false);
                  form.resetFields();
                },
                onError: (e: Error) => void message.error(e.message),
              },
            )
          }
        >
          <Form.Item name="locationId" label={t('acc.location')} rules={[{ required: true }]}>
            <Select options={locationOptions(locations.data?.items)} data-testid="acc-adjust-location" />
          </Form.Item>
          <Form.Item name="sku" label={t('acc.sku')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="acc-adjust-sku" />
          </Form.Item>
          <Form.Item name="mode" label={t('acc.mode')}>
            <Radio.Group
              options={[
                { value: 'delta', label: t('acc.receipt') },
                { value: 'onHand', label: t('acc.count') },
              ]}
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('acc.delta')} rules={[{ required: true }]}>
            <InputNumber precision={0} min={-100_000} max={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('acc.reason')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TurnoverChart({ lines, label }: { lines: TTurnoverLine[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: lines.map((l) => l.name), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: label, data: lines.map((l) => l.turnover ?? 0), barMaxWidth: 36 }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [lines, label]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} role="img" aria-label={label} />;
}

/** Turnover per location and per brand for a period (default the last 90 days): table and bar chart. */
export function TurnoverPanel() {
  const { t } = useTranslation('consoleInventory');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const report = useTurnover(range);
  const r = report.data;
  const table = (lines: TTurnoverLine[] | undefined, testId: string) => (
    <DataTable<TTurnoverLine>
      testId={testId}
      urlKey={false}
      size="small"
      rows={lines}
      loading={report.isLoading}
      error={report.error}
      rowKey={(l) => l.id}
      exportName={testId}
      columns={[
        { key: 'name', title: t('turnover.name'), kind: 'title', value: (l) => l.name },
        { key: 'sold', title: t('turnover.sold'), kind: 'number', value: (l) => l.sold, sortable: true },
        { key: 'avg', title: t('turnover.averageOnHand'), kind: 'number', value: (l) => l.averageOnHand },
        {
          key: 'turnover',
          title: t('turnover.turnover'),
          kind: 'number',
          value: (l) => l.turnover ?? '-',
          sortValue: (l) => l.turnover ?? -1,
          sortable: true,
        },
        {
          key: 'days',
          title: t('turnover.daysOfStock'),
          kind: 'number',
          value: (l) => l.daysOfStock ?? '-',
          sortValue: (l) => l.daysOfStock ?? Number.MAX_SAFE_INTEGER,
          sortable: true,
        },
      ]}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <span>{t('turnover.period')}</span>
        <DatePicker.RangePicker
          onChange={(v) =>
            setRange(
              v?.[0] && v[1]
                ? { from: v[0].startOf('day').toISOString(), to: v[1].endOf('day').toISOString() }
                : {},
            )
          }
        />
        {r ? (
          <Typography.Text type="secondary" data-testid="turnover-period">
            {r.from.slice(0, 10)} ~ {r.to.slice(0, 10)}
          </Typography.Text>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t('turnover.definition')}</Typography.Paragraph>
      {r ? (
        <Alert
          type="info"
          data-testid="turnover-total"
          title={t('turnover.total', {
            sold: r.total.sold,
            avg: r.total.averageOnHand,
            turnover: r.total.turnover ?? '-',
          })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('turnover.byLocation')}>
            {r ? <TurnoverChart lines={r.byLocation} label={t('turnover.turnover')} /> : null}
            {table(r?.byLocation, 'turnover-locations')}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('turnover.byBrand')}>
            {r ? <TurnoverChart lines={r.byBrand} label={t('turnover.turnover')} /> : null}
            {table(r?.byBrand, 'turnover-brands')}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** Replenishment suggestions: accept (with the quantity ordered) or dismiss (with a reason). */
export function useSummaryWithAlert() {
  const summary = useStockSummary();
  const [f, setF] = useUrlFilters(['tab', 'alert'] as const);
  const alert = (ALERT_FILTERS as readonly string[]).includes(f.alert ?? '')
    ? (f.alert as AlertFilter)
    : undefined;
  return { summary, tab: f.tab, alert, setF };
}
