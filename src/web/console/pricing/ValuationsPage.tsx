import './valuations.i18n.js';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  ZClearValuationOverrideRequest,
  ZSetValuationOverrideRequest,
} from '../../../server/modules/pricing/pricing.contract.js';
import { VALUATION_FLAGS } from '../../../server/modules/pricing/pricing.enums.js';
import { DataTable, fetchAllPages, pagedRows, useUrlFilters } from '../../shared/components/DataTable.js';
import { Field, KitForm, SaveBar } from '../../shared/components/form-kit.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useBrandIndex } from '../../shared/hooks/catalog.js';
import {
  type TValuationBoardDetail,
  type TValuationBoardItem,
  useValuationBoard,
  useValuationDetail,
  useValuationOverride,
  type ValuationBoardFilter,
} from '../../shared/hooks/pricing.js';
import { useCityName, useCityOptions } from '../../shared/labels.js';
import { formatFen } from '../../storefront/pricing/money.js';

// Console: used listings against their valuation, the furthest off first, flagged 偏高/偏低 beyond 15%; a
// drawer explains each factor in yuan and lets an operator override the value with a reason (kept as
// history, audited). Filters and the open listing live in the URL.

const FILTERS = ['q', 'flag', 'cityCode', 'brand', 'overridden'] as const;
const FLAG_COLOURS = { under: 'orange', fair: 'green', over: 'red' } as const;

type Flag = (typeof VALUATION_FLAGS)[number];

function FlagTag({ flag }: { flag: Flag }) {
  const { t } = useTranslation('consoleValuations');
  return (
    <Tag color={FLAG_COLOURS[flag]} data-testid={`valuation-flag-${flag}`}>
      {t(`flags.${flag}`)}
    </Tag>
  );
}

function percent(bp: number): string {
  return `${bp > 0 ? '+' : ''}${(bp / 100).toFixed(1)}%`;
}

/** Brand slug → name in the UI language (the catalog's public brand index). */
function useBrandsBySlug() {
  const { i18n } = useTranslation();
  const index = useBrandIndex();
  const en = i18n.language === 'en';
  return useMemo(() => {
    const brands = index.data?.initials.flatMap((g) => g.brands) ?? [];
    const names = new Map(brands.map((b) => [b.slug, en ? b.nameEn : b.name]));
    return {
      name: (slug: string) => names.get(slug) ?? slug,
      options: brands.map((b) => ({ value: b.slug, label: en ? b.nameEn : b.name })),
    };
  }, [index.data, en]);
}

export function ValuationsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleValuations');
  const cityName = useCityName();
  const cityOptions = useCityOptions();
  const brands = useBrandsBySlug();
  const [f, setF] = useUrlFilters(FILTERS);
  const [params, setParams] = useSearchParams();
  const open = params.get('listing');
  const openListing = (id: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('listing', id);
      else next.delete('listing');
      return next;
    });
  const filter: ValuationBoardFilter = {
    q: f.q,
    flag: f.flag,
    cityCode: f.cityCode,
    brand: f.brand,
    overridden: f.overridden,
  };
  const list = useValuationBoard(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('title')} data-testid="valuations-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <DataTable<TValuationBoardItem>
        testId="valuation-table"
        rows={items}
        rowKey={(r) => r.listingId}
        rowTestId={(r) => `valuation-row-${r.listingId}`}
        {...pagedRows(list)}
        exportName="valuations"
        exportRows={() => fetchAllPages<TValuationBoardItem>('/pricing/valuations', { ...filter })}
        toolbar={
          <>
            <Input.Search
              allowClear
              defaultValue={f.q}
              placeholder={t('search')}
              aria-label={t('search')}
              onSearch={(q) => setF({ q: q.trim() })}
              style={{ width: 200 }}
              data-testid="valuation-filter-q"
            />
            <Select
              allowClear
              value={f.flag}
              placeholder={t('anyFlag')}
              aria-label={t('flag')}
              style={{ width: 130 }}
              options={VALUATION_FLAGS.map((v) => ({ value: v, label: t(`flags.${v}`) }))}
              onChange={(flag?: string) => setF({ flag })}
              data-testid="valuation-filter-flag"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              value={f.cityCode}
              placeholder={t('anyCity')}
              aria-label={t('city')}
              style={{ width: 140 }}
              options={cityOptions}
              onChange={(cityCode?: string) => setF({ cityCode })}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={f.brand}
              placeholder={t('anyBrand')}
              aria-label={t('brand')}
              style={{ width: 140 }}
              options={brands.options}
              onChange={(brand?: string) => setF({ brand })}
            />
            <Select
              allowClear
              value={f.overridden}
              placeholder={t('anySource')}
              aria-label={t('anySource')}
              style={{ width: 140 }}
              options={[
                { value: 'true', label: t('sourceOverride') },
                { value: 'false', label: t('sourceComputed') },
              ]}
              onChange={(overridden?: string) => setF({ overridden })}
            />
          </>
        }
        columns={[
          {
            key: 'title',
            title: t('vehicle'),
            kind: 'title',
            value: (r) => r.title,
            render: (r) => (
              <Typography.Link onClick={() => openListing(r.listingId)} data-testid="valuation-open">
                {r.title}
              </Typography.Link>
            ),
          },
          { key: 'city', title: t('city'), value: (r) => cityName(r.cityCode), width: 100, sortable: true },
          { key: 'brand', title: t('brand'), value: (r) => brands.name(r.brandSlug), width: 110 },
          {
            key: 'price',
            title: t('price'),
            kind: 'money',
            value: (r) => formatFen(r.priceFen),
            sortValue: (r) => r.priceFen,
            sortable: true,
          },
          {
            key: 'value',
            title: t('value'),
            kind: 'money',
            value: (r) => formatFen(r.valueFen),
            sortValue: (r) => r.valueFen,
            sortable: true,
            render: (r) => (
              <Space size={4}>
                {formatFen(r.valueFen)}
                {r.overridden ? <Tag color="blue">{t('sourceOverride')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'differenceYuan',
            title: t('differenceYuan'),
            kind: 'money',
            value: (r) => formatFen(r.differenceFen),
            sortValue: (r) => r.differenceFen,
            sortable: true,
          },
          {
            key: 'differencePercent',
            title: t('differencePercent'),
            kind: 'number',
            value: (r) => percent(r.differenceBp),
            sortValue: (r) => r.differenceBp,
            sortable: true,
          },
          {
            key: 'flag',
            title: t('flag'),
            kind: 'tag',
            value: (r) => t(`flags.${r.flag}`),
            color: (r) => FLAG_COLOURS[r.flag],
          },
          {
            key: 'computedAt',
            title: t('computedAt'),
            kind: 'time',
            value: (r) => formatTime(r.computedAt),
            sortValue: (r) => r.computedAt,
          },
          {
            key: 'actions',
            title: '',
            kind: 'actions',
            render: (r) => (
              <Button size="small" onClick={() => openListing(r.listingId)}>
                {t('details')}
              </Button>
            ),
          },
        ]}
      />
      {open ? (
        <ValuationDrawer listingId={open} canManage={canManage} onClose={() => openListing(null)} />
      ) : null}
    </Card>
  );
}

function ValuationDrawer({
  listingId,
  canManage,
  onClose,
}: {
  listingId: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('consoleValuations');
  const detail = useValuationDetail(listingId);
  return (
    <Drawer
      open
      size={720}
      title={detail.data?.title ?? t('title')}
      onClose={onClose}
      destroyOnHidden
      data-testid="valuation-drawer"
    >
      <QueryState isLoading={detail.isLoading} error={detail.error} onRetry={() => void detail.refetch()}>
        {detail.data ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Summary d={detail.data} />
            <Factors d={detail.data} />
            {canManage ? (
              <OverrideForms d={detail.data} />
            ) : (
              <Alert type="info" showIcon title={t('readOnly')} />
            )}
            <History d={detail.data} />
          </Space>
        ) : null}
      </QueryState>
    </Drawer>
  );
}

function Summary({ d }: { d: TValuationBoardDetail }) {
  const { t } = useTranslation('consoleValuations');
  const cityName = useCityName();
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label={t('price')}>{formatFen(d.priceFen)}</Descriptions.Item>
      <Descriptions.Item label={t('flag')}>
        <FlagTag flag={d.flag} /> {percent(d.differenceBp)} ({formatFen(d.differenceFen)})
      </Descriptions.Item>
      <Descriptions.Item label={t('computed')}>{formatFen(d.computedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('override')}>
        {d.activeOverride ? (
          <Typography.Text strong>{formatFen(d.activeOverride.valueFen)}</Typography.Text>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('range')}>
        {formatFen(d.lowFen)} – {formatFen(d.highFen)}
      </Descriptions.Item>
      <Descriptions.Item label={t('city')}>
        {cityName(d.cityCode)} · {t(`statuses.${d.status}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('computedAt')}>{formatTime(d.computedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

function Factors({ d }: { d: TValuationBoardDetail }) {
  const { t } = useTranslation('consoleValuations');
  return (
    <div>
      <Typography.Title level={5}>{t('factorsTitle')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="factor"
        dataSource={d.steps}
        data-testid="valuation-factors"
        columns={[
          { key: 'factor', title: t('factor'), width: 140, render: (_, s) => t(`factors.${s.factor}`) },
          {
            key: 'effect',
            title: t('effect'),
            width: 150,
            align: 'right',
            render: (_, s) =>
              s.factor === 'new_price'
                ? formatFen(s.effectFen)
                : `${s.effectFen > 0 ? '+' : ''}${formatFen(s.effectFen)}`,
          },
          { key: 'explanation', title: t('explanation'), render: (_, s) => s.explanation },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('computed')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{formatFen(d.computedFen)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

function OverrideForms({ d }: { d: TValuationBoardDetail }) {
  const { t } = useTranslation('consoleValuations');
  const { message } = App.useApp();
  const change = useValuationOverride(d.listingId);
  const [setForm] = Form.useForm<{ valueYuan: number; reason: string }>();
  const [clearForm] = Form.useForm<{ reason: string }>();
  return (
    <div>
      <Typography.Title level={5}>{t('overrideTitle')}</Typography.Title>
      <KitForm
        form={setForm}
        schema={ZSetValuationOverrideRequest}
        guard={false}
        fieldMap={{ valueFen: 'valueYuan' }}
        initialValues={{ valueYuan: Math.round((d.activeOverride?.valueFen ?? d.computedFen) / 100) }}
        onFinish={async (v: { valueYuan: number; reason: string }) => {
          await change.mutateAsync({
            action: 'set',
            valueFen: Math.round(v.valueYuan * 100),
            reason: v.reason,
          });
          setForm.resetFields(['reason']);
          message.success(t('saved'));
        }}
        data-testid="valuation-override-form"
      >
        <Field name="valueYuan" label={t('valueYuan')} schemaPath="valueFen" validate={false}>
          <InputNumber
            min={100}
            precision={0}
            style={{ width: 220 }}
            data-testid="valuation-override-value"
          />
        </Field>
        <Field name="reason" label={t('reason')} extra={t('reasonHint')}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="valuation-override-reason" />
        </Field>
        <SaveBar>
          <Button
            type="primary"
            htmlType="submit"
            loading={change.isPending}
            data-testid="valuation-override-save"
          >
            {t('saveOverride')}
          </Button>
        </SaveBar>
      </KitForm>
      {d.activeOverride ? (
        <>
          <Typography.Title level={5}>{t('clearTitle')}</Typography.Title>
          <KitForm
            form={clearForm}
            schema={ZClearValuationOverrideRequest}
            guard={false}
            onFinish={async (v: { reason: string }) => {
              await change.mutateAsync({ action: 'clear', reason: v.reason });
              clearForm.resetFields();
              message.success(t('cleared'));
            }}
            data-testid="valuation-clear-form"
          >
            <Field name="reason" label={t('clearReason')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="valuation-clear-reason" />
            </Field>
            <Button danger htmlType="submit" loading={change.isPending} data-testid="valuation-clear">
              {t('clearOverride')}
            </Button>
          </KitForm>
        </>
      ) : null}
    </div>
  );
}

function History({ d }: { d: TValuationBoardDetail }) {
  const { t } = useTranslation('consoleValuations');
  return (
    <div data-testid="valuation-history">
      <Typography.Title level={5}>{t('historyTitle')}</Typography.Title>
      {d.overrides.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHistory')} />
      ) : (
        <Timeline
          items={d.overrides.map((o) => ({
            color: o.clearedAt ? 'gray' : 'blue',
            content: (
              <Space orientation="vertical" size={0}>
                <Space>
                  <Typography.Text strong>{formatFen(o.valueFen)}</Typography.Text>
                  <Typography.Text type="secondary">
                    ({t('computed')} {formatFen(o.computedFen)})
                  </Typography.Text>
                  {o.clearedAt ? null : <Tag color="blue">{t('active')}</Tag>}
                </Space>
                <Typography.Text>{o.reason}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('setBy', { name: o.setByName, at: formatTime(o.setAt) })}
                </Typography.Text>
                {o.clearedAt ? (
                  <Typography.Text type="secondary">
                    {t('clearedBy', {
                      name: o.clearedByName ?? '',
                      at: formatTime(o.clearedAt),
                      reason: o.clearReason ?? '',
                    })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          }))}
        />
      )}
    </div>
  );
}
