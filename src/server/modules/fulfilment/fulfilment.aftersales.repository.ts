import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { DbHandle } from '../../kernel/db/client.js';
import type { PlateServiceStatus, TitleTransferStatus } from './fulfilment.aftersales.enums.js';
import {
  type EmissionRuleRow,
  emissionRuleTable,
  type NewPlateServiceRow,
  type NewReinspectionRow,
  type NewTitleTransferRow,
  type PlateQuotaRuleRow,
  type PlateServiceRow,
  plateQuotaRuleTable,
  plateServiceTable,
  type ReinspectionRow,
  reinspectionTable,
  type TitleTransferRow,
  titleTransferTable,
} from './fulfilment.aftersales.schema.js';

// The only SQL on the title-transfer and emission-rule tables.

/** The rule in force for a city on a day: the city's own latest row, else the default `*`'s. */
export async function emissionRuleOn(
  db: DbHandle,
  cityCode: string,
  day: string,
): Promise<EmissionRuleRow | undefined> {
  const rows = await db
    .select()
    .from(emissionRuleTable)
    .where(
      and(inArray(emissionRuleTable.cityCode, [cityCode, '*']), lte(emissionRuleTable.effectiveFrom, day)),
    )
    .orderBy(desc(emissionRuleTable.effectiveFrom));
  return rows.find((r) => r.cityCode === cityCode) ?? rows.find((r) => r.cityCode === '*');
}

export async function findTransferOfOrder(
  db: DbHandle,
  orderId: string,
): Promise<TitleTransferRow | undefined> {
  const [row] = await db.select().from(titleTransferTable).where(eq(titleTransferTable.orderId, orderId));
  return row;
}

/** Locks an order's transfer (`for update`): two staff updating the checklist queue here. */
export async function lockTransferOfOrder(db: DbHandle, orderId: string): Promise<TitleTransferRow | null> {
  const [row] = await db
    .select()
    .from(titleTransferTable)
    .where(eq(titleTransferTable.orderId, orderId))
    .for('update');
  return row ?? null;
}

export async function lockTransfer(db: DbHandle, id: string): Promise<TitleTransferRow | null> {
  const [row] = await db.select().from(titleTransferTable).where(eq(titleTransferTable.id, id)).for('update');
  return row ?? null;
}

/** Inserts the order's transfer unless one exists (concurrent openers end with the same row). */
export async function insertTransferIfAbsent(db: DbHandle, row: NewTitleTransferRow): Promise<void> {
  await db.insert(titleTransferTable).values(row).onConflictDoNothing({ target: titleTransferTable.orderId });
}

export async function updateTransfer(
  db: DbHandle,
  id: string,
  set: Partial<NewTitleTransferRow>,
): Promise<TitleTransferRow> {
  const [row] = await db.update(titleTransferTable).set(set).where(eq(titleTransferTable.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export function transferBoard(
  db: DbHandle,
  filter: { status?: TitleTransferStatus | undefined; dealerId?: string | null | undefined },
  limit: number,
): Promise<TitleTransferRow[]> {
  const t = titleTransferTable;
  return db
    .select()
    .from(t)
    .where(
      and(
        filter.status ? eq(t.status, filter.status) : undefined,
        filter.dealerId ? eq(t.dealerId, filter.dealerId) : undefined,
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(limit);
}

// ---- handover re-inspection ----

export async function findReinspection(db: DbHandle, orderId: string): Promise<ReinspectionRow | undefined> {
  const [row] = await db.select().from(reinspectionTable).where(eq(reinspectionTable.orderId, orderId));
  return row;
}

/** Locks an order's re-inspection (`for update`) for the buyer's answer or staff's resolution. */
export async function lockReinspection(db: DbHandle, id: string): Promise<ReinspectionRow | null> {
  const [row] = await db.select().from(reinspectionTable).where(eq(reinspectionTable.id, id)).for('update');
  return row ?? null;
}

/** Inserts it unless the order has one; returns whether it was inserted. */
export async function insertReinspection(db: DbHandle, row: NewReinspectionRow): Promise<boolean> {
  const out = await db
    .insert(reinspectionTable)
    .values(row)
    .onConflictDoNothing({ target: reinspectionTable.orderId })
    .returning({ id: reinspectionTable.id });
  return out.length > 0;
}

export async function updateReinspection(
  db: DbHandle,
  id: string,
  set: Partial<NewReinspectionRow>,
): Promise<ReinspectionRow> {
  const [row] = await db.update(reinspectionTable).set(set).where(eq(reinspectionTable.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

// ---- plate service ----

/** The quota rule in force for a city on a day (none: no quota needed). */
export async function plateQuotaRuleOn(
  db: DbHandle,
  cityCode: string,
  day: string,
): Promise<PlateQuotaRuleRow | undefined> {
  const [row] = await db
    .select()
    .from(plateQuotaRuleTable)
    .where(and(eq(plateQuotaRuleTable.cityCode, cityCode), lte(plateQuotaRuleTable.effectiveFrom, day)))
    .orderBy(desc(plateQuotaRuleTable.effectiveFrom))
    .limit(1);
  return row;
}

export async function findPlateService(db: DbHandle, orderId: string): Promise<PlateServiceRow | undefined> {
  const [row] = await db.select().from(plateServiceTable).where(eq(plateServiceTable.orderId, orderId));
  return row;
}

export async function lockPlateService(db: DbHandle, id: string): Promise<PlateServiceRow | null> {
  const [row] = await db.select().from(plateServiceTable).where(eq(plateServiceTable.id, id)).for('update');
  return row ?? null;
}

/** Inserts the order's service unless it has one; returns whether it was inserted. */
export async function insertPlateService(db: DbHandle, row: NewPlateServiceRow): Promise<boolean> {
  const out = await db
    .insert(plateServiceTable)
    .values(row)
    .onConflictDoNothing({ target: plateServiceTable.orderId })
    .returning({ id: plateServiceTable.id });
  return out.length > 0;
}

export async function updatePlateService(
  db: DbHandle,
  id: string,
  set: Partial<NewPlateServiceRow>,
): Promise<PlateServiceRow> {
  const [row] = await db.update(plateServiceTable).set(set).where(eq(plateServiceTable.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export function plateServiceBoard(
  db: DbHandle,
  filter: { status?: PlateServiceStatus | undefined; dealerId?: string | null | undefined },
  limit: number,
): Promise<PlateServiceRow[]> {
  const t = plateServiceTable;
  return db
    .select()
    .from(t)
    .where(
      and(
        filter.status ? eq(t.status, filter.status) : undefined,
        filter.dealerId ? eq(t.dealerId, filter.dealerId) : undefined,
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(limit);
}
