import './i18n.js';
import { BookTestdrivePage } from './testdrives/BookTestdrivePage.js';
import { MyTestdrivesPage } from './testdrives/MyTestdrivesPage.js';
import './catalog/i18n.js';
import '../shared/shop/i18n.js';
import { BellOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Grid, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ConsentBanner } from '../shared/analytics/ConsentBanner.js';
import { usePageViews } from '../shared/analytics/tracker.js';
import { LanguageSwitch } from '../shared/components/LanguageSwitch.js';
import { NotFound } from '../shared/components/Results.js';
import { useMe, useSignOut } from '../shared/hooks/identity.js';
import { useUnreadCount } from '../shared/hooks/platform.js';
import { AccountPage } from './AccountPage.js';
import { CitySelector } from './CitySelector.js';
import { CarsPage } from './catalog/CarsPage.js';
import { CatalogNav } from './catalog/CatalogNav.js';
import { ComparePage } from './catalog/ComparePage.js';
import { CompareTray } from './catalog/CompareTray.js';
import { GuidePage } from './catalog/GuidePage.js';
import { HeaderSearch } from './catalog/HeaderSearch.js';
import { FavouritesPage, HistoryPage } from './catalog/SavedPages.js';
import { VehiclePage } from './catalog/VehiclePage.js';
import { ConsultPage } from './consultation/ConsultPage.js';
import { DevSmsPage } from './DevSmsPage.js';
import { OrderDelivery } from './delivery/OrderDelivery.js';
import { LoanApplicationPage } from './finance/LoanApplicationPage.js';
import { MyLoanApplicationsPage } from './finance/MyLoanApplicationsPage.js';
import { HomePage } from './HomePage.js';
import { HelpPage } from './help/HelpPage.js';
import { PhoneTabBar } from './home/BottomTabBar.js';
import { InsurancePage } from './insurance/InsurancePage.js';
import { CheckoutPage } from './orders/CheckoutPage.js';
import { MyOrdersPage } from './orders/MyOrdersPage.js';
import { OrderAftersales } from './orders/OrderAftersales.js';
import { OrderContract } from './orders/OrderContract.js';
import { OrderPayments } from './orders/OrderPayments.js';
import { SiteFooter } from './pages/SiteFooter.js';
import { AboutPage, ContactPage, PrivacyPage, TermsPage } from './pages/SitePages.js';
import { LoanCalculatorPage } from './pricing/LoanCalculatorPage.js';
import { TradeInPage } from './pricing/TradeInPage.js';
import { SearchPage } from './SearchPage.js';
import { SignInPage } from './SignInPage.js';
import { CartPage } from './shop/CartPage.js';
import { ShopCartMerger } from './shop/cart.js';
import { MyShopOrdersPage } from './shop/MyShopOrdersPage.js';
import { ProductPage } from './shop/ProductPage.js';
import { ShopCheckoutPage } from './shop/ShopCheckoutPage.js';
import { ShopPage } from './shop/ShopPage.js';

function AccountMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation('storefront');
  const { t: tc } = useTranslation();
  const me = useMe().data?.me;
  const navigate = useNavigate();
  const signOut = useSignOut();
  const buyer = me?.kind === 'buyer' ? me : null;
  const unread = useUnreadCount(Boolean(buyer));
  if (!buyer) {
    return (
      <Link to="/sign-in" data-testid="header-sign-in">
        <Button type="primary" size="small">
          {t('nav.signIn')}
        </Button>
      </Link>
    );
  }
  return (
    <Space size={4}>
      <Link
        to="/account#notifications"
        aria-label={t('nav.notifications')}
        data-testid="header-notifications"
      >
        <Badge count={unread.data?.count ?? 0} size="small">
          <BellOutlined style={{ fontSize: 18, padding: 4 }} />
        </Badge>
      </Link>
      <Dropdown
        menu={{
          items: [
            { key: 'account', label: t('nav.account') },
            { key: 'loans', label: t('loanApply:mine.title') },
            { key: 'shop-orders', label: t('shop:mine') },
            { key: 'test-drives', label: t('testdrives:mine.title') },
            { key: 'sign-out', label: tc('actions.signOut') },
          ],
          onClick: ({ key }) => {
            if (key === 'account') navigate('/account');
            else if (key === 'loans') navigate('/account/loans');
            else if (key === 'shop-orders') navigate('/account/shop-orders');
            else if (key === 'test-drives') navigate('/account/test-drives');
            else signOut.mutate(false, { onSettled: () => navigate('/') });
          },
        }}
      >
        <Button
          type="text"
          size="small"
          icon={<UserOutlined />}
          data-testid="header-account"
          aria-label={buyer.phoneMasked}
          title={buyer.phoneMasked}
        >
          {compact ? null : buyer.phoneMasked}
        </Button>
      </Dropdown>
    </Space>
  );
}

/** The storefront: phone-sized first (works at 375 px), header, pages, footer. */
export function StorefrontApp() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.md);
  usePageViews();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header
        style={{
          background: '#fff',
          height: 'auto',
          lineHeight: 'normal',
          padding: '8px 12px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          boxShadow: '0 1px 4px rgba(0,0,0,0.08)',
        }}
        data-testid="storefront-header"
      >
        <div
          style={{
            maxWidth: 1200,
            margin: '0 auto',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <Link
            to="/"
            data-testid="logo"
            style={{ fontWeight: 700, fontSize: 18, color: '#d4380d', whiteSpace: 'nowrap' }}
          >
            {wide ? t('brand') : t('brandShort')}
          </Link>
          <CitySelector />
          {wide && (
            <div style={{ flex: 1, maxWidth: 480 }}>
              <HeaderSearch />
            </div>
          )}
          <div style={{ flex: 1 }} />
          <CatalogNav compact={!wide} />
          <AccountMenu compact={!wide} />
          <LanguageSwitch />
          {!wide && (
            <div style={{ flexBasis: '100%' }}>
              <HeaderSearch />
            </div>
          )}
        </div>
      </Layout.Header>
      <Layout.Content style={{ width: '100%', maxWidth: 1200, margin: '0 auto', padding: 12 }}>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="cars" element={<CarsPage />} />
          <Route path="vehicles/:id" element={<VehiclePage />} />
          <Route path="compare" element={<ComparePage />} />
          <Route path="favourites" element={<FavouritesPage />} />
          <Route path="history" element={<HistoryPage />} />
          <Route path="guide" element={<GuidePage />} />
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="account/loans" element={<MyLoanApplicationsPage />} />
          <Route path="account/loans/:id" element={<MyLoanApplicationsPage />} />
          <Route path="finance/apply" element={<LoanApplicationPage />} />
          <Route path="checkout/:listingId" element={<CheckoutPage />} />
          <Route path="account/orders" element={<MyOrdersPage />} />
          <Route
            path="account/orders/:id"
            element={
              <MyOrdersPage
                payments={OrderPayments}
                contract={OrderContract}
                delivery={OrderDelivery}
                aftersales={OrderAftersales}
              />
            }
          />
          <Route path="shop" element={<ShopPage />} />
          <Route path="shop/products/:id" element={<ProductPage />} />
          <Route path="shop/cart" element={<CartPage />} />
          <Route path="shop/checkout" element={<ShopCheckoutPage />} />
          <Route path="account/shop-orders" element={<MyShopOrdersPage />} />
          <Route path="account/shop-orders/:id" element={<MyShopOrdersPage />} />
          <Route path="dev/sms" element={<DevSmsPage />} />
          <Route path="faq" element={<HelpPage />} />
          <Route path="consult" element={<ConsultPage />} />
          <Route path="test-drive" element={<BookTestdrivePage />} />
          <Route path="account/test-drives" element={<MyTestdrivesPage />} />
          <Route path="about" element={<AboutPage />} />
          <Route path="contact" element={<ContactPage />} />
          <Route path="privacy" element={<PrivacyPage />} />
          <Route path="terms" element={<TermsPage />} />
          <Route path="tools/loan" element={<LoanCalculatorPage />} />
          <Route path="tools/trade-in" element={<TradeInPage />} />
          <Route path="tools/insurance" element={<InsurancePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout.Content>
      <CompareTray />
      <ShopCartMerger />
      <SiteFooter />
      <PhoneTabBar />
      <ConsentBanner />
    </Layout>
  );
}
