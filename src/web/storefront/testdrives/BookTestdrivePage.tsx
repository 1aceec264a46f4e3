import '../../shared/testdrives/i18n.js';
import { Alert, Button, Card, Form, Input, Radio, Result, Segmented, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TTestdriveBooking,
  useBookingOptions,
  useBookTestdrive,
  useFreeSlots,
} from '../../shared/hooks/testdrives.js';
import { useChosenCity } from '../city.js';

// /test-drive?seriesId=&trimId=&listingId=: pick trim and colour, a store (nearest first), a day and a free
// time, leave name and phone; signing in by SMS code comes first when needed.

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

export function BookTestdrivePage() {
  const { t } = useTranslation('testdrives');
  const [params] = useSearchParams();
  const location = useLocation();
  const seriesId = params.get('seriesId') ?? '';
  const listingId = params.get('listingId');
  const city = useChosenCity();
  const me = useMe();
  const signedIn = me.data?.me?.kind === 'buyer';
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | null>(null);
  const options = useBookingOptions(seriesId, city, position);
  const [choice, setChoice] = useState<string>(params.get('trimId') ? `${params.get('trimId')}|` : '');
  const [storeId, setStoreId] = useState('');
  const days = useMemo(
    () => Array.from({ length: 7 }, (_, i) => shanghaiDate(Date.now() + (i + 1) * 86_400_000)),
    [],
  );
  const [day, setDay] = useState(days[0] ?? '');
  const [slotId, setSlotId] = useState('');
  const [trimId, colour] = choice.split('|') as [string, string | undefined];
  const stores = (options.data?.stores ?? []).filter(
    (s) => !trimId || s.vehicles.some((v) => v.trimId === trimId && (!colour || v.colour === colour)),
  );
  const chosenStore = stores.find((s) => s.storeId === storeId) ?? stores[0];
  const slots = useFreeSlots({
    storeId: chosenStore?.storeId ?? '',
    seriesId,
    trimId: trimId ?? '',
    colour: colour ?? '',
    from: day,
    to: day,
  });
  const book = useBookTestdrive();
  const [done, setDone] = useState<TTestdriveBooking | null>(null);
  const vehicleChoices = new Map<string, string>();
  for (const s of options.data?.stores ?? []) {
    for (const v of s.vehicles) vehicleChoices.set(`${v.trimId}|${v.colour}`, `${v.title} · ${v.colour}`);
  }

  if (done) {
    return (
      <Result
        status="success"
        title={t('booking.done')}
        subTitle={`${done.storeName} · ${shanghaiDate(Date.parse(done.startsAt))} ${hm(done.startsAt)} · ${done.vehicleTitle}`}
        extra={
          <Link to="/account/test-drives" data-testid="my-test-drives-link">
            {t('booking.myLink')}
          </Link>
        }
        data-testid="testdrive-booked"
      />
    );
  }

  return (
    <Card
      title={t('booking.title')}
      style={{ maxWidth: 760, margin: '16px auto' }}
      data-testid="testdrive-booking"
    >
      <QueryState isLoading={options.isLoading} error={options.error} onRetry={() => void options.refetch()}>
        <Form
          layout="vertical"
          onFinish={(v: { name: string; phone: string }) => {
            if (!chosenStore || !slotId) return;
            book.mutate(
              {
                storeId: chosenStore.storeId,
                slotId,
                seriesId,
                trimId: trimId || null,
                listingId,
                colour: colour || null,
                name: v.name,
                phone: v.phone,
              },
              { onSuccess: setDone },
            );
          }}
        >
          <Form.Item label={t('booking.trimColour')}>
            <Select
              value={vehicleChoices.has(choice) ? choice : ''}
              onChange={(v) => {
                setChoice(v);
                setSlotId('');
              }}
              data-testid="testdrive-vehicle"
              options={[
                { value: '', label: t('booking.anyColour') },
                ...[...vehicleChoices].map(([value, label]) => ({ value, label })),
              ]}
            />
          </Form.Item>
          <Form.Item label={t('booking.store')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button
                size="small"
                onClick={() =>
                  navigator.geolocation?.getCurrentPosition((p) =>
                    setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
                  )
                }
              >
                {t('booking.useLocation')}
              </Button>
              {stores.length === 0 ? (
                <Alert type="info" title={t('booking.noStores')} />
              ) : (
                <Radio.Group
                  value={chosenStore?.storeId}
                  onChange={(e) => {
                    setStoreId(e.target.value as string);
                    setSlotId('');
                  }}
                  data-testid="testdrive-stores"
                >
                  <Space orientation="vertical">
                    {stores.map((s, i) => (
                      <Radio key={s.storeId} value={s.storeId} data-testid={`testdrive-store-${s.storeId}`}>
                        {s.dealerName} · {s.storeName}{' '}
                        <Typography.Text type="secondary">
                          {s.address} · {t('booking.km', { km: s.distanceKm })}
                          {i === 0 ? ` · ${t('booking.nearest')}` : ''}
                        </Typography.Text>
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              )}
            </Space>
          </Form.Item>
          <Form.Item label={t('booking.day')}>
            <Segmented
              value={day}
              onChange={(v) => {
                setDay(v as string);
                setSlotId('');
              }}
              options={days.map((d) => ({ value: d, label: d.slice(5) }))}
              data-testid="testdrive-days"
            />
          </Form.Item>
          <Form.Item label={t('booking.slot')}>
            {slots.data && slots.data.length === 0 ? (
              <Typography.Text type="secondary">{t('booking.noSlots')}</Typography.Text>
            ) : (
              <Radio.Group
                value={slotId}
                onChange={(e) => setSlotId(e.target.value as string)}
                data-testid="testdrive-slots"
              >
                {(slots.data ?? []).map((s) => (
                  <Radio.Button key={s.id} value={s.id}>
                    {/* antd puts a data-testid on the hidden input; the visible label carries it instead */}
                    <span data-testid="testdrive-slot">
                      {hm(s.startsAt)}-{hm(s.endsAt)}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            )}
          </Form.Item>
          {signedIn ? (
            <>
              <Form.Item name="name" label={t('booking.name')} rules={[{ required: true, max: 40 }]}>
                <Input data-testid="testdrive-name" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('booking.phone')}
                rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}
              >
                <Input maxLength={11} data-testid="testdrive-phone" />
              </Form.Item>
              {book.error && (
                <Alert
                  type="error"
                  title={book.error instanceof ApiError ? book.error.message : String(book.error)}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Button
                type="primary"
                htmlType="submit"
                disabled={!slotId}
                loading={book.isPending}
                data-testid="testdrive-submit"
              >
                {t('booking.submit')}
              </Button>
            </>
          ) : (
            <Link
              to={`/sign-in?redirect=${encodeURIComponent(location.pathname + location.search)}`}
              data-testid="testdrive-sign-in"
            >
              <Button type="primary">{t('booking.signInFirst')}</Button>
            </Link>
          )}
        </Form>
      </QueryState>
    </Card>
  );
}
