import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAFFIC_CHANNELS, type TrafficChannel } from '../../../server/kernel/attribution.contract.js';
import { presetRange, shanghaiToday } from '../../shared/analytics-dashboard/format.js';
import {
  type SpendEntry,
  useAddSpend,
  useDeleteSpend,
  useSpendEntries,
} from '../../shared/analytics-dashboard/hooks.js';
import '../../shared/analytics-dashboard/i18n.js';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { formatFenPlain } from '../../shared/orders/money.js';

// 营销投入: marketing staff enter what each channel cost per period (analytics.spend); the dashboard divides
// it by new paying customers (CAC) and sets it against the gross margin (ROI). Amounts are typed in yuan and
// sent in fen.

interface SpendForm {
  channel: TrafficChannel;
  period: [Dayjs, Dayjs];
  amountYuan: number;
  note?: string;
}

/** The spend period, with the usual campaign periods one click away (browser tests click them too). */
function PeriodPicker({
  today,
  value,
  onChange,
}: {
  today: string;
  value?: [Dayjs, Dayjs] | null;
  onChange?: (v: [Dayjs, Dayjs] | null) => void;
}) {
  const { t } = useTranslation('analyticsDashboard');
  const presets = (['last7', 'thisMonth', 'lastMonth', 'last30'] as const).map((p) => {
    const r = presetRange(p, today);
    return { label: t(`preset.${p}`), value: [dayjs(r.from), dayjs(r.to)] as [Dayjs, Dayjs] };
  });
  return (
    <span data-testid="spend-period" style={{ display: 'block' }}>
      <DatePicker.RangePicker
        style={{ width: '100%' }}
        value={value ?? null}
        presets={presets}
        onChange={(v) => onChange?.(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
      />
    </span>
  );
}

function AddSpendModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('analyticsDashboard');
  const { message } = App.useApp();
  const [form] = Form.useForm<SpendForm>();
  const add = useAddSpend();
  // One key per opened form: a retried save does not enter the spend twice.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const today = shanghaiToday();
  const submit = async () => {
    // Invalid fields show their messages in the form.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await add.mutateAsync({
        idempotencyKey: key,
        input: {
          channel: v.channel,
          periodStart: v.period[0].format('YYYY-MM-DD'),
          periodEnd: v.period[1].format('YYYY-MM-DD'),
          amountFen: Math.round(v.amountYuan * 100),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
      void message.success(t('spend.saved'));
      form.resetFields();
      setKey(crypto.randomUUID());
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors();
        const map: Record<string, keyof SpendForm> = {
          channel: 'channel',
          periodStart: 'period',
          periodEnd: 'period',
          amountFen: 'amountYuan',
          note: 'note',
        };
        const known = Object.entries(fields).filter(([f]) => map[f]);
        if (known.length > 0) {
          form.setFields(known.map(([f, msg]) => ({ name: map[f] as keyof SpendForm, errors: [msg] })));
          return;
        }
      }
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('spend.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('spend.submit')}
      cancelText={t('spend.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'spend-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="spend-form">
        <Form.Item
          name="channel"
          label={t('spend.channel')}
          rules={[{ required: true, message: t('spend.required') }]}
        >
          <Select
            data-testid="spend-channel"
            options={TRAFFIC_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('spend.period')}
          rules={[{ required: true, message: t('spend.required') }]}
        >
          <PeriodPicker today={today} />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('spend.amount')}
          rules={[
            { required: true, message: t('spend.required') },
            { type: 'number', min: 0.01, message: t('spend.amountPositive') },
          ]}
        >
          <InputNumber<number>
            style={{ width: '100%' }}
            min={0}
            max={1_000_000_000}
            precision={2}
            prefix="¥"
            data-testid="spend-amount"
          />
        </Form.Item>
        <Form.Item name="note" label={t('spend.note')} rules={[{ max: 200 }]}>
          <Input placeholder={t('spend.notePlaceholder')} data-testid="spend-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SpendPage() {
  const { t } = useTranslation('analyticsDashboard');
  const { message } = App.useApp();
  const entries = useSpendEntries();
  const del = useDeleteSpend();
  const [adding, setAdding] = useState(false);
  const rows = entries.data ?? [];
  const total = rows.reduce((s, r) => s + r.amountFen, 0);
  return (
    <Card
      title={t('spend.title')}
      data-testid="spend-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          data-testid="spend-add"
        >
          {t('spend.add')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('spend.subtitle')}</Typography.Paragraph>
        <QueryState
          isLoading={entries.isLoading}
          error={entries.error}
          onRetry={() => void entries.refetch()}
          isEmpty={rows.length === 0}
          emptyText={t('spend.empty')}
        >
          <Table<SpendEntry>
            size="small"
            rowKey="id"
            data-testid="spend-table"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `spend-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'channel', title: t('spend.channel'), render: (_, r) => t(`channel.${r.channel}`) },
              {
                key: 'period',
                title: t('spend.period'),
                render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}`,
              },
              {
                key: 'amount',
                title: t('spend.amount'),
                align: 'right',
                render: (_, r) => formatFenPlain(r.amountFen),
              },
              { key: 'note', title: t('spend.note'), render: (_, r) => r.note || '—' },
              {
                key: 'createdAt',
                title: t('spend.createdAt'),
                render: (_, r) => formatTime(r.createdAt ?? null),
              },
              {
                key: 'actions',
                title: t('spend.actions'),
                render: (_, r) => (
                  <Popconfirm
                    title={t('spend.deleteConfirm')}
                    onConfirm={() =>
                      del.mutateAsync(r.id).then(
                        () => void message.success(t('spend.deleted')),
                        (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)),
                      )
                    }
                  >
                    <Button
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      data-testid={`spend-delete-${r.id}`}
                    >
                      {t('spend.delete')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('spend.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <span data-testid="spend-total">{formatFenPlain(total)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} colSpan={3} />
              </Table.Summary.Row>
            )}
          />
        </QueryState>
        {entries.error === null && rows.length === 0 && !entries.isLoading ? (
          <Alert type="info" showIcon title={t('empty.noSpend')} />
        ) : null}
      </Space>
      <AddSpendModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
