import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STORE_SERVICES,
  type TOpeningHours,
  type TStore,
  type TWeekday,
  WEEKDAYS,
  ZOpeningHours,
  ZPhone,
  ZPortalUpdateStoreRequest,
  ZStoreServices,
} from '../../../server/modules/dealers/dealers.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { applyApiError, zodRule } from '../../shared/forms.js';
import { usePortalDealer, usePortalStores, useUpdatePortalStore } from '../../shared/hooks/dealers.js';
import { useCityName, useLabels } from '../../shared/labels.js';

type Range = { from: string; to: string };
interface StoreFormValues {
  phone: string;
  services: TStore['services'];
  hours: Record<TWeekday, Range[]>;
}

const MAX_RANGES = 4;
const WORKDAYS: readonly TWeekday[] = ['tue', 'wed', 'thu', 'fri'];

function toFormHours(hours: TOpeningHours): Record<TWeekday, Range[]> {
  const out = {} as Record<TWeekday, Range[]>;
  for (const day of WEEKDAYS) out[day] = hours[day].map(([from, to]) => ({ from, to }));
  return out;
}

function toOpeningHours(hours: Record<TWeekday, Range[] | undefined>): TOpeningHours {
  const out = {} as TOpeningHours;
  for (const day of WEEKDAYS)
    out[day] = (hours[day] ?? []).map((r) => [r.from?.trim() ?? '', r.to?.trim() ?? ''] as [string, string]);
  return out;
}

/** "09:00–12:00, 13:30–18:00" or the closed label. */
/**
 * Opening hours folded: consecutive days with the same hours share one line ("周一至周日 08:30-18:00"),
 * closed days say so.
 */
export function foldHours(
  hours: TOpeningHours,
  dayLabel: (d: TWeekday) => string,
  closed: string,
  to: string,
): string {
  const text = (d: TWeekday) =>
    hours[d].length === 0 ? closed : hours[d].map(([a, b]) => `${a}-${b}`).join(', ');
  const lines: string[] = [];
  let start = 0;
  for (let i = 1; i <= WEEKDAYS.length; i++) {
    const first = WEEKDAYS[start] as TWeekday;
    if (i < WEEKDAYS.length && text(WEEKDAYS[i] as TWeekday) === text(first)) continue;
    const last = WEEKDAYS[i - 1] as TWeekday;
    const days = first === last ? dayLabel(first) : `${dayLabel(first)}${to}${dayLabel(last)}`;
    lines.push(`${days} ${text(first)}`);
    start = i;
  }
  return lines.join('; ');
}

function HoursCell({ hours }: { hours: TOpeningHours }) {
  const { t } = useTranslation('dealer');
  const L = useLabels();
  const text = foldHours(hours, (d) => L.label('weekday', d), t('stores.closedDay'), t('stores.through'));
  return (
    <div style={{ fontSize: 12, lineHeight: '18px' }}>
      {text.split('; ').map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

function DayHours({ day }: { day: TWeekday }) {
  const { t } = useTranslation('dealer');
  return (
    <Form.List
      name={['hours', day]}
      rules={[
        {
          validator: async (_rule, value: Range[] | undefined) => {
            const ranges = (value ?? []).map((r) => [r?.from?.trim() ?? '', r?.to?.trim() ?? '']);
            if (!ZOpeningHours.shape[day].safeParse(ranges).success)
              throw new Error(t('stores.hoursInvalid'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={`store-hours-${day}`} style={{ marginBottom: 8 }}>
          <Space align="start" wrap>
            <span style={{ display: 'inline-block', width: 44, lineHeight: '32px' }}>
              {t(`weekdays.${day}`)}
            </span>
            <Space orientation="vertical" size={4}>
              {fields.length === 0 && (
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('stores.closedDay')}
                </Typography.Text>
              )}
              {fields.map((field, i) => (
                <Space key={field.key} size={4}>
                  <Form.Item name={[field.name, 'from']} noStyle>
                    <Input
                      placeholder="09:00"
                      maxLength={5}
                      style={{ width: 76 }}
                      aria-label={`${t(`weekdays.${day}`)} ${t('stores.from')}`}
                      data-testid={`store-hours-${day}-${i}-from`}
                    />
                  </Form.Item>
                  <span>–</span>
                  <Form.Item name={[field.name, 'to']} noStyle>
                    <Input
                      placeholder="18:00"
                      maxLength={5}
                      style={{ width: 76 }}
                      aria-label={`${t(`weekdays.${day}`)} ${t('stores.through')}`}
                      data-testid={`store-hours-${day}-${i}-to`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('stores.removeRange')}
                    onClick={() => remove(field.name)}
                    data-testid={`store-hours-${day}-${i}-remove`}
                  />
                </Space>
              ))}
            </Space>
            {fields.length < MAX_RANGES && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ from: '09:00', to: '18:00' })}
                style={{ marginTop: 4 }}
                data-testid={`store-hours-${day}-add`}
              >
                {t('stores.addRange')}
              </Button>
            )}
          </Space>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

/** Edits phone, services and opening hours of one store, validated with the API's own Zod contract. */
function StoreForm({ store, onDone }: { store: TStore; onDone: () => void }) {
  const { t } = useTranslation('dealer');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StoreFormValues>();
  const update = useUpdatePortalStore();
  const [error, setError] = useState<string | null>(null);
  return (
    <Form<StoreFormValues>
      form={form}
      layout="vertical"
      initialValues={{ phone: store.phone, services: store.services, hours: toFormHours(store.openingHours) }}
      onFinish={(v) => {
        setError(null);
        const parsed = ZPortalUpdateStoreRequest.safeParse({
          phone: v.phone,
          services: v.services,
          openingHours: toOpeningHours(v.hours),
        });
        if (!parsed.success) {
          setError(t('stores.hoursInvalid'));
          return;
        }
        update.mutate(
          { id: store.id, ...parsed.data },
          {
            onSuccess: () => {
              void message.success(tc('states.saved'));
              onDone();
            },
            onError: (e) => setError(applyApiError(form, e)),
          },
        );
      }}
      data-testid="store-form"
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="store-form-error"
        />
      )}
      <Form.Item name="phone" label={t('stores.phone')} rules={[zodRule(ZPhone, t('stores.phoneInvalid'))]}>
        <Input data-testid="store-form-phone" />
      </Form.Item>
      <Form.Item
        name="services"
        label={t('stores.services')}
        rules={[zodRule(ZStoreServices, t('stores.servicesRequired'))]}
      >
        <Checkbox.Group
          data-testid="store-form-services"
          options={STORE_SERVICES.map((s) => ({ value: s, label: t(`services.${s}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('stores.hours')} required>
        <Button
          size="small"
          type="link"
          style={{ paddingLeft: 0, marginBottom: 8 }}
          onClick={() => {
            const mon = (form.getFieldValue(['hours', 'mon']) as Range[] | undefined) ?? [];
            for (const day of WORKDAYS)
              form.setFieldValue(
                ['hours', day],
                mon.map((r) => ({ ...r })),
              );
            void form.validateFields(WORKDAYS.map((d) => ['hours', d]));
          }}
          data-testid="store-hours-copy-mon"
        >
          {t('stores.copyMon')}
        </Button>
        {WEEKDAYS.map((day) => (
          <DayHours key={day} day={day} />
        ))}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="store-form-submit">
        {tc('actions.save')}
      </Button>
    </Form>
  );
}

/** My dealer's stores, each editable (phone, services, opening hours) unless the dealer is suspended. */
export function StoresPage() {
  const { t } = useTranslation('dealer');
  const stores = usePortalStores();
  const dealer = usePortalDealer();
  const [editing, setEditing] = useState<TStore | null>(null);
  const suspended = dealer.data?.status === 'suspended';
  const L = useLabels();
  const cityName = useCityName();
  return (
    <Card title={t('stores.title')} data-testid="dealer-stores">
      {suspended && (
        <Alert type="error" showIcon title={t('home.suspendedHint')} style={{ marginBottom: 12 }} />
      )}
      <DataTable<TStore>
        testId="store-table"
        size="small"
        rows={stores.data ?? []}
        rowKey={(r) => r.id}
        loading={stores.isLoading}
        error={stores.error}
        onRetry={() => void stores.refetch()}
        exportName="stores"
        columns={[
          {
            key: 'name',
            title: t('stores.name'),
            kind: 'title',
            value: (r) => r.name,
            render: (r) => <span data-testid={`store-name-${r.id}`}>{r.name}</span>,
          },
          {
            key: 'status',
            title: t('stores.status'),
            kind: 'tag',
            value: (r) => L.label('storeStatus', r.status),
            color: (r) => L.color('storeStatus', r.status),
            width: 100,
          },
          {
            key: 'address',
            title: t('stores.address'),
            value: (r) => `${cityName(r.city.code) || r.city.name} ${r.district} ${r.address}`,
            width: 240,
          },
          {
            key: 'phone',
            title: t('stores.phone'),
            value: (r) => r.phone,
            width: 150,
            render: (r) => <span data-testid={`store-phone-${r.id}`}>{r.phone}</span>,
          },
          {
            key: 'services',
            title: t('stores.services'),
            kind: 'tags',
            values: (r) => r.services.map((x) => L.label('storeService', x)),
          },
          {
            key: 'hours',
            title: t('stores.hours'),
            value: (r) =>
              foldHours(
                r.openingHours,
                (d) => L.label('weekday', d),
                t('stores.closedDay'),
                t('stores.through'),
              ),
            width: 240,
            render: (r) => <HoursCell hours={r.openingHours} />,
          },
          {
            key: 'actions',
            title: t('stores.actions'),
            kind: 'actions',
            width: 100,
            render: (r) => (
              <Button
                size="small"
                disabled={suspended}
                onClick={() => setEditing(r)}
                data-testid={`store-edit-${r.id}`}
              >
                {t('stores.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={Boolean(editing)}
        title={editing ? t('stores.editTitle', { name: editing.name }) : ''}
        onClose={() => setEditing(null)}
        size={560}
        destroyOnHidden
      >
        {editing && <StoreForm key={editing.id} store={editing} onDone={() => setEditing(null)} />}
      </Drawer>
    </Card>
  );
}
