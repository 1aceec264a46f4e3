import { definePermissions } from '../../kernel/auth/permissions.js';

/** 三包 claims: customer service reads and decides them; dealer staff theirs only. */
export const WarrantyPermissions = definePermissions({
  'fulfilment.claims.read': {
    zh: '查看三包申请',
    en: 'View warranty claims',
    grants: ['admin', 'operator', 'customer_service', 'dealer_admin', 'dealer_staff'],
  },
  'fulfilment.claims.decide': {
    zh: '处理三包申请',
    en: 'Decide warranty claims',
    grants: ['admin', 'customer_service', 'dealer_admin', 'dealer_staff'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    fulfilmentWarranty: typeof WarrantyPermissions;
  }
}
