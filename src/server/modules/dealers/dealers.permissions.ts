import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names; no server-only imports here.

export const DealerPermissions = definePermissions({
  'reference.read': {
    zh: '查看城市、经销商与门店',
    en: 'View cities, dealers and stores',
    grants: [
      'admin',
      'operator',
      'marketing',
      'sales_advisor',
      'customer_service',
      'supply_chain',
      'finance',
      'compliance',
    ],
  },
  'reference.manage': {
    zh: '管理城市、经销商与门店',
    en: 'Manage cities, dealers and stores',
    grants: ['admin', 'compliance'],
  },
  // Portal permissions are held by dealer roles only: platform staff (admin too) have no dealer to act for.
  'dealer.portal': {
    zh: '使用经销商门户',
    en: 'Use the dealer portal',
    grants: ['dealer_admin', 'dealer_staff'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    dealers: typeof DealerPermissions;
  }
}
