import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalculatorOutlined,
  CarOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  GiftOutlined,
  InsuranceOutlined,
  LineChartOutlined,
  MessageOutlined,
  PhoneOutlined,
  QuestionCircleOutlined,
  ReconciliationOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  ShopOutlined,
  StopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { MenuEntry } from '../shared/components/StaffShell.js';
import '../shared/listings/i18n.js';
import './finance/applications.i18n.js';
import './inventory/i18n.js';
import './contracts/i18n.js';
import './payments/i18n.js';
import './pricing/valuations.i18n.js';
import './risk/i18n.js';
import '../shared/orders/i18n.js';
import './shop/i18n.js';
import '../shared/delivery/i18n.js';
import '../shared/aftersales/i18n.js';
import '../shared/leads/i18n.js';
import '../shared/faq-i18n.js';
import '../shared/consultation/i18n.js';
import '../shared/testdrives/i18n.js';
import './analytics/reviews.i18n.js';
import './analytics/forecast.i18n.js';
import '../shared/analytics-dashboard/i18n.js';

/** The console's side menu; each entry declares the permission it needs (none = every staff member). */
export function consoleMenu(t: TFunction<'console'>): MenuEntry[] {
  return [
    { key: 'dashboard', path: '/console', label: t('menu.dashboard'), icon: <DashboardOutlined /> },
    {
      key: 'staff',
      path: '/console/staff',
      label: t('menu.staff'),
      icon: <TeamOutlined />,
      permission: 'staff.read',
    },
    {
      key: 'roles',
      path: '/console/roles',
      label: t('menu.roles'),
      icon: <SafetyOutlined />,
      permission: 'roles.manage',
    },
    {
      key: 'audit',
      path: '/console/audit',
      label: t('menu.audit'),
      icon: <AuditOutlined />,
      permission: 'audit.read',
    },
    {
      key: 'jobs',
      path: '/console/jobs',
      label: t('menu.jobs'),
      icon: <ScheduleOutlined />,
      permission: 'jobs.read',
    },
    {
      key: 'dealers',
      path: '/console/dealers',
      label: t('menu.dealers'),
      icon: <ShopOutlined />,
      permission: 'reference.read',
    },
    {
      key: 'pricing',
      path: '/console/pricing',
      label: t('menu.pricing'),
      icon: <CalculatorOutlined />,
      permission: 'pricing.rules.read',
    },
    {
      key: 'valuations',
      path: '/console/pricing/valuations',
      label: t('consoleValuations:menu'),
      icon: <LineChartOutlined />,
      permission: 'pricing.valuations.read',
    },
    {
      key: 'finance-products',
      path: '/console/finance/products',
      label: t('consoleFinance:menu'),
      icon: <BankOutlined />,
      permission: 'finance.products.read',
    },
    {
      key: 'loans',
      path: '/console/finance/loans',
      label: t('consoleLoans:title'),
      icon: <AccountBookOutlined />,
      permission: 'finance.loans.read',
    },
    {
      key: 'insurers',
      path: '/console/insurers',
      label: t('consoleInsurance:menu'),
      icon: <InsuranceOutlined />,
      permission: 'insurance.insurers.read',
    },
    {
      key: 'payments',
      path: '/console/payments',
      label: t('consolePayments:menu'),
      icon: <CreditCardOutlined />,
      permission: 'payments.read',
    },
    {
      key: 'reconciliation',
      path: '/console/payments/reconciliation',
      label: t('consolePayments:reconMenu'),
      icon: <ReconciliationOutlined />,
      permission: 'payments.read',
    },
    {
      key: 'catalog',
      path: '/console/catalog',
      label: t('consoleCatalog:menu'),
      icon: <CarOutlined />,
      permission: 'catalog.read',
    },
    // Search query understanding (issue 14): the words search reads as filters.
    {
      key: 'search-terms',
      path: '/console/catalog/search-terms',
      label: t('consoleCatalog:searchTerms.menu'),
      icon: <FileSearchOutlined />,
      permission: 'catalog.read',
    },
    {
      key: 'listings',
      path: '/console/listings',
      label: t('listings:menu.listings'),
      icon: <CarOutlined />,
      permission: 'listings.manage',
    },
    {
      key: 'inventory',
      path: '/console/inventory',
      label: t('consoleInventory:menu'),
      icon: <DatabaseOutlined />,
      permission: 'inventory.read',
    },
    // Sales forecast (issue 13): next 8 weeks of orders per series.
    {
      key: 'forecast',
      path: '/console/analytics/forecast',
      label: t('analyticsForecast:menu'),
      icon: <LineChartOutlined />,
      permission: 'analytics.read',
    },
    {
      key: 'orders',
      path: '/console/orders',
      label: t('orders:menu'),
      icon: <FileDoneOutlined />,
      permission: 'orders.read',
    },
    {
      key: 'shop-orders',
      path: '/console/shop/orders',
      label: t('shopConsole:menu'),
      icon: <ShopOutlined />,
      permission: 'shop.read',
    },
    {
      key: 'shop-rules',
      path: '/console/shop/shipping-rules',
      label: t('shopConsole:rulesMenu'),
      icon: <CalculatorOutlined />,
      permission: 'shop.read',
    },
    {
      key: 'deliveries',
      path: '/console/deliveries',
      label: t('delivery:menu'),
      icon: <CarOutlined />,
      permission: 'fulfilment.read',
    },
    {
      key: 'delivery-calendar',
      path: '/console/deliveries/calendar',
      label: t('delivery:calendarMenu'),
      icon: <ScheduleOutlined />,
      permission: 'fulfilment.read',
    },
    {
      key: 'test-drives',
      path: '/console/test-drives',
      label: t('testdrives:menu'),
      icon: <ScheduleOutlined />,
      permission: 'testdrives.read',
    },
    // Analytics (issue 13): the review reports.
    {
      key: 'reviews',
      path: '/console/analytics/reviews',
      label: t('consoleReviews:menu'),
      icon: <FileDoneOutlined />,
      permission: 'analytics.read',
    },
    {
      key: 'aftersales',
      path: '/console/aftersales',
      label: t('aftersales:menu'),
      icon: <SafetyCertificateOutlined />,
      permission: 'fulfilment.aftersales.read',
    },
    // Leads (issue 12): the workspace, the reports and the advisor roster.
    {
      key: 'leads',
      path: '/console/leads',
      label: t('leads:menu'),
      icon: <PhoneOutlined />,
      permission: 'leads.read',
    },
    {
      key: 'lead-reports',
      path: '/console/leads/reports',
      label: t('leads:reportsMenu'),
      icon: <LineChartOutlined />,
      permission: 'leads.read',
    },
    {
      key: 'advisors',
      path: '/console/leads/advisors',
      label: t('leads:advisorsMenu'),
      icon: <TeamOutlined />,
      permission: 'leads.read',
    },
    // ---- FAQ bot (leads.faq) ----
    {
      key: 'faq',
      path: '/console/faq',
      label: t('faq:menu'),
      icon: <QuestionCircleOutlined />,
      permission: 'leads.faq.manage',
    },
    {
      key: 'faq-stats',
      path: '/console/faq/stats',
      label: t('faq:statsMenu'),
      icon: <RobotOutlined />,
      permission: 'leads.faq.manage',
    },
    // Consultations: the advisor workspace (live chat).
    {
      key: 'conversations',
      path: '/console/conversations',
      label: t('consultation:workspace.menu'),
      icon: <MessageOutlined />,
      permission: 'leads.manage',
    },
    {
      key: 'listing-review',
      path: '/console/listings/review',
      label: t('listings:menu.review'),
      icon: <FileSearchOutlined />,
      permission: 'listings.review',
    },
    {
      key: 'ad-law-terms',
      path: '/console/listings/ad-law-terms',
      label: t('listings:menu.adlaw'),
      icon: <StopOutlined />,
      permission: 'adlaw.manage',
    },
    {
      key: 'accessories',
      path: '/console/listings/accessories',
      label: t('listings:menu.accessories'),
      icon: <GiftOutlined />,
      permission: 'catalog.manage',
    },
    {
      key: 'contract-templates',
      path: '/console/contracts/templates',
      label: t('consoleContracts:menu'),
      icon: <FileProtectOutlined />,
      permission: 'contracts.template.manage',
    },
    {
      key: 'risk',
      path: '/console/risk',
      label: t('consoleRisk:menu'),
      icon: <SafetyCertificateOutlined />,
      permission: 'risk.review',
    },
    // Analytics (issue 13): marketing spend per channel, for CAC and ROI on the dashboard.
    {
      key: 'marketing-spend',
      path: '/console/analytics/spend',
      label: t('analyticsDashboard:spend.menu'),
      icon: <AccountBookOutlined />,
      permission: 'analytics.spend',
    },
    {
      key: 'notifications',
      path: '/console/notifications',
      label: t('menu.notifications'),
      icon: <BellOutlined />,
    },
    { key: 'account', path: '/console/account', label: t('menu.account'), icon: <UserOutlined /> },
  ];
}
