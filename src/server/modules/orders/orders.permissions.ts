import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names; no server-only imports here.

export const OrdersPermissions = definePermissions({
  'orders.read': {
    zh: '查看订单（经销商员工仅限本店）',
    en: "View orders (dealer staff: their dealer's only)",
    grants: [
      'admin',
      'operator',
      'finance',
      'sales_advisor',
      'customer_service',
      'supply_chain',
      'dealer_admin',
      'dealer_staff',
    ],
  },
  'orders.manage': {
    zh: '处理订单：分配车辆、卖方取消（经销商员工仅限本店）',
    en: "Work orders: allocate a unit, cancel as the seller (dealer staff: their dealer's only)",
    grants: ['admin', 'operator', 'supply_chain', 'dealer_admin', 'dealer_staff'],
  },
  'orders.risk': {
    zh: '订单风控审核',
    en: 'Review flagged orders (risk)',
    grants: ['admin', 'operator', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    orders: typeof OrdersPermissions;
  }
}
