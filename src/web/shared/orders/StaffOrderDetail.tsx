import './i18n.js';
import { App, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api.js';
import { QueryState } from '../components/Results.js';
import { ContractPanel } from '../contracts/ContractPanel.js';
import { formatTime } from '../format.js';
import { useOrderContract } from '../hooks/contracts.js';
import { useStaffMe } from '../hooks/identity.js';
import { useUnits } from '../hooks/inventory.js';
import { type TStaffOrder, useStaffOrder, useStaffOrderAction } from '../hooks/orders.js';
import { type TStaffIntent, useStaffIntents } from '../hooks/payments.js';
import { ORDER_STATUS_COLOURS } from './i18n.js';
import { formatFenPlain } from './money.js';
import { OrderTimeline } from './OrderTimeline.js';

// Staff's view of one order (console and dealer portal): the buyer masked, prices, timeline, and the actions
// the server says this person may take now: allocate (the held unit or another of the trim and colour),
// cancel as the seller, risk review; the order's payment intents (with payments.read) and its purchase
// contract (signed for the dealer with contracts.sign).

function AllocateButton({ order }: { order: TStaffOrder }) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>();
  const act = useStaffOrderAction(order.id);
  const units = useUnits({ trimId: order.trimId, status: 'available' });
  const choices = (units.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (u) => order.colour === null || u.exteriorColour === order.colour,
  );
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="order-allocate">
        {t('staff.allocate')}
      </Button>
      <Modal
        open={open}
        title={t('staff.allocate')}
        okText={unitId ? t('staff.allocate') : t('staff.allocateHeld')}
        confirmLoading={act.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          act.mutate(
            { kind: 'allocate', unitId },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('staff.done'));
              },
              onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
            },
          )
        }
      >
        <Typography.Paragraph>
          {t('staff.allocateHeld')}：{order.vin ?? '—'}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('staff.pickUnit')}</Typography.Paragraph>
        <Select
          allowClear
          style={{ width: '100%' }}
          value={unitId}
          onChange={(v?: string) => setUnitId(v)}
          loading={units.isLoading}
          options={choices.map((u) => ({
            value: u.id,
            label: `${u.vin} · ${u.exteriorColour} · ${u.location.name}`,
          }))}
          data-testid="order-allocate-unit"
        />
      </Modal>
    </>
  );
}

function CancelBySellerButton({ order }: { order: TStaffOrder }) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useStaffOrderAction(order.id);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="order-cancel-by-seller">
        {t('staff.cancelBySeller')}
      </Button>
      <Modal
        open={open}
        title={t('staff.cancelBySeller')}
        okText={t('staff.cancelConfirm')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={act.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          act.mutate(
            { kind: 'cancel-by-seller', reason: reason.trim() },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('staff.done'));
              },
              onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
            },
          )
        }
      >
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={200}
          placeholder={t('staff.cancelReason')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="order-cancel-reason"
        />
      </Modal>
    </>
  );
}

function RiskButtons({ order }: { order: TStaffOrder }) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const act = useStaffOrderAction(order.id);
  const decide = (decision: 'cleared' | 'rejected') =>
    act.mutate(
      { kind: 'risk-review', decision },
      {
        onSuccess: () => void message.success(t('staff.done')),
        onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
      },
    );
  return (
    <Space>
      <Button onClick={() => decide('cleared')} loading={act.isPending} data-testid="order-risk-clear">
        {t('staff.riskClear')}
      </Button>
      <Button
        danger
        onClick={() => decide('rejected')}
        loading={act.isPending}
        data-testid="order-risk-reject"
      >
        {t('staff.riskReject')}
      </Button>
    </Space>
  );
}

function OrderIntents({ orderId }: { orderId: string }) {
  const { t } = useTranslation('orders');
  const intents = useStaffIntents({ orderId });
  return (
    <QueryState isLoading={intents.isLoading} error={intents.error} onRetry={() => void intents.refetch()}>
      <Table<TStaffIntent>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={intents.data?.pages.flatMap((p) => p.items) ?? []}
        locale={{ emptyText: t('staff.noPayments') }}
        data-testid="staff-order-payments"
        columns={[
          { title: t('staff.intent.merchantOrderNo'), dataIndex: 'merchantOrderNo' },
          {
            title: t('staff.intent.purpose'),
            dataIndex: 'purpose',
            render: (p: string) => t(`staff.intent.purposes.${p}`),
          },
          {
            title: t('staff.intent.provider'),
            dataIndex: 'provider',
            render: (p: string) => t(`staff.intent.providers.${p}`),
          },
          {
            title: t('staff.intent.amount'),
            dataIndex: 'amountFen',
            render: (f: number) => formatFenPlain(f),
          },
          {
            title: t('staff.intent.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`staff.intent.statuses.${s}`)}</Tag>,
          },
          {
            title: t('staff.intent.time'),
            key: 'time',
            render: (_: unknown, i: TStaffIntent) => formatTime(i.succeededAt ?? i.createdAt),
          },
        ]}
      />
    </QueryState>
  );
}

function Detail({ order, basePath }: { order: TStaffOrder; basePath: string }) {
  const { t } = useTranslation('orders');
  const permissions = useStaffMe()?.permissions ?? [];
  const o = order;
  const live = useOrderContract(o.id, o.status === 'vehicle_allocated');
  const contractId = live.data?.id ?? o.contractId;
  return (
    <Card
      data-testid="order-detail"
      title={
        <Space wrap>
          {o.orderNumber}
          <Tag color={ORDER_STATUS_COLOURS[o.status]} data-testid="order-status">
            {t(`statuses.${o.status}`)}
          </Tag>
          {o.riskReview !== 'none' ? (
            <Tag color={o.riskReview === 'pending' ? 'red' : 'default'}>{t(`risk.${o.riskReview}`)}</Tag>
          ) : null}
        </Space>
      }
      extra={<Link to={basePath}>{t('staff.back')}</Link>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {o.staffActions.includes('allocate') ? <AllocateButton order={o} /> : null}
        {o.staffActions.includes('cancel_by_seller') ? <CancelBySellerButton order={o} /> : null}
        {o.staffActions.includes('risk_review') ? <RiskButtons order={o} /> : null}
      </Space>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('field.vehicle')}>{o.vehicleTitle}</Descriptions.Item>
        <Descriptions.Item label={t('field.colour')}>{o.colour ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.vin')}>{o.vin ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.sourcedFrom')}>{o.sourcingNote ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.buyer')}>{o.buyer.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.phone')}>{o.buyer.phoneMasked}</Descriptions.Item>
        <Descriptions.Item label={t('field.idNumber')}>{o.buyer.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label={t('field.paymentMethod')}>
          {t(`paymentMethods.${o.paymentMethod}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.total')}>{formatFenPlain(o.totalDueFen)}</Descriptions.Item>
        <Descriptions.Item label={t('field.paid')}>{formatFenPlain(o.paidFen)}</Descriptions.Item>
        <Descriptions.Item label={t('field.depositKind')}>
          {t(`depositKindShort.${o.deposit.kind}`)} {formatFenPlain(o.deposit.amountFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.deadline')}>{formatTime(o.paymentDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('field.createdAt')}>{formatTime(o.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('staff.channel')}>
          {[o.channel.ip, o.channel.deviceId].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        {o.riskFlags.length > 0 ? (
          <Descriptions.Item label={t('staff.riskFlags')}>{o.riskFlags.join(', ')}</Descriptions.Item>
        ) : null}
        {o.settlement ? (
          <Descriptions.Item label={t('field.settlement')} span={2}>
            {o.settlement.explanation.zh}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {permissions.includes('payments.read') ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('staff.payments')}
          </Typography.Title>
          <OrderIntents orderId={o.id} />
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('staff.contract')}
      </Typography.Title>
      {contractId ? (
        <ContractPanel
          contractId={contractId}
          audience="staff"
          canSign={permissions.includes('contracts.sign')}
        />
      ) : (
        <Typography.Text type="secondary" data-testid="staff-order-contract-pending">
          {t('staff.contractNotYet')}
        </Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('timeline')}
      </Typography.Title>
      <OrderTimeline order={o} />
    </Card>
  );
}

export function StaffOrderDetail({ id, basePath }: { id: string; basePath: string }) {
  const one = useStaffOrder(id);
  return (
    <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
      {one.data ? <Detail order={one.data} basePath={basePath} /> : null}
    </QueryState>
  );
}
