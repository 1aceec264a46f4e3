import {
  AppstoreOutlined,
  BulbOutlined,
  CarOutlined,
  HeartOutlined,
  HistoryOutlined,
  ShopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocalList } from './local.js';

const ENTRIES = [
  { key: 'cars', to: '/cars', icon: <CarOutlined /> },
  { key: 'guide', to: '/guide', icon: <BulbOutlined /> },
  { key: 'shop', to: '/shop', icon: <ShopOutlined /> },
  { key: 'compare', to: '/compare', icon: <SwapOutlined /> },
  { key: 'favourites', to: '/favourites', icon: <HeartOutlined /> },
  { key: 'history', to: '/history', icon: <HistoryOutlined /> },
] as const;

/** Catalog links in the storefront header: text links on wide screens, one menu button on phones. */
export function CatalogNav({ compact }: { compact: boolean }) {
  const { t } = useTranslation('storefront');
  const navigate = useNavigate();
  const compare = useLocalList('compare').length;
  if (compact)
    return (
      <Dropdown
        menu={{
          items: ENTRIES.map((e) => ({
            key: e.key,
            icon: e.icon,
            label: <span data-testid={`nav-${e.key}`}>{t(`catalog.nav.${e.key}`)}</span>,
          })),
          onClick: ({ key }) => navigate(ENTRIES.find((e) => e.key === key)?.to ?? '/'),
        }}
      >
        <Badge count={compare} size="small">
          <Button
            type="text"
            size="small"
            icon={<AppstoreOutlined />}
            aria-label={t('catalog.nav.cars')}
            data-testid="nav-menu"
          />
        </Badge>
      </Dropdown>
    );
  return (
    <nav style={{ display: 'flex', gap: 16, whiteSpace: 'nowrap' }}>
      {ENTRIES.map((e) => (
        <Link key={e.key} to={e.to} data-testid={`nav-${e.key}`} style={{ color: '#262626' }}>
          {e.key === 'compare' && compare > 0 ? (
            <Badge count={compare} size="small" offset={[8, -4]}>
              {t(`catalog.nav.${e.key}`)}
            </Badge>
          ) : (
            t(`catalog.nav.${e.key}`)
          )}
        </Link>
      ))}
    </nav>
  );
}
