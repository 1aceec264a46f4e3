import { definePermissions } from '../../kernel/auth/permissions.js';

/** Used-car after-sales (title transfer, re-inspection) and the plate service: supply chain and dealers. */
export const AftersalesPermissions = definePermissions({
  'fulfilment.aftersales.read': {
    zh: '查看过户、复检与上牌服务',
    en: 'View title transfers, re-inspections and plate services',
    grants: ['admin', 'operator', 'supply_chain', 'customer_service', 'dealer_admin', 'dealer_staff'],
  },
  'fulfilment.aftersales.manage': {
    zh: '办理过户、复检与上牌服务',
    en: 'Handle title transfers, re-inspections and plate services',
    grants: ['admin', 'supply_chain', 'dealer_admin', 'dealer_staff'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    fulfilmentAftersales: typeof AftersalesPermissions;
  }
}
