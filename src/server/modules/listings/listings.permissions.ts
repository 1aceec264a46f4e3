import { definePermissions } from '../../kernel/auth/permissions.js';

// Browser-safe: the console and the dealer portal read these names; no server-only imports here.

export const ListingPermissions = definePermissions({
  'listings.manage': {
    zh: '管理车源（经销商员工仅限本店）',
    en: "Manage listings (dealer staff: their dealer's only)",
    grants: ['admin', 'operator', 'dealer_admin', 'dealer_staff'],
  },
  'listings.review': {
    zh: '审核车源',
    en: 'Review listings',
    grants: ['admin', 'compliance'],
  },
  'adlaw.manage': {
    zh: '管理广告法违禁词',
    en: 'Manage the ad-law term list',
    grants: ['admin', 'compliance'],
  },
});

declare module '../../kernel/auth/permissions.js' {
  interface PermissionCatalogs {
    listings: typeof ListingPermissions;
  }
}
