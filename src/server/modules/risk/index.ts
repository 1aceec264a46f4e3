import { defineModule, job } from '../../kernel/module.js';
import { RiskErrors } from './risk.errors.js';
import { RiskEvents } from './risk.events.js';
import { riskCaseMachine } from './risk.machine.js';
import { RiskPermissions } from './risk.permissions.js';
import { riskRoutes } from './risk.routes.js';
import { ensureDefaultRiskRules, purgeOldSignals } from './risk.service.js';

/** Deletes checkout signals (phone hash, device id, IP) older than RISK_SIGNAL_RETENTION_DAYS. */
export const PURGE_SIGNALS_JOB = 'risk.purge_signals';

// The risk module's public surface (000 §9.1): checkout velocity rules, risk cases on orders, payments and
// refunds, and a person's decision on each. Orders, payments and refunds are wired by the lead's flows;
// this module imports none of them.

export const riskModule = defineModule({
  name: 'risk',
  routes: [{ prefix: 'risk', plugin: riskRoutes }],
  errors: RiskErrors,
  permissions: RiskPermissions,
  events: RiskEvents,
  jobs: [
    job(PURGE_SIGNALS_JOB, async (j) => {
      await purgeOldSignals(j.db, j.ctx.clock.now(), j.ctx.config.riskSignalRetentionDays);
    }),
  ],
  schedules: [{ name: 'risk.purge_signals.daily', spec: { dailyAt: '04:10' }, job: PURGE_SIGNALS_JOB }],
  // The velocity thresholds are policy, not demo data: written in every environment (also on first use).
  seed: [
    {
      name: 'risk.default_rules',
      run: async (ctx) => {
        await ensureDefaultRiskRules(ctx.database.db, ctx.clock.now());
      },
    },
  ],
  stateMachines: [riskCaseMachine],
});

export type {
  TRiskCase,
  TRiskCaseSignals,
  TRiskFlag,
  TRiskRule,
} from './risk.contract.js';
export {
  EVENT_RULES,
  RISK_DECISIONS,
  RISK_RULES,
  type RiskDecision,
  type RiskRuleName,
  type RiskSubjectType,
  VELOCITY_RULES,
} from './risk.enums.js';
export { RiskErrors } from './risk.errors.js';
export { RiskEvents } from './risk.events.js';
export {
  assessCheckout,
  type CheckoutAssessment,
  type CheckoutSignals,
  type DecideRiskCaseInput,
  decideRiskCase,
  ensureDefaultRiskRules,
  getRiskCase,
  type OpenRiskCaseInput,
  openRiskCase,
  orderUnderReview,
} from './risk.service.js';
