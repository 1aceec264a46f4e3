import { Button, Drawer, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TRAFFIC_CHANNELS, type TrafficChannel } from '../../../server/kernel/attribution.contract.js';
import type {
  TDashboardQuery,
  TMetricCard,
} from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import {
  ANALYTICS_FACT_KINDS,
  type AnalyticsFactKind,
} from '../../../server/modules/analytics/analytics.enums.js';
import { QueryState } from '../components/Results.js';
import { formatTime, yuan } from '../format.js';
import { useCityName, useDealerName } from '../labels.js';
import { useDrill } from './hooks.js';
import './i18n.js';

// Drill-down from a KPI card: the facts behind the figure (GET /analytics/drill) in a drawer, and the list
// screen of this area that holds them, when the user may open it.

export type DashboardArea = 'console' | 'dealer';

const isChannel = (v: string | null | undefined): v is TrafficChannel =>
  typeof v === 'string' && (TRAFFIC_CHANNELS as readonly string[]).includes(v);

/**
 * The list screen behind a card, where one exists in this area and the user may open it (never a link
 * that ends on a 403). The server's own `drill` path wins when it points into this area.
 */
export function listLinkFor(
  card: Pick<TMetricCard, 'metric' | 'drill'>,
  area: DashboardArea,
  permissions: readonly string[],
  range: { from: string; to: string },
): string | null {
  if (card.drill?.startsWith(`/${area}/`)) return card.drill;
  const has = (p: string) => permissions.includes(p);
  const base = `/${area}`;
  switch (card.metric) {
    case 'orders':
    case 'gmv':
    case 'average_order_value':
    case 'gross_margin':
    case 'gross_margin_rate':
    case 'deposit_forfeits':
    case 'order_rate':
    case 'payment_rate':
      return has('orders.read') ? `${base}/orders?from=${range.from}&to=${range.to}` : null;
    case 'refunds':
      return area === 'console' && has('payments.read') ? '/console/payments' : null;
    case 'consultation_rate':
    case 'lead_first_response_seconds':
    case 'sla_compliance':
      return has('leads.read') ? `${base}/leads` : null;
    case 'testdrive_show_rate':
      return has('testdrives.read') ? `${base}/test-drives` : null;
    case 'inventory_turnover':
    case 'aged_stock':
      if (!has('inventory.read')) return null;
      return area === 'console' ? '/console/inventory' : '/dealer/stock';
    case 'shipping_48h_rate':
      if (!has('shop.read')) return null;
      return area === 'console' ? '/console/shop/orders' : '/dealer/shop';
    case 'bot_deflection':
      return area === 'console' && has('leads.faq.manage') ? '/console/faq/stats' : null;
    case 'marketing_spend':
    case 'cac':
    case 'roi':
      return area === 'console' && has('analytics.spend') ? SPEND_PATH : null;
    default:
      return null;
  }
}

export const SPEND_PATH = '/console/analytics/spend';

const isFactKind = (k: unknown): k is AnalyticsFactKind =>
  typeof k === 'string' && (ANALYTICS_FACT_KINDS as readonly string[]).includes(k);

/** The list behind a card: rows from the drill-down API, and the full list screen when there is one. */
export function DrillDrawer({
  card,
  query,
  listLink,
  dealerNames,
  onClose,
}: {
  card: TMetricCard | null;
  query: TDashboardQuery;
  listLink: string | null;
  /** The user may read the dealer list (names for the rows); dealer staff see only their own anyway. */
  dealerNames: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('analyticsDashboard');
  const cityName = useCityName();
  const dealerName = useDealerName(dealerNames && card !== null);
  const drill = useDrill(card && card.drill !== null ? card.metric : null, query);
  const rows = drill.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer
      open={card !== null}
      onClose={onClose}
      title={card ? t('drill.title', { metric: t(`metric.${card.metric}`) }) : ''}
      // Full width on a phone.
      size={Math.min(640, window.innerWidth)}
      data-testid="drill-drawer"
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {listLink ? (
          <Link to={listLink} data-testid="drill-open-list">
            {t('drill.openList')}
          </Link>
        ) : null}
        {card?.drill === null ? (
          <Typography.Text type="secondary">{t('drill.noDrill')}</Typography.Text>
        ) : (
          <QueryState
            isLoading={drill.isLoading}
            error={drill.error}
            onRetry={() => void drill.refetch()}
            isEmpty={rows.length === 0}
            emptyText={t('drill.noRows')}
          >
            <List
              size="small"
              dataSource={rows}
              data-testid="drill-rows"
              renderItem={(r, i) => {
                const time = r.time ?? r.occurredAt ?? null;
                const kind = isFactKind(r.kind) ? t(`fact.${r.kind}`) : null;
                // The order number when there is one, else what happened (线索创建, 退款…); never an id.
                const title = r.label ?? r.orderNumber ?? kind ?? r.vehicle ?? '—';
                const extra = [
                  kind !== title ? kind : null,
                  r.vehicle !== title ? r.vehicle : null,
                  r.cityCode ? cityName(r.cityCode) : null,
                  isChannel(r.channel) ? t(`channel.${r.channel}`) : null,
                  dealerNames && r.dealerId ? dealerName(r.dealerId) : null,
                ].filter(Boolean);
                return (
                  <List.Item key={r.factId ?? r.id ?? String(i)} data-testid="drill-row">
                    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                        {title}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[time ? formatTime(time) : null, ...extra].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </Space>
                    {typeof r.amountFen === 'number' ? (
                      <Typography.Text style={{ whiteSpace: 'nowrap' }}>{yuan(r.amountFen)}</Typography.Text>
                    ) : null}
                  </List.Item>
                );
              }}
            />
            {drill.hasNextPage ? (
              <Button block loading={drill.isFetchingNextPage} onClick={() => void drill.fetchNextPage()}>
                {t('drill.loadMore')}
              </Button>
            ) : null}
          </QueryState>
        )}
      </Space>
    </Drawer>
  );
}
