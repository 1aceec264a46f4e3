import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.
// No dedicated risk role exists: operations (运营) works the queue, finance (财务) sees payment and refund
// risk; thresholds are policy, so only operations and admins change them.

export const RiskPermissions = definePermissions({
  'risk.review': {
    zh: '风控审核：查看并处理风控案件，查看风控规则',
    en: 'Risk review: view and decide risk cases, view risk rules',
    grants: ['admin', 'operator', 'finance'],
  },
  'risk.rules.manage': {
    zh: '修改风控规则阈值',
    en: 'Edit risk rule thresholds',
    grants: ['admin', 'operator'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    risk: typeof RiskPermissions;
  }
}
