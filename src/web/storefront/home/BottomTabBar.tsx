import { CarOutlined, HomeOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

// The phone tab bar (首页 / 找车 / 对比 / 我的), fixed at the bottom of screens up to 576 px wide. The
// vehicle page has its own fixed action bar there, so the tab bar steps aside on /vehicles/:id.

export const PHONE_QUERY = '(max-width: 576px)';
/** Height of the bar without the safe-area inset (the home indicator of notched phones comes on top). */
export const TAB_BAR_HEIGHT = 56;
/** Other fixed bottom elements (the compare tray) stay above the bar by adding this CSS variable. */
export const TAB_BAR_VAR = '--ay-tabbar-height';

function subscribe(query: string) {
  return (onChange: () => void) => {
    if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
    const mq = window.matchMedia(query);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  };
}

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    subscribe(query),
    () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query).matches : false),
    () => false,
  );
}

/** Pages whose own bottom bar owns the bottom of the screen (the vehicle page's action bar). */
export function tabBarHidden(pathname: string): boolean {
  return /^\/(vehicles|cars)\/[^/]+\/?$/.test(pathname);
}

type TabKey = 'home' | 'cars' | 'compare' | 'me';

/** Which tab a page belongs to (null: none is active). */
export function activeTab(pathname: string): TabKey | null {
  if (pathname === '/' || pathname === '') return 'home';
  if (/^\/(cars|search|guide)(\/|$)/.test(pathname)) return 'cars';
  if (/^\/compare(\/|$)/.test(pathname)) return 'compare';
  if (/^\/(account|favourites|history|sign-in)(\/|$)/.test(pathname)) return 'me';
  return null;
}

const TABS: { key: TabKey; to: string; icon: ReactNode }[] = [
  { key: 'home', to: '/', icon: <HomeOutlined /> },
  { key: 'cars', to: '/cars', icon: <CarOutlined /> },
  { key: 'compare', to: '/compare', icon: <SwapOutlined /> },
  { key: 'me', to: '/account', icon: <UserOutlined /> },
];

/** The bar itself (always rendered: PhoneTabBar decides when it is shown). */
export function BottomTabBar() {
  const { t } = useTranslation('storefront');
  const { pathname } = useLocation();
  const active = activeTab(pathname);
  return (
    <nav
      aria-label={t('tabBar.label')}
      data-testid="tab-bar"
      style={{
        position: 'fixed',
        left: 0,
        right: 0,
        bottom: 0,
        zIndex: 30,
        display: 'flex',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        boxShadow: '0 -1px 4px rgba(0,0,0,0.06)',
        paddingBottom: 'env(safe-area-inset-bottom, 0px)',
      }}
    >
      {TABS.map((tab) => {
        const on = tab.key === active;
        return (
          <Link
            key={tab.key}
            to={tab.to}
            data-testid={`tab-${tab.key}`}
            aria-current={on ? 'page' : undefined}
            style={{
              flex: 1,
              height: TAB_BAR_HEIGHT,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              fontSize: 12,
              color: on ? '#d4380d' : '#595959',
              fontWeight: on ? 600 : 400,
            }}
          >
            <span style={{ fontSize: 20, lineHeight: 1 }}>{tab.icon}</span>
            {t(`tabBar.${tab.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * The tab bar on phones, except where a page's own bottom bar takes its place; leaves room for itself at
 * the end of the page and tells other fixed bottom elements its height (CSS variable TAB_BAR_VAR).
 */
export function PhoneTabBar() {
  const phone = useMediaQuery(PHONE_QUERY);
  const { pathname } = useLocation();
  const shown = phone && !tabBarHidden(pathname);
  useEffect(() => {
    const root = document.documentElement;
    if (shown)
      root.style.setProperty(TAB_BAR_VAR, `calc(${TAB_BAR_HEIGHT}px + env(safe-area-inset-bottom, 0px))`);
    else root.style.removeProperty(TAB_BAR_VAR);
    return () => {
      root.style.removeProperty(TAB_BAR_VAR);
    };
  }, [shown]);
  if (!shown) return null;
  return (
    <>
      <div
        aria-hidden="true"
        style={{ height: `calc(${TAB_BAR_HEIGHT}px + env(safe-area-inset-bottom, 0px))` }}
      />
      <BottomTabBar />
    </>
  );
}
