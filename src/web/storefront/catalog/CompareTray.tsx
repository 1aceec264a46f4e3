import { CloseOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Grid, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { clearLocalList, compareTitles, MAX_COMPARE, removeFromCompare, useLocalList } from './local.js';

/** The floating compare tray: what is selected (kept in localStorage) and a button to the compare page. */
export function CompareTray() {
  const { t } = useTranslation('storefront');
  const ids = useLocalList('compare');
  const { pathname } = useLocation();
  // On phones the tray stays one line: the count and the buttons, no titles.
  const phone = !Grid.useBreakpoint().sm;
  if (ids.length === 0 || pathname === '/compare') return null;
  const titles = compareTitles();
  return (
    <>
      {/* keeps the footer readable above the floating tray */}
      <div style={{ height: 64 }} />
      <div
        data-testid="compare-tray"
        style={{
          position: 'fixed',
          left: 8,
          right: 8,
          // above the phone tab bar when it is shown (home/BottomTabBar.tsx sets the variable) and above
          // the vehicle page's action bar (ActionArea.tsx sets its own)
          bottom: 'calc(8px + var(--ay-tabbar-height, 0px) + var(--ay-actionbar-height, 0px))',
          zIndex: 20,
          maxWidth: 760,
          margin: '0 auto',
          background: '#fff',
          borderRadius: 10,
          boxShadow: '0 4px 16px rgba(0,0,0,0.18)',
          padding: '8px 12px',
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          flexWrap: 'wrap',
        }}
      >
        <Typography.Text strong data-testid="compare-tray-count">
          <SwapOutlined /> {t('compare.tray', { count: ids.length, max: MAX_COMPARE })}
        </Typography.Text>
        <Space size={[4, 4]} wrap style={{ flex: 1, minWidth: 0, display: phone ? 'none' : undefined }}>
          {ids.map((id) => (
            <Tag
              key={id}
              closable
              onClose={() => removeFromCompare(id)}
              style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', margin: 0 }}
            >
              {titles[id] ?? id}
            </Tag>
          ))}
        </Space>
        {phone && <div style={{ flex: 1 }} />}
        <Button size="small" type="text" icon={<CloseOutlined />} onClick={() => clearLocalList('compare')}>
          {t('compare.clear')}
        </Button>
        {ids.length < 2 ? (
          <Button type="primary" size="small" disabled title={t('compare.needTwo')}>
            {t('compare.go')}
          </Button>
        ) : (
          <Link to={`/compare?ids=${ids.join(',')}`} data-testid="compare-go">
            <Button type="primary" size="small">
              {t('compare.go')}
            </Button>
          </Link>
        )}
      </div>
    </>
  );
}
