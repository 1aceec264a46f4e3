import { EnvironmentOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TStore } from '../shared/hooks/dealers.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Today's opening hours in China time, e.g. "09:00-18:00". */
function todayHours(store: TStore, closed: string): string {
  const weekday = new Date().toLocaleDateString('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' });
  const day = DAYS.find((d) => weekday.toLowerCase().startsWith(d)) ?? 'mon';
  const ranges = store.openingHours[day];
  if (!ranges || ranges.length === 0) return closed;
  return ranges.map(([a, b]) => `${a}-${b}`).join(', ');
}

export function StoreCard({ store }: { store: TStore }) {
  const { t } = useTranslation('storefront');
  return (
    <Card size="small" data-testid="store-card" style={{ height: '100%' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text strong>
          <ShopOutlined /> {store.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {store.dealer.name}
        </Typography.Text>
        <div>
          {store.dealer.brands.map((b) => (
            <Tag key={b} color="volcano">
              {b}
            </Tag>
          ))}
        </div>
        <Typography.Text style={{ fontSize: 13 }}>
          <EnvironmentOutlined /> {store.district} · {store.address}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13 }}>
          <PhoneOutlined /> <a href={`tel:${store.phone}`}>{store.phone}</a> · {t('stores.hours')}{' '}
          {todayHours(store, t('stores.closed'))}
        </Typography.Text>
        <div>
          {store.services.map((s) => (
            <Tag key={s}>{t(`stores.services.${s}`)}</Tag>
          ))}
        </div>
      </Space>
    </Card>
  );
}
