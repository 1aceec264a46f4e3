import './forecast.i18n.js';
import { App, Button, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TSeriesSalesForecast,
  useRecomputeForecast,
  useSalesForecast,
} from '../../shared/hooks/analytics-forecast.js';

// 销量预测: per series a line chart of weekly orders, the next 8 weeks and the 80 % band (a stacked area from
// the lower to the upper bound), with the held-out error beside the naive baseline's.

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

function ForecastChart({ s }: { s: TSeriesSalesForecast }) {
  const { t } = useTranslation('analyticsForecast');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const weeks = [...s.history.map((h) => h.weekStart), ...s.forecast.map((f) => f.weekStart)];
    const pad = (n: number) => Array<null>(n).fill(null);
    // The forecast line starts at the last actual week so the two lines join.
    const last = s.history.at(-1);
    const round = (x: number) => Math.round(x * 10) / 10;
    chart.setOption({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { data: [t('history'), t('forecast'), t('band')], top: 0 },
      xAxis: { type: 'category', data: weeks, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('history'), type: 'line', data: s.history.map((h) => h.orders), symbolSize: 4 },
        {
          name: t('forecast'),
          type: 'line',
          lineStyle: { type: 'dashed' },
          data: [
            ...pad(Math.max(0, s.history.length - 1)),
            ...(last ? [last.orders] : []),
            ...s.forecast.map((f) => round(f.orders)),
          ],
          symbolSize: 4,
        },
        {
          name: t('band'),
          type: 'line',
          stack: 'band',
          lineStyle: { opacity: 0 },
          symbol: 'none',
          data: [...pad(s.history.length), ...s.forecast.map((f) => round(f.lower))],
        },
        {
          name: t('band'),
          type: 'line',
          stack: 'band',
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { opacity: 0.2 },
          data: [...pad(s.history.length), ...s.forecast.map((f) => round(f.upper - f.lower))],
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [s, t]);
  return <div ref={ref} style={{ width: '100%', height: 240 }} role="img" aria-label={s.seriesName} />;
}

function pct(x: number | null, na: string): string {
  return x === null ? na : `${x.toFixed(1)}%`;
}

function SeriesCard({ s }: { s: TSeriesSalesForecast }) {
  const { t } = useTranslation('analyticsForecast');
  const total = s.forecast.reduce((a, f) => a + f.orders, 0);
  const methodLabel = t(`methods.${s.method}`, { defaultValue: s.method });
  return (
    <Card
      title={s.seriesName}
      size="small"
      data-testid={`forecast-${s.seriesId}`}
      extra={
        <Typography.Text type="secondary">{t('nextWeeks', { total: Math.round(total) })}</Typography.Text>
      }
    >
      <ForecastChart s={s} />
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('heldOut')}
            value={t('wape', { value: pct(s.heldOut.wape, t('na')) })}
            valueStyle={{ fontSize: 16 }}
            data-testid="held-out"
          />
          <Typography.Text type="secondary">
            {t('mape', { value: pct(s.heldOut.mape, t('na')) })}
          </Typography.Text>
        </Col>
        <Col span={8}>
          <Statistic
            title={t('baseline')}
            value={t('wape', { value: pct(s.baseline.wape, t('na')) })}
            valueStyle={{ fontSize: 16 }}
            data-testid="baseline"
          />
          <Typography.Text type="secondary">
            {t('mape', { value: pct(s.baseline.mape, t('na')) })}
          </Typography.Text>
        </Col>
        <Col span={8}>
          <Statistic title={t('method')} value={methodLabel} valueStyle={{ fontSize: 14 }} />
          <Typography.Text type="secondary">{t('weeks', { count: s.historyWeeks })}</Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}

export function ForecastPage({ canRecompute }: { canRecompute: boolean }) {
  const { t } = useTranslation('analyticsForecast');
  const { message } = App.useApp();
  const forecast = useSalesForecast();
  const recompute = useRecomputeForecast();
  const generatedAt = forecast.data?.generatedAt;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        <Space>
          {generatedAt ? (
            <Typography.Text type="secondary" data-testid="generated-at">
              {t('generatedAt', {
                at: new Date(generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
              })}
            </Typography.Text>
          ) : null}
          {canRecompute ? (
            <Button
              loading={recompute.isPending}
              onClick={() =>
                recompute.mutate(undefined, {
                  onSuccess: () => void message.success(t('recomputed')),
                  onError: (e: Error) => void message.error(e.message),
                })
              }
            >
              {t('recompute')}
            </Button>
          ) : null}
        </Space>
      </div>
      {forecast.isLoading ? null : forecast.data && forecast.data.series.length > 0 ? (
        <Row gutter={[16, 16]}>
          {forecast.data.series.map((s) => (
            <Col key={s.seriesId} xs={24} xl={12}>
              <SeriesCard s={s} />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty description={forecast.error ? forecast.error.message : t('empty')} />
      )}
    </Space>
  );
}
