// The platform module: the HTTP surface of the kernel's audit log, job queue and notification centre,
// and the notifications sent when other modules' events happen. `platformModule` is all it brings.
import { subscription } from '../../kernel/events/define.js';
import { KernelEvents } from '../../kernel/kernel.events.js';
import { defineModule } from '../../kernel/module.js';
import { CrmEvents } from '../crm/index.js';
import { PlatformErrors } from './platform.errors.js';
import { deadJobMachine } from './platform.machine.js';
import { PlatformPermissions } from './platform.permissions.js';
import { devMailboxRoutes, platformRoutes } from './platform.routes.js';
import { alertDeadLetter, sendBuyerWelcome } from './platform.subscriptions.js';

export const platformModule = defineModule({
  name: 'platform',
  routes: [
    { prefix: 'platform', plugin: platformRoutes },
    // Registers nothing in production: the dev mailbox (emails) must not exist there.
    { prefix: 'dev', plugin: devMailboxRoutes },
  ],
  errors: PlatformErrors,
  permissions: PlatformPermissions,
  subscriptions: [
    subscription(CrmEvents.customerRegistered, 'platform.buyer_welcome', sendBuyerWelcome),
    // An alert that cannot be delivered must not raise another alert.
    subscription(KernelEvents.jobDeadLettered, 'platform.dead_letter_alert', alertDeadLetter, {
      alertOnDead: false,
    }),
  ],
  stateMachines: [deadJobMachine],
});

export type {
  TAuditEntry,
  TAuditPage,
  TDevEmail,
  TJob,
  TJobStats,
  TJobsPage,
  TNotification,
  TNotificationsPage,
} from './platform.contract.js';
