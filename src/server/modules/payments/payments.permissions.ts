import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.

export const PaymentsPermissions = definePermissions({
  'payments.read': {
    zh: '查看支付、退款、台账与对账',
    en: 'View payments, refunds, the ledger and reconciliation',
    grants: ['admin', 'finance'],
  },
  'payments.manage': {
    zh: '登记银行转账、发起对账',
    en: 'Record bank transfers and run reconciliation',
    grants: ['admin', 'finance'],
  },
  'payments.refund.approve': {
    zh: '审批大额退款',
    en: 'Approve or reject refunds above the approval threshold',
    grants: ['admin', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    payments: typeof PaymentsPermissions;
  }
}
