import { definePermissions } from '../../kernel/auth/permissions.js';

export const ShopPermissions = definePermissions({
  'shop.read': {
    zh: '查看商城订单',
    en: 'View shop orders',
    grants: [
      'admin',
      'operator',
      'supply_chain',
      'customer_service',
      'finance',
      'dealer_admin',
      'dealer_staff',
    ],
  },
  'shop.manage': {
    zh: '处理商城订单（发货、退货）',
    en: 'Handle shop orders (ship, returns)',
    grants: ['admin', 'operator', 'supply_chain', 'dealer_admin', 'dealer_staff'],
  },
  'shop.settings': { zh: '管理运费规则', en: 'Manage shipping rules', grants: ['admin', 'operator'] },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    shop: typeof ShopPermissions;
  }
}
