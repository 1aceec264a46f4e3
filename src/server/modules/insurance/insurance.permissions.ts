import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.

export const InsurancePermissions = definePermissions({
  'insurance.insurers.read': {
    zh: '查看合作保险公司',
    en: 'View partner insurers',
    grants: ['admin', 'finance', 'operator'],
  },
  'insurance.insurers.manage': {
    zh: '管理合作保险公司（启用、停用、排序）',
    en: 'Manage partner insurers (activate, deactivate, order)',
    grants: ['admin', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    insurance: typeof InsurancePermissions;
  }
}
