import './i18n.js';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  LICENCE_CLASSES,
  TESTDRIVE_VEHICLE_STATUSES,
} from '../../../server/modules/testdrives/testdrives.enums.js';
import { ApiError } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { QueryState } from '../components/Results.js';
import { formatTime } from '../format.js';
import {
  type TTestdriveBooking,
  type TTestdriveStoreSetup,
  type TTestdriveTemplate,
  type TTestdriveVehicle,
  useBookingAction,
  useSetupAction,
  useStoreSetups,
  useTestdriveCalendar,
  useTestdriveVehicles,
  useVehicleAction,
} from '../hooks/testdrives.js';

// The staff test-drive screens shared by the console and the dealer portal: the store's day/week calendar
// (bookings, check-in with the driving licence, outcome, show rate), its test-drive cars and its settings.
// Dealer staff only ever get their own stores from the API.

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const STATUS_COLOUR: Record<string, string> = {
  booked: 'blue',
  checked_in: 'gold',
  completed: 'green',
  cancelled: 'default',
  no_show: 'red',
};

function useRun() {
  const { message } = App.useApp();
  return async (f: () => Promise<unknown>, ok?: string) => {
    try {
      await f();
      if (ok) message.success(ok);
      return true;
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      return false;
    }
  };
}

function CheckInForm({ storeId, onDone }: { storeId: string; onDone: () => void }) {
  const { t } = useTranslation('testdrives');
  const action = useBookingAction();
  const run = useRun();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="checkin-form"
      onFinish={(v: {
        code: string;
        licenceNumber: string;
        licenceClass: string;
        licenceExpiresOn: dayjs.Dayjs;
      }) =>
        void run(
          () =>
            action.mutateAsync({
              kind: 'check-in',
              storeId,
              body: {
                code: v.code,
                licenceNumber: v.licenceNumber,
                licenceClass: v.licenceClass as (typeof LICENCE_CLASSES)[number],
                licenceExpiresOn: v.licenceExpiresOn.format('YYYY-MM-DD'),
              },
            }),
          t('calendar.checkedIn'),
        ).then((ok) => {
          if (ok) {
            form.resetFields();
            onDone();
          }
        })
      }
    >
      <Form.Item name="code" label={t('calendar.code')} rules={[{ required: true }]}>
        <Input data-testid="checkin-code" />
      </Form.Item>
      <Form.Item
        name="licenceNumber"
        label={t('calendar.licenceNumber')}
        rules={[{ required: true, len: 18 }]}
      >
        <Input maxLength={18} data-testid="checkin-licence" />
      </Form.Item>
      <Space>
        <Form.Item name="licenceClass" label={t('calendar.licenceClass')} initialValue="C1">
          <Select style={{ width: 90 }} options={LICENCE_CLASSES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item
          name="licenceExpiresOn"
          label={t('calendar.licenceExpiresOn')}
          rules={[{ required: true }]}
        >
          <DatePicker data-testid="checkin-expiry" />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={action.isPending} data-testid="checkin-submit">
        {t('calendar.checkIn')}
      </Button>
    </Form>
  );
}

function CalendarTab({ storeId, canManage }: { storeId: string; canManage: boolean }) {
  const { t } = useTranslation('testdrives');
  const [mode, setMode] = useState<'day' | 'week'>('week');
  const [day, setDay] = useState(() => shanghaiDate(Date.now()));
  const [checkIn, setCheckIn] = useState(false);
  const to =
    mode === 'day' ? day : shanghaiDate(Date.parse(`${day}T00:00:00Z`) + 6 * 86_400_000 - 8 * 3_600_000 + 1);
  const cal = useTestdriveCalendar(storeId, day, to);
  const action = useBookingAction();
  const run = useRun();
  const rate = cal.data?.showRate;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={mode}
          onChange={(v) => setMode(v as 'day' | 'week')}
          options={[
            { value: 'day', label: t('calendar.day') },
            { value: 'week', label: t('calendar.week') },
          ]}
        />
        <DatePicker
          value={dayjs(day)}
          allowClear={false}
          onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
        />
        <Statistic
          title={t('calendar.showRate')}
          value={rate === null || rate === undefined ? t('calendar.none') : `${Math.round(rate * 100)}%`}
          valueStyle={{ fontSize: 18 }}
        />
        {canManage && (
          <Button type="primary" onClick={() => setCheckIn(true)} data-testid="open-checkin">
            {t('calendar.checkIn')}
          </Button>
        )}
      </Space>
      <Modal
        open={checkIn}
        footer={null}
        onCancel={() => setCheckIn(false)}
        title={t('calendar.checkIn')}
        destroyOnHidden
      >
        <CheckInForm storeId={storeId} onDone={() => setCheckIn(false)} />
      </Modal>
      <QueryState isLoading={cal.isLoading} error={cal.error} onRetry={() => void cal.refetch()}>
        <DataTable<TTestdriveBooking>
          testId="testdrive-bookings"
          urlKey={false}
          rows={cal.data?.bookings}
          rowKey={(b) => b.id}
          rowTestId={(b) => `booking-${b.bookingNumber}`}
          columns={[
            {
              key: 'time',
              title: t('calendar.time'),
              kind: 'time',
              value: (b) => formatTime(b.startsAt),
              sortable: true,
              sortValue: (b) => b.startsAt,
            },
            { key: 'buyer', title: t('calendar.buyer'), value: (b) => `${b.name} ${b.phoneMasked}` },
            {
              key: 'vehicle',
              title: t('calendar.vehicle'),
              kind: 'title',
              value: (b) => `${b.vehicleTitle} ${b.vehiclePlate ?? ''}`,
            },
            {
              key: 'advisor',
              title: t('calendar.advisor'),
              value: (b) => b.advisorName ?? t('calendar.unassigned'),
            },
            {
              key: 'status',
              title: t('calendar.status'),
              kind: 'tag',
              value: (b) => t(`status.${b.status}`),
              color: (b) => STATUS_COLOUR[b.status],
            },
            {
              key: 'licence',
              title: t('calendar.licence'),
              value: (b) => (b.licenceNumberMasked ? `${b.licenceNumberMasked} ${b.licenceClass ?? ''}` : ''),
            },
            {
              key: 'actions',
              title: t('calendar.actions'),
              kind: 'actions',
              width: 240,
              render: (b) =>
                canManage ? (
                  <Space size="small" wrap>
                    {b.status === 'checked_in' && (
                      <Button
                        size="small"
                        onClick={() =>
                          void run(() =>
                            action.mutateAsync({ kind: 'outcome', id: b.id, outcome: 'complete' }),
                          )
                        }
                      >
                        {t('calendar.complete')}
                      </Button>
                    )}
                    {b.status === 'booked' && (
                      <>
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            void run(() =>
                              action.mutateAsync({ kind: 'outcome', id: b.id, outcome: 'no_show' }),
                            )
                          }
                        >
                          {t('calendar.noShow')}
                        </Button>
                        <Popconfirm
                          title={t('calendar.cancel')}
                          onConfirm={() => void run(() => action.mutateAsync({ kind: 'cancel', id: b.id }))}
                        >
                          <Button size="small">{t('calendar.cancel')}</Button>
                        </Popconfirm>
                      </>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
        <Typography.Text type="secondary">
          {t('calendar.slots')}: {(cal.data?.slots ?? []).filter((s) => s.available > 0).length}{' '}
          {t('calendar.free')} / {(cal.data?.slots ?? []).length}
        </Typography.Text>
      </QueryState>
    </Space>
  );
}

function VehiclesTab({ storeId, canManage }: { storeId: string; canManage: boolean }) {
  const { t } = useTranslation('testdrives');
  const vehicles = useTestdriveVehicles(storeId);
  const action = useVehicleAction();
  const run = useRun();
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canManage && (
        <Card size="small" title={t('vehicles.add')}>
          <Form
            form={form}
            layout="inline"
            onFinish={(v: { trimId: string; colour: string; plate: string; vin?: string }) =>
              void run(() =>
                action.mutateAsync({
                  kind: 'create',
                  body: { storeId, trimId: v.trimId, colour: v.colour, plate: v.plate, vin: v.vin || null },
                }),
              ).then((ok) => ok && form.resetFields())
            }
          >
            <Form.Item name="trimId" label={t('vehicles.trimId')} rules={[{ required: true }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="colour" label={t('vehicles.colour')} rules={[{ required: true }]}>
              <Input style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="plate" label={t('vehicles.plate')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} placeholder="京A·12345" />
            </Form.Item>
            <Form.Item name="vin" label={t('vehicles.vin')}>
              <Input style={{ width: 190 }} maxLength={17} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.isPending}>
              {t('vehicles.add')}
            </Button>
          </Form>
        </Card>
      )}
      <DataTable<TTestdriveVehicle>
        testId="testdrive-vehicles"
        urlKey={false}
        rows={vehicles.data}
        loading={vehicles.isLoading}
        error={vehicles.error}
        rowKey={(v) => v.id}
        columns={[
          { key: 'title', title: t('calendar.vehicle'), kind: 'title', value: (v) => v.title },
          { key: 'colour', title: t('vehicles.colour'), value: (v) => v.colour },
          { key: 'plate', title: t('vehicles.plate'), value: (v) => v.plate },
          {
            key: 'status',
            title: t('vehicles.status'),
            kind: 'tag',
            value: (v) => t(`vehicleStatus.${v.status}`),
          },
          {
            key: 'actions',
            title: t('calendar.actions'),
            kind: 'actions',
            render: (v) =>
              canManage ? (
                <Select
                  size="small"
                  style={{ width: 120 }}
                  value={v.status}
                  onChange={(status) =>
                    void run(() => action.mutateAsync({ kind: 'status', id: v.id, status }))
                  }
                  options={TESTDRIVE_VEHICLE_STATUSES.map((s) => ({
                    value: s,
                    label: t(`vehicleStatus.${s}`),
                  }))}
                />
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

function SettingsTab({ setup, canManage }: { setup: TTestdriveStoreSetup; canManage: boolean }) {
  const { t } = useTranslation('testdrives');
  const action = useSetupAction(setup.storeId);
  const run = useRun();
  const [rows, setRows] = useState<TTestdriveTemplate[]>(setup.templates);
  const [close, setClose] = useState<{ date: string | null; reason: string }>({ date: null, reason: '' });
  useEffect(() => setRows(setup.templates), [setup.templates]);
  const patch = (i: number, p: Partial<TTestdriveTemplate>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const today = shanghaiDate(Date.now());
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('settings.title')}>
        <Form
          layout="inline"
          disabled={!canManage}
          initialValues={
            setup.settings ?? {
              slotMinutes: 60,
              capacity: 2,
              horizonDays: 14,
              cutoffMinutes: 120,
              noShowAfterMinutes: 30,
            }
          }
          onFinish={(body) =>
            void run(() => action.mutateAsync({ kind: 'settings', body }), t('settings.saved'))
          }
        >
          {(['slotMinutes', 'capacity', 'horizonDays', 'cutoffMinutes', 'noShowAfterMinutes'] as const).map(
            (k) => (
              <Form.Item key={k} name={k} label={t(`settings.${k}`)} rules={[{ required: true }]}>
                <InputNumber min={0} />
              </Form.Item>
            ),
          )}
          <Button type="primary" htmlType="submit">
            {t('settings.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('settings.windows')}>
        <Space orientation="vertical">
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: unsaved windows have no id; rows are edited in place
            <Space key={`${r.weekday}-${r.startTime}-${i}`}>
              <Select
                value={r.weekday}
                disabled={!canManage}
                style={{ width: 90 }}
                onChange={(weekday) => patch(i, { weekday })}
                options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`settings.weekdays.${d}`) }))}
              />
              <Input
                value={r.startTime}
                disabled={!canManage}
                style={{ width: 80 }}
                onChange={(e) => patch(i, { startTime: e.target.value })}
              />
              <Input
                value={r.endTime}
                disabled={!canManage}
                style={{ width: 80 }}
                onChange={(e) => patch(i, { endTime: e.target.value })}
              />
              {canManage && <Button onClick={() => setRows(rows.filter((_, j) => j !== i))}>×</Button>}
            </Space>
          ))}
          {canManage && (
            <Space>
              <Button
                onClick={() => setRows([...rows, { weekday: 1, startTime: '09:00', endTime: '17:00' }])}
              >
                {t('settings.addWindow')}
              </Button>
              <Button
                type="primary"
                onClick={() =>
                  void run(
                    () => action.mutateAsync({ kind: 'templates', templates: rows }),
                    t('settings.saved'),
                  )
                }
              >
                {t('settings.save')}
              </Button>
              <Button
                onClick={() =>
                  void run(
                    () =>
                      action.mutateAsync({
                        kind: 'generate',
                        from: today,
                        to: shanghaiDate(
                          Date.now() + Math.min(setup.settings?.horizonDays ?? 14, 60) * 86_400_000,
                        ),
                      }),
                    t('settings.saved'),
                  )
                }
              >
                {t('settings.generate')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('settings.closures')}>
        <Space orientation="vertical">
          {setup.closures.map((c) => (
            <Space key={c.id}>
              <Tag>{c.date}</Tag>
              {c.reason}
              {canManage && (
                <Button
                  size="small"
                  onClick={() => void run(() => action.mutateAsync({ kind: 'reopen', closureId: c.id }))}
                >
                  {t('settings.reopen')}
                </Button>
              )}
            </Space>
          ))}
          {canManage && (
            <Space>
              <DatePicker onChange={(d) => setClose({ ...close, date: d ? d.format('YYYY-MM-DD') : null })} />
              <Input
                placeholder={t('settings.reason')}
                value={close.reason}
                onChange={(e) => setClose({ ...close, reason: e.target.value })}
              />
              <Button
                disabled={!close.date || !close.reason.trim()}
                onClick={() =>
                  void run(() =>
                    action.mutateAsync({ kind: 'close', date: close.date ?? '', reason: close.reason }),
                  )
                }
              >
                {t('settings.closeDay')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
    </Space>
  );
}

/** The whole test-drive area for staff: pick a store, then calendar / cars / settings. */
export function TestdrivesStaff({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation('testdrives');
  const canManage = permissions.includes('testdrives.manage');
  const setups = useStoreSetups();
  const [params, setParams] = useSearchParams();
  const stores = setups.data ?? [];
  const storeId = params.get('storeId') ?? stores[0]?.storeId ?? '';
  const setup = useMemo(() => stores.find((s) => s.storeId === storeId), [stores, storeId]);
  return (
    <Card title={t('calendar.title')} data-testid="testdrives-staff">
      <QueryState isLoading={setups.isLoading} error={setups.error} onRetry={() => void setups.refetch()}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            style={{ minWidth: 260 }}
            placeholder={t('calendar.pickStore')}
            value={storeId || undefined}
            data-testid="testdrive-store"
            onChange={(v) => setParams({ storeId: v })}
            options={stores.map((s) => ({ value: s.storeId, label: s.storeName }))}
          />
          {storeId && (
            <Tabs
              items={[
                {
                  key: 'calendar',
                  label: t('menu'),
                  children: <CalendarTab storeId={storeId} canManage={canManage} />,
                },
                {
                  key: 'vehicles',
                  label: t('vehiclesMenu'),
                  children: <VehiclesTab storeId={storeId} canManage={canManage} />,
                },
                ...(setup
                  ? [
                      {
                        key: 'settings',
                        label: t('settings.title'),
                        children: <SettingsTab setup={setup} canManage={canManage} />,
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Space>
      </QueryState>
    </Card>
  );
}
