/**
 * Each built-in role's default grants (seeded as data; an admin edits role grants in the console). The
 * catalogue, roles and role names are in permissions.enums.ts (the web app imports them) and re-exported here.
 */
import { PERMISSIONS, type Permission, type Role } from './permissions.enums.js';

export {
  DEALER_ROLES,
  PERMISSIONS,
  type Permission,
  ROLE_NAMES,
  ROLES,
  type Role,
  TOTP_REQUIRED_ROLES,
} from './permissions.enums.js';

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const DEFAULT_ROLE_GRANTS: Record<Role, readonly Permission[]> = {
  admin: ALL.filter((p) => !p.startsWith('dealer.')),
  operator: [
    'reference.read',
    'notifications.read',
    'audit.read',
    'listings.manage',
    'catalog.manage',
    'catalog.read',
  ],
  marketing: ['reference.read', 'notifications.read', 'catalog.read'],
  sales_advisor: ['reference.read', 'notifications.read', 'catalog.read'],
  customer_service: ['reference.read', 'notifications.read', 'catalog.read'],
  supply_chain: ['reference.read', 'notifications.read', 'catalog.read'],
  finance: ['reference.read', 'notifications.read', 'audit.read'],
  compliance: [
    'reference.read',
    'reference.manage',
    'notifications.read',
    'audit.read',
    'listings.review',
    'adlaw.manage',
    'catalog.read',
  ],
  dealer_admin: ['dealer.portal', 'dealer.manage_staff', 'notifications.read', 'listings.manage'],
  dealer_staff: ['dealer.portal', 'notifications.read', 'listings.manage'],
};
