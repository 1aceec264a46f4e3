import './i18n.js';
import '../../shared/orders/i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api.js';
import { PageSpin, QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TOrder,
  useCancellationPreview,
  useCancelMyOrder,
  useChangeSpec,
  useMyOrder,
  useMyOrders,
} from '../../shared/hooks/orders.js';
import { useVehicle } from '../../shared/hooks/search.js';
import { ORDER_STATUS_COLOURS } from '../../shared/orders/i18n.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { OrderTimeline } from '../../shared/orders/OrderTimeline.js';

// /account/orders: the buyer's orders; /account/orders/:id one of them with its timeline, cancellation (the
// settlement shown before confirming) and colour change. Payment and contract are other modules' screens:
// they plug into the two slots below (OrderSlots), which stay empty until the lead wires them.

/** What fills the payment and contract areas of an order's page (given by the app that mounts the page). */
export interface OrderSlots {
  /** `<OrderPayments orderId/>`: paying the deposit and the balance. */
  readonly payments?: ComponentType<{ orderId: string; order: TOrder }>;
  /** `<OrderContract orderId/>`: reading and signing the purchase contract. */
  readonly contract?: ComponentType<{ orderId: string; order: TOrder }>;
  /** `<OrderDelivery orderId/>`: booking the delivery, tracking it and accepting the car. */
  readonly delivery?: ComponentType<{ orderId: string; order: TOrder }>;
  /** `<OrderAftersales/>`: re-inspection, title transfer, plate service and 三包 claims (fulfilment). */
  readonly aftersales?: ComponentType<{ orderId: string; order: TOrder }>;
}

/** From a paid-up car on: the accessories that fit it. */
const SHOP_LINK_STATUSES: ReadonlySet<string> = new Set([
  'ready_for_delivery',
  'delivery_scheduled',
  'in_transit',
  'delivered',
  'completed',
]);

function CancelButton({ order }: { order: TOrder }) {
  const { t, i18n } = useTranslation('storefrontOrders');
  const { t: to } = useTranslation('orders');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const preview = useCancellationPreview(order.id, open);
  const cancel = useCancelMyOrder(order.id);
  const s = preview.data;
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="order-cancel">
        {t('mine.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('mine.cancelTitle')}
        okText={t('mine.cancelOk')}
        okButtonProps={{ danger: true, disabled: !s || reason.trim().length < 2 }}
        confirmLoading={cancel.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              setOpen(false);
              void message.success(t('mine.cancelled'));
            },
            onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
          })
        }
      >
        <QueryState isLoading={preview.isLoading} error={preview.error}>
          {s ? (
            <div data-testid="order-cancel-preview">
              <Alert
                type={s.forfeitFen > 0 ? 'warning' : 'info'}
                message={i18n.language === 'en' ? s.explanation.en : s.explanation.zh}
              />
              <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
                <Descriptions.Item label={to('field.paid')}>{formatFenPlain(s.paidFen)}</Descriptions.Item>
                <Descriptions.Item label={to('field.refund')}>
                  {formatFenPlain(s.refundFen)}
                </Descriptions.Item>
                {s.forfeitFen > 0 ? (
                  <Descriptions.Item label={to('field.forfeit')}>
                    {formatFenPlain(s.forfeitFen)}
                  </Descriptions.Item>
                ) : null}
                {s.compensationFen > 0 ? (
                  <Descriptions.Item label={to('field.compensation')}>
                    {formatFenPlain(s.compensationFen)}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </div>
          ) : null}
        </QueryState>
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          placeholder={t('mine.cancelReason')}
          onChange={(e) => setReason(e.target.value)}
          style={{ marginTop: 12 }}
          data-testid="order-cancel-reason"
        />
      </Modal>
    </>
  );
}

function ChangeSpecButton({ order }: { order: TOrder }) {
  const { t } = useTranslation('storefrontOrders');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [colour, setColour] = useState<string | undefined>(order.colour ?? undefined);
  const vehicle = useVehicle(open ? order.listingId : undefined);
  const change = useChangeSpec(order.id);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="order-change-spec">
        {t('mine.changeSpec')}
      </Button>
      <Modal
        open={open}
        title={t('mine.changeSpec')}
        okText={t('mine.save')}
        confirmLoading={change.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          change.mutate(
            { colour },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('mine.saved'));
              },
              onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
            },
          )
        }
      >
        <Typography.Paragraph>{t('mine.changeColour')}</Typography.Paragraph>
        <Select
          style={{ width: '100%' }}
          value={colour}
          onChange={setColour}
          loading={vehicle.isLoading}
          options={(vehicle.data?.colours ?? [])
            .filter((c) => c.kind === 'exterior')
            .map((c) => ({ value: c.name, label: c.name }))}
        />
      </Modal>
    </>
  );
}

function OrderDetail({ order, slots }: { order: TOrder; slots: OrderSlots }) {
  const { t, i18n } = useTranslation('storefrontOrders');
  const { t: to } = useTranslation('orders');
  const o = order;
  const Payments = slots.payments;
  const Contract = slots.contract;
  const Delivery = slots.delivery;
  const Aftersales = slots.aftersales;
  return (
    <Card
      data-testid="order-detail"
      title={
        <Space wrap>
          {o.orderNumber}
          <Tag color={ORDER_STATUS_COLOURS[o.status]} data-testid="order-status">
            {to(`statuses.${o.status}`)}
          </Tag>
        </Space>
      }
      extra={<Link to="/account/orders">{t('mine.back')}</Link>}
    >
      {o.amountDueNowFen > 0 ? (
        <Alert
          type="warning"
          style={{ marginBottom: 16 }}
          message={t('mine.payNow', {
            amount: formatFenPlain(o.amountDueNowFen),
            deadline: formatTime(o.paymentDeadline),
          })}
        />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={to('field.vehicle')}>{o.vehicleTitle}</Descriptions.Item>
        <Descriptions.Item label={to('field.colour')}>{o.colour ?? '—'}</Descriptions.Item>
        {o.options.length > 0 ? (
          <Descriptions.Item label={to('field.options')}>
            {o.options.map((x) => x.name).join('、')}
          </Descriptions.Item>
        ) : null}
        {o.sourcingNote ? (
          <Descriptions.Item label={to('field.sourcedFrom')}>{o.sourcingNote}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={to('field.barePrice')}>{formatFenPlain(o.barePriceFen)}</Descriptions.Item>
        <Descriptions.Item label={to('field.landed')}>{formatFenPlain(o.landedTotalFen)}</Descriptions.Item>
        {o.tradeInCreditFen > 0 ? (
          <Descriptions.Item label={to('field.tradeIn')}>
            -{formatFenPlain(o.tradeInCreditFen)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={to('field.total')}>{formatFenPlain(o.totalDueFen)}</Descriptions.Item>
        <Descriptions.Item label={to('field.depositKind')}>
          {to(`depositKindShort.${o.deposit.kind}`)} {formatFenPlain(o.deposit.amountFen)}
        </Descriptions.Item>
        <Descriptions.Item label={to('field.paid')}>{formatFenPlain(o.paidFen)}</Descriptions.Item>
        <Descriptions.Item label={to('field.paymentMethod')}>
          {to(`paymentMethods.${o.paymentMethod}`)}
        </Descriptions.Item>
        <Descriptions.Item label={to('field.buyer')}>
          {o.buyer.name} {o.buyer.phoneMasked} {o.buyer.idNumberMasked}
        </Descriptions.Item>
        {o.settlement ? (
          <Descriptions.Item label={to('field.settlement')} span={2}>
            {i18n.language === 'en' ? o.settlement.explanation.en : o.settlement.explanation.zh}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }}>
        {o.actions.includes('change_spec') ? <ChangeSpecButton order={o} /> : null}
        {o.actions.includes('cancel') ? <CancelButton order={o} /> : null}
      </Space>
      <div data-testid="order-payments-slot" style={{ marginTop: 16 }}>
        {Payments ? <Payments orderId={o.id} order={o} /> : null}
      </div>
      <div data-testid="order-contract-slot" style={{ marginTop: 16 }}>
        {Contract ? <Contract orderId={o.id} order={o} /> : null}
      </div>
      <div data-testid="order-delivery-slot" style={{ marginTop: 16 }}>
        {Delivery ? <Delivery orderId={o.id} order={o} /> : null}
      </div>
      <div data-testid="order-aftersales-slot" style={{ marginTop: 16 }}>
        {Aftersales ? <Aftersales orderId={o.id} order={o} /> : null}
      </div>
      {SHOP_LINK_STATUSES.has(o.status) ? (
        // The shop offers "fits my car" for the cars of the buyer's orders.
        <Link to="/shop" data-testid="order-shop-link" style={{ display: 'block', marginTop: 16 }}>
          {t('shopForCar')}
        </Link>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {to('timeline')}
      </Typography.Title>
      <OrderTimeline order={o} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {to('field.deposit')}：{o.deposit.termsText}
      </Typography.Paragraph>
    </Card>
  );
}

function DetailById({ id, slots }: { id: string; slots: OrderSlots }) {
  const one = useMyOrder(id);
  return (
    <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
      {one.data ? <OrderDetail order={one.data} slots={slots} /> : null}
    </QueryState>
  );
}

export function MyOrdersPage(slots: OrderSlots = {}) {
  const { t } = useTranslation('storefrontOrders');
  const { t: to } = useTranslation('orders');
  const { id } = useParams();
  const me = useMe();
  const buyer = me.data?.me?.kind === 'buyer';
  const list = useMyOrders(buyer && !id);
  if (me.isLoading) return <PageSpin />;
  if (!buyer) return <Navigate to={`/sign-in?redirect=/account/orders${id ? `/${id}` : ''}`} replace />;
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="my-orders">
      <Typography.Title level={2}>{t('mine.title')}</Typography.Title>
      {id ? (
        <DetailById id={id} slots={slots} />
      ) : (
        <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
          {items.length === 0 ? (
            <Empty description={to('noneYet')}>
              <Link to="/cars">{t('reserve')}</Link>
            </Empty>
          ) : (
            <List
              dataSource={items}
              renderItem={(o) => (
                <List.Item
                  key={o.id}
                  data-testid="my-order-row"
                  extra={<Tag color={ORDER_STATUS_COLOURS[o.status]}>{to(`statuses.${o.status}`)}</Tag>}
                >
                  <List.Item.Meta
                    title={<Link to={`/account/orders/${o.id}`}>{o.vehicleTitle}</Link>}
                    description={`${o.orderNumber} · ${formatFenPlain(o.totalDueFen)} · ${formatTime(o.createdAt)}`}
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      )}
    </div>
  );
}
