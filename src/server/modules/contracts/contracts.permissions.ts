import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names; no server-only imports here.

export const ContractsPermissions = definePermissions({
  'contracts.read': {
    zh: '查看购车合同（经销商员工仅限本店）',
    en: "View purchase contracts (dealer staff: their dealer's only)",
    grants: [
      'admin',
      'operator',
      'sales_advisor',
      'customer_service',
      'finance',
      'compliance',
      'dealer_admin',
      'dealer_staff',
    ],
  },
  'contracts.sign': {
    zh: '以出卖人身份签署购车合同（经销商员工仅限本店）',
    en: "Sign purchase contracts for the seller (dealer staff: their dealer's only)",
    grants: ['admin', 'operator', 'dealer_admin'],
  },
  'contracts.template.manage': {
    zh: '查看并发布购车合同模板',
    en: 'View and publish purchase contract templates',
    grants: ['admin', 'compliance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    contracts: typeof ContractsPermissions;
  }
}
