import type { Role } from '../auth/roles.js';
import type { Db, Tx } from '../db/client.js';
import type { Lang } from '../http/errors.js';
import { newId } from '../ids.js';
import { enqueueJobs, type NewJob } from '../jobs/jobs.js';
import { registerJobHandler } from '../jobs/registry.js';
import { notifications } from './notify.schema.js';
import { isTemplateKey, renderTemplate, type TemplateKey } from './templates.js';

export type Channel = 'in_app' | 'sms' | 'email';

/** Who receives a notification; SMS needs `phone`, email needs `email`; a role receives in-app only. */
export type Recipient =
  | { kind: 'staff'; id: string; email?: string; phone?: string }
  | { kind: 'buyer'; id: string; phone?: string; email?: string }
  | { kind: 'role'; role: Role };

export interface NotifyInput {
  readonly recipient: Recipient;
  readonly templateKey: TemplateKey;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly channels: readonly Channel[];
  readonly lang?: Lang;
  /** Where the in-app notification leads (a console or storefront path). */
  readonly link?: string;
  readonly at: Date;
  /** Makes the enqueue idempotent (e.g. the id of the event that caused it). */
  readonly dedupKey?: string;
}

/** The payload of every `notify.*` delivery job. */
export interface DeliveryPayload extends Record<string, unknown> {
  recipient: Recipient;
  templateKey: TemplateKey;
  params: Record<string, string | number>;
  lang: Lang;
  link: string | null;
}

export const CHANNEL_JOBS: Record<Channel, string> = {
  in_app: 'notify.in_app',
  sms: 'notify.sms',
  email: 'notify.email',
};

/**
 * Sends a templated notification: one delivery job per channel, enqueued with the caller's
 * transaction (so nothing is sent for a change that rolls back), each retried and dead-lettered on its own.
 * Returns the job ids (null for a channel deduplicated by `dedupKey`).
 */
export async function notify(db: Db | Tx, input: NotifyInput): Promise<(string | null)[]> {
  if (!isTemplateKey(input.templateKey))
    throw new Error(`Unknown notification template ${input.templateKey}`);
  const params = { ...(input.params ?? {}) };
  const lang = input.lang ?? 'zh-CN';
  // Render now so a missing parameter fails in the caller, not later in a job.
  renderTemplate(input.templateKey, lang, params);
  const r = input.recipient;
  const batch: NewJob[] = [];
  for (const channel of input.channels) {
    if (channel === 'sms' && (r.kind === 'role' || !r.phone)) throw new Error('SMS needs a recipient phone');
    if (channel === 'email' && (r.kind === 'role' || !r.email))
      throw new Error('Email needs a recipient address');
    const payload: DeliveryPayload = {
      recipient: r,
      templateKey: input.templateKey,
      params,
      lang,
      link: input.link ?? null,
    };
    batch.push({
      name: CHANNEL_JOBS[channel],
      payload,
      ...(input.dedupKey ? { uniqueKey: `notify:${input.dedupKey}:${channel}` } : {}),
    });
  }
  // Every channel's delivery job in one statement.
  return enqueueJobs(db, batch, input.at);
}

/** An alert about a dead letter must not raise another alert when its own delivery dies. */
const notAnAlert = (payload: Record<string, unknown>) => payload.templateKey !== 'jobs.dead_letter';

registerJobHandler<DeliveryPayload>(
  CHANNEL_JOBS.in_app,
  async (job) => {
    const p = job.payload;
    const text = renderTemplate(p.templateKey, p.lang, p.params);
    const r = p.recipient;
    await job.db
      .insert(notifications)
      .values({
        id: newId('ntf'),
        recipientKind: r.kind,
        recipientId: r.kind === 'role' ? r.role : r.id,
        category: text.category,
        templateKey: p.templateKey,
        title: text.title,
        body: text.body,
        link: p.link,
        createdAt: job.ctx.clock.now(),
        sourceKey: job.id,
      })
      .onConflictDoNothing({ target: notifications.sourceKey });
  },
  { maxAttempts: 5, alertOnDead: notAnAlert },
);

registerJobHandler<DeliveryPayload>(
  CHANNEL_JOBS.sms,
  async (job) => {
    const p = job.payload;
    const r = p.recipient;
    if (r.kind === 'role' || !r.phone) throw new Error('SMS delivery without a phone number');
    const text = renderTemplate(p.templateKey, p.lang, p.params);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.params)) params[k] = String(v);
    await job.ctx.sms.send({
      phone: r.phone,
      templateKey: p.templateKey,
      params,
      text:
        p.lang === 'en'
          ? `[Autoyard] ${text.title}: ${text.body}`
          : `【Autoyard】${text.title}：${text.body}`,
    });
  },
  { maxAttempts: 5, backoff: { baseMs: 10_000, maxMs: 30 * 60_000 }, alertOnDead: notAnAlert },
);

registerJobHandler<DeliveryPayload>(
  CHANNEL_JOBS.email,
  async (job) => {
    const p = job.payload;
    const r = p.recipient;
    if (r.kind === 'role' || !r.email) throw new Error('Email delivery without an address');
    const text = renderTemplate(p.templateKey, p.lang, p.params);
    await job.ctx.email.send({
      to: r.email,
      subject: text.title,
      text: text.body,
      templateKey: p.templateKey,
    });
  },
  { maxAttempts: 8, backoff: { baseMs: 30_000, maxMs: 60 * 60_000 }, alertOnDead: notAnAlert },
);
