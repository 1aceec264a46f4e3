import './i18n.js';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CARRIERS,
  type Carrier,
  DELIVERY_STATUSES,
  type DeliveryStatus,
} from '../../../server/modules/fulfilment/fulfilment.enums.js';
import { ApiError } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { formatTime } from '../format.js';
import {
  type TDelivery,
  useDeliveriesBoard,
  useDeliveryAction,
  useDeliveryRates,
} from '../hooks/fulfilment.js';
import { formatFenPlain } from '../orders/money.js';
import { RouteMap } from './RouteMap.js';

// The deliveries board of the console and the dealer portal (the API scopes dealer staff to their dealer):
// the rates, the deliveries by slot with the overdue ones marked, and one delivery's assignment, checklists,
// invoice and completion in a drawer.

const STATUS_COLOURS: Record<DeliveryStatus, string> = {
  scheduled: 'blue',
  in_transit: 'purple',
  handed_over: 'cyan',
  completed: 'green',
  cancelled: 'default',
};

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Rates() {
  const { t } = useTranslation('delivery');
  const range = useMemo(
    () => ({ from: shanghaiDate(Date.now() - 29 * 86_400_000), to: shanghaiDate(Date.now()) }),
    [],
  );
  const rates = useDeliveryRates(range.from, range.to);
  const r = rates.data;
  return (
    <Card
      size="small"
      title={`${t('rates.title')}（${range.from} ~ ${range.to}）`}
      data-testid="delivery-rates"
    >
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('rates.onTime')}
            value={pct(r?.onTimeRate ?? null)}
            suffix={r ? `(${r.onTime}/${r.handedOver})` : ''}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('rates.rate48h')}
            value={pct(r?.rate48h ?? null)}
            suffix={r ? `(${r.dispatchedWithin48h}/${r.ready})` : ''}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('rates.delayedOpen')}
            value={r?.delayedOpen ?? 0}
            styles={r?.delayedOpen ? { content: { color: '#cf1322' } } : {}}
          />
        </Col>
      </Row>
    </Card>
  );
}

function useRun(id: string) {
  const { message } = App.useApp();
  const action = useDeliveryAction(id);
  const run = async (a: Parameters<typeof action.mutateAsync>[0]) => {
    try {
      await action.mutateAsync(a);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return { run, pending: action.isPending };
}

function DeliveryDetail({ d, canManage }: { d: TDelivery; canManage: boolean }) {
  const { t } = useTranslation('delivery');
  const { run, pending } = useRun(d.id);
  const [carrier, setCarrier] = useState<Carrier | undefined>(d.carrier ?? undefined);
  const [driverName, setDriver] = useState(d.driverName ?? '');
  const [advisorName, setAdvisor] = useState(d.advisorName ?? '');
  const [invoiceNumber, setInvoiceNumber] = useState(d.invoice?.number ?? '');
  const [invoiceYuan, setInvoiceYuan] = useState<number | null>(d.invoice ? d.invoice.amountFen / 100 : null);
  const open = d.status === 'scheduled' || d.status === 'in_transit';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="delivery-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('field.order')}>{d.orderNumber}</Descriptions.Item>
        <Descriptions.Item label={t('field.mode')}>{t(`mode.${d.mode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('field.slot')}>
          {formatTime(d.slot.startsAt)} - {formatTime(d.slot.endsAt).slice(-8)}
        </Descriptions.Item>
        {d.address ? (
          <Descriptions.Item label={t('field.address')}>{d.address.masked}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('field.fee')}>
          {formatFenPlain(d.feeFen)} · {d.distanceKm} km
        </Descriptions.Item>
        {d.trackingNumber ? (
          <Descriptions.Item label={t('field.trackingNumber')}>{d.trackingNumber}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {canManage && d.status === 'scheduled' ? (
        <Card size="small" title={t('action.assign')}>
          <Space wrap>
            {d.mode === 'home' ? (
              <Select
                placeholder={t('field.carrier')}
                style={{ width: 160 }}
                value={carrier}
                onChange={setCarrier}
                options={CARRIERS.map((c) => ({ value: c, label: t(`carrier.${c}`) }))}
                data-testid="delivery-carrier"
              />
            ) : null}
            <Input
              placeholder={t('field.driver')}
              value={driverName}
              onChange={(e) => setDriver(e.target.value)}
              style={{ width: 120 }}
            />
            <Input
              placeholder={t('field.advisor')}
              value={advisorName}
              onChange={(e) => setAdvisor(e.target.value)}
              style={{ width: 120 }}
            />
            <Button
              loading={pending}
              data-testid="delivery-assign"
              onClick={() =>
                void run({
                  kind: 'assign',
                  body: {
                    ...(carrier ? { carrier } : {}),
                    ...(driverName ? { driverName } : {}),
                    ...(advisorName ? { advisorName } : {}),
                  },
                })
              }
            >
              {t('action.assign')}
            </Button>
            {d.mode === 'home' ? (
              <Button
                type="primary"
                loading={pending}
                onClick={() => void run({ kind: 'dispatch' })}
                data-testid="delivery-dispatch"
              >
                {t('action.dispatch')}
              </Button>
            ) : null}
          </Space>
        </Card>
      ) : null}
      {(['pdi', 'handover'] as const).map((kind) => (
        <Card key={kind} size="small" title={t(`checklist.${kind}`)}>
          <Space orientation="vertical">
            {d.checklist
              .filter((i) => i.kind === kind)
              .map((i) => (
                <Checkbox
                  key={i.code}
                  checked={i.signedAt !== null}
                  disabled={!canManage || i.signedAt !== null || !open || pending}
                  onChange={() => void run({ kind: 'sign', checklist: kind, code: i.code })}
                  data-testid={`checklist-${kind}-${i.code}`}
                >
                  {t(`checklist.${i.code}`)}
                  {i.signedBy ? (
                    <Typography.Text type="secondary">
                      {' '}
                      · {i.signedBy} {formatTime(i.signedAt)}
                    </Typography.Text>
                  ) : null}
                </Checkbox>
              ))}
          </Space>
        </Card>
      ))}
      <Card size="small" title={t('field.invoice')}>
        <Space wrap>
          <Input
            placeholder={t('invoiceNumber')}
            value={invoiceNumber}
            onChange={(e) => setInvoiceNumber(e.target.value)}
            disabled={!canManage || !open}
            style={{ width: 200 }}
            data-testid="invoice-number"
          />
          <InputNumber
            placeholder={t('invoiceAmount')}
            value={invoiceYuan}
            onChange={(v) => setInvoiceYuan(v)}
            disabled={!canManage || !open}
            min={0}
            precision={2}
            style={{ width: 180 }}
            data-testid="invoice-amount"
          />
          {canManage && open ? (
            <Button
              loading={pending}
              disabled={!invoiceNumber || !invoiceYuan}
              onClick={() =>
                void run({
                  kind: 'invoice',
                  body: { number: invoiceNumber, amountFen: Math.round((invoiceYuan ?? 0) * 100) },
                })
              }
              data-testid="invoice-save"
            >
              {t('action.recordInvoice')}
            </Button>
          ) : null}
        </Space>
      </Card>
      {canManage && d.status === 'handed_over' ? (
        <Button
          type="primary"
          loading={pending}
          onClick={() => void run({ kind: 'complete' })}
          data-testid="delivery-complete"
        >
          {t('action.complete')}
        </Button>
      ) : null}
      {d.mode === 'home' ? (
        <RouteMap delivery={d} labels={{ origin: t('origin'), destination: t('destination') }} />
      ) : null}
    </Space>
  );
}

export function DeliveriesBoard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('delivery');
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [delayed, setDelayed] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const board = useDeliveriesBoard({ status, delayed: delayed ? 'true' : undefined });
  const items = board.data?.items ?? [];
  const current = items.find((d) => d.id === openId) ?? null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="deliveries-board">
      <Rates />
      <Card
        title={t('menu')}
        extra={
          <Space>
            <Select
              allowClear
              placeholder={t('field.status')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
            <Checkbox
              checked={delayed}
              onChange={(e) => setDelayed(e.target.checked)}
              data-testid="delayed-only"
            >
              {t('delayedOnly')}
            </Checkbox>
          </Space>
        }
      >
        <DataTable<TDelivery>
          testId="deliveries-table"
          rows={items}
          rowKey={(d) => d.id}
          rowTestId={() => 'delivery-row'}
          loading={board.isLoading}
          error={board.error}
          onRetry={() => void board.refetch()}
          urlKey="d_"
          size="small"
          exportName="deliveries"
          columns={[
            {
              key: 'order',
              title: t('field.order'),
              kind: 'title',
              value: (d) => d.orderNumber,
              render: (d) => (
                <Button type="link" size="small" onClick={() => setOpenId(d.id)} data-testid="delivery-open">
                  {d.orderNumber}
                </Button>
              ),
            },
            { key: 'mode', title: t('field.mode'), value: (d) => t(`mode.${d.mode}`) },
            {
              key: 'slot',
              title: t('field.slot'),
              kind: 'time',
              value: (d) => formatTime(d.slot.startsAt),
              sortValue: (d) => d.slot.startsAt,
              sortable: true,
            },
            {
              key: 'status',
              title: t('field.status'),
              kind: 'tag',
              value: (d) => `${t(`status.${d.status}`)}${d.delayed ? ` · ${t('field.delayed')}` : ''}`,
              render: (d) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOURS[d.status]}>{t(`status.${d.status}`)}</Tag>
                  {d.delayed ? <Tag color="red">{t('field.delayed')}</Tag> : null}
                </Space>
              ),
              width: 150,
            },
            {
              key: 'carrier',
              title: t('field.carrier'),
              value: (d) => (d.carrier ? t(`carrier.${d.carrier}`) : '—'),
            },
            { key: 'advisor', title: t('field.advisor'), value: (d) => d.advisorName ?? '—' },
            {
              key: 'tracking',
              title: t('field.trackingNumber'),
              value: (d) => (d.trackingStage ? t(`tracking.${d.trackingStage}`) : '—'),
            },
          ]}
        />
      </Card>
      <Drawer open={current !== null} size={560} onClose={() => setOpenId(null)} title={current?.orderNumber}>
        {current ? <DeliveryDetail key={current.id} d={current} canManage={canManage} /> : null}
      </Drawer>
    </Space>
  );
}
