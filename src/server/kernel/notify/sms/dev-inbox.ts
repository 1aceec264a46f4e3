import { desc, eq } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../ids.js';
import type { SmsMessage, SmsProvider } from './sms.js';
import { type DevSmsMessageRow, devSmsMessages } from './sms.schema.js';

/**
 * Development SMS provider: every message lands in `dev_sms_messages` so the dev inbox page can show
 * the code. It refuses to exist in production.
 */
export class DevInboxSmsProvider implements SmsProvider {
  readonly name = 'dev-inbox';
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(deps: { config: Pick<Config, 'env'>; db: Db; clock: Clock }) {
    if (deps.config.env === 'production') {
      throw new Error('The dev-inbox SMS provider cannot be used in production');
    }
    this.#db = deps.db;
    this.#clock = deps.clock;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const id = newId('dsms');
    await this.#db.insert(devSmsMessages).values({
      id,
      phone: message.phone,
      text: message.text,
      template: message.templateKey,
      params: { ...message.params },
      sentAt: this.#clock.now(),
    });
    return { providerMessageId: id };
  }
}

/** The dev inbox, newest first, optionally for one phone. */
export async function listDevSmsMessages(
  db: Db,
  filter: { phone?: string | undefined; limit: number },
): Promise<DevSmsMessageRow[]> {
  const query = db.select().from(devSmsMessages);
  const filtered = filter.phone ? query.where(eq(devSmsMessages.phone, filter.phone)) : query;
  return filtered.orderBy(desc(devSmsMessages.sentAt), desc(devSmsMessages.id)).limit(filter.limit);
}
