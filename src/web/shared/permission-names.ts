import { CatalogPermissions } from '../../server/modules/catalog/catalog.permissions.js';
import { ContractsPermissions } from '../../server/modules/contracts/contracts.permissions.js';
import { DealerPermissions } from '../../server/modules/dealers/dealers.permissions.js';
import { FinancePermissions } from '../../server/modules/finance/finance.permissions.js';
import { AftersalesPermissions } from '../../server/modules/fulfilment/fulfilment.aftersales.permissions.js';
import { WarrantyPermissions } from '../../server/modules/fulfilment/fulfilment.warranty.permissions.js';
import { IdentityPermissions } from '../../server/modules/identity/identity.permissions.js';
import { InventoryPermissions } from '../../server/modules/inventory/inventory.permissions.js';
import { ListingPermissions } from '../../server/modules/listings/listings.permissions.js';
import { PaymentsPermissions } from '../../server/modules/payments/payments.permissions.js';
import { PlatformPermissions } from '../../server/modules/platform/platform.permissions.js';
import { RiskPermissions } from '../../server/modules/risk/risk.permissions.js';
import { pickName } from './i18n.js';

// The permission names every staff member sees on their dashboard, from the modules' browser-safe
// permission files (the catalogue endpoint is for admins who edit grants). A module that adds permissions
// adds its file here; an unknown code shows as itself.
const NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  ...CatalogPermissions,
  ...DealerPermissions,
  ...FinancePermissions,
  ...IdentityPermissions,
  ...InventoryPermissions,
  ...ListingPermissions,
  ...PlatformPermissions,
  ...RiskPermissions,
  ...PaymentsPermissions,
  ...ContractsPermissions,
  ...WarrantyPermissions,
  ...AftersalesPermissions,
};

/** A permission's name in the UI language, or its code when no module names it. */
export function permissionName(code: string, lang: string): string {
  const name = NAMES[code];
  return name ? pickName(name, lang === 'en' ? 'en' : 'zh-CN') : code;
}
