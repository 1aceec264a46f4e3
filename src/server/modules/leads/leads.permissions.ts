import { definePermissions } from '../../kernel/auth/permissions.js';

const ADVISORS = [
  'admin',
  'operator',
  'sales_advisor',
  'customer_service',
  'dealer_admin',
  'dealer_staff',
] as const;

export const LeadsPermissions = definePermissions({
  'leads.read': { zh: '查看线索', en: 'View leads', grants: [...ADVISORS, 'marketing'] },
  'leads.manage': { zh: '跟进线索', en: 'Work leads', grants: [...ADVISORS] },
  'leads.assign': {
    zh: '分配线索（主管）',
    en: 'Assign leads (managers)',
    grants: ['admin', 'operator', 'dealer_admin'],
  },
  'leads.settings.manage': {
    zh: '设置线索响应时限',
    en: 'Set lead response times',
    grants: ['admin', 'operator'],
  },
  'leads.advisors.manage': {
    zh: '管理销售顾问',
    en: 'Manage sales advisors',
    grants: ['admin', 'operator', 'dealer_admin'],
  },
  'leads.faq.manage': {
    zh: '管理常见问题库',
    en: 'Manage the FAQ library',
    grants: ['admin', 'operator', 'customer_service'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    leads: typeof LeadsPermissions;
  }
}
