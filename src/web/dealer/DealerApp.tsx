import './i18n.js';
import '../shared/listings/i18n.js';
import '../shared/orders/i18n.js';
import {
  BellOutlined,
  CarOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { NotificationCenter } from '../shared/components/NotificationCenter.js';
import { RequirePermission } from '../shared/components/RequirePermission.js';
import { NotFound, PageSpin } from '../shared/components/Results.js';
import { type MenuEntry, StaffShell } from '../shared/components/StaffShell.js';
import { StaffSignIn } from '../shared/components/StaffSignIn.js';
import { useMe } from '../shared/hooks/identity.js';
import { StaffOrdersRoutes } from '../shared/orders/StaffOrdersRoutes.js';
import { HomePage } from './home/HomePage.js';
import { DealerListingsRoutes } from './listings/DealerListingsRoutes.js';
import { StaffPage } from './staff/StaffPage.js';
import { DealerStockPage } from './stock/DealerStockPage.js';
import { StoresPage } from './stores/StoresPage.js';

function Guarded({ permission, children }: { permission: string; children: ReactNode }) {
  return (
    <RequirePermission permission={permission} home="/dealer">
      {children}
    </RequirePermission>
  );
}

/** The dealer portal at /dealer: dealer staff sign in, then see only their own dealer's data. */
export function DealerApp() {
  const { t } = useTranslation('dealer');
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  if (location.pathname.replace(/\/$/, '') === '/dealer/sign-in') {
    if (me.data?.me?.kind === 'staff') return <Navigate to="/dealer" replace />;
    return <StaffSignIn area="dealer" onSignedIn={() => navigate('/dealer', { replace: true })} />;
  }
  if (me.isLoading) return <PageSpin />;
  const staff = me.data?.me?.kind === 'staff' ? me.data.me : null;
  if (!staff) return <Navigate to="/dealer/sign-in" replace />;
  const entries: MenuEntry[] = [
    {
      key: 'home',
      path: '/dealer',
      label: t('menu.home'),
      icon: <DashboardOutlined />,
      permission: 'dealer.portal',
    },
    {
      key: 'stores',
      path: '/dealer/stores',
      label: t('menu.stores'),
      icon: <ShopOutlined />,
      permission: 'dealer.portal',
    },
    {
      key: 'listings',
      path: '/dealer/listings',
      label: t('listings:menu.listings'),
      icon: <CarOutlined />,
      permission: 'listings.manage',
    },
    {
      key: 'stock',
      path: '/dealer/stock',
      label: t('consoleInventory:myStock'),
      icon: <DatabaseOutlined />,
      permission: 'inventory.read',
    },
    {
      key: 'orders',
      path: '/dealer/orders',
      label: t('orders:menu'),
      icon: <FileDoneOutlined />,
      permission: 'orders.read',
    },
    {
      key: 'staff',
      path: '/dealer/staff',
      label: t('menu.staff'),
      icon: <TeamOutlined />,
      permission: 'dealer.manage_staff',
    },
    {
      key: 'notifications',
      path: '/dealer/notifications',
      label: t('menu.notifications'),
      icon: <BellOutlined />,
    },
  ];
  const portalUser = staff.dealerId !== null && staff.permissions.includes('dealer.portal');
  return (
    <StaffShell
      me={staff}
      title={t('title')}
      entries={entries}
      notificationsPath="/dealer/notifications"
      accountPath="/dealer"
      signInPath="/dealer/sign-in"
    >
      {portalUser ? (
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="stores" element={<StoresPage />} />
          <Route path="listings/*" element={<DealerListingsRoutes />} />
          <Route
            path="stock"
            element={
              <Guarded permission="inventory.read">
                <DealerStockPage />
              </Guarded>
            }
          />
          <Route
            path="orders/*"
            element={
              <Guarded permission="orders.read">
                <StaffOrdersRoutes basePath="/dealer/orders" />
              </Guarded>
            }
          />
          <Route
            path="staff"
            element={
              <Guarded permission="dealer.manage_staff">
                <StaffPage />
              </Guarded>
            }
          />
          <Route
            path="notifications"
            element={
              <Card title={t('menu.notifications')}>
                <NotificationCenter />
              </Card>
            }
          />
          <Route path="*" element={<NotFound home="/dealer" />} />
        </Routes>
      ) : (
        <Alert type="warning" showIcon title={t('home.noDealer')} data-testid="dealer-no-portal" />
      )}
    </StaffShell>
  );
}
