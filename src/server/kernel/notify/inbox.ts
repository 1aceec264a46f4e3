import { and, count, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { type NotificationRow, notificationReads, notifications } from './notify.schema.js';

/** Whose notification centre: a buyer, or a staff member with their roles (role-addressed rows). */
export type Reader = { kind: 'buyer'; id: string } | { kind: 'staff'; id: string; roles: readonly string[] };

export type InboxRow = NotificationRow & { effectiveReadAt: Date | null };

function visibleTo(reader: Reader): SQL {
  if (reader.kind === 'buyer') {
    return and(eq(notifications.recipientKind, 'buyer'), eq(notifications.recipientId, reader.id)) as SQL;
  }
  const own = and(eq(notifications.recipientKind, 'staff'), eq(notifications.recipientId, reader.id)) as SQL;
  if (reader.roles.length === 0) return own;
  return or(
    own,
    and(eq(notifications.recipientKind, 'role'), inArray(notifications.recipientId, [...reader.roles])),
  ) as SQL;
}

const unread = and(isNull(notifications.readAt), isNull(notificationReads.readAt));

function selectInbox(db: Db | Tx, reader: Reader) {
  return db
    .select({ n: notifications, roleReadAt: notificationReads.readAt })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.readerId, reader.id)),
    );
}

function toInboxRow(r: { n: NotificationRow; roleReadAt: Date | null }): InboxRow {
  return { ...r.n, effectiveReadAt: r.n.readAt ?? r.roleReadAt };
}

/** A reader's notifications, newest first, `limit + 1` rows after the cursor. */
export async function listInbox(
  db: Db | Tx,
  reader: Reader,
  opts: { unreadOnly: boolean; limit: number; after?: { t: string; id: string } | undefined },
): Promise<InboxRow[]> {
  const after = opts.after
    ? or(
        lt(notifications.createdAt, new Date(opts.after.t)),
        and(eq(notifications.createdAt, new Date(opts.after.t)), lt(notifications.id, opts.after.id)),
      )
    : undefined;
  const rows = await selectInbox(db, reader)
    .where(and(visibleTo(reader), opts.unreadOnly ? unread : undefined, after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1);
  return rows.map(toInboxRow);
}

/** How many of a reader's notifications are unread. */
export async function countUnread(db: Db | Tx, reader: Reader): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.readerId, reader.id)),
    )
    .where(and(visibleTo(reader), unread));
  return Number(row?.n ?? 0);
}

/** Marks one notification read for the reader; null when it is not theirs (or does not exist). */
export async function markRead(db: Db | Tx, reader: Reader, id: string, now: Date): Promise<InboxRow | null> {
  const [found] = await selectInbox(db, reader).where(and(visibleTo(reader), eq(notifications.id, id)));
  if (!found) return null;
  if (found.n.recipientKind === 'role') {
    await db
      .insert(notificationReads)
      .values({ notificationId: id, readerId: reader.id, readAt: now })
      .onConflictDoNothing();
  } else {
    await db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(notifications.id, id));
  }
  const [after] = await selectInbox(db, reader).where(eq(notifications.id, id));
  return after ? toInboxRow(after) : null;
}

/** Marks every unread notification of the reader read; returns how many changed. */
export async function markAllRead(db: Db | Tx, reader: Reader, now: Date): Promise<number> {
  const own =
    reader.kind === 'buyer'
      ? and(eq(notifications.recipientKind, 'buyer'), eq(notifications.recipientId, reader.id))
      : and(eq(notifications.recipientKind, 'staff'), eq(notifications.recipientId, reader.id));
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(own, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  let roleMarked = 0;
  if (reader.kind === 'staff' && reader.roles.length > 0) {
    const pending = await selectInbox(db, reader).where(
      and(
        eq(notifications.recipientKind, 'role'),
        inArray(notifications.recipientId, [...reader.roles]),
        isNull(notificationReads.readAt),
      ),
    );
    if (pending.length > 0) {
      const inserted = await db
        .insert(notificationReads)
        .values(pending.map((p) => ({ notificationId: p.n.id, readerId: reader.id, readAt: now })))
        .onConflictDoNothing()
        .returning({ id: notificationReads.notificationId });
      roleMarked = inserted.length;
    }
  }
  return updated.length + roleMarked;
}
