import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { listEventPartitions, monthOfPartition } from './analytics.partitions.js';
import { analyticsSessionTable, analyticsVisitorAccountTable } from './analytics.tracking.schema.js';

export interface RetentionReport {
  readonly droppedPartitions: string[];
  readonly deletedDefaultRows: number;
  readonly deletedSessions: number;
  readonly deletedVisitorLinks: number;
}

/**
 * Enforces ANALYTICS_RETENTION_DAYS on raw tracking data: month partitions that end before the cut-off are
 * dropped whole (cheap), older rows of the default partition are deleted, and so are sessions that ended and
 * visitor-account links made before it. Rollups and business facts are not raw tracking data and stay.
 */
export async function enforceRetention(db: Db, now: Date, retentionDays: number): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const droppedPartitions: string[] = [];
  for (const name of await listEventPartitions(db)) {
    const month = monthOfPartition(name);
    if (month && month.to.getTime() <= cutoff.getTime()) {
      await db.execute(sql`drop table if exists ${sql.identifier(name)}`);
      droppedPartitions.push(name);
    }
  }
  const deleted = (await db.execute(
    sql`delete from analytics_events_default where occurred_at < ${sql.raw(`'${cutoff.toISOString()}'`)}`,
  )) as unknown as { rowCount?: number | null; affectedRows?: number };
  const sessions = await db
    .delete(analyticsSessionTable)
    .where(lt(analyticsSessionTable.lastEventAt, cutoff))
    .returning({ id: analyticsSessionTable.id });
  const links = await db
    .delete(analyticsVisitorAccountTable)
    .where(lt(analyticsVisitorAccountTable.linkedAt, cutoff))
    .returning({ v: analyticsVisitorAccountTable.visitorId });
  return {
    droppedPartitions,
    deletedDefaultRows: deleted.rowCount ?? deleted.affectedRows ?? 0,
    deletedSessions: sessions.length,
    deletedVisitorLinks: links.length,
  };
}
