// The platform module's public surface: HTTP routes over the kernel's audit log, job queue and
// notification centre, plus the event subscriptions that send notifications.
import './platform.subscriptions.js';

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
export { PlatformErrors } from './platform.errors.js';
export { devMailboxRoutes, platformRoutes } from './platform.routes.js';
