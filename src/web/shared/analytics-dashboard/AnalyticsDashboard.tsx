import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TRAFFIC_CHANNELS, type TrafficChannel } from '../../../server/kernel/attribution.contract.js';
import type {
  DashboardMetric,
  TDashboard,
  TDashboardQuery,
  TMetricCard,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import { useUrlFilters } from '../components/DataTable.js';
import { QueryState } from '../components/Results.js';
import { formatTime } from '../format.js';
import { useBrandIndex } from '../hooks/catalog.js';
import { useCities } from '../hooks/dealers.js';
import { useCityName, useCityOptions, useDealerDirectory } from '../labels.js';
import {
  CityMap,
  type CityMeasure,
  CityRanking,
  FunnelView,
  RetentionHeatmap,
  stepRates,
  TrendChart,
} from './charts.js';
import { type DashboardArea, DrillDrawer, listLinkFor, SPEND_PATH } from './drill.js';
import {
  formatMetricValue,
  METRIC_GROUPS,
  metricChange,
  presetRange,
  RANGE_PRESETS,
  rangeFromUrl,
  shanghaiToday,
} from './format.js';
import { useDashboard } from './hooks.js';
import './i18n.js';

// The operations dashboard, shared by the console home (every dealer, dealer filter) and the dealer portal
// home (the server scopes every figure to the signed-in dealer; no dealer filter). Range and filters live in
// the URL so a refresh or a bookmark shows the same screen.

export { type DashboardArea, listLinkFor, SPEND_PATH };

type Lang = 'zh-CN' | 'en';

const FILTER_KEYS = ['from', 'to', 'cityCode', 'brandId', 'dealerId', 'channel'] as const;
const TREND_CHOICES: readonly DashboardMetric[] = ['uv', 'orders', 'gmv'];
const GOOD = '#389e0d';
const BAD = '#cf1322';

const isChannel = (v: string | undefined): v is TrafficChannel =>
  v !== undefined && (TRAFFIC_CHANNELS as readonly string[]).includes(v);

function KpiCard({ card, onOpen }: { card: TMetricCard; onOpen: ((card: TMetricCard) => void) | null }) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const change = metricChange(card.metric, card.unit, card.value, card.previous);
  const colour = change.good === null ? undefined : change.good ? GOOD : BAD;
  const amount = change.points ? t('change.points', { value: change.text }) : change.text;
  const changeText =
    change.direction === 'none'
      ? t('change.none')
      : change.direction === 'flat'
        ? t('change.flat')
        : t(`change.${change.direction}`, { value: amount });
  const icon =
    change.direction === 'up' ? (
      <ArrowUpOutlined />
    ) : change.direction === 'down' ? (
      <ArrowDownOutlined />
    ) : (
      <MinusOutlined />
    );
  return (
    <Card
      size="small"
      hoverable={onOpen !== null}
      onClick={onOpen ? () => onOpen(card) : undefined}
      style={{ height: '100%', cursor: onOpen ? 'pointer' : 'default' }}
      styles={{ body: { padding: 12 } }}
      data-testid={`kpi-${card.metric}`}
      role={onOpen ? 'button' : undefined}
      tabIndex={onOpen ? 0 : undefined}
      onKeyDown={
        onOpen
          ? (e) => {
              if (e.key === 'Enter' || e.key === ' ') onOpen(card);
            }
          : undefined
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
        {t(`metric.${card.metric}`)}
      </Typography.Text>
      <div
        style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.4, overflowWrap: 'anywhere' }}
        data-testid={`kpi-${card.metric}-value`}
      >
        {formatMetricValue(card.unit, card.value, lang)}
      </div>
      <Typography.Text
        style={{ fontSize: 12, color: colour }}
        type={colour ? undefined : 'secondary'}
        data-testid={`kpi-${card.metric}-change`}
        data-direction={change.direction}
        data-good={change.good === null ? '' : String(change.good)}
        title={changeText}
      >
        {icon} {change.direction === 'up' || change.direction === 'down' ? amount || changeText : changeText}
      </Typography.Text>
    </Card>
  );
}

/** True when the range holds any figure at all (else the screen says how to find some). */
export function dashboardHasData(d: TDashboard): boolean {
  return (
    d.cards.some((c) => c.value !== null && c.value !== 0) ||
    d.funnel.some((s) => s.count > 0) ||
    d.trend.series.some((s) => s.values.some((v) => v !== 0))
  );
}

function Toolbar({
  area,
  dealerFilter,
  range,
  filters,
  setFilters,
}: {
  area: DashboardArea;
  dealerFilter: boolean;
  range: { from: string; to: string };
  filters: Partial<Record<(typeof FILTER_KEYS)[number], string>>;
  setFilters: (patch: Partial<Record<(typeof FILTER_KEYS)[number], string | null>>) => void;
}) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const en = i18n.language === 'en';
  const today = shanghaiToday();
  const cityOptions = useCityOptions();
  const brands = useBrandIndex();
  const dealers = useDealerDirectory(dealerFilter);
  const brandOptions = useMemo(
    () =>
      (brands.data?.initials.flatMap((g) => g.brands) ?? []).map((b) => ({
        value: b.id,
        label: en ? b.nameEn : b.name,
        search: `${b.name} ${b.nameEn}`,
      })),
    [brands.data, en],
  );
  const presets = RANGE_PRESETS.map((p) => {
    const r = presetRange(p, today);
    return { label: t(`preset.${p}`), value: [dayjs(r.from), dayjs(r.to)] as [Dayjs, Dayjs] };
  });
  const filtered = Boolean(filters.cityCode || filters.brandId || filters.dealerId || filters.channel);
  return (
    <Space wrap size={[8, 8]} data-testid="dashboard-toolbar" data-area={area}>
      <span data-testid="dashboard-range">
        <DatePicker.RangePicker
          aria-label={t('filter.range')}
          allowClear={false}
          value={[dayjs(range.from), dayjs(range.to)]}
          presets={presets}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          onChange={(v) => {
            const [a, b] = v ?? [];
            if (a && b) setFilters({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
          style={{ maxWidth: '100%' }}
        />
      </span>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'search' }}
        placeholder={t('filter.city')}
        aria-label={t('filter.city')}
        style={{ width: 130 }}
        value={filters.cityCode}
        options={cityOptions}
        onChange={(v?: string) => setFilters({ cityCode: v ?? null })}
        data-testid="dashboard-filter-city"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'search' }}
        placeholder={t('filter.brand')}
        aria-label={t('filter.brand')}
        style={{ width: 130 }}
        value={filters.brandId}
        options={brandOptions}
        onChange={(v?: string) => setFilters({ brandId: v ?? null })}
        data-testid="dashboard-filter-brand"
      />
      {dealerFilter ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'search' }}
          placeholder={t('filter.dealer')}
          aria-label={t('filter.dealer')}
          style={{ width: 180 }}
          value={filters.dealerId}
          options={(dealers.data ?? []).map((d) => ({ value: d.id, label: d.name, search: d.name }))}
          onChange={(v?: string) => setFilters({ dealerId: v ?? null })}
          data-testid="dashboard-filter-dealer"
        />
      ) : null}
      <Select
        allowClear
        placeholder={t('filter.channel')}
        aria-label={t('filter.channel')}
        style={{ width: 130 }}
        value={filters.channel}
        options={TRAFFIC_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        onChange={(v?: string) => setFilters({ channel: v ?? null })}
        data-testid="dashboard-filter-channel"
      />
      {filtered ? (
        <Button
          onClick={() => setFilters({ cityCode: null, brandId: null, dealerId: null, channel: null })}
          data-testid="dashboard-clear-filters"
        >
          {t('filter.clear')}
        </Button>
      ) : null}
    </Space>
  );
}

/**
 * The dashboard: toolbar, KPI cards by group with the change on the previous period and a drill-down,
 * trend, funnel, retention, cities, top vehicles and channels. `dealerScoped` hides the dealer filter
 * (dealer staff: the server answers their own dealer whatever is asked).
 */
export function AnalyticsDashboard({
  area,
  permissions,
  dealerScoped,
}: {
  area: DashboardArea;
  permissions: readonly string[];
  dealerScoped: boolean;
}) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const range = rangeFromUrl(filters.from, filters.to, shanghaiToday());
  const dealerFilter = !dealerScoped && permissions.includes('reference.read');
  const query: TDashboardQuery = {
    from: range.from,
    to: range.to,
    ...(filters.cityCode ? { cityCode: filters.cityCode } : {}),
    ...(filters.brandId ? { brandId: filters.brandId } : {}),
    ...(dealerFilter && filters.dealerId ? { dealerId: filters.dealerId } : {}),
    ...(isChannel(filters.channel) ? { channel: filters.channel } : {}),
  };
  const dashboard = useDashboard(query);
  const d = dashboard.data;
  const cityName = useCityName();
  const cities = useCities();
  const [trendMetrics, setTrendMetrics] = useState<DashboardMetric[]>([...TREND_CHOICES]);
  const [cityMeasure, setCityMeasure] = useState<CityMeasure>('gmvFen');
  const [open, setOpen] = useState<TMetricCard | null>(null);
  const units = useMemo(
    () =>
      Object.fromEntries((d?.cards ?? []).map((c) => [c.metric, c.unit])) as Partial<
        Record<DashboardMetric, TMetricCard['unit']>
      >,
    [d?.cards],
  );
  const canSpend = area === 'console' && permissions.includes('analytics.spend');
  const hasData = d ? dashboardHasData(d) : false;
  const spendCard = d?.cards.find((c) => c.metric === 'marketing_spend');
  const noSpend = !spendCard || spendCard.value === null || spendCard.value === 0;
  // Spend is entered per channel for the whole platform: a dealer's, a city's or a brand's view has none.
  const spendNotSplit = dealerScoped || Boolean(filters.cityCode || filters.brandId || query.dealerId);
  const rates = d ? stepRates(d.funnel) : [];
  const opener = (card: TMetricCard) =>
    card.drill !== null || listLinkFor(card, area, permissions, range) !== null ? setOpen : null;

  return (
    <Card
      title={area === 'dealer' ? t('dealerTitle') : t('title')}
      data-testid="analytics-dashboard"
      styles={{ body: { padding: 12 } }}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Toolbar
          area={area}
          dealerFilter={dealerFilter}
          range={range}
          filters={filters}
          setFilters={setFilters}
        />
        <QueryState
          isLoading={dashboard.isLoading}
          error={dashboard.error}
          onRetry={() => void dashboard.refetch()}
        >
          {d ? (
            <Spin spinning={dashboard.isFetching && dashboard.isPlaceholderData}>
              <Space
                orientation="vertical"
                size={12}
                style={{ width: '100%' }}
                data-testid="dashboard-body"
                data-range={`${d.range.from}..${d.range.to}`}
              >
                <Space wrap size={[12, 0]}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dashboard-previous">
                    {t('previousRange', { from: d.previousRange.from, to: d.previousRange.to })}
                  </Typography.Text>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    data-testid="dashboard-refreshed"
                  >
                    {d.refreshedAt
                      ? t('refreshedAt', { time: formatTime(d.refreshedAt) })
                      : t('notRefreshed')}
                  </Typography.Text>
                </Space>
                {!hasData ? (
                  <Empty
                    data-testid="dashboard-empty"
                    description={t('empty.range')}
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                  >
                    {filters.cityCode || filters.brandId || filters.dealerId || filters.channel ? (
                      <Button
                        onClick={() =>
                          setFilters({ cityCode: null, brandId: null, dealerId: null, channel: null })
                        }
                      >
                        {t('filter.clear')}
                      </Button>
                    ) : null}
                  </Empty>
                ) : (
                  <>
                    {METRIC_GROUPS.map((g) => {
                      const cards = g.metrics.flatMap((m) => d.cards.filter((c) => c.metric === m));
                      if (cards.length === 0) return null;
                      return (
                        <div key={g.key} data-testid={`kpi-group-${g.key}`}>
                          <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
                            {t(`group.${g.key}`)}
                          </Typography.Title>
                          <Row gutter={[8, 8]}>
                            {cards.map((c) => (
                              <Col key={c.metric} xs={12} sm={8} lg={6} xxl={4}>
                                <KpiCard card={c} onOpen={opener(c)} />
                              </Col>
                            ))}
                          </Row>
                          {g.key === 'marketing' && noSpend && spendNotSplit ? (
                            <Typography.Paragraph
                              type="secondary"
                              style={{ margin: '8px 0 0', fontSize: 12 }}
                              data-testid="dashboard-spend-not-split"
                            >
                              {t('empty.spendNotSplit')}
                            </Typography.Paragraph>
                          ) : null}
                          {g.key === 'marketing' && noSpend && !spendNotSplit ? (
                            <Alert
                              style={{ marginTop: 8 }}
                              type="info"
                              showIcon
                              data-testid="dashboard-no-spend"
                              title={t('empty.noSpend')}
                              description={
                                canSpend ? (
                                  <Link to={SPEND_PATH} data-testid="dashboard-enter-spend">
                                    {t('empty.enterSpend')}
                                  </Link>
                                ) : area === 'console' ? (
                                  t('empty.askMarketing')
                                ) : undefined
                              }
                            />
                          ) : null}
                        </div>
                      );
                    })}
                    <Row gutter={[12, 12]}>
                      <Col xs={24} xl={14}>
                        <Card size="small" title={t('chart.trend')}>
                          <Checkbox.Group
                            value={trendMetrics}
                            onChange={(v) => setTrendMetrics(v as DashboardMetric[])}
                            options={TREND_CHOICES.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
                            data-testid="dashboard-trend-metrics"
                            style={{ marginBottom: 8 }}
                          />
                          <TrendChart trend={d.trend} metrics={trendMetrics} units={units} />
                        </Card>
                      </Col>
                      <Col xs={24} xl={10}>
                        <Card size="small" title={t('chart.funnel')} data-testid="dashboard-funnel">
                          <FunnelView funnel={d.funnel} />
                          <Space wrap size={[12, 4]}>
                            {d.funnel.map((s, i) => (
                              <Typography.Text
                                key={s.stage}
                                type="secondary"
                                style={{ fontSize: 12 }}
                                data-testid={`funnel-${s.stage}`}
                              >
                                {t(`stage.${s.stage}`)} {formatMetricValue('count', s.count, lang)}
                                {rates[i] !== null && rates[i] !== undefined
                                  ? ` (${t('chart.funnelRate', { rate: `${rates[i]?.toFixed(1)}%` })})`
                                  : ''}
                              </Typography.Text>
                            ))}
                          </Space>
                        </Card>
                      </Col>
                      <Col xs={24} xl={12}>
                        <Card
                          size="small"
                          title={t('chart.cityRanking')}
                          extra={
                            <Segmented<CityMeasure>
                              size="small"
                              value={cityMeasure}
                              onChange={setCityMeasure}
                              options={[
                                { value: 'visitors', label: t('chart.byVisitors') },
                                { value: 'orders', label: t('chart.byOrders') },
                                { value: 'gmvFen', label: t('chart.byGmv') },
                              ]}
                              data-testid="dashboard-city-measure"
                            />
                          }
                        >
                          <CityRanking cities={d.cities} measure={cityMeasure} cityName={cityName} />
                        </Card>
                      </Col>
                      <Col xs={24} xl={12}>
                        <Card size="small" title={t('chart.cityMap')}>
                          <CityMap
                            cities={d.cities}
                            measure={cityMeasure}
                            coordinates={cities.data ?? []}
                            cityName={cityName}
                          />
                        </Card>
                      </Col>
                      <Col xs={24}>
                        <Card size="small" title={t('chart.retention')}>
                          <RetentionHeatmap retention={d.retention} />
                        </Card>
                      </Col>
                      <Col xs={24} xl={12}>
                        <Card size="small" title={t('table.topVehicles')}>
                          <Table
                            size="small"
                            data-testid="dashboard-top-vehicles"
                            rowKey="seriesId"
                            pagination={false}
                            scroll={{ x: 'max-content' }}
                            dataSource={d.topVehicles}
                            columns={[
                              { key: 'name', title: t('table.vehicle'), dataIndex: 'name' },
                              {
                                key: 'views',
                                title: t('table.views'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('count', r.views, lang),
                              },
                              {
                                key: 'orders',
                                title: t('table.orders'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('count', r.orders, lang),
                              },
                              {
                                key: 'gmv',
                                title: t('table.gmv'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('fen', r.gmvFen, lang),
                              },
                            ]}
                          />
                        </Card>
                      </Col>
                      <Col xs={24} xl={12}>
                        <Card size="small" title={t('table.channels')}>
                          <Table
                            size="small"
                            data-testid="dashboard-channels"
                            rowKey="channel"
                            pagination={false}
                            scroll={{ x: 'max-content' }}
                            dataSource={d.channels}
                            columns={[
                              {
                                key: 'channel',
                                title: t('table.channel'),
                                render: (_, r) => t(`channel.${r.channel}`),
                              },
                              {
                                key: 'visitors',
                                title: t('table.visitors'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('count', r.visitors, lang),
                              },
                              {
                                key: 'orders',
                                title: t('table.orders'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('count', r.orders, lang),
                              },
                              {
                                key: 'gmv',
                                title: t('table.gmv'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('fen', r.gmvFen, lang),
                              },
                              {
                                key: 'spend',
                                title: t('table.spend'),
                                align: 'right',
                                render: (_, r) => formatMetricValue('fen', r.spendFen, lang),
                              },
                            ]}
                          />
                        </Card>
                      </Col>
                    </Row>
                  </>
                )}
              </Space>
            </Spin>
          ) : null}
        </QueryState>
      </Space>
      <DrillDrawer
        card={open}
        query={query}
        listLink={open ? listLinkFor(open, area, permissions, range) : null}
        dealerNames={dealerFilter}
        onClose={() => setOpen(null)}
      />
    </Card>
  );
}
