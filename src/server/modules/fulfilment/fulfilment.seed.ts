import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { newId } from '../../kernel/ids.js';
import { systemMutation } from '../../kernel/mutation.js';
import { listPublicStores } from '../dealers/index.js';
import { generateSlots } from './fulfilment.calendar.js';
import * as repo from './fulfilment.repository.js';
import type { FeeRuleRow, SlotTemplateRow } from './fulfilment.schema.js';

// Demo delivery calendars and fee rules, and the rolling slot generation every store's calendar relies on.

const DAY_MS = 86_400_000;
/** How far ahead bookable slots exist; the daily job keeps the window full. */
export const SLOT_HORIZON_DAYS = 28;

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function allStoreIds(db: DbHandle): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listPublicStores(db, { limit: 100, cursor });
    ids.push(...page.items.map((s) => s.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

/** Generates the next SLOT_HORIZON_DAYS of slots for every store that has a calendar (repeatable). */
export async function generateUpcomingSlots(db: DbHandle, now: Date): Promise<number> {
  const range = {
    from: shanghaiDate(now.getTime()),
    to: shanghaiDate(now.getTime() + (SLOT_HORIZON_DAYS - 1) * DAY_MS),
  };
  let created = 0;
  for (const storeId of await allStoreIds(db)) {
    if ((await repo.listTemplates(db, storeId)).length === 0) continue;
    created += (await generateSlots(db, storeId, range, systemMutation(now))).created;
    // PGlite runs queries on the event loop: let timers breathe between stores.
    await new Promise((r) => setImmediate(r));
  }
  return created;
}

/** Demo only: weekday and weekend slots at every demo store, the fee rules, and four weeks of slots. */
export async function seedDemoDeliveries(
  ctx: Pick<AppContext, 'config' | 'database' | 'clock'>,
): Promise<void> {
  if (ctx.config.env === 'production') return;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  if ((await repo.listFeeRules(db)).length > 0) return;
  const rule = (r: Omit<FeeRuleRow, 'id' | 'active' | 'createdAt'>): FeeRuleRow => ({
    id: newId('dfr'),
    active: true,
    createdAt: now,
    ...r,
  });
  const rules = [
    rule({ kind: 'same_city', fromCityCode: null, toCityCode: null, feeFen: 0, perKmFen: 0 }),
    rule({ kind: 'city_pair', fromCityCode: '110100', toCityCode: '120100', feeFen: 80_000, perKmFen: 0 }),
    rule({ kind: 'city_pair', fromCityCode: '310100', toCityCode: '330100', feeFen: 60_000, perKmFen: 0 }),
    rule({ kind: 'city_pair', fromCityCode: '310100', toCityCode: '320100', feeFen: 80_000, perKmFen: 0 }),
    rule({ kind: 'city_pair', fromCityCode: '440100', toCityCode: '440300', feeFen: 50_000, perKmFen: 0 }),
    rule({ kind: 'per_km', fromCityCode: null, toCityCode: null, feeFen: 50_000, perKmFen: 300 }),
  ];
  for (const r of rules) await repo.insertFeeRule(db, r);
  for (const storeId of await allStoreIds(db)) {
    const rows: SlotTemplateRow[] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      const weekend = weekday >= 6;
      for (const [startTime, endTime, capacity] of [
        ['10:00', '12:00', weekend ? 4 : 2],
        ['14:00', '16:00', weekend ? 4 : 2],
        ['16:00', '18:00', weekend ? 3 : 1],
      ] as const) {
        rows.push({ id: newId('dst'), storeId, weekday, startTime, endTime, capacity, createdAt: now });
      }
    }
    await repo.replaceTemplates(db, storeId, rows);
  }
  await generateUpcomingSlots(db, now);
}
