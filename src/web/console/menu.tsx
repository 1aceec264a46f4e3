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
  ReconciliationOutlined,
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
    {
      key: 'orders',
      path: '/console/orders',
      label: t('orders:menu'),
      icon: <FileDoneOutlined />,
      permission: 'orders.read',
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
    {
      key: 'notifications',
      path: '/console/notifications',
      label: t('menu.notifications'),
      icon: <BellOutlined />,
    },
    { key: 'account', path: '/console/account', label: t('menu.account'), icon: <UserOutlined /> },
  ];
}
