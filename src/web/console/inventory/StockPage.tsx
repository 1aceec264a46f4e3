import './i18n.js';
import { App, Button, Card, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UNIT_STATUSES, type UnitStatus } from '../../../server/modules/inventory/inventory.enums.js';
import { DataTable, fetchAllPages, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TVehicleUnit,
  useStockLocations,
  useUnitAction,
  useUnits,
} from '../../shared/hooks/inventory.js';
import { AccessoryPanel, AlertsPanel, SummaryTable, TurnoverPanel, useSummaryWithAlert } from './board.js';
import { ImportPanel } from './ImportPanel.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';

// Console: the stock board (库存). Alerts on top; tabs for vehicles (per store and trim, then every unit by
// VIN with its days in stock, aged stock tagged so it is sold first), accessories, turnover, replenishment
// suggestions and import. Filters and the tab live in the URL. The dealer portal shows the same board.

const TABS = ['units', 'accessories', 'turnover', 'suggestions', 'import'] as const;
type Tab = (typeof TABS)[number];

/** The whole board; `canManage` offers receive/deliver, adjustments, decisions and import. */
export function StockBoard({ canManage, canConfigure }: { canManage: boolean; canConfigure: boolean }) {
  const { t } = useTranslation('consoleInventory');
  const { summary, tab, alert, setF } = useSummaryWithAlert();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'units';
  const tabs = TABS.filter((k) => k !== 'import' || canManage);
  return (
    <>
      <AlertsPanel summary={summary.data} onPick={(next, a) => setF({ tab: next, alert: a })} />
      <Tabs
        activeKey={active}
        onChange={(k) => setF({ tab: k === 'units' ? undefined : k, alert: undefined })}
        data-testid="stock-tabs"
        items={tabs.map((key) => ({
          key,
          label: t(`tabs.${key}`),
          children:
            key === 'units' ? (
              <Space orientation="vertical" style={{ width: '100%' }} size={16}>
                <Typography.Title level={5}>{t('summary.title')}</Typography.Title>
                <SummaryTable
                  summary={summary.data}
                  loading={summary.isLoading}
                  error={summary.error}
                  alert={alert}
                  onClearAlert={() => setF({ alert: undefined })}
                />
                <Typography.Title level={5}>{t('summary.details')}</Typography.Title>
                <UnitList canManage={canManage} />
              </Space>
            ) : key === 'accessories' ? (
              <AccessoryPanel canManage={canManage} />
            ) : key === 'turnover' ? (
              <TurnoverPanel />
            ) : key === 'suggestions' ? (
              <SuggestionsPanel canManage={canManage} canConfigure={canConfigure} />
            ) : (
              <ImportPanel />
            ),
        }))}
      />
    </>
  );
}

const FILTERS = ['storeId', 'status'] as const;
const STATUS_COLOURS: Record<UnitStatus, string> = {
  in_transit: 'blue',
  available: 'green',
  reserved: 'orange',
  sold: 'purple',
  delivered: 'default',
};

function isStatus(v: string | undefined): v is UnitStatus {
  return v !== undefined && (UNIT_STATUSES as readonly string[]).includes(v);
}

export function StockPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleInventory');
  const me = useMe();
  const staff = me.data?.me?.kind === 'staff' ? me.data.me : null;
  return (
    <Card title={t('title')} data-testid="stock-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <StockBoard
        canManage={canManage}
        canConfigure={staff?.permissions.includes('inventory.configure') ?? false}
      />
    </Card>
  );
}

/** Every unit by VIN, oldest stock first, with receive/deliver for those who manage stock. */
export function UnitList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleInventory');
  const { message } = App.useApp();
  const [f, setF] = useUrlFilters(FILTERS);
  const filter = { storeId: f.storeId, status: isStatus(f.status) ? f.status : undefined };
  const list = useUnits(filter);
  const locations = useStockLocations();
  const act = useUnitAction();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const trimName = (r: TVehicleUnit) =>
    [r.trim.brandName, r.trim.seriesName, r.trim.name].filter(Boolean).join(' ');
  return (
    <DataTable<TVehicleUnit>
      testId="stock-table"
      rows={items}
      rowKey={(r) => r.id}
      rowTestId={(r) => `stock-row-${r.id}`}
      loading={list.isLoading}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      exportName="stock"
      exportRows={() => fetchAllPages<TVehicleUnit>('/inventory/units', { ...filter })}
      toolbar={
        <>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={f.storeId}
            placeholder={t('anyStore')}
            aria-label={t('store')}
            style={{ width: 220 }}
            loading={locations.isLoading}
            options={(locations.data?.items ?? [])
              .filter((l) => l.storeId !== null)
              .map((l) => ({ value: l.storeId ?? '', label: l.name }))}
            onChange={(storeId?: string) => setF({ storeId })}
            data-testid="stock-filter-store"
          />
          <Select
            allowClear
            value={f.status}
            placeholder={t('anyStatus')}
            aria-label={t('status')}
            style={{ width: 130 }}
            options={UNIT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            onChange={(status?: string) => setF({ status })}
            data-testid="stock-filter-status"
          />
        </>
      }
      columns={[
        { key: 'store', title: t('store'), value: (r) => r.location.name, width: 180, sortable: true },
        { key: 'trim', title: t('trim'), kind: 'title', value: trimName, sortable: true },
        { key: 'colour', title: t('colour'), value: (r) => r.exteriorColour, width: 100 },
        {
          key: 'vin',
          title: t('vin'),
          value: (r) => r.vin,
          width: 190,
          render: (r) => <Typography.Text code>{r.vin}</Typography.Text>,
        },
        {
          key: 'status',
          title: t('status'),
          kind: 'tag',
          value: (r) => t(`statuses.${r.status}`),
          color: (r) => STATUS_COLOURS[r.status],
        },
        {
          key: 'daysInStock',
          title: t('daysInStock'),
          kind: 'number',
          value: (r) => t('days', { count: r.daysInStock }),
          sortValue: (r) => r.daysInStock,
          sortable: true,
          render: (r) => (
            <Space size={4}>
              {t('days', { count: r.daysInStock })}
              {r.aged ? (
                <Tag color={r.aged === 90 ? 'red' : 'orange'} data-testid={`stock-aged-${r.aged}`}>
                  {t(`aged.${r.aged}`)}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'enteredStockAt',
          title: t('enteredStockAt'),
          kind: 'time',
          value: (r) => formatTime(r.enteredStockAt),
          sortValue: (r) => r.enteredStockAt,
        },
        ...(canManage
          ? [
              {
                key: 'actions',
                title: '',
                kind: 'actions' as const,
                render: (r: TVehicleUnit) => (
                  <Space size={4}>
                    {r.actions.map((action) => (
                      <Button
                        key={action}
                        size="small"
                        loading={act.isPending && act.variables?.id === r.id}
                        data-testid={`stock-${action}-${r.id}`}
                        onClick={() =>
                          act.mutate(
                            { id: r.id, action },
                            {
                              onSuccess: () => void message.success(t('done')),
                              onError: (e: Error) => void message.error(e.message),
                            },
                          )
                        }
                      >
                        {t(`actions.${action}`)}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
