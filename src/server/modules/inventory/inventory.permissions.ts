import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names; no server-only imports here.

export const InventoryPermissions = definePermissions({
  'inventory.read': {
    zh: '查看库存（经销商员工仅限本店）',
    en: "View stock (dealer staff: their dealer's only)",
    grants: ['admin', 'operator', 'supply_chain', 'dealer_admin', 'dealer_staff'],
  },
  'inventory.manage': {
    zh: '管理库存：入库、交车（经销商员工仅限本店）',
    en: "Manage stock: receive and deliver units (dealer staff: their dealer's only)",
    grants: ['admin', 'supply_chain', 'dealer_admin', 'dealer_staff'],
  },
  'inventory.configure': {
    zh: '设置补货参数（交货周期、安全库存缓冲）',
    en: 'Set replenishment parameters (lead time, safety buffer)',
    grants: ['admin', 'supply_chain'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    inventory: typeof InventoryPermissions;
  }
}
