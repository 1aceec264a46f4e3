import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names.

export const FulfilmentPermissions = definePermissions({
  'fulfilment.read': {
    zh: '查看交付（经销商员工仅限本店）',
    en: "View deliveries (dealer staff: their dealer's only)",
    grants: [
      'admin',
      'operator',
      'supply_chain',
      'sales_advisor',
      'customer_service',
      'dealer_admin',
      'dealer_staff',
    ],
  },
  'fulfilment.manage': {
    zh: '安排交付：指派承运商、签核检查清单、登记发票',
    en: 'Run deliveries: assign carriers, sign off checklists, record invoices',
    grants: ['admin', 'supply_chain', 'sales_advisor', 'dealer_admin', 'dealer_staff'],
  },
  'fulfilment.calendar': {
    zh: '管理交车日历与运费规则',
    en: 'Manage delivery calendars and fee rules',
    grants: ['admin', 'operator', 'supply_chain', 'dealer_admin'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    fulfilment: typeof FulfilmentPermissions;
  }
}
