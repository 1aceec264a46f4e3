// The crm module: customers (buyers), their SMS sign-in and profile. `crmModule` is everything it brings
// to the platform; the exports below it are what the app and other modules may use (never its repository
// or tables).
import { defineModule } from '../../kernel/module.js';
import { CrmErrors } from './crm.errors.js';
import { CrmEvents } from './crm.events.js';
import { crmRoutes, devSmsInboxRoutes } from './crm.routes.js';
import { CRM_DEMO_LOGINS, seedDemoBuyerStep } from './crm.seed.js';

export const crmModule = defineModule({
  name: 'crm',
  routes: [
    { prefix: 'crm', plugin: crmRoutes },
    // Registers nothing in production: the SMS dev inbox must not exist there.
    { prefix: 'dev', plugin: devSmsInboxRoutes },
  ],
  errors: CrmErrors,
  events: CrmEvents,
  seed: [seedDemoBuyerStep],
  demoLogins: CRM_DEMO_LOGINS,
});

export { buyerContact } from './crm.contact.js';
export type {
  TBuyerMe,
  TCustomerProfile,
  TSendSmsCodeResponse,
  TSmsSignInResponse,
} from './crm.contract.js';
export { CrmErrors } from './crm.errors.js';
export { CrmEvents } from './crm.events.js';
export { resolveBuyerSession, SMS_CODE_POLICY } from './crm.service.js';
export { maskMainlandPhone, normalizePhone } from './phone.js';
