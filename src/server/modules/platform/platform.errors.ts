import { defineErrors } from '../../kernel/http/errors.js';

export const PlatformErrors = defineErrors({
  AUDIT_ENTRY_NOT_FOUND: {
    status: 404,
    zh: '未找到该审计记录',
    en: 'Audit entry not found',
    when: 'GET /platform/audit/:id names no row the caller may see',
  },
  JOB_NOT_FOUND: {
    status: 404,
    zh: '未找到该任务',
    en: 'Job not found',
    when: 'a jobs console action names a job that does not exist',
  },
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该通知',
    en: 'Notification not found',
    when: 'the notification does not exist or belongs to someone else (never reveals which)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    platform: typeof PlatformErrors;
  }
}
