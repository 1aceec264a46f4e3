import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { shanghaiDayStart } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { type Mutation, staffOf } from '../../kernel/mutation.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';
import type { TLeadReport, TLeadReportQuery } from './leads.contract.js';
import { leadActivityTable, leadTable } from './leads.schema.js';
import { leadScopeOf } from './leads.service.js';

// Lead reports over leads created in a date range (Asia/Shanghai days, both ends included).

/** The q-th quantile (0..1) of sorted values by nearest rank; null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? null;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((a / b) * 1000) / 1000;
}

export async function leadReport(
  db: DbHandle,
  query: TLeadReportQuery,
  mutation: Mutation,
): Promise<TLeadReport> {
  const actor = staffOf(mutation);
  const from = shanghaiDayStart(query.from);
  const to = new Date(shanghaiDayStart(query.to).getTime() + 24 * 3600_000);
  const now = mutation.at;
  const scope = leadScopeOf(actor);
  const leads = await db
    .select()
    .from(leadTable)
    .where(and(gte(leadTable.createdAt, from), lt(leadTable.createdAt, to), scope));

  const minutes = leads
    .filter((l) => l.respondedAt)
    .map((l) => ((l.respondedAt?.getTime() ?? 0) - l.createdAt.getTime()) / 60_000)
    .sort((a, b) => a - b);
  let met = 0;
  let breached = 0;
  for (const l of leads) {
    if (l.respondedAt) {
      if (l.respondedAt <= l.slaDueAt) met++;
      else breached++;
    } else if (l.slaDueAt < now) breached++;
  }

  const ownerIds = [...new Set(leads.map((l) => l.ownerAccountId).filter((x): x is string => x !== null))];
  const names = new Map(
    ownerIds.length === 0
      ? []
      : (
          await db
            .select({ id: leadAdvisorTable.accountId, name: leadAdvisorTable.displayName })
            .from(leadAdvisorTable)
            .where(inArray(leadAdvisorTable.accountId, ownerIds))
        ).map((r) => [r.id, r.name] as const),
  );
  const group = (keyOf: (l: (typeof leads)[number]) => string, labelOf: (k: string) => string | null) => {
    const m = new Map<string, { leads: number; won: number }>();
    for (const l of leads) {
      const k = keyOf(l);
      const g = m.get(k) ?? { leads: 0, won: 0 };
      g.leads++;
      if (l.status === 'won') g.won++;
      m.set(k, g);
    }
    return [...m.entries()]
      .map(([key, g]) => ({
        key,
        label: labelOf(key),
        leads: g.leads,
        won: g.won,
        rate: ratio(g.won, g.leads) ?? 0,
      }))
      .sort((a, b) => b.leads - a.leads || a.key.localeCompare(b.key));
  };

  // Test-drive outcomes the leads module heard (booking_status_changed), dated when they happened.
  const outcomes = await db
    .select({
      testdriveId: leadActivityTable.refId,
      status: sql<string>`${leadActivityTable.data} ->> 'bookingStatus'`,
    })
    .from(leadActivityTable)
    .innerJoin(leadTable, eq(leadTable.id, leadActivityTable.leadId))
    .where(
      and(
        eq(leadActivityTable.kind, 'test_drive'),
        sql`${leadActivityTable.data} ? 'bookingStatus'`,
        gte(leadActivityTable.at, from),
        lt(leadActivityTable.at, to),
        scope,
      ),
    );
  // One booking sends checked_in then completed: count each test drive once.
  const shownIds = new Set(
    outcomes.filter((o) => o.status === 'checked_in' || o.status === 'completed').map((o) => o.testdriveId),
  ).size;
  const noShow = new Set(outcomes.filter((o) => o.status === 'no_show').map((o) => o.testdriveId)).size;

  return {
    from: query.from,
    to: query.to,
    leads: leads.length,
    firstResponse: {
      responded: minutes.length,
      medianMinutes: quantile(minutes, 0.5),
      p90Minutes: quantile(minutes, 0.9),
    },
    sla: { met, breached, compliance: ratio(met, met + breached) },
    byAdvisor: group(
      (l) => l.ownerAccountId ?? 'unassigned',
      (k) => names.get(k) ?? null,
    ),
    byChannel: group(
      (l) => l.channel,
      () => null,
    ),
    testDrives: { shown: shownIds, noShow, showRate: ratio(shownIds, shownIds + noShow) },
  };
}
