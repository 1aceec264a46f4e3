import '../../shared/testdrives/i18n.js';
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  Popconfirm,
  Rate,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ApiError } from '../../shared/api.js';
import { QrCode } from '../../shared/components/QrCode.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TMyTestdriveBooking,
  useBookingAction,
  useFreeSlots,
  useMyTestdrives,
} from '../../shared/hooks/testdrives.js';

// /account/test-drives: the buyer's bookings with the QR check-in code, reschedule and cancel until the cut-off,
// and the feedback survey after a completed drive.

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

function Reschedule({ b }: { b: TMyTestdriveBooking }) {
  const { t } = useTranslation('testdrives');
  const { message } = App.useApp();
  const action = useBookingAction();
  const from = shanghaiDate(Date.now());
  const slots = useFreeSlots({
    storeId: b.storeId,
    seriesId: b.seriesId,
    trimId: b.trimId ?? '',
    colour: b.colour ?? '',
    from,
    to: shanghaiDate(Date.now() + 13 * 86_400_000),
  });
  return (
    <Select
      style={{ width: 220 }}
      placeholder={t('mine.pickSlot')}
      options={(slots.data ?? []).map((s) => ({ value: s.id, label: `${s.date} ${hm(s.startsAt)}` }))}
      onChange={(slotId: string) =>
        action.mutate(
          { kind: 'reschedule', id: b.id, slotId },
          { onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)) },
        )
      }
    />
  );
}

function Feedback({ b }: { b: TMyTestdriveBooking }) {
  const { t } = useTranslation('testdrives');
  const action = useBookingAction();
  const [rating, setRating] = useState(5);
  const [wouldBuy, setWouldBuy] = useState(true);
  const [comment, setComment] = useState('');
  if (b.feedback) return <Typography.Text type="success">{t('mine.thanks')}</Typography.Text>;
  return (
    <Space orientation="vertical" data-testid={`feedback-${b.id}`}>
      <Typography.Text strong>{t('mine.feedback')}</Typography.Text>
      <Rate value={rating} onChange={setRating} />
      <Space>
        {t('mine.wouldBuy')} <Switch checked={wouldBuy} onChange={setWouldBuy} />
      </Space>
      <Input.TextArea
        maxLength={500}
        placeholder={t('mine.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button
        type="primary"
        loading={action.isPending}
        onClick={() => action.mutate({ kind: 'feedback', id: b.id, rating, wouldBuy, comment })}
      >
        {t('mine.send')}
      </Button>
    </Space>
  );
}

export function MyTestdrivesPage() {
  const { t } = useTranslation('testdrives');
  const { message } = App.useApp();
  const me = useMe();
  const signedIn = me.data?.me?.kind === 'buyer';
  const mine = useMyTestdrives(signedIn);
  const action = useBookingAction();
  if (me.isSuccess && !signedIn) return <Navigate to="/sign-in?redirect=%2Faccount%2Ftest-drives" replace />;
  return (
    <Card title={t('mine.title')} style={{ maxWidth: 760, margin: '16px auto' }} data-testid="my-test-drives">
      <QueryState isLoading={mine.isLoading} error={mine.error} onRetry={() => void mine.refetch()}>
        {(mine.data ?? []).length === 0 ? (
          <Empty description={t('mine.empty')} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {(mine.data ?? []).map((b) => {
              const changeable = b.status === 'booked' && Date.now() < Date.parse(b.changeableUntil);
              return (
                <Card key={b.id} size="small" data-testid={`my-test-drive-${b.bookingNumber}`}>
                  <Space align="start" wrap>
                    <Space orientation="vertical">
                      <Typography.Text strong>
                        {b.vehicleTitle} <Tag>{t(`status.${b.status}`)}</Tag>
                      </Typography.Text>
                      <span>
                        {b.storeName} · {shanghaiDate(Date.parse(b.startsAt))} {hm(b.startsAt)}-{hm(b.endsAt)}
                      </span>
                      <Typography.Text type="secondary">
                        {t('mine.number')} {b.bookingNumber}
                      </Typography.Text>
                      {changeable && (
                        <>
                          <Typography.Text type="secondary">
                            {t('mine.changeUntil', { time: formatTime(b.changeableUntil) })}
                          </Typography.Text>
                          <Space wrap>
                            <Reschedule b={b} />
                            <Popconfirm
                              title={t('mine.cancelConfirm')}
                              onConfirm={() =>
                                action.mutate(
                                  { kind: 'cancel', id: b.id },
                                  {
                                    onError: (e) =>
                                      message.error(e instanceof ApiError ? e.message : String(e)),
                                  },
                                )
                              }
                            >
                              <Button danger>{t('mine.cancel')}</Button>
                            </Popconfirm>
                          </Space>
                        </>
                      )}
                      {b.status === 'completed' && <Feedback b={b} />}
                    </Space>
                    {b.checkInToken && (
                      <Space orientation="vertical" align="center">
                        <QrCode value={b.checkInToken} size={160} />
                        <Typography.Text type="secondary">{t('mine.qr')}</Typography.Text>
                      </Space>
                    )}
                  </Space>
                </Card>
              );
            })}
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
