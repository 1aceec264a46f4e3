import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.

export const CatalogPermissions = definePermissions({
  'catalog.read': {
    zh: '查看车型库（控制台）',
    en: 'View the model database in the console',
    grants: [
      'admin',
      'operator',
      'marketing',
      'sales_advisor',
      'customer_service',
      'supply_chain',
      'compliance',
    ],
  },
  // Also guards the accessories module's console routes: one right for the platform's product data.
  'catalog.manage': {
    zh: '管理车型库与精品',
    en: 'Manage the model database and accessories',
    grants: ['admin', 'operator'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    catalog: typeof CatalogPermissions;
  }
}
