import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import {
  type CustomerRow,
  customers,
  type SmsCodeRow,
  type SmsSendLimitRow,
  smsCodes,
  smsSendLimits,
} from './crm.schema.js';

// ---- customers ----

export async function findCustomerById(db: DbHandle, id: string): Promise<CustomerRow | undefined> {
  const rows = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return rows[0];
}

export async function findCustomerByPhoneHash(
  db: DbHandle,
  phoneHash: string,
): Promise<CustomerRow | undefined> {
  const rows = await db.select().from(customers).where(eq(customers.phoneHash, phoneHash)).limit(1);
  return rows[0];
}

/** Inserts a customer unless the phone is already registered; returns the row only when it was inserted. */
export async function insertCustomerIfAbsent(
  db: DbHandle,
  row: CustomerRow,
): Promise<CustomerRow | undefined> {
  const rows = await db.insert(customers).values(row).onConflictDoNothing().returning();
  return rows[0];
}

export async function touchCustomerSignIn(db: DbHandle, id: string, at: Date): Promise<void> {
  await db.update(customers).set({ lastSignInAt: at }).where(eq(customers.id, id));
}

export async function updateCustomerProfile(
  db: DbHandle,
  id: string,
  patch: { nickname?: string | null; cityCode?: string | null },
  at: Date,
): Promise<CustomerRow | undefined> {
  const rows = await db
    .update(customers)
    .set({ ...patch, updatedAt: at })
    .where(eq(customers.id, id))
    .returning();
  return rows[0];
}

// ---- send limits ----

/**
 * Takes one send slot for a phone in a single conditional upsert: it succeeds only when the last send
 * is at least `cooldownSeconds` old and fewer than `dailyMax` were sent on `day`. Concurrent callers
 * serialise on the row, and each re-checks the condition against the committed winner.
 */
export async function takeSendSlot(
  db: DbHandle,
  args: { phoneHash: string; now: Date; day: string; cooldownSeconds: number; dailyMax: number },
): Promise<boolean> {
  const cutoff = new Date(args.now.getTime() - args.cooldownSeconds * 1000).toISOString();
  const rows = await db
    .insert(smsSendLimits)
    .values({ phoneHash: args.phoneHash, lastSentAt: args.now, day: args.day, dayCount: 1 })
    .onConflictDoUpdate({
      target: smsSendLimits.phoneHash,
      set: {
        lastSentAt: args.now,
        day: args.day,
        dayCount: sql`case when ${smsSendLimits.day} = ${args.day}::date then ${smsSendLimits.dayCount} + 1 else 1 end`,
      },
      setWhere: sql`${smsSendLimits.lastSentAt} <= ${cutoff}::timestamptz and (${smsSendLimits.day} <> ${args.day}::date or ${smsSendLimits.dayCount} < ${args.dailyMax})`,
    })
    .returning({ phoneHash: smsSendLimits.phoneHash });
  return rows.length === 1;
}

export async function findSendLimit(db: DbHandle, phoneHash: string): Promise<SmsSendLimitRow | undefined> {
  const rows = await db.select().from(smsSendLimits).where(eq(smsSendLimits.phoneHash, phoneHash)).limit(1);
  return rows[0];
}

// ---- codes ----

/** A newer code replaces the older ones still waiting for use. */
export async function supersedeOpenCodes(db: DbHandle, phoneHash: string, purpose: string): Promise<void> {
  await db
    .update(smsCodes)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(smsCodes.phoneHash, phoneHash),
        eq(smsCodes.purpose, purpose),
        inArray(smsCodes.status, ['pending', 'sent']),
      ),
    );
}

export async function insertSmsCode(db: DbHandle, row: SmsCodeRow): Promise<void> {
  await db.insert(smsCodes).values(row);
}

export async function markSmsCodeSent(db: DbHandle, id: string, providerMessageId: string): Promise<void> {
  // Only a still-pending code becomes sent: a newer send may already have superseded it.
  await db
    .update(smsCodes)
    .set({ status: 'sent', providerMessageId })
    .where(and(eq(smsCodes.id, id), eq(smsCodes.status, 'pending')));
}

export async function markSmsCodeFailed(db: DbHandle, id: string, reason: string): Promise<void> {
  await db
    .update(smsCodes)
    .set({ status: 'failed', failureReason: reason.slice(0, 500) })
    .where(eq(smsCodes.id, id));
}

/** The newest code for a phone and purpose, row-locked so attempts are counted one at a time. */
export async function lockLatestSmsCode(
  db: Tx,
  phoneHash: string,
  purpose: string,
): Promise<SmsCodeRow | undefined> {
  const rows = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.purpose, purpose)))
    .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
    .limit(1)
    .for('update');
  return rows[0];
}

export async function incrementSmsCodeAttempts(db: DbHandle, id: string): Promise<number> {
  const rows = await db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(eq(smsCodes.id, id))
    .returning({ attempts: smsCodes.attempts });
  return rows[0]?.attempts ?? 0;
}

export async function markSmsCodeUsed(db: DbHandle, id: string, at: Date): Promise<void> {
  await db.update(smsCodes).set({ status: 'used', usedAt: at }).where(eq(smsCodes.id, id));
}
