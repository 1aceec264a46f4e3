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
  'pricing.valuations.read': {
    zh: '查看二手车估值与偏高/偏低标记',
    en: 'View used-car valuations and under/over-priced flags',
    grants: ['admin', 'operator', 'finance', 'compliance'],
  },
  'pricing.valuations.manage': {
    zh: '人工调整二手车估值（须填写原因）',
    en: 'Override used-car valuations (with a reason)',
    grants: ['admin', 'operator'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    pricing: typeof PricingPermissions;
  }
}
