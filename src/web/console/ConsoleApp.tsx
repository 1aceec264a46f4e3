import './i18n.js';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AftersalesBoard } from '../shared/aftersales/AftersalesBoard.js';
import { NotificationCenter } from '../shared/components/NotificationCenter.js';
import { RequirePermission } from '../shared/components/RequirePermission.js';
import { NotFound, PageSpin } from '../shared/components/Results.js';
import { StaffShell } from '../shared/components/StaffShell.js';
import { StaffSignIn } from '../shared/components/StaffSignIn.js';
import { AdvisorWorkspace } from '../shared/consultation/AdvisorWorkspace.js';
import { DeliveryRoutes } from '../shared/delivery/DeliveryRoutes.js';
import { useMe } from '../shared/hooks/identity.js';
import { LeadsRoutes } from '../shared/leads/LeadsRoutes.js';
import { StaffOrdersRoutes } from '../shared/orders/StaffOrdersRoutes.js';
import { TestdrivesStaff } from '../shared/testdrives/TestdrivesStaff.js';
import { MyAccountPage } from './account/MyAccountPage.js';
import { ForecastPage } from './analytics/ForecastPage.js';
import { ReviewDetailPage } from './analytics/ReviewDetailPage.js';
import { ReviewsPage } from './analytics/ReviewsPage.js';
import { SpendPage } from './analytics/SpendPage.js';
import { AuditLogPage } from './audit/AuditLogPage.js';
import { CatalogRoutes } from './catalog/CatalogRoutes.js';
import { TemplatesPage as ContractTemplatesPage } from './contracts/TemplatesPage.js';
import { DashboardPage } from './dashboard/DashboardPage.js';
import { DealerDetailPage } from './dealers/DealerDetailPage.js';
import { DealerListPage } from './dealers/DealerListPage.js';
import { FaqPage } from './faq/FaqPage.js';
import { FaqStatsPage } from './faq/FaqStatsPage.js';
import { LoanApplicationsPage } from './finance/LoanApplicationsPage.js';
import { ProductsPage } from './finance/ProductsPage.js';
import { InsurersPage } from './insurance/InsurersPage.js';
import { StockPage } from './inventory/StockPage.js';
import { JobsPage } from './jobs/JobsPage.js';
import { ListingsRoutes } from './listings/ListingsRoutes.js';
import { consoleMenu } from './menu.js';
import { PaymentsPage } from './payments/PaymentsPage.js';
import { ReconciliationPage } from './payments/ReconciliationPage.js';
import { RulesPage } from './pricing/RulesPage.js';
import { ValuationsPage } from './pricing/ValuationsPage.js';
import { RiskPage } from './risk/RiskPage.js';
import { RolesPage } from './roles/RolesPage.js';
import { ShippingRulesPage } from './shop/ShippingRulesPage.js';
import { ShopOrdersPage } from './shop/ShopOrdersPage.js';
import { StaffListPage } from './staff/StaffListPage.js';

function SignInRoute() {
  const navigate = useNavigate();
  const me = useMe().data?.me;
  if (me?.kind === 'staff') return <Navigate to="/console" replace />;
  return <StaffSignIn area="console" onSignedIn={() => navigate('/console', { replace: true })} />;
}

function Guarded({ permission, children }: { permission?: string; children: React.ReactNode }) {
  return (
    <RequirePermission permission={permission} home="/console">
      {children}
    </RequirePermission>
  );
}

/** The operations console at /console: staff sign-in, then the permission-filtered layout. */
export function ConsoleApp() {
  const { t } = useTranslation('console');
  const me = useMe();
  const location = useLocation();
  if (location.pathname.replace(/\/$/, '') === '/console/sign-in') return <SignInRoute />;
  if (me.isLoading) return <PageSpin />;
  const staff = me.data?.me?.kind === 'staff' ? me.data.me : null;
  if (!staff) return <Navigate to="/console/sign-in" replace />;
  return (
    <StaffShell
      me={staff}
      title={t('title')}
      entries={consoleMenu(t)}
      notificationsPath="/console/notifications"
      accountPath="/console/account"
      signInPath="/console/sign-in"
    >
      <Routes>
        <Route index element={<DashboardPage me={staff} />} />
        <Route
          path="staff"
          element={
            <Guarded permission="staff.read">
              <StaffListPage />
            </Guarded>
          }
        />
        <Route
          path="roles"
          element={
            <Guarded permission="roles.manage">
              <RolesPage />
            </Guarded>
          }
        />
        <Route
          path="audit"
          element={
            <Guarded permission="audit.read">
              <AuditLogPage />
            </Guarded>
          }
        />
        <Route
          path="pricing"
          element={
            <Guarded permission="pricing.rules.read">
              <RulesPage canManage={staff.permissions.includes('pricing.rules.manage')} />
            </Guarded>
          }
        />
        <Route
          path="pricing/valuations"
          element={
            <Guarded permission="pricing.valuations.read">
              <ValuationsPage canManage={staff.permissions.includes('pricing.valuations.manage')} />
            </Guarded>
          }
        />
        <Route
          path="finance/products"
          element={
            <Guarded permission="finance.products.read">
              <ProductsPage canManage={staff.permissions.includes('finance.products.manage')} />
            </Guarded>
          }
        />
        <Route
          path="finance/loans"
          element={
            <Guarded permission="finance.loans.read">
              <LoanApplicationsPage canManage={staff.permissions.includes('finance.loans.manage')} />
            </Guarded>
          }
        />
        <Route
          path="insurers"
          element={
            <Guarded permission="insurance.insurers.read">
              <InsurersPage canManage={staff.permissions.includes('insurance.insurers.manage')} />
            </Guarded>
          }
        />
        <Route
          path="jobs"
          element={
            <Guarded permission="jobs.read">
              <JobsPage />
            </Guarded>
          }
        />
        <Route
          path="dealers"
          element={
            <Guarded permission="reference.read">
              <DealerListPage />
            </Guarded>
          }
        />
        <Route
          path="dealers/:id"
          element={
            <Guarded permission="reference.read">
              <DealerDetailPage />
            </Guarded>
          }
        />
        <Route
          path="catalog/*"
          element={
            <Guarded permission="catalog.read">
              <CatalogRoutes />
            </Guarded>
          }
        />
        <Route path="listings/*" element={<ListingsRoutes />} />
        <Route
          path="inventory"
          element={
            <Guarded permission="inventory.read">
              <StockPage canManage={staff.permissions.includes('inventory.manage')} />
            </Guarded>
          }
        />
        <Route
          path="analytics/forecast"
          element={
            <Guarded permission="analytics.read">
              <ForecastPage canRecompute={staff.permissions.includes('analytics.manage')} />
            </Guarded>
          }
        />
        <Route
          path="risk"
          element={
            <Guarded permission="risk.review">
              <RiskPage canManageRules={staff.permissions.includes('risk.rules.manage')} />
            </Guarded>
          }
        />
        <Route
          path="conversations"
          element={
            <Guarded permission="leads.manage">
              <AdvisorWorkspace />
            </Guarded>
          }
        />
        <Route
          path="payments"
          element={
            <Guarded permission="payments.read">
              <PaymentsPage
                canManage={staff.permissions.includes('payments.manage')}
                canApprove={staff.permissions.includes('payments.refund.approve')}
              />
            </Guarded>
          }
        />
        <Route
          path="payments/reconciliation"
          element={
            <Guarded permission="payments.read">
              <ReconciliationPage canManage={staff.permissions.includes('payments.manage')} />
            </Guarded>
          }
        />
        <Route
          path="contracts/templates"
          element={
            <Guarded permission="contracts.template.manage">
              <ContractTemplatesPage />
            </Guarded>
          }
        />
        <Route
          path="faq"
          element={
            <Guarded permission="leads.faq.manage">
              <FaqPage />
            </Guarded>
          }
        />
        <Route
          path="faq/stats"
          element={
            <Guarded permission="leads.faq.manage">
              <FaqStatsPage />
            </Guarded>
          }
        />
        <Route
          path="shop/orders"
          element={
            <Guarded permission="shop.read">
              <ShopOrdersPage canManage={staff.permissions.includes('shop.manage')} />
            </Guarded>
          }
        />
        <Route
          path="shop/shipping-rules"
          element={
            <Guarded permission="shop.read">
              <ShippingRulesPage canEdit={staff.permissions.includes('shop.settings')} />
            </Guarded>
          }
        />
        <Route
          path="orders/*"
          element={
            <Guarded permission="orders.read">
              <StaffOrdersRoutes basePath="/console/orders" />
            </Guarded>
          }
        />
        <Route
          path="leads/*"
          element={
            <Guarded permission="leads.read">
              <LeadsRoutes
                basePath="/console/leads"
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
              <DeliveryRoutes area="console" permissions={staff.permissions} />
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
          path="analytics/reviews"
          element={
            <Guarded permission="analytics.read">
              <ReviewsPage permissions={staff.permissions} />
            </Guarded>
          }
        />
        <Route
          path="analytics/reviews/:id"
          element={
            <Guarded permission="analytics.read">
              <ReviewDetailPage />
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
          path="analytics/spend"
          element={
            <Guarded permission="analytics.spend">
              <SpendPage />
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
        <Route path="account" element={<MyAccountPage me={staff} />} />
        <Route path="*" element={<NotFound home="/console" />} />
      </Routes>
    </StaffShell>
  );
}
