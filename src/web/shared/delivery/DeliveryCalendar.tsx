import './i18n.js';
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Input, InputNumber, Select, Space, Tag, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { QueryState } from '../components/Results.js';
import { formatTime } from '../format.js';
import {
  type TSlot,
  type TSlotTemplate,
  useCalendarAction,
  useDeliveryCalendar,
  useStoreSlots,
} from '../hooks/fulfilment.js';

// A store's delivery calendar: weekly slot templates with their capacity, closed days, generating the
// bookable slots, and the slots with their bookings. The console and the dealer portal each pass their stores.

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function StoreCalendar({ storeId, canManage }: { storeId: string; canManage: boolean }) {
  const { t } = useTranslation('delivery');
  const { message } = App.useApp();
  const calendar = useDeliveryCalendar(storeId);
  const action = useCalendarAction(storeId);
  const [rows, setRows] = useState<TSlotTemplate[]>([]);
  const [closeDate, setCloseDate] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const range = useMemo(
    () => ({ from: shanghaiDate(Date.now()), to: shanghaiDate(Date.now() + 27 * 86_400_000) }),
    [],
  );
  const slots = useStoreSlots(storeId, range.from, range.to);
  useEffect(() => {
    if (calendar.data) setRows(calendar.data.templates);
  }, [calendar.data]);
  const run = async (a: Parameters<typeof action.mutateAsync>[0], ok?: string) => {
    try {
      await action.mutateAsync(a);
      if (ok) message.success(ok);
      await slots.refetch();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const patch = (i: number, p: Partial<TSlotTemplate>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <QueryState isLoading={calendar.isLoading} error={calendar.error} onRetry={() => void calendar.refetch()}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Card size="small" title={t('calendar.templates')} data-testid="calendar-templates">
          <DataTable<TSlotTemplate & { i: number }>
            testId="calendar-templates-table"
            rowKey={(r) => String(r.i)}
            size="small"
            urlKey={false}
            layout="table"
            pageSize={100}
            rows={rows.map((r, i) => ({ ...r, i }))}
            columns={[
              {
                key: 'weekday',
                title: t('calendar.weekday'),
                value: (r) => t(`calendar.weekdays.${r.weekday}`),
                width: 120,
                render: (r) => (
                  <Select
                    value={r.weekday}
                    disabled={!canManage}
                    style={{ width: 90 }}
                    onChange={(v) => patch(r.i, { weekday: v })}
                    options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                      value: d,
                      label: t(`calendar.weekdays.${d}`),
                    }))}
                  />
                ),
              },
              {
                key: 'start',
                title: t('calendar.start'),
                kind: 'time',
                value: (r) => r.startTime,
                render: (r) => (
                  <TimePicker
                    format="HH:mm"
                    minuteStep={15}
                    disabled={!canManage}
                    value={dayjs(`2000-01-01T${r.startTime}`)}
                    onChange={(v) => v && patch(r.i, { startTime: v.format('HH:mm') })}
                  />
                ),
              },
              {
                key: 'end',
                title: t('calendar.end'),
                kind: 'time',
                value: (r) => r.endTime,
                render: (r) => (
                  <TimePicker
                    format="HH:mm"
                    minuteStep={15}
                    disabled={!canManage}
                    value={dayjs(`2000-01-01T${r.endTime}`)}
                    onChange={(v) => v && patch(r.i, { endTime: v.format('HH:mm') })}
                  />
                ),
              },
              {
                key: 'capacity',
                title: t('calendar.capacity'),
                kind: 'number',
                value: (r) => r.capacity,
                render: (r) => (
                  <InputNumber
                    min={1}
                    max={100}
                    disabled={!canManage}
                    value={r.capacity}
                    onChange={(v) => v && patch(r.i, { capacity: v })}
                  />
                ),
              },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      title: '',
                      kind: 'actions' as const,
                      width: 70,
                      render: (r: { i: number }) => (
                        <Button
                          icon={<DeleteOutlined />}
                          type="text"
                          onClick={() => setRows(rows.filter((_x, j) => j !== r.i))}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canManage ? (
            <Space style={{ marginTop: 8 }}>
              <Button
                onClick={() =>
                  setRows([...rows, { weekday: 1, startTime: '10:00', endTime: '12:00', capacity: 2 }])
                }
              >
                {t('calendar.add')}
              </Button>
              <Button
                type="primary"
                loading={action.isPending}
                onClick={() => void run({ kind: 'templates', templates: rows }, t('action.save'))}
                data-testid="calendar-save"
              >
                {t('action.save')}
              </Button>
              <Button
                loading={action.isPending}
                onClick={() => void run({ kind: 'generate', ...range })}
                data-testid="calendar-generate"
              >
                {t('calendar.generate')}
              </Button>
            </Space>
          ) : null}
        </Card>
        <Card size="small" title={t('calendar.closures')}>
          <Space wrap style={{ marginBottom: 8 }}>
            {(calendar.data?.closures ?? []).map((c) => (
              <Tag
                key={c.id}
                closable={canManage}
                onClose={() => void run({ kind: 'reopen', closureId: c.id })}
              >
                {c.date} {c.reason}
              </Tag>
            ))}
          </Space>
          {canManage ? (
            <Space wrap>
              <DatePicker onChange={(d) => setCloseDate(d ? d.format('YYYY-MM-DD') : null)} />
              <Input
                placeholder={t('calendar.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 200 }}
              />
              <Button
                disabled={!closeDate || !reason.trim()}
                onClick={() => closeDate && void run({ kind: 'close', date: closeDate, reason })}
              >
                {t('calendar.closeDay')}
              </Button>
            </Space>
          ) : null}
        </Card>
        <Card size="small" title={`${t('calendar.slots')}（${range.from} ~ ${range.to}）`}>
          <DataTable<TSlot>
            testId="calendar-slots-table"
            rowKey={(s) => s.id}
            size="small"
            urlKey="slots_"
            pageSize={14}
            loading={slots.isLoading}
            error={slots.error}
            onRetry={() => void slots.refetch()}
            rows={slots.data ?? []}
            columns={[
              {
                key: 'slot',
                title: t('field.slot'),
                kind: 'title',
                value: (s) => `${formatTime(s.startsAt)} - ${formatTime(s.endsAt).slice(-8)}`,
              },
              { key: 'capacity', title: t('calendar.capacity'), kind: 'number', value: (s) => s.capacity },
              {
                key: 'booked',
                title: t('calendar.booked'),
                kind: 'tag',
                value: (s) => `${s.booked}/${s.capacity}`,
                color: (s) => (s.available === 0 ? 'red' : 'green'),
              },
            ]}
          />
        </Card>
      </Space>
    </QueryState>
  );
}

export function DeliveryCalendar({
  stores,
  canManage,
  cityPicker,
}: {
  stores: { id: string; name: string }[];
  canManage: boolean;
  /** The console picks a city first (its store list is per city); the dealer portal lists its own stores. */
  cityPicker?: React.ReactNode;
}) {
  const { t } = useTranslation('delivery');
  const [storeId, setStoreId] = useState<string | undefined>();
  const chosen = storeId && stores.some((s) => s.id === storeId) ? storeId : stores[0]?.id;
  return (
    <Card
      title={t('calendarMenu')}
      data-testid="delivery-calendar"
      extra={
        <Space>
          {cityPicker}
          <Select
            placeholder={t('calendar.pickStore')}
            style={{ width: 240 }}
            value={chosen}
            onChange={setStoreId}
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="calendar-store"
          />
        </Space>
      }
    >
      {chosen ? <StoreCalendar key={chosen} storeId={chosen} canManage={canManage} /> : null}
    </Card>
  );
}
