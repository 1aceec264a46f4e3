import { definePermissions } from '../../kernel/auth/permissions.js';

export const FinancePermissions = definePermissions({
  'finance.products.read': {
    zh: '查看金融产品',
    en: 'View finance products',
    grants: ['admin', 'finance', 'operator'],
  },
  'finance.products.manage': {
    zh: '维护金融产品',
    en: 'Maintain finance products',
    grants: ['admin', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    finance: typeof FinancePermissions;
  }
}
