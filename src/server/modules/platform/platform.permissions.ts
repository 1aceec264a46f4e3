import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console reads these names; no server-only imports here.

export const PlatformPermissions = definePermissions({
  'audit.read': {
    zh: '查看审计日志',
    en: 'View the audit log',
    grants: ['admin', 'operator', 'finance', 'compliance'],
  },
  'jobs.read': { zh: '查看任务与死信', en: 'View jobs and dead letters', grants: ['admin'] },
  'jobs.manage': { zh: '重试或丢弃死信任务', en: 'Retry or discard dead-letter jobs', grants: ['admin'] },
  'notifications.read': {
    zh: '查看通知',
    en: 'View notifications',
    grants: [
      'admin',
      'operator',
      'marketing',
      'sales_advisor',
      'customer_service',
      'supply_chain',
      'finance',
      'compliance',
      'dealer_admin',
      'dealer_staff',
    ],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    platform: typeof PlatformPermissions;
  }
}
