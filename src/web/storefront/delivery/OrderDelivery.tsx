import './i18n.js';
import '../../shared/delivery/i18n.js';
import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryMode } from '../../../server/modules/fulfilment/fulfilment.enums.js';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { RouteMap } from '../../shared/delivery/RouteMap.js';
import { formatTime } from '../../shared/format.js';
import { useCities } from '../../shared/hooks/dealers.js';
import {
  type TDelivery,
  useAcceptHandover,
  useBookableSlots,
  useBookDelivery,
  useDeliveryQuote,
  useMyDelivery,
} from '../../shared/hooks/fulfilment.js';
import type { TOrder } from '../../shared/hooks/orders.js';
import { formatFenPlain } from '../../shared/orders/money.js';

// The delivery area of a buyer's order page: booking home delivery or store pickup (slot and fee shown before
// confirming), tracking with the route map, and accepting the car with photos.

const DELIVERY_STATUSES: readonly TOrder['status'][] = [
  'ready_for_delivery',
  'delivery_scheduled',
  'in_transit',
  'delivered',
  'completed',
];

const DAY = 86_400_000;
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function BookingForm({
  orderId,
  current,
  onDone,
}: {
  orderId: string;
  current: TDelivery | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('storefrontDelivery');
  const { t: td } = useTranslation('delivery');
  const { message } = App.useApp();
  const [mode, setMode] = useState<DeliveryMode>(current?.mode ?? 'pickup');
  const [cityCode, setCityCode] = useState<string | undefined>(current?.address?.cityCode);
  const [slotId, setSlotId] = useState<string | undefined>();
  const [key] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm();
  const range = useMemo(
    () => ({ from: shanghaiDate(Date.now()), to: shanghaiDate(Date.now() + 14 * DAY) }),
    [],
  );
  const slots = useBookableSlots(orderId, range.from, range.to);
  const quote = useDeliveryQuote(orderId, mode, mode === 'home' ? cityCode : undefined);
  const cities = useCities();
  const book = useBookDelivery(orderId);
  const byDate = new Map<string, NonNullable<typeof slots.data>>();
  for (const s of slots.data ?? []) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);

  const submit = async () => {
    if (!slotId) return;
    const address = mode === 'home' ? { ...(await form.validateFields()), cityCode } : undefined;
    try {
      await book.mutateAsync({
        body: {
          mode,
          slotId,
          ...(address ? { address } : {}),
          ...(quote.data ? { expectedFeeFen: quote.data.feeFen } : {}),
        },
        key: `${key}-${mode}-${slotId}`,
      });
      message.success(t('booked'));
      onDone();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="delivery-booking">
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="delivery-mode">
        <Radio.Button value="pickup">{td('mode.pickup')}</Radio.Button>
        <Radio.Button value="home">{td('mode.home')}</Radio.Button>
      </Radio.Group>
      {mode === 'home' ? (
        <Form form={form} layout="vertical" initialValues={{ contactName: '', contactPhone: '' }}>
          <Space wrap>
            <Form.Item label={t('city')} required>
              <Select
                showSearch
                style={{ width: 160 }}
                value={cityCode}
                onChange={setCityCode}
                optionFilterProp="label"
                data-testid="delivery-city"
                options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
            <Form.Item name="province" label={t('province')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} data-testid="delivery-province" />
            </Form.Item>
            <Form.Item name="district" label={t('district')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} data-testid="delivery-district" />
            </Form.Item>
          </Space>
          <Form.Item name="street" label={t('street')} rules={[{ required: true }]}>
            <Input data-testid="delivery-street" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="contactName" label={t('contactName')} rules={[{ required: true }]}>
              <Input data-testid="delivery-contact-name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('contactPhone')}
              rules={[{ required: true, pattern: /^1\d{10}$/ }]}
            >
              <Input data-testid="delivery-contact-phone" />
            </Form.Item>
          </Space>
        </Form>
      ) : null}
      <Typography.Text strong>{t('slot')}</Typography.Text>
      <QueryState isLoading={slots.isLoading} error={slots.error} onRetry={() => void slots.refetch()}>
        {byDate.size === 0 ? (
          <Empty description={t('noSlots')} />
        ) : (
          <Radio.Group
            value={slotId}
            onChange={(e) => setSlotId(e.target.value)}
            data-testid="delivery-slots"
          >
            <Space orientation="vertical">
              {[...byDate.entries()].map(([date, list]) => (
                <Space key={date} wrap>
                  <span style={{ width: 96, display: 'inline-block' }}>{date}</span>
                  {list.map((s) => (
                    <Radio.Button key={s.id} value={s.id} data-testid="delivery-slot">
                      {formatTime(s.startsAt).slice(-8, -3)}-{formatTime(s.endsAt).slice(-8, -3)}（
                      {t('left', { n: s.available })}）
                    </Radio.Button>
                  ))}
                </Space>
              ))}
            </Space>
          </Radio.Group>
        )}
      </QueryState>
      {quote.data ? (
        <Typography.Text data-testid="delivery-fee">
          {t('fee')}：{quote.data.feeFen === 0 ? t('free') : formatFenPlain(quote.data.feeFen)}
          {quote.data.distanceKm > 0 ? ` · ${t('distance', { km: quote.data.distanceKm })}` : ''}
        </Typography.Text>
      ) : quote.error ? (
        <Alert type="warning" showIcon title={quote.error.message} />
      ) : null}
      <Button
        type="primary"
        disabled={!slotId || (mode === 'home' && (!cityCode || !quote.data))}
        loading={book.isPending}
        onClick={() => void submit()}
        data-testid="delivery-confirm"
      >
        {t('confirm')}
      </Button>
    </Space>
  );
}

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function Handover({ orderId, delivery }: { orderId: string; delivery: TDelivery }) {
  const { t } = useTranslation('storefrontDelivery');
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [key] = useState(() => crypto.randomUUID());
  const accept = useAcceptHandover(orderId);
  const handover = delivery.checklist.filter((i) => i.kind === 'handover');
  const done = handover.filter((i) => i.signedAt).length;
  if (delivery.acceptedAt) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('accepted', { at: formatTime(delivery.acceptedAt) })}
        data-testid="handover-accepted"
      />
    );
  }
  const arrived = delivery.mode === 'pickup' || delivery.trackingStage === 'delivered';
  const ready = arrived && done === handover.length && delivery.invoice !== null;
  const submit = async () => {
    try {
      const photos = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          contentType: (f.type ?? 'image/jpeg') as 'image/jpeg' | 'image/png' | 'image/webp',
          dataBase64: await fileToBase64(f.originFileObj as File),
        })),
      );
      await accept.mutateAsync({ body: { photos }, key });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="handover">
      <Typography.Text type="secondary">
        {t('checklistDone', { done, total: handover.length })}
      </Typography.Text>
      {ready ? (
        <>
          <Typography.Paragraph>{t('handoverHint')}</Typography.Paragraph>
          <Upload
            accept="image/jpeg,image/png,image/webp"
            listType="picture"
            multiple
            maxCount={6}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />} data-testid="handover-photos">
              {t('photos')}
            </Button>
          </Upload>
          <Button
            type="primary"
            disabled={files.length === 0}
            loading={accept.isPending}
            onClick={() => void submit()}
            data-testid="handover-accept"
          >
            {t('accept')}
          </Button>
        </>
      ) : (
        <Alert type="info" showIcon title={t('waiting')} />
      )}
    </Space>
  );
}

function Tracking({ delivery }: { delivery: TDelivery }) {
  const { t } = useTranslation('storefrontDelivery');
  const { t: td } = useTranslation('delivery');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="delivery-tracking">
      {delivery.tracking.length === 0 ? (
        <Typography.Text type="secondary">{t('noTracking')}</Typography.Text>
      ) : (
        <Timeline
          items={[...delivery.tracking].reverse().map((e) => ({
            content: (
              <span data-testid="tracking-event">
                {td(`tracking.${e.kind}`)} · {e.place} · {formatTime(e.occurredAt)}
              </span>
            ),
          }))}
        />
      )}
      <RouteMap delivery={delivery} labels={{ origin: td('origin'), destination: td('destination') }} />
    </Space>
  );
}

/** `<OrderDelivery orderId order/>`: the slot the storefront's order page gives the delivery. */
export function OrderDelivery({ orderId, order }: { orderId: string; order: TOrder }) {
  const { t } = useTranslation('storefrontDelivery');
  const { t: td } = useTranslation('delivery');
  const relevant = DELIVERY_STATUSES.includes(order.status);
  const mine = useMyDelivery(orderId, relevant);
  const [rebooking, setRebooking] = useState(false);
  if (!relevant) return null;
  const d = mine.data ?? null;
  return (
    <Card title={t('title')} data-testid="order-delivery">
      <QueryState isLoading={mine.isLoading} error={mine.error} onRetry={() => void mine.refetch()}>
        {!d || rebooking ? (
          <BookingForm orderId={orderId} current={d} onDone={() => setRebooking(false)} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={td('field.mode')}>
                {td(`mode.${d.mode}`)} <Tag data-testid="delivery-status">{td(`status.${d.status}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={td('field.slot')}>
                {formatTime(d.slot.startsAt)} - {formatTime(d.slot.endsAt).slice(-8)}
              </Descriptions.Item>
              {d.address ? (
                <Descriptions.Item label={td('field.address')}>{d.address.masked}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label={td('field.fee')}>
                {d.feeFen === 0 ? t('free') : formatFenPlain(d.feeFen)}
              </Descriptions.Item>
              {d.carrier ? (
                <Descriptions.Item label={td('field.carrier')}>
                  {td(`carrier.${d.carrier}`)} {d.trackingNumber ?? ''}
                </Descriptions.Item>
              ) : null}
              {d.driverName ? (
                <Descriptions.Item label={td('field.driver')}>{d.driverName}</Descriptions.Item>
              ) : null}
              {d.advisorName ? (
                <Descriptions.Item label={td('field.advisor')}>{d.advisorName}</Descriptions.Item>
              ) : null}
            </Descriptions>
            {d.status === 'scheduled' ? (
              <Button onClick={() => setRebooking(true)} data-testid="delivery-rebook">
                {t('reschedule')}
              </Button>
            ) : null}
            {d.mode === 'home' ? (
              <>
                <Typography.Title level={5}>{t('tracking')}</Typography.Title>
                <Tracking delivery={d} />
              </>
            ) : null}
            <Typography.Title level={5}>{t('handover')}</Typography.Title>
            <Handover orderId={orderId} delivery={d} />
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
