import './i18n.js';
import '../shared/listings/i18n.js';
import '../shared/orders/i18n.js';
import '../shared/delivery/i18n.js';
import '../shared/leads/i18n.js';
import '../shared/testdrives/i18n.js';
import '../shared/aftersales/i18n.js';
import '../shared/consultation/i18n.js';
import {
  BellOutlined,
  CarOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  LineChartOutlined,
  MessageOutlined,
  PhoneOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AftersalesBoard } from '../shared/aftersales/AftersalesBoard.js';
import { NotificationCenter } from '../shared/components/NotificationCenter.js';
import { RequirePermission } from '../shared/components/RequirePermission.js';
import { NotFound, PageSpin } from '../shared/components/Results.js';
import { type MenuEntry, StaffShell } from '../shared/components/StaffShell.js';
import { StaffSignIn } from '../shared/components/StaffSignIn.js';
import { AdvisorWorkspace } from '../shared/consultation/AdvisorWorkspace.js';
import { DeliveryRoutes } from '../shared/delivery/DeliveryRoutes.js';
import { useMe } from '../shared/hooks/identity.js';
import { LeadsRoutes } from '../shared/leads/LeadsRoutes.js';
import { StaffOrdersRoutes } from '../shared/orders/StaffOrdersRoutes.js';
import { TestdrivesStaff } from '../shared/testdrives/TestdrivesStaff.js';
import { HomePage } from './home/HomePage.js';
import { DealerListingsRoutes } from './listings/DealerListingsRoutes.js';
import { DealerShopPage } from './shop/DealerShopPage.js';
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
      key: 'leads',
      path: '/dealer/leads',
      label: t('leads:menu'),
      icon: <PhoneOutlined />,
      permission: 'leads.read',
    },
    {
      key: 'lead-reports',
      path: '/dealer/leads/reports',
      label: t('leads:reportsMenu'),
      icon: <LineChartOutlined />,
      permission: 'leads.read',
    },
    {
      key: 'advisors',
      path: '/dealer/leads/advisors',
      label: t('leads:advisorsMenu'),
      icon: <TeamOutlined />,
      permission: 'leads.read',
    },
    {
      key: 'deliveries',
      path: '/dealer/deliveries',
      label: t('delivery:menu'),
      icon: <CarOutlined />,
      permission: 'fulfilment.read',
    },
    {
      key: 'delivery-calendar',
      path: '/dealer/deliveries/calendar',
      label: t('delivery:calendarMenu'),
      icon: <ScheduleOutlined />,
      permission: 'fulfilment.read',
    },
    {
      key: 'test-drives',
      path: '/dealer/test-drives',
      label: t('testdrives:menu'),
      icon: <ScheduleOutlined />,
      permission: 'testdrives.read',
    },
    {
      key: 'aftersales',
      path: '/dealer/aftersales',
      label: t('aftersales:menu'),
      icon: <SafetyCertificateOutlined />,
      permission: 'fulfilment.aftersales.read',
    },
    // Consultations: the advisor workspace (live chat).
    {
      key: 'conversations',
      path: '/dealer/conversations',
      label: t('consultation:workspace.menu'),
      icon: <MessageOutlined />,
      permission: 'leads.manage',
    },
    {
      key: 'shop-orders',
      path: '/dealer/shop',
      label: t('shopConsole:menu'),
      icon: <ShoppingOutlined />,
      permission: 'shop.read',
    },
    {
      key: 'shop-returns',
      path: '/dealer/shop/returns',
      label: t('shopConsole:returnsMenu'),
      icon: <RollbackOutlined />,
      permission: 'shop.read',
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
          <Route
            path="conversations"
            element={
              <Guarded permission="leads.manage">
                <AdvisorWorkspace />
              </Guarded>
            }
          />
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
            path="leads/*"
            element={
              <Guarded permission="leads.read">
                <LeadsRoutes
                  basePath="/dealer/leads"
                  permissions={staff.permissions}
                  dealerId={staff.dealerId}
                />
              </Guarded>
            }
          />
          <Route
            path="deliveries/*"
            element={
              <Guarded permission="fulfilment.read">
                <DeliveryRoutes area="dealer" permissions={staff.permissions} />
              </Guarded>
            }
          />
          <Route
            path="test-drives"
            element={
              <Guarded permission="testdrives.read">
                <TestdrivesStaff permissions={staff.permissions} />
              </Guarded>
            }
          />
          <Route
            path="aftersales"
            element={
              <Guarded permission="fulfilment.aftersales.read">
                <AftersalesBoard />
              </Guarded>
            }
          />
          <Route
            path="shop"
            element={
              <Guarded permission="shop.read">
                <DealerShopPage />
              </Guarded>
            }
          />
          <Route
            path="shop/returns"
            element={
              <Guarded permission="shop.read">
                <DealerShopPage returns />
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
