import { defineModule, job } from '../../kernel/module.js';
import { systemMutation } from '../../kernel/mutation.js';
import { advisorRoutes } from './leads.advisors.routes.js';
import { conversationMachine } from './leads.consultation.machine.js';
import { consultationRoutes } from './leads.consultation.routes.js';
import { drainQueue } from './leads.consultation.service.js';
import { LeadsErrors } from './leads.errors.js';
import { LeadsEvents } from './leads.events.js';
import { faqRoutes } from './leads.faq.routes.js';
import { seedShippedFaqs } from './leads.faq.seed.js';
import { leadStatusMachine } from './leads.machine.js';
import { LeadsPermissions } from './leads.permissions.js';
import { leadsRoutes } from './leads.routes.js';
import { seedDemoAdvisors, seedDemoLeads } from './leads.seed.js';
import { runSlaChecks } from './leads.sla.js';
import { remindDueTasks } from './leads.tasks.js';
import { leadSubscriptions } from './leads.wiring.js';

/** Reminds advisors before a lead's first-response deadline and escalates breaches to their manager. */
export const LEAD_SLA_JOB = 'leads.sla_checks';
/** Reminds assignees of follow-up tasks that fell due. */
export const LEAD_TASK_JOB = 'leads.task_reminders';

const CONSULTATION_SERVE_QUEUE_JOB = 'leads.consultation_serve_queue';

// The leads module's public surface: other modules use these, never its repository or tables.

export const leadsModule = defineModule({
  name: 'leads',
  routes: [
    { prefix: 'leads/advisors', plugin: advisorRoutes },
    { prefix: 'leads', plugin: leadsRoutes },
    { prefix: 'leads/faq', plugin: faqRoutes },
    // Consultations (live chat)
    { prefix: 'leads/consultations', plugin: consultationRoutes },
  ],
  errors: LeadsErrors,
  permissions: LeadsPermissions,
  events: LeadsEvents,
  stateMachines: [leadStatusMachine, conversationMachine],
  // Contacts other modules announce (consultations, orders, loans, price alerts, trade-in valuations); test
  // drives are wired in flows (testdrives imports leads).
  subscriptions: leadSubscriptions,
  jobs: [
    job(LEAD_SLA_JOB, async (j) => {
      await runSlaChecks(j.db, j.ctx.clock.now());
    }),
    job(LEAD_TASK_JOB, async (j) => {
      await remindDueTasks(j.db, j.ctx.clock.now());
    }),
    // Consultations: queued conversations go to advisors who came online or freed up.
    job(CONSULTATION_SERVE_QUEUE_JOB, async (j) => {
      await drainQueue(j.ctx, systemMutation(j.ctx.clock.now()));
    }),
  ],
  schedules: [
    { name: 'leads.sla_checks.every_5_minutes', spec: { everySeconds: 300 }, job: LEAD_SLA_JOB },
    { name: 'leads.task_reminders.every_5_minutes', spec: { everySeconds: 300 }, job: LEAD_TASK_JOB },
    {
      name: 'leads.consultation_serve_queue.every_30_seconds',
      spec: { everySeconds: 30 },
      job: CONSULTATION_SERVE_QUEUE_JOB,
    },
  ],
  seed: [seedDemoAdvisors, seedDemoLeads, seedShippedFaqs],
});

export type { TAdvisor } from './leads.advisors.contract.js';
export type { RoutingTarget } from './leads.advisors.js';
export { findAdvisor, pickAdvisor } from './leads.advisors.js';
export type { TLead } from './leads.contract.js';
export { LeadsEvents } from './leads.events.js';
// ---- FAQ bot (leads.faq.*) ----
export type { FaqBotAnswer, FaqBotQuestion } from './leads.faq.bot.js';
export { askFaqBot, recordHandOff } from './leads.faq.bot.js';
export { faqDeflectionBetween } from './leads.faq.service.js';
export {
  type LeadContact,
  type LeadContactResult,
  type LeadResponseFacts,
  leadResponseFacts,
  markLeadOfPhoneResponded,
  markLeadResponded,
  recordLeadContact,
} from './leads.intake.js';
export { getLead } from './leads.service.js';
export {
  recordTestdriveBooked,
  recordTestdriveOutcome,
  type TestdriveBookedFacts,
  type TestdriveOutcomeFacts,
} from './leads.wiring.js';
