// The permission catalogue, the built-in roles and their display names: plain data shared with the
// contracts and the web app. No imports: this file ends up in the browser bundle. Each role's default
// grants (server-only seed data) are in permissions.ts.

/** The permission catalogue (code). Modules add their permissions here as they arrive. */
export const PERMISSIONS = {
  'staff.read': { zh: '查看员工账号', en: 'View staff accounts' },
  'staff.manage': { zh: '管理员工账号', en: 'Manage staff accounts' },
  'roles.manage': { zh: '管理角色与权限', en: 'Manage roles and permissions' },
  'audit.read': { zh: '查看审计日志', en: 'View the audit log' },
  'jobs.read': { zh: '查看任务与死信', en: 'View jobs and dead letters' },
  'jobs.manage': { zh: '重试或丢弃死信任务', en: 'Retry or discard dead-letter jobs' },
  'notifications.read': { zh: '查看通知', en: 'View notifications' },
  'reference.read': { zh: '查看城市、经销商与门店', en: 'View cities, dealers and stores' },
  'reference.manage': { zh: '管理城市、经销商与门店', en: 'Manage cities, dealers and stores' },
  'dealer.portal': { zh: '使用经销商门户', en: 'Use the dealer portal' },
  'dealer.manage_staff': { zh: '管理本经销商员工', en: "Manage their dealer's staff" },
  'catalog.read': { zh: '查看车型库（控制台）', en: 'View the model database in the console' },
  'catalog.manage': { zh: '管理车型库与精品', en: 'Manage the model database and accessories' },
  'listings.manage': {
    zh: '管理车源（经销商员工仅限本店）',
    en: "Manage listings (dealer staff: their dealer's only)",
  },
  'listings.review': { zh: '审核车源', en: 'Review listings' },
  'adlaw.manage': { zh: '管理广告法违禁词', en: 'Manage the ad-law term list' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose holders belong to one dealer and see only its data. */
export const DEALER_ROLES: readonly Role[] = ['dealer_admin', 'dealer_staff'];

/** Roles that must sign in with a TOTP second factor. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['admin', 'finance'];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  operator: { zh: '运营', en: 'Operator' },
  marketing: { zh: '市场营销', en: 'Marketing' },
  sales_advisor: { zh: '销售顾问', en: 'Sales advisor' },
  customer_service: { zh: '客服', en: 'Customer service' },
  supply_chain: { zh: '供应链', en: 'Supply chain' },
  finance: { zh: '财务', en: 'Finance' },
  compliance: { zh: '法务合规', en: 'Compliance' },
  dealer_admin: { zh: '经销商管理员', en: 'Dealer admin' },
  dealer_staff: { zh: '经销商员工', en: 'Dealer staff' },
};
