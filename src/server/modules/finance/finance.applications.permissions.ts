import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.

export const LoanApplicationPermissions = definePermissions({
  'finance.loans.read': {
    zh: '查看贷款申请',
    en: 'View loan applications',
    grants: ['admin', 'finance', 'operator'],
  },
  'finance.loans.manage': {
    zh: '处理贷款申请（向金融机构同步状态）',
    en: 'Handle loan applications (sync their status from the lender)',
    grants: ['admin', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    financeApplications: typeof LoanApplicationPermissions;
  }
}
