import { Button, Card, Empty, Space, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type TPriceHistory,
  usePriceAlert,
  usePriceHistory,
  useTogglePriceAlert,
} from '../../shared/hooks/pricing.js';
import { formatPrice } from '../catalog/format.js';
import './i18n.js';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Shanghai date of an ISO instant (the chart's x axis). */
function shanghaiDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function HistoryChart({ history }: { history: TPriceHistory }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    // A step line: a price holds until the next change, and today's price closes the line.
    const points = [
      ...history.points.map((p) => [shanghaiDate(p.at), p.priceFen / 100] as const),
      [shanghaiDate(new Date().toISOString()), history.currentFen / 100] as const,
    ];
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPrice(Math.round(v * 100)) },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatPrice(v * 100) } },
      series: [{ type: 'line', step: 'end', data: points, symbolSize: 6 }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [history]);
  return <div ref={ref} style={{ width: '100%', height: 220 }} role="img" aria-label="price history" />;
}

export function PriceHistoryCard({ listingId, signedIn }: { listingId: string; signedIn: boolean }) {
  const { t } = useTranslation('pricing');
  const history = usePriceHistory(listingId);
  const alert = usePriceAlert(listingId, signedIn);
  const toggle = useTogglePriceAlert(listingId);
  const subscribed = alert.data?.subscribed ?? false;
  return (
    <Card
      title={t('history.title')}
      data-testid="price-history"
      extra={
        signedIn ? (
          <Button
            size="small"
            type={subscribed ? 'default' : 'primary'}
            loading={toggle.isPending}
            onClick={() => toggle.mutate(!subscribed)}
            data-testid="price-alert-toggle"
            data-subscribed={subscribed}
          >
            {subscribed ? t('history.unsubscribe') : t('history.subscribe')}
          </Button>
        ) : (
          <Link to={`/sign-in?redirect=/vehicles/${listingId}`}>{t('history.signIn')}</Link>
        )
      }
    >
      {history.data && history.data.points.length > 0 ? (
        <HistoryChart history={history.data} />
      ) : (
        <Empty description={t('history.empty')} />
      )}
      <Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {subscribed ? t('history.subscribed') : ''} {t('history.note')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
