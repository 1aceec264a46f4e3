// The built-in staff roles and their display names: plain data shared with the contracts and the web app.
// No imports: this file ends up in the browser bundle. Permissions belong to the modules that check them
// (`<module>.permissions.ts`, each with its default grants to these roles).

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

/** True for one of the built-in role names. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
