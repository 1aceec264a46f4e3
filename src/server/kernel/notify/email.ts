import { desc, eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { newId } from '../ids.js';
import { type DevEmailRow, devEmails } from './notify.schema.js';

/** One plain-text email to one address. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly templateKey?: string;
}

/** An email gateway adapter; `send` resolves once the provider accepted the message. */
export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage): Promise<{ providerMessageId: string }>;
}

/** Why an email was not accepted; `retryable: false` sends the delivery job to the dead letters at once. */
export class EmailSendError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'EmailSendError';
    this.retryable = retryable;
  }
}

/** Development mailbox: every email lands in `dev_emails` (GET /api/v1/dev/emails). Refused in production. */
export class DevMailboxEmailProvider implements EmailProvider {
  readonly name = 'dev-mailbox';
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(deps: { config: Pick<Config, 'env'>; db: Db; clock: Clock }) {
    if (deps.config.env === 'production') {
      throw new Error('The dev-mailbox email provider cannot be used in production');
    }
    this.#db = deps.db;
    this.#clock = deps.clock;
  }

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    const id = newId('dml');
    await this.#db.insert(devEmails).values({
      id,
      to: message.to.toLowerCase(),
      subject: message.subject,
      text: message.text,
      templateKey: message.templateKey ?? null,
      sentAt: this.#clock.now(),
    });
    return { providerMessageId: id };
  }
}

/**
 * Production has no email gateway configured yet: deliveries fail permanently and show up in the
 * dead-letter list instead of vanishing.
 */
export class UnconfiguredEmailProvider implements EmailProvider {
  readonly name = 'unconfigured';
  async send(): Promise<{ providerMessageId: string }> {
    throw new EmailSendError('no email provider is configured in production', false);
  }
}

/** Picks the email provider for a config: the dev mailbox outside production. */
export function createEmailProvider(deps: {
  config: Pick<Config, 'env'>;
  db: Db;
  clock: Clock;
}): EmailProvider {
  return deps.config.env === 'production'
    ? new UnconfiguredEmailProvider()
    : new DevMailboxEmailProvider(deps);
}

/** The dev mailbox, newest first, optionally for one address. */
export async function listDevEmails(
  db: Db,
  filter: { to?: string | undefined; limit: number },
): Promise<DevEmailRow[]> {
  const query = db.select().from(devEmails);
  const filtered = filter.to ? query.where(eq(devEmails.to, filter.to.toLowerCase())) : query;
  return filtered.orderBy(desc(devEmails.sentAt), desc(devEmails.id)).limit(filter.limit);
}
