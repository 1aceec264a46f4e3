import { definePermissions } from '../../kernel/auth/permissions.js';

export const PricingPermissions = definePermissions({
  'pricing.rules.read': {
    zh: '查看税费规则',
    en: 'View tax and fee rules',
    grants: ['admin', 'operator', 'finance'],
  },
  'pricing.rules.manage': {
    zh: '维护税费规则',
    en: 'Maintain tax and fee rules',
    grants: ['admin', 'finance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    pricing: typeof PricingPermissions;
  }
}
