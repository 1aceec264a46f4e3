import { Empty } from 'antd';
import { BarChart, FunnelChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DashboardMetric,
  TDashboard,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import type { TCity } from '../../../server/modules/dealers/dealers.contract.js';
import { compactNumber, formatMetricValue, type MetricUnit } from './format.js';
import './i18n.js';

// The dashboard's charts (ECharts, SVG renderer, only the parts used). The city map is a scatter on
// longitude/latitude axes: no map tiles or GeoJSON are reachable here, the city list carries coordinates.

echarts.use([
  LineChart,
  BarChart,
  FunnelChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

type Lang = 'zh-CN' | 'en';

/** A short fingerprint of what a chart draws: the browser test checks that charts change with the filters. */
function signature(data: unknown): string {
  const s = JSON.stringify(data);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** Mounts one ECharts instance, redraws on option change and follows its box's size (390 px phones too). */
export function EChart({
  option,
  height,
  testId,
  label,
  data,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  testId: string;
  label: string;
  /** What the chart shows, for its fingerprint. */
  data: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A box not laid out yet (hidden tab, test DOM) measures 0: start from a nominal size, resize follows.
    const chart = echarts.init(el, undefined, {
      renderer: 'svg',
      width: el.clientWidth || 600,
      height: el.clientHeight || height,
    });
    chartRef.current = chart;
    const resize = () => chart.resize();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(el);
    window.addEventListener('resize', resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', resize);
      chart.dispose();
      chartRef.current = null;
    };
  }, [height]);
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-signature={signature(data)}
    />
  );
}

const axisMoney = (lang: Lang) => (v: number) => formatMetricValue('fen', v, lang);

/** Daily lines of the chosen metrics; money on its own right-hand axis so counts stay readable. */
export function TrendChart({
  trend,
  metrics,
  units,
}: {
  trend: TDashboard['trend'];
  metrics: readonly DashboardMetric[];
  units: Partial<Record<DashboardMetric, MetricUnit>>;
}) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const series = trend.series.filter((s) => metrics.includes(s.metric));
  const hasMoney = series.some((s) => units[s.metric] === 'fen');
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
      },
      xAxis: { type: 'category', data: trend.days, boundaryGap: false },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, lang) } },
        ...(hasMoney
          ? [{ type: 'value', axisLabel: { formatter: axisMoney(lang) }, splitLine: { show: false } }]
          : []),
      ],
      series: series.map((s) => ({
        type: 'line',
        name: t(`metric.${s.metric}`),
        data: s.values,
        yAxisIndex: units[s.metric] === 'fen' ? 1 : 0,
        smooth: true,
        showSymbol: trend.days.length <= 31,
        tooltip: { valueFormatter: (v: number) => formatMetricValue(units[s.metric] ?? 'count', v, lang) },
      })),
    }),
    [trend.days, series, hasMoney, units, t, lang],
  );
  if (series.length === 0 || trend.days.length === 0)
    return <Empty description={t('empty.chart')} data-testid="dashboard-trend-empty" />;
  return (
    <EChart
      option={option}
      height={300}
      testId="dashboard-trend"
      label={t('chart.trend')}
      data={{ d: trend.days, s: series }}
    />
  );
}

/** Stage-to-stage conversion in per cent (null when the step before is empty). */
export function stepRates(funnel: TDashboard['funnel']): (number | null)[] {
  return funnel.map((s, i) => {
    if (i === 0) return null;
    const before = funnel[i - 1]?.count ?? 0;
    return before > 0 ? (s.count / before) * 100 : null;
  });
}

export function FunnelView({ funnel }: { funnel: TDashboard['funnel'] }) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const rates = stepRates(funnel);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '5%',
          width: '90%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { name: string; value: number; dataIndex: number }) => {
              const r = rates[p.dataIndex];
              const rate = r === null || r === undefined ? '' : ` · ${r.toFixed(1)}%`;
              return `${p.name} ${compactNumber(p.value, lang)}${rate}`;
            },
          },
          data: funnel.map((s) => ({ name: t(`stage.${s.stage}`), value: s.count })),
        },
      ],
    }),
    [funnel, rates, t, lang],
  );
  if (funnel.every((s) => s.count === 0))
    return <Empty description={t('empty.chart')} data-testid="dashboard-funnel-empty" />;
  return (
    <EChart
      option={option}
      height={300}
      testId="dashboard-funnel-chart"
      label={t('chart.funnel')}
      data={funnel}
    />
  );
}

/** Cohort week (rows) x weeks since (columns), coloured by the share retained. */
export function RetentionHeatmap({ retention }: { retention: TDashboard['retention'] }) {
  const { t } = useTranslation('analyticsDashboard');
  const weeks = Math.max(0, ...retention.map((r) => r.retained.length));
  const option = useMemo(() => {
    const cells: [number, number, number][] = [];
    retention.forEach((r, y) => {
      r.retained.forEach((n, x) => {
        cells.push([x, y, r.size > 0 ? Number(((n / r.size) * 100).toFixed(1)) : 0]);
      });
    });
    return {
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => {
          const row = retention[p.value[1]];
          return `${row?.cohortWeek ?? ''} (${t('chart.cohortSize')} ${row?.size ?? 0})<br/>${t('chart.weeksSince', { n: p.value[0] })}: ${p.value[2]}%`;
        },
      },
      xAxis: {
        type: 'category',
        data: Array.from({ length: weeks }, (_, i) => t('chart.weeksSince', { n: i })),
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: retention.map((r) => `${r.cohortWeek} (${r.size})`),
        splitArea: { show: true },
        inverse: true,
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ['#f0f5ff', '#1677ff'] },
      },
      series: [{ type: 'heatmap', data: cells, label: { show: weeks <= 8, formatter: '{@[2]}%' } }],
    };
  }, [retention, weeks, t]);
  if (retention.length === 0 || weeks === 0)
    return <Empty description={t('empty.chart')} data-testid="dashboard-retention-empty" />;
  return (
    <EChart
      option={option}
      height={Math.max(220, 60 + retention.length * 26)}
      testId="dashboard-retention-chart"
      label={t('chart.retention')}
      data={retention}
    />
  );
}

export type CityMeasure = 'visitors' | 'orders' | 'gmvFen';

const measureValue = (c: TDashboard['cities'][number], m: CityMeasure) => c[m];

/** The top cities by the chosen measure, as horizontal bars (largest on top). */
export function CityRanking({
  cities,
  measure,
  cityName,
}: {
  cities: TDashboard['cities'];
  measure: CityMeasure;
  cityName: (code: string) => string;
}) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const top = useMemo(
    () => [...cities].sort((a, b) => measureValue(b, measure) - measureValue(a, measure)).slice(0, 10),
    [cities, measure],
  );
  const option = useMemo(() => {
    const fmtV = (v: number) =>
      measure === 'gmvFen' ? formatMetricValue('fen', v, lang) : compactNumber(v, lang);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: fmtV },
      xAxis: { type: 'value', axisLabel: { formatter: fmtV } },
      yAxis: { type: 'category', inverse: true, data: top.map((c) => cityName(c.cityCode)) },
      series: [{ type: 'bar', data: top.map((c) => measureValue(c, measure)), barMaxWidth: 22 }],
    };
  }, [top, measure, cityName, lang]);
  if (top.length === 0) return <Empty description={t('empty.chart')} />;
  return (
    <EChart
      option={option}
      height={Math.max(200, top.length * 30 + 24)}
      testId="dashboard-city-ranking"
      label={t('chart.cityRanking')}
      data={{ measure, top }}
    />
  );
}

/** Cities as bubbles on longitude/latitude: a rough map of China without tiles (bubble area = the measure). */
export function CityMap({
  cities,
  measure,
  coordinates,
  cityName,
}: {
  cities: TDashboard['cities'];
  measure: CityMeasure;
  coordinates: readonly Pick<TCity, 'code' | 'latitude' | 'longitude'>[];
  cityName: (code: string) => string;
}) {
  const { t, i18n } = useTranslation('analyticsDashboard');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const points = useMemo(() => {
    const byCode = new Map(coordinates.map((c) => [c.code, c]));
    return cities.flatMap((c) => {
      const at = byCode.get(c.cityCode);
      if (!at) return [];
      return [{ name: cityName(c.cityCode), value: [at.longitude, at.latitude, measureValue(c, measure)] }];
    });
  }, [cities, coordinates, measure, cityName]);
  const option = useMemo(() => {
    const max = Math.max(1, ...points.map((p) => p.value[2] ?? 0));
    const fmtV = (v: number) =>
      measure === 'gmvFen' ? formatMetricValue('fen', v, lang) : compactNumber(v, lang);
    return {
      // Roughly mainland China: a fixed frame keeps cities where a reader expects them.
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: false },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number[] }) => `${p.name}: ${fmtV(p.value[2] ?? 0)}`,
      },
      xAxis: { type: 'value', min: 73, max: 135, show: false },
      yAxis: { type: 'value', min: 18, max: 54, show: false },
      series: [
        {
          type: 'scatter',
          data: points,
          symbolSize: (v: number[]) => 8 + 40 * Math.sqrt((v[2] ?? 0) / max),
          itemStyle: { color: '#1677ff', opacity: 0.65 },
          label: { show: true, formatter: '{b}', position: 'right', fontSize: 11 },
        },
      ],
    };
  }, [points, measure, lang]);
  if (points.length === 0) return <Empty description={t('chart.noCoordinates')} />;
  return (
    <div style={{ background: '#f5f8fc', borderRadius: 8 }}>
      <EChart
        option={option}
        height={300}
        testId="dashboard-city-map"
        label={t('chart.cityMap')}
        data={{ measure, points }}
      />
    </div>
  );
}
