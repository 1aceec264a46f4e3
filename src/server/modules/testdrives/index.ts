import { defineModule, job } from '../../kernel/module.js';
import { TestdrivesErrors } from './testdrives.errors.js';
import { TestdrivesEvents } from './testdrives.events.js';
import { markNoShows, sendReminders } from './testdrives.jobs.js';
import { testdriveBookingMachine } from './testdrives.machine.js';
import { TestdrivesPermissions } from './testdrives.permissions.js';
import { testdrivesRoutes } from './testdrives.routes.js';
import { seedDemoTestdrives } from './testdrives.seed.js';
import { generateUpcomingSlots } from './testdrives.service.js';

/** Keeps each store's booking horizon of slots generated. */
export const TESTDRIVE_GENERATE_SLOTS_JOB = 'testdrives.generate_slots';
/** Sends the 24 h and 2 h reminders that are due (each once per booking and time). */
export const TESTDRIVE_REMINDERS_JOB = 'testdrives.reminders';
/** Records no-shows a store's grace minutes after the slot ended. */
export const TESTDRIVE_NO_SHOW_JOB = 'testdrives.no_shows';

// The testdrives module's public surface: other modules use these, never its repository or tables.

export const testdrivesModule = defineModule({
  name: 'testdrives',
  routes: [{ prefix: 'testdrives', plugin: testdrivesRoutes }],
  errors: TestdrivesErrors,
  permissions: TestdrivesPermissions,
  events: TestdrivesEvents,
  stateMachines: [testdriveBookingMachine],
  jobs: [
    job(TESTDRIVE_GENERATE_SLOTS_JOB, async (j) => {
      await generateUpcomingSlots(j.db, j.ctx.clock.now());
    }),
    job(TESTDRIVE_REMINDERS_JOB, async (j) => {
      await sendReminders(j.db, j.ctx.clock.now(), j.ctx.config);
    }),
    job(TESTDRIVE_NO_SHOW_JOB, async (j) => {
      await markNoShows(j.db, j.ctx.clock.now(), j.ctx.config);
    }),
  ],
  schedules: [
    {
      name: 'testdrives.generate_slots.daily',
      spec: { dailyAt: '03:40' },
      job: TESTDRIVE_GENERATE_SLOTS_JOB,
    },
    {
      name: 'testdrives.reminders.every_5_minutes',
      spec: { everySeconds: 300 },
      job: TESTDRIVE_REMINDERS_JOB,
    },
    { name: 'testdrives.no_shows.every_10_minutes', spec: { everySeconds: 600 }, job: TESTDRIVE_NO_SHOW_JOB },
  ],
  seed: [{ name: 'testdrives.demo', run: (ctx) => seedDemoTestdrives(ctx) }],
});

export type { TTestdriveBooking } from './testdrives.contract.js';
export { TestdrivesEvents } from './testdrives.events.js';
export { testdriveDimensions } from './testdrives.jobs.js';
