import { formatShanghai } from '../../kernel/clock.js';
import type { Db, DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { notify } from '../../kernel/notify/notify.js';
import { maskMainlandPhone } from '../crm/index.js';
import { findAdvisor } from './leads.advisors.js';
import type { TSlaSettings, TSlaSettingsUpdate } from './leads.contract.js';
import { DEFAULT_SLA_HOURS, SLA_REMINDER_BEFORE_HOURS } from './leads.enums.js';
import { leadLinkFor } from './leads.intake.js';
import * as repo from './leads.repository.js';

// First-response SLA: each lead is due a first contact within the hours set for its source (24 h by default).
// A job reminds the owner before the deadline and escalates a breach to their manager (else operators).

export async function getSlaSettings(db: DbHandle): Promise<TSlaSettings> {
  const rows = await repo.slaSettings(db);
  return {
    items: rows.map((r) => ({ sourceKind: r.sourceKind, hours: r.hours })),
    defaultHours: DEFAULT_SLA_HOURS,
  };
}

/** New hours apply to leads created from now on (a lead's deadline is fixed when it is created). */
export function updateSlaSettings(
  db: DbHandle,
  input: TSlaSettingsUpdate,
  mutation: Mutation,
): Promise<TSlaSettings> {
  return withTransaction(db, async (tx) => {
    const before = await getSlaSettings(tx);
    for (const item of input.items) {
      await repo.upsertSlaSetting(tx, {
        sourceKind: item.sourceKind,
        hours: item.hours,
        updatedAt: mutation.at,
      });
    }
    const after = await getSlaSettings(tx);
    await audit(tx, mutation, {
      action: 'lead_sla.update',
      entityType: 'lead_sla_setting',
      entityId: 'first_response',
      before,
      after,
    });
    return after;
  });
}

/**
 * Job: reminds owners of unanswered leads due within the reminder window and escalates breached ones.
 * Each step is stamped on the lead under its row lock and deduplicated by key, so reruns send nothing twice.
 */
export async function runSlaChecks(db: Db, now: Date): Promise<{ reminded: number; escalated: number }> {
  let reminded = 0;
  let escalated = 0;
  const remindFrom = new Date(now.getTime() + SLA_REMINDER_BEFORE_HOURS * 3600_000);
  for (const candidate of await repo.leadsToRemind(db, remindFrom)) {
    await withTransaction(db, async (tx) => {
      const lead = await repo.lockLead(tx, candidate.id);
      if (!lead || lead.respondedAt || lead.slaRemindedAt || !lead.ownerAccountId) return;
      if (lead.status === 'won' || lead.status === 'lost') return;
      await repo.updateLead(tx, lead.id, { slaRemindedAt: now });
      // Past due already (the job was down): the breach step below says it; no reminder then.
      if (lead.slaDueAt <= now) return;
      await notify(tx, {
        recipient: { kind: 'staff', id: lead.ownerAccountId },
        templateKey: 'leads.sla_reminder',
        params: {
          name: lead.name ?? '客户',
          phone: maskMainlandPhone(lead.phone),
          due: formatShanghai(lead.slaDueAt),
        },
        channels: ['in_app'],
        link: await leadLinkFor(tx, lead.ownerAccountId, lead),
        at: now,
        dedupKey: `lead_sla_reminder:${lead.id}:${lead.slaDueAt.getTime()}`,
      });
      await repo.addActivity(tx, {
        leadId: lead.id,
        kind: 'sla_reminder',
        sourceKind: null,
        refId: null,
        body: null,
        data: { to: lead.ownerAccountId, dueAt: lead.slaDueAt.toISOString() },
        actorAccountId: null,
        at: now,
      });
      reminded++;
    });
  }
  for (const candidate of await repo.leadsBreached(db, now)) {
    await withTransaction(db, async (tx) => {
      const lead = await repo.lockLead(tx, candidate.id);
      if (!lead || lead.respondedAt || lead.slaEscalatedAt) return;
      if (lead.status === 'won' || lead.status === 'lost') return;
      await repo.updateLead(tx, lead.id, { slaEscalatedAt: now });
      const advisor = lead.ownerAccountId ? await findAdvisor(tx, lead.ownerAccountId) : null;
      const manager = advisor?.managerAccountId ?? null;
      await notify(tx, {
        recipient: manager ? { kind: 'staff', id: manager } : { kind: 'role', role: 'operator' },
        templateKey: 'leads.sla_breached',
        params: {
          advisor: advisor?.displayName ?? '未分配',
          name: lead.name ?? '客户',
          phone: maskMainlandPhone(lead.phone),
          due: formatShanghai(lead.slaDueAt),
        },
        channels: ['in_app'],
        link: await leadLinkFor(tx, manager, lead),
        at: now,
        dedupKey: `lead_sla_breach:${lead.id}:${lead.slaDueAt.getTime()}`,
      });
      await repo.addActivity(tx, {
        leadId: lead.id,
        kind: 'sla_breach',
        sourceKind: null,
        refId: null,
        body: null,
        data: { escalatedTo: manager ?? 'role:operator', dueAt: lead.slaDueAt.toISOString() },
        actorAccountId: null,
        at: now,
      });
      escalated++;
    });
  }
  return { reminded, escalated };
}
