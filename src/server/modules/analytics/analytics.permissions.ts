import { definePermissions } from '../../kernel/auth/permissions.js';

export const AnalyticsPermissions = definePermissions({
  'analytics.read': {
    zh: '查看经营数据看板与复盘报告',
    en: 'View the business dashboard and review reports',
    grants: ['admin', 'operator', 'marketing', 'supply_chain', 'finance', 'customer_service', 'dealer_admin'],
  },
  'analytics.manage': {
    zh: '管理数据设置(数据保留期、复盘订阅)',
    en: 'Manage analytics settings (retention, review subscriptions)',
    grants: ['admin', 'operator'],
  },
  'analytics.spend': {
    zh: '录入渠道营销投入',
    en: 'Enter marketing spend per channel',
    grants: ['admin', 'marketing'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    analytics: typeof AnalyticsPermissions;
  }
}
