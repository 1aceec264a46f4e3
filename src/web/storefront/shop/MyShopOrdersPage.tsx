import '../../shared/shop/i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api.js';
import { PageSpin, QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TShopOrder,
  useMyShopOrder,
  useMyShopOrderAction,
  useMyShopOrders,
} from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { SHOP_STATUS_COLOURS, shopPayUrl } from '../../shared/shop/i18n.js';

// /account/shop-orders: the buyer's shop orders; /account/shop-orders/:id one of them: pay, cancel while
// unpaid, tracking, and the 7-day no-reason return.

function ReturnButton({ order }: { order: TShopOrder }) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [tracking, setTracking] = useState('');
  const act = useMyShopOrderAction(order.id);
  const returnable = order.lines.filter((l) => l.returnable);
  const lines = Object.entries(qty)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="shop-return">
        {t('requestReturn')}
      </Button>
      <Modal
        open={open}
        title={t('returnTitle')}
        okButtonProps={{ disabled: lines.length === 0, id: 'shop-return-ok' }}
        confirmLoading={act.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          act.mutate(
            {
              action: 'return',
              body: {
                lines,
                ...(reason.trim() ? { reason: reason.trim() } : {}),
                ...(tracking.trim() ? { returnTrackingNo: tracking.trim() } : {}),
              },
            },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('returnSent'));
              },
              onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
            },
          )
        }
      >
        <Alert type="info" message={t('returnNote')} style={{ marginBottom: 12 }} />
        <List
          dataSource={returnable}
          renderItem={(l) => (
            <List.Item
              key={l.id}
              actions={[
                <InputNumber
                  key="q"
                  min={0}
                  max={l.quantity}
                  value={qty[l.id] ?? 0}
                  onChange={(v) => setQty({ ...qty, [l.id]: v ?? 0 })}
                  data-testid="shop-return-qty"
                />,
              ]}
            >
              {l.title} × {l.quantity}
            </List.Item>
          )}
        />
        <Input.TextArea
          rows={2}
          maxLength={200}
          placeholder={t('returnReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Input
          style={{ marginTop: 8 }}
          maxLength={30}
          placeholder={t('returnTracking')}
          value={tracking}
          onChange={(e) => setTracking(e.target.value)}
        />
      </Modal>
    </>
  );
}

function Detail({ id }: { id: string }) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const one = useMyShopOrder(id);
  const act = useMyShopOrderAction(id);
  const o = one.data;
  return (
    <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
      {o ? (
        <Card
          data-testid="shop-order-detail"
          title={
            <Space wrap>
              <span data-testid="shop-order-number">{o.orderNumber}</span>
              <Tag color={SHOP_STATUS_COLOURS[o.status]} data-testid="shop-order-status">
                {t(`statuses.${o.status}`)}
              </Tag>
            </Space>
          }
          extra={<Link to="/account/shop-orders">{t('back')}</Link>}
        >
          {o.status === 'pending_payment' ? (
            <Alert
              type="warning"
              style={{ marginBottom: 12 }}
              message={t('payBy', { time: formatTime(o.holdExpiresAt) })}
              action={
                o.payUrl ? (
                  <Button type="primary" href={shopPayUrl(o) ?? o.payUrl} data-testid="shop-pay">
                    {t('payNow')}
                  </Button>
                ) : null
              }
            />
          ) : null}
          <List
            header={t('lines')}
            dataSource={o.lines}
            renderItem={(l) => (
              <List.Item key={l.id}>
                <Space wrap>
                  {l.title}
                  {Object.values(l.attributes).join(' / ')}
                  {formatFenPlain(l.unitPriceFen)} × {l.quantity}
                  {l.returnable ? null : <Tag color="orange">{t('notReturnable')}</Tag>}
                  {l.returnQuantity > 0 ? (
                    <Tag color="purple">{`${t('requestReturn')} ${l.returnQuantity}`}</Tag>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('goods')}>{formatFenPlain(o.goodsFen)}</Descriptions.Item>
            <Descriptions.Item label={t('shipping')}>{formatFenPlain(o.shippingFen)}</Descriptions.Item>
            <Descriptions.Item label={t('total')}>{formatFenPlain(o.totalFen)}</Descriptions.Item>
            {o.refundFen > 0 ? (
              <Descriptions.Item label={t('refund')}>
                <span data-testid="shop-refund">{formatFenPlain(o.refundFen)}</span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('address')}>
              {o.province} {o.city} {o.district} {o.phoneMasked}
            </Descriptions.Item>
            {o.trackingNo ? (
              <Descriptions.Item label={t('tracking')}>
                {t(`carriers.${o.carrier ?? 'sf'}`)} {o.trackingNo}
              </Descriptions.Item>
            ) : null}
            {o.returnDeadline ? (
              <Descriptions.Item label={t('returnTitle')}>
                {t('returnDeadline', { time: formatTime(o.returnDeadline) })}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Space style={{ marginTop: 12 }}>
            {o.status === 'pending_payment' ? (
              <Button
                danger
                loading={act.isPending}
                data-testid="shop-cancel"
                onClick={() =>
                  act.mutate(
                    { action: 'cancel' },
                    {
                      onSuccess: () => void message.success(t('cancelled')),
                      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
                    },
                  )
                }
              >
                {t('cancel')}
              </Button>
            ) : null}
            {o.returnOpen ? <ReturnButton order={o} /> : null}
          </Space>
        </Card>
      ) : null}
    </QueryState>
  );
}

export function MyShopOrdersPage() {
  const { t } = useTranslation('shop');
  const { id } = useParams();
  const me = useMe();
  const buyer = me.data?.me?.kind === 'buyer';
  const list = useMyShopOrders(buyer && !id);
  if (me.isLoading) return <PageSpin />;
  if (!buyer) return <Navigate to={`/sign-in?redirect=/account/shop-orders${id ? `/${id}` : ''}`} replace />;
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="my-shop-orders">
      <Typography.Title level={2}>{t('mine')}</Typography.Title>
      {id ? (
        <Detail id={id} />
      ) : (
        <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
          {items.length === 0 ? (
            <Empty description={t('none')}>
              <Link to="/shop">{t('goShopping')}</Link>
            </Empty>
          ) : (
            <List
              dataSource={items}
              renderItem={(o) => (
                <List.Item
                  key={o.id}
                  data-testid="my-shop-order-row"
                  extra={<Tag color={SHOP_STATUS_COLOURS[o.status]}>{t(`statuses.${o.status}`)}</Tag>}
                >
                  <List.Item.Meta
                    title={
                      <Link to={`/account/shop-orders/${o.id}`}>
                        {o.lines.map((l) => l.title).join('、')}
                      </Link>
                    }
                    description={`${o.orderNumber} · ${formatFenPlain(o.totalFen)} · ${formatTime(o.createdAt)}`}
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
