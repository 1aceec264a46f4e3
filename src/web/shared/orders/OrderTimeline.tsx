import './i18n.js';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format.js';
import type { TOrder } from '../hooks/orders.js';

/** The order's timeline as the buyer (and staff) see it: each status change with its note and who made it. */
export function OrderTimeline({ order }: { order: TOrder }) {
  const { t } = useTranslation('orders');
  return (
    <Timeline
      data-testid="order-timeline"
      items={order.timeline.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.to === 'cancelled' ? 'gray' : i === order.timeline.length - 1 ? 'blue' : 'green',
        children: (
          <div data-testid="order-timeline-entry">
            <Typography.Text strong>{t(`statuses.${e.to}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatTime(e.at)} · {t(`actors.${e.actor}`, { defaultValue: e.actor })}
            </Typography.Text>
            {e.note ? <div>{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
