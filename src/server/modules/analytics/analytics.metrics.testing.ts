import type { TrafficChannel } from '../../kernel/attribution.contract.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { newId } from '../../kernel/ids.js';
import type { AnalyticsFactKind, TrackedEventName } from './analytics.enums.js';
import { markDaysDirty } from './analytics.facts.repository.js';
import {
  analyticsEventTable,
  analyticsFactTable,
  analyticsVisitorAccountTable,
} from './analytics.tracking.schema.js';

// Hand-built raw events and facts for the metric tests (and anyone who needs rollups with known answers).

export interface RawEvent {
  at: string;
  name: TrackedEventName;
  visitorId: string;
  sessionId: string;
  accountId?: string | null;
  channel?: TrafficChannel;
  cityCode?: string | null;
  brandId?: string | null;
  seriesId?: string | null;
  dealerId?: string | null;
  receivedAt?: string;
}

export async function insertEvents(db: DbHandle, events: readonly RawEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(analyticsEventTable).values(
    events.map((e) => ({
      id: newId('aev'),
      occurredAt: new Date(e.at),
      receivedAt: new Date(e.receivedAt ?? e.at),
      name: e.name,
      visitorId: e.visitorId,
      sessionId: e.sessionId,
      accountId: e.accountId ?? null,
      path: '/',
      channel: e.channel ?? 'direct',
      cityCode: e.cityCode ?? null,
      brandId: e.brandId ?? null,
      seriesId: e.seriesId ?? null,
      dealerId: e.dealerId ?? null,
      device: 'mobile' as const,
    })),
  );
}

export interface RawFact {
  at: string;
  kind: AnalyticsFactKind;
  subjectId: string;
  accountId?: string | null;
  amountFen?: number | null;
  costFen?: number | null;
  cityCode?: string | null;
  brandId?: string | null;
  seriesId?: string | null;
  dealerId?: string | null;
  channel?: TrafficChannel | null;
  props?: Record<string, string | number | boolean | null>;
}

/** Inserts facts as the subscriptions would (and marks their days for the refresh). */
export async function insertFacts(db: DbHandle, facts: readonly RawFact[], now: Date): Promise<void> {
  if (facts.length === 0) return;
  await db.insert(analyticsFactTable).values(
    facts.map((f) => ({
      id: newId('fct'),
      kind: f.kind,
      sourceEventId: newId('evt'),
      occurredAt: new Date(f.at),
      subjectId: f.subjectId,
      accountId: f.accountId ?? null,
      amountFen: f.amountFen ?? null,
      costFen: f.costFen ?? null,
      cityCode: f.cityCode ?? null,
      brandId: f.brandId ?? null,
      seriesId: f.seriesId ?? null,
      trimId: null,
      dealerId: f.dealerId ?? null,
      channel: f.channel ?? null,
      props: f.props ?? {},
    })),
  );
  await markDaysDirty(
    db,
    facts.map((f) => new Date(new Date(f.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10)),
    now,
  );
}

export async function linkVisitor(
  db: DbHandle,
  visitorId: string,
  accountId: string,
  at: Date,
): Promise<void> {
  await db.insert(analyticsVisitorAccountTable).values({ visitorId, accountId, linkedAt: at });
}
