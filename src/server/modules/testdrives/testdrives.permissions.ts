import { definePermissions } from '../../kernel/auth/permissions.js';

export const TestdrivesPermissions = definePermissions({
  'testdrives.read': {
    zh: '查看试驾日历',
    en: 'View test-drive calendars',
    grants: ['admin', 'operator', 'sales_advisor', 'dealer_admin', 'dealer_staff'],
  },
  'testdrives.manage': {
    zh: '管理试驾（签到、结果、试驾车、时段）',
    en: 'Manage test drives (check-in, outcome, vehicles, slots)',
    grants: ['admin', 'operator', 'sales_advisor', 'dealer_admin', 'dealer_staff'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    testdrives: typeof TestdrivesPermissions;
  }
}
