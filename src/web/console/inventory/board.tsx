import './i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
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
  Upload,
} from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TInventoryImportRowError,
  TStockSummaryCell,
  TTurnoverLine,
} from '../../../server/modules/inventory/inventory.contract.js';
import {
  IMPORT_KINDS,
  type ImportKind,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '../../../server/modules/inventory/inventory.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import {
  type TAccessoryStock,
  type TInventoryImportResult,
  type TReplenishmentSuggestion,
  type TStockSummary,
  useAccessoryStock,
  useAdjustAccessoryStock,
  useComputeSuggestions,
  useDecideSuggestion,
  useImportStock,
  useStockLocations,
  useStockSummary,
  useSuggestions,
  useTurnover,
} from '../../shared/hooks/inventory.js';

// The stock board's panels, shared by the console (/console/inventory) and the dealer portal (/dealer/stock):
// the server scopes every answer to the caller (dealer staff see their dealer's stock only).

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const trimLabel = (t: { brandName: string; seriesName: string; name: string }) =>
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
export function SuggestionsPanel({ canManage, canConfigure }: { canManage: boolean; canConfigure: boolean }) {
  const { t } = useTranslation('consoleInventory');
  const { message } = App.useApp();
  const [f, setF] = useUrlFilters(['status'] as const, 'sug_');
  const status = (SUGGESTION_STATUSES as readonly string[]).includes(f.status ?? '')
    ? (f.status as SuggestionStatus)
    : undefined;
  const list = useSuggestions(status ?? (f.status === 'all' ? undefined : 'open'));
  const decide = useDecideSuggestion();
  const compute = useComputeSuggestions();
  const [accepting, setAccepting] = useState<TReplenishmentSuggestion | null>(null);
  const [dismissing, setDismissing] = useState<TReplenishmentSuggestion | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const done = {
    onSuccess: () => {
      void message.success(t('done'));
      setAccepting(null);
      setDismissing(null);
    },
    onError: (e: Error) => void message.error(e.message),
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sugg.formula')}</Typography.Paragraph>
      <DataTable<TReplenishmentSuggestion>
        testId="suggestions"
        urlKey="sug_"
        rows={list.data?.items}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        rowKey={(r) => r.id}
        rowTestId={(r) => `suggestion-row-${r.id}`}
        exportName="replenishment"
        toolbar={
          <Select
            value={f.status ?? 'open'}
            aria-label={t('status')}
            style={{ width: 130 }}
            options={[
              ...SUGGESTION_STATUSES.map((s) => ({ value: s, label: t(`sugg.statuses.${s}`) })),
              { value: 'all', label: t('sugg.anyStatus') },
            ]}
            onChange={(s: string) => setF({ status: s === 'open' ? undefined : s })}
          />
        }
        extra={
          canConfigure ? (
            <Button
              loading={compute.isPending}
              onClick={() =>
                compute.mutate(undefined, {
                  onSuccess: (r) => void message.success(t('sugg.computed', r)),
                  onError: (e: Error) => void message.error(e.message),
                })
              }
              data-testid="suggestions-compute"
            >
              {t('sugg.compute')}
            </Button>
          ) : undefined
        }
        columns={[
          { key: 'store', title: t('store'), value: (r) => r.location.name, width: 170, sortable: true },
          { key: 'trim', title: t('trim'), kind: 'title', value: (r) => trimLabel(r.trim) },
          { key: 'sold', title: t('sugg.sold30d'), kind: 'number', value: (r) => r.sold30d },
          { key: 'avg', title: t('sugg.avgDaily'), kind: 'number', value: (r) => r.avgDailySales.toFixed(2) },
          { key: 'lead', title: t('sugg.leadTime'), kind: 'number', value: (r) => r.leadTimeDays },
          { key: 'buffer', title: t('sugg.buffer'), kind: 'number', value: (r) => r.bufferUnits },
          { key: 'safety', title: t('sugg.safety'), kind: 'number', value: (r) => r.safetyStock },
          {
            key: 'stock',
            title: t('sugg.stock'),
            kind: 'number',
            value: (r) => `${r.available} + ${r.inTransit}`,
          },
          {
            key: 'suggested',
            title: t('sugg.suggested'),
            kind: 'number',
            value: (r) => r.suggestedQuantity,
            sortable: true,
            render: (r) => <Typography.Text strong>{r.suggestedQuantity}</Typography.Text>,
          },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) =>
              r.status === 'accepted'
                ? `${t('sugg.statuses.accepted')} ${r.acceptedQuantity ?? ''}`
                : r.status === 'dismissed'
                  ? `${t('sugg.statuses.dismissed')}：${r.dismissReason ?? ''}`
                  : t('sugg.statuses.open'),
            color: (r) => (r.status === 'open' ? 'blue' : r.status === 'accepted' ? 'green' : 'default'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TReplenishmentSuggestion) =>
                    r.actions.length > 0 ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          type="primary"
                          data-testid={`suggestion-accept-${r.id}`}
                          onClick={() => {
                            setQuantity(r.suggestedQuantity);
                            setAccepting(r);
                          }}
                        >
                          {t('sugg.accept')}
                        </Button>
                        <Button
                          size="small"
                          data-testid={`suggestion-dismiss-${r.id}`}
                          onClick={() => {
                            setReason('');
                            setDismissing(r);
                          }}
                        >
                          {t('sugg.dismiss')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={accepting !== null}
        title={t('sugg.acceptTitle')}
        confirmLoading={decide.isPending}
        onCancel={() => setAccepting(null)}
        okButtonProps={{ disabled: !quantity }}
        onOk={() =>
          accepting &&
          decide.mutate({ id: accepting.id, action: 'accept', quantity: quantity ?? undefined }, done)
        }
      >
        <Typography.Paragraph>
          {accepting ? `${accepting.location.name} · ${trimLabel(accepting.trim)}` : ''}
        </Typography.Paragraph>
        <Space>
          <span>{t('sugg.quantity')}</span>
          <InputNumber
            min={1}
            max={100_000}
            precision={0}
            value={quantity}
            onChange={(v) => setQuantity(v)}
            aria-label={t('sugg.quantity')}
            data-testid="suggestion-quantity"
          />
        </Space>
      </Modal>
      <Modal
        open={dismissing !== null}
        title={t('sugg.dismissTitle')}
        confirmLoading={decide.isPending}
        onCancel={() => setDismissing(null)}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => dismissing && decide.mutate({ id: dismissing.id, action: 'dismiss', reason }, done)}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          placeholder={t('sugg.reason')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="suggestion-reason"
        />
      </Modal>
    </>
  );
}

/** Template download and an upload that shows the counts or every bad row (row, column, code, message). */
export function ImportPanel() {
  const { t } = useTranslation('consoleInventory');
  const importStock = useImportStock();
  const [kind, setKind] = useState<ImportKind>('units');
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<TInventoryImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<TInventoryImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('imp.kind')}</span>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as ImportKind)}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imp.kinds.${k}`) }))}
          data-testid="import-kind"
        />
        <Button href={`/api/v1/inventory/import/${kind}/template.xlsx`} data-testid="stock-template-xlsx">
          {t('imp.template')} (XLSX)
        </Button>
        <Button href={`/api/v1/inventory/import/${kind}/template.csv`} data-testid="stock-template-csv">
          {t('imp.template')} (CSV)
        </Button>
      </Space>
      <Space style={{ marginBottom: 16 }}>
        <Checkbox
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
          data-testid="stock-import-dry-run"
        >
          {t('imp.dryRun')}
        </Checkbox>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setResult(null);
            setRowErrors(null);
            setFailure(null);
            try {
              const r = await importStock.mutateAsync({ kind, file: file as File, dryRun });
              setResult(r);
              onSuccess?.(r);
            } catch (e) {
              if (e instanceof ApiError && Array.isArray(e.details?.errors)) {
                setRowErrors(e.details.errors as TInventoryImportRowError[]);
              } else setFailure(e instanceof Error ? e.message : String(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button type="primary" loading={importStock.isPending} data-testid="stock-import-upload">
            {t('imp.upload')}
          </Button>
        </Upload>
      </Space>
      {result ? (
        <Alert
          type="success"
          data-testid="stock-import-result"
          title={`${result.dryRun ? t('imp.dryRunResult') : ''}${t('imp.result', result)}`}
        />
      ) : null}
      {failure ? <Alert type="error" title={failure} /> : null}
      {rowErrors ? (
        <>
          <Alert type="error" title={t('imp.errors')} style={{ marginBottom: 12 }} />
          <DataTable<TInventoryImportRowError>
            testId="stock-import-errors"
            urlKey={false}
            size="small"
            pageSize={50}
            rows={rowErrors}
            rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
            exportName="stock-import-errors"
            columns={[
              {
                key: 'row',
                title: t('imp.row'),
                kind: 'number',
                value: (r) => r.row,
                width: 80,
                sortable: true,
              },
              { key: 'column', title: t('imp.column'), value: (r) => r.column, width: 160 },
              { key: 'code', title: t('imp.code'), value: (r) => r.code, width: 190 },
              { key: 'message', title: t('imp.message'), kind: 'title', value: (r) => r.message },
            ]}
          />
        </>
      ) : null}
    </>
  );
}

/** The summary and its alert filter, from the URL (`?alert=aged60|aged90|low`). */
export function useSummaryWithAlert() {
  const summary = useStockSummary();
  const [f, setF] = useUrlFilters(['tab', 'alert'] as const);
  const alert = (ALERT_FILTERS as readonly string[]).includes(f.alert ?? '')
    ? (f.alert as AlertFilter)
    : undefined;
  return { summary, tab: f.tab, alert, setF };
}
