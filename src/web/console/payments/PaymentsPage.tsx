import './i18n.js';
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PAYMENT_INTENT_STATUSES,
  PAYMENT_PROVIDERS,
  type PaymentIntentStatus,
  type PaymentProvider,
  REFUND_STATUSES,
  type RefundStatus,
} from '../../../server/modules/payments/payments.enums.js';
import { DataTable, pagedRows, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime, yuan } from '../../shared/format.js';
import {
  type TRefund,
  type TStaffIntent,
  useCompensationTransfer,
  useRecordTransfer,
  useRefundDecision,
  useRefunds,
  useStaffIntents,
} from '../../shared/hooks/payments.js';

// Console: payments (支付). Intents with their status and provider, bank transfers recorded with the receipt,
// and refunds (the approval queue above the threshold). Filters live in the URL.

const INTENT_COLOURS: Record<PaymentIntentStatus, string> = {
  pending: 'blue',
  succeeded: 'green',
  failed: 'red',
  expired: 'default',
  refunding: 'orange',
  partially_refunded: 'gold',
  refunded: 'purple',
};
const REFUND_COLOURS: Record<RefundStatus, string> = {
  pending_approval: 'orange',
  processing: 'blue',
  awaiting_transfer: 'orange',
  succeeded: 'green',
  failed: 'red',
  rejected: 'default',
};

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : undefined;

function TransferDialog({ intent, onClose }: { intent: TStaffIntent; onClose: () => void }) {
  const { t } = useTranslation('consolePayments');
  const { message } = App.useApp();
  const record = useRecordTransfer();
  const [key] = useState(() => crypto.randomUUID());
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ amountYuan: number; bankReference: string; payerName: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    if (!file) return;
    record.mutate(
      {
        intentId: intent.id,
        amountFen: Math.round(v.amountYuan * 100),
        bankReference: v.bankReference,
        payerName: v.payerName,
        file,
        key,
      },
      {
        onSuccess: () => {
          void message.success(t('transfer.done'));
          onClose();
        },
        onError: (e: Error) => void message.error(e.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t('transfer.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('transfer.submit')}
      confirmLoading={record.isPending}
      okButtonProps={{ disabled: !file, 'data-testid': 'transfer-submit' } as ButtonProps}
    >
      <Typography.Paragraph>
        {intent.orderNumber} · {intent.subject} · {yuan(intent.amountFen)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ amountYuan: intent.amountFen / 100 }}>
        <Form.Item name="amountYuan" label={t('transfer.amount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="transfer-amount" />
        </Form.Item>
        <Form.Item
          name="bankReference"
          label={t('transfer.bankReference')}
          rules={[{ required: true, max: 64 }]}
        >
          <Input data-testid="transfer-reference" />
        </Form.Item>
        <Form.Item name="payerName" label={t('transfer.payerName')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="transfer-payer" />
        </Form.Item>
        <Form.Item label={t('transfer.proof')} required>
          <Upload
            accept="image/jpeg,image/png,image/webp,application/pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button data-testid="transfer-file">{t('transfer.pick')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IntentsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consolePayments');
  const [f, setF] = useUrlFilters(['status', 'provider'] as const);
  const filter = {
    status: oneOf(PAYMENT_INTENT_STATUSES, f.status),
    provider: oneOf(PAYMENT_PROVIDERS, f.provider),
  };
  const list = useStaffIntents(filter);
  const [recording, setRecording] = useState<TStaffIntent | null>(null);
  return (
    <>
      <DataTable<TStaffIntent>
        testId="payments-intents"
        rows={list.data?.pages.flatMap((p) => p.items)}
        rowKey={(r) => r.id}
        rowTestId={(r) => `intent-row-${r.id}`}
        {...pagedRows(list)}
        exportName="payments"
        urlKey="pi"
        toolbar={
          <>
            <Select
              allowClear
              value={f.status}
              placeholder={t('anyStatus')}
              aria-label={t('status')}
              style={{ width: 140 }}
              options={PAYMENT_INTENT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              onChange={(status?: string) => setF({ status })}
              data-testid="payments-filter-status"
            />
            <Select
              allowClear
              value={f.provider}
              placeholder={t('anyProvider')}
              aria-label={t('provider')}
              style={{ width: 140 }}
              options={PAYMENT_PROVIDERS.map((p) => ({ value: p, label: t(`providers.${p}`) }))}
              onChange={(provider?: string) => setF({ provider })}
              data-testid="payments-filter-provider"
            />
          </>
        }
        columns={[
          {
            key: 'order',
            title: t('orderNumber'),
            kind: 'title',
            value: (r) => `${r.orderNumber} · ${r.subject}`,
          },
          {
            key: 'merchantOrderNo',
            title: t('merchantOrderNo'),
            value: (r) => r.merchantOrderNo,
            width: 220,
          },
          { key: 'purpose', title: t('purpose'), value: (r) => t(`purposes.${r.purpose}`), width: 80 },
          {
            key: 'provider',
            title: t('provider'),
            value: (r) => t(`providers.${r.provider as PaymentProvider}`),
            render: (r) => (
              <Space size={4}>
                {t(`providers.${r.provider as PaymentProvider}`)}
                {r.sandbox ? <Tag>{t('sandbox')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'amount',
            title: t('amount'),
            kind: 'money',
            value: (r) => yuan(r.amountFen),
            sortValue: (r) => r.amountFen,
            sortable: true,
          },
          {
            key: 'refunded',
            title: t('refunded'),
            kind: 'money',
            value: (r) => (r.refundedFen ? yuan(r.refundedFen) : '—'),
          },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(`statuses.${r.status}`),
            color: (r) => INTENT_COLOURS[r.status],
          },
          {
            key: 'createdAt',
            title: t('createdAt'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortValue: (r) => r.createdAt,
          },
          {
            key: 'succeededAt',
            title: t('succeededAt'),
            kind: 'time',
            value: (r) => formatTime(r.succeededAt),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TStaffIntent) =>
                    r.provider === 'bank_transfer' && r.status === 'pending' ? (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`record-transfer-${r.id}`}
                        onClick={() => setRecording(r)}
                      >
                        {t('recordTransfer')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {recording ? <TransferDialog intent={recording} onClose={() => setRecording(null)} /> : null}
    </>
  );
}

function CompensationTransferDialog({ refund, onClose }: { refund: TRefund; onClose: () => void }) {
  const { t } = useTranslation('consolePayments');
  const { message } = App.useApp();
  const record = useCompensationTransfer();
  const [form] = Form.useForm<{ bankReference: string; note?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      { id: refund.id, bankReference: v.bankReference.trim(), ...(v.note ? { note: v.note } : {}) },
      {
        onSuccess: () => {
          void message.success(t('refund.transferRecorded'));
          onClose();
        },
        onError: (e: Error) => void message.error(e.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t('refund.transferTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'compensation-transfer-submit' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('refund.transferHint')}</Typography.Paragraph>
      <Typography.Paragraph strong>{yuan(refund.amountFen)}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="bankReference"
          label={t('refund.bankReference')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,40}$/ }]}
        >
          <Input data-testid="compensation-transfer-reference" maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label={t('refund.note')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RefundsTab({ canApprove }: { canApprove: boolean }) {
  const { t } = useTranslation('consolePayments');
  const { message } = App.useApp();
  const [f, setF] = useUrlFilters(['refundStatus'] as const);
  const status = oneOf(REFUND_STATUSES, f.refundStatus);
  const list = useRefunds(status);
  const decide = useRefundDecision();
  const [paying, setPaying] = useState<TRefund | null>(null);
  const run = (r: TRefund, decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: r.id, decision },
      {
        onSuccess: () =>
          void message.success(t(decision === 'approve' ? 'refund.approved' : 'refund.rejected')),
        onError: (e: Error) => void message.error(e.message),
      },
    );
  return (
    <>
      {paying ? <CompensationTransferDialog refund={paying} onClose={() => setPaying(null)} /> : null}
      <DataTable<TRefund>
        testId="payments-refunds"
        rows={list.data?.pages.flatMap((p) => p.items)}
        rowKey={(r) => r.id}
        rowTestId={(r) => `refund-row-${r.id}`}
        {...pagedRows(list)}
        exportName="refunds"
        urlKey="rf"
        toolbar={
          <Select
            allowClear
            value={f.refundStatus}
            placeholder={t('anyStatus')}
            aria-label={t('status')}
            style={{ width: 140 }}
            options={REFUND_STATUSES.map((s) => ({ value: s, label: t(`refund.statuses.${s}`) }))}
            onChange={(refundStatus?: string) => setF({ refundStatus })}
            data-testid="refunds-filter-status"
          />
        }
        columns={[
          { key: 'reason', title: t('refund.reason'), kind: 'title', value: (r) => r.reason },
          { key: 'kind', title: t('refund.kind'), value: (r) => t(`refund.kinds.${r.kind}`), width: 130 },
          {
            key: 'provider',
            title: t('provider'),
            value: (r) => t(`providers.${r.provider as PaymentProvider}`),
          },
          {
            key: 'amount',
            title: t('amount'),
            kind: 'money',
            value: (r) => yuan(r.amountFen),
            sortValue: (r) => r.amountFen,
            sortable: true,
          },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(`refund.statuses.${r.status}`),
            color: (r) => REFUND_COLOURS[r.status],
          },
          {
            key: 'createdAt',
            title: t('refund.requestedAt'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortValue: (r) => r.createdAt,
          },
          ...(canApprove
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TRefund) =>
                    r.status === 'awaiting_transfer' ? (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`refund-transfer-${r.id}`}
                        onClick={() => setPaying(r)}
                      >
                        {t('refund.recordTransfer')}
                      </Button>
                    ) : r.status === 'pending_approval' ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          type="primary"
                          loading={decide.isPending && decide.variables?.id === r.id}
                          data-testid={`refund-approve-${r.id}`}
                          onClick={() => run(r, 'approve')}
                        >
                          {t('refund.approve')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          data-testid={`refund-reject-${r.id}`}
                          onClick={() => run(r, 'reject')}
                        >
                          {t('refund.reject')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export function PaymentsPage({ canManage, canApprove }: { canManage: boolean; canApprove: boolean }) {
  const { t } = useTranslation('consolePayments');
  return (
    <Card title={t('title')} data-testid="payments-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'intents', label: t('tabs.intents'), children: <IntentsTab canManage={canManage} /> },
          { key: 'refunds', label: t('tabs.refunds'), children: <RefundsTab canApprove={canApprove} /> },
        ]}
      />
    </Card>
  );
}
