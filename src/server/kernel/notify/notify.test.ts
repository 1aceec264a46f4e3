import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { jobs } from '../jobs/jobs.schema.js';
import { DevMailboxEmailProvider } from './email.js';
import { notify } from './notify.js';
import { devEmails, notifications } from './notify.schema.js';
import type { SmsProvider } from './sms/sms.js';
import { devSmsMessages } from './sms/sms.schema.js';
import { NOTIFICATION_TEMPLATES, renderTemplate } from './templates.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('notification templates', () => {
  it('renders a template in Chinese and in English with its parameters filled in', () => {
    const params = { time: '2026-11-21 10:00', ip: '223.5.5.5' };
    expect(renderTemplate('security.new_sign_in', 'zh-CN', params)).toEqual({
      category: 'security',
      title: '新的登录提醒',
      body: '您的账号于 2026-11-21 10:00 在新的设备登录（IP：223.5.5.5）。如非本人操作，请立即修改密码。',
    });
    expect(renderTemplate('security.new_sign_in', 'en', params).body).toBe(
      'Your account signed in from a new device at 2026-11-21 10:00 (IP: 223.5.5.5). If this was not you, change your password now.',
    );
  });

  it('has every template in both languages with the same placeholders', () => {
    for (const [key, t] of Object.entries(NOTIFICATION_TEMPLATES)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(t.zh.title + t.zh.body), key).toEqual(names(t.en.title + t.en.body));
    }
  });

  it('refuses to render when a parameter is missing', () => {
    expect(() => renderTemplate('account.disabled', 'zh-CN', {})).toThrow(/time/);
  });
});

describe('notify', () => {
  it('delivers one job per channel: in-app row, SMS to the dev inbox and email to the dev mailbox', async () => {
    const ids = await notify(t.database.db, {
      recipient: { kind: 'staff', id: 'stf_chen', phone: '13912345678', email: 'Chen.Jie@autoyard.cn' },
      templateKey: 'account.password_changed',
      params: { time: '2026-11-21 10:00' },
      channels: ['in_app', 'sms', 'email'],
      lang: 'zh-CN',
      at: t.clock.now(),
    });
    expect(ids).toHaveLength(3);
    // Until nothing is left: the modules' schedules take places in a run's batch too.
    for (let i = 0; i < 10 && (await t.ctx.jobs.runDueOnce()).ran > 0; i++);
    for (const id of ids) {
      const [row] = await t.database.db
        .select()
        .from(jobs)
        .where(eq(jobs.id, id ?? ''));
      expect(row?.status).toBe('succeeded');
    }
    const [inApp] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, 'stf_chen'));
    expect(inApp).toMatchObject({ recipientKind: 'staff', category: 'security', title: '您的密码已修改' });
    const sms = await t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.phone, '13912345678'));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain('【Autoyard】您的密码已修改');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/emails?to=chen.jie@autoyard.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.json().emails).toHaveLength(1);
    expect(res.json().emails[0]).toMatchObject({
      subject: '您的密码已修改',
      templateKey: 'account.password_changed',
    });
    const stored = await t.database.db
      .select()
      .from(devEmails)
      .where(eq(devEmails.to, 'chen.jie@autoyard.cn'));
    expect(stored).toHaveLength(1);
  });

  it('enqueues nothing when the caller’s transaction rolls back', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await notify(tx, {
          recipient: { kind: 'buyer', id: 'cus_rollback' },
          templateKey: 'account.welcome',
          channels: ['in_app'],
          at: t.clock.now(),
        });
        throw new Error('order insert failed');
      }),
    ).rejects.toThrow('order insert failed');
    await t.ctx.jobs.runDueOnce();
    const rows = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, 'cus_rollback'));
    expect(rows).toHaveLength(0);
  });

  it('refuses an SMS without a phone number at enqueue time', async () => {
    await expect(
      notify(t.database.db, {
        recipient: { kind: 'buyer', id: 'cus_nophone' },
        templateKey: 'account.welcome',
        channels: ['sms'],
        at: t.clock.now(),
      }),
    ).rejects.toThrow(/phone/);
  });

  it('writes one in-app row even when the delivery job runs twice', async () => {
    const [id] = await notify(t.database.db, {
      recipient: { kind: 'buyer', id: 'cus_twice' },
      templateKey: 'account.welcome',
      channels: ['in_app'],
      lang: 'en',
      at: t.clock.now(),
    });
    await t.ctx.jobs.runDueOnce();
    await t.database.db
      .update(jobs)
      .set({ status: 'queued' })
      .where(eq(jobs.id, id ?? ''));
    await t.ctx.jobs.runDueOnce();
    const rows = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, 'cus_twice'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title).toBe('Welcome to Autoyard');
  });
});

describe('the dev mailbox in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    const noop: SmsProvider = { name: 'noop', send: async () => ({ providerMessageId: 'x' }) };
    prod = await createTestApp({ config: { env: 'production' }, context: { sms: noop } });
  });
  afterAll(async () => {
    await prod.close();
  });

  it('does not exist (404) and email deliveries fail permanently instead of pretending to send', async () => {
    const res = await prod.app.inject({ method: 'GET', url: '/api/v1/dev/emails' });
    expect(res.statusCode).toBe(404);
    expect(prod.ctx.email.name).toBe('unconfigured');
    const [id] = await notify(prod.database.db, {
      recipient: { kind: 'staff', id: 'stf_prod', email: 'ops@autoyard.cn' },
      templateKey: 'account.disabled',
      params: { time: '2026-11-21 10:00' },
      channels: ['email'],
      at: prod.clock.now(),
    });
    // Drain: the modules' scheduled jobs due at start-up may fill the first batch.
    for (let i = 0; i < 10 && (await prod.ctx.jobs.runDueOnce()).ran > 0; i++);
    const [row] = await prod.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.id, id ?? ''));
    expect(row?.status).toBe('dead');
  });

  it('refuses to build the dev mailbox provider in production', () => {
    expect(
      () =>
        new DevMailboxEmailProvider({
          config: { env: 'production' },
          db: prod.database.db,
          clock: prod.clock,
        }),
    ).toThrow(/production/);
  });
});
