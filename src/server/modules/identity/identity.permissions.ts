import { definePermissions } from '../../kernel/auth/permissions.js';

/**
 * Staff accounts, roles and grants. `dealer.manage_staff` lives here too: dealer admins manage their own
 * dealer's accounts through identity's /dealer-staff routes.
 */
export const IdentityPermissions = definePermissions({
  'staff.read': { zh: '查看员工账号', en: 'View staff accounts', grants: ['admin'] },
  'staff.manage': { zh: '管理员工账号', en: 'Manage staff accounts', grants: ['admin'] },
  'roles.manage': { zh: '管理角色与权限', en: 'Manage roles and permissions', grants: ['admin'] },
  'dealer.manage_staff': {
    zh: '管理本经销商员工',
    en: "Manage their dealer's staff",
    grants: ['dealer_admin'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    identity: typeof IdentityPermissions;
  }
}
