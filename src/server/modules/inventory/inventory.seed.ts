import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { accessoryVariantFacts } from '../accessories/index.js';
import { coloursOfTrims, trimFactsOf } from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import { isValidVin, listingsForSearchIndex } from '../listings/index.js';
import * as repo from './inventory.repository.js';
import type { NewVehicleUnitRow, VehicleUnitRow } from './inventory.schema.js';

// Demo stock (development only): a few units of every demo new-car listing's trim at its store, and the one
// unit behind each demo used car, with valid VINs and entered-stock dates spread over 0-120 days, so the
// stock board shows aged cars. Deterministic and re-runnable: ids come from the listing, rows that exist stay.

const SEEDED_AT = new Date('2026-01-05T02:00:00Z');
const DAY_MS = 86_400_000;
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** Real world manufacturer identifiers of Chinese-market makers, by brand (others use FAW-Volkswagen's). */
const WMI: Record<string, string> = {
  BYD: 'LGX',
  Tesla: 'LRW',
  'Li Auto': 'LW4',
  NIO: 'LJ1',
  XPeng: 'L1N',
  Geely: 'L6T',
  Toyota: 'LVG',
  Honda: 'LVH',
  Volkswagen: 'LFV',
  BMW: 'LBV',
  'Mercedes-Benz': 'LE4',
  Audi: 'LFV',
  Changan: 'LS5',
  'Great Wall': 'LGW',
  Chery: 'LVV',
};

const COLOUR_FALLBACK = ['珍珠白', '曜石黑', '星际银', '天青蓝'];

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** A VIN with a valid check digit: WMI + 5 descriptor chars + check + year code (T = 2026) + plant + serial. */
export function demoVin(wmi: string, key: string): string {
  let h = hash(key);
  let vds = '';
  for (let i = 0; i < 5; i++) {
    vds += VIN_CHARS.charAt(h % VIN_CHARS.length);
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
  }
  const serial = String(hash(`${key}#`) % 1_000_000).padStart(6, '0');
  for (const check of '0123456789X') {
    const vin = `${wmi}${vds}${check}TS${serial}`;
    if (isValidVin(vin)) return vin;
  }
  throw new Error(`no check digit fits ${key}`);
}

async function locationFor(
  db: DbHandle,
  storeId: string,
): Promise<{ id: string; dealerId: string | null } | null> {
  const existing = await repo.findLocationOfStore(db, storeId);
  if (existing) return existing;
  try {
    const store = await getPublicStore(db, storeId);
    const id = `loc_${storeId}`;
    await repo.insertLocation(db, {
      id,
      kind: 'store',
      dealerId: store.dealer.id,
      storeId,
      cityCode: store.city.code,
      name: store.name,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    });
    return { id, dealerId: store.dealer.id };
  } catch {
    // An inactive store keeps no demo stock.
    return null;
  }
}

export async function seedDemoStock(ctx: Pick<AppContext, 'config' | 'database' | 'clock'>): Promise<void> {
  // Demo cars must never appear in a real business's books, even with SEED_DEMO=1.
  if (ctx.config.env === 'production') return;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const listings = (await listingsForSearchIndex(db, 'all')).filter((l) => l.storeId !== null);
  const trimIds = [...new Set(listings.map((l) => l.trimId))];
  const trims = new Map((await trimFactsOf(db, trimIds)).map((t) => [t.id, t]));
  const colours = new Map<string, string[]>();
  for (const c of await coloursOfTrims(db, trimIds)) {
    if (c.kind === 'exterior') colours.set(c.trimId, [...(colours.get(c.trimId) ?? []), c.name]);
  }
  const rows: NewVehicleUnitRow[] = [];
  const seenPairs = new Set<string>();
  for (const l of listings) {
    const storeId = l.storeId;
    if (!storeId) continue;
    const location = await locationFor(db, storeId);
    const trim = trims.get(l.trimId);
    if (!location || !trim) continue;
    const wmi = WMI[trim.brandNameEn] ?? 'LFV';
    const palette = colours.get(l.trimId) ?? COLOUR_FALLBACK;
    const unitFor = (key: string, i: number, vin: string, listingId: string | null): NewVehicleUnitRow => {
      const h = hash(key);
      return {
        id: `veh_seed_${key}`,
        vin,
        trimId: l.trimId,
        exteriorColour: palette[(h + i) % palette.length] ?? '珍珠白',
        locationId: location.id,
        storeId,
        dealerId: location.dealerId,
        status: 'available',
        enteredStockAt: new Date(now.getTime() - (h % 121) * DAY_MS),
        // Dealer cost: a few points under the guide price (margin reports later).
        costFen: Math.round((l.priceFen * (88 + (h % 6))) / 100),
        listingId,
        version: 1,
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      };
    };
    if (l.kind === 'used') {
      if (l.vin) rows.push(unitFor(l.id, 0, l.vin, l.id));
      continue;
    }
    const pair = `${l.trimId}_${storeId}`;
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    const count = 1 + (hash(pair) % 4);
    for (let i = 0; i < count; i++) {
      const key = `${pair}_${i}`;
      rows.push(unitFor(key, i, demoVin(wmi, key), null));
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await repo.insertUnits(db, rows.slice(i, i + 200));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The accessories demo's SKUs (those that exist get demo quantities). */
const DEMO_SKUS = [
  'MAT-HAN-BLK',
  'MAT-HAN-BEI',
  'MAT-M3-SET',
  'CVR-ICE-BLK',
  'CVR-ICE-GRY',
  'CAM-70M-4K',
  'CAM-70M-2K',
  'EVSE-7KW-STD',
  'EVSE-11KW-3P',
  'EVSE-PORT-16A',
  'WAX-TURTLE-500',
  'WSH-3M-25C-4',
  'OIL-MOB-0W20-4L',
  'OIL-MOB-0W20-1L',
];

/**
 * Demo history (development only), after the demo stock: for each demo (trim, store), 0-6 cars sold and
 * delivered in the last 30 days (so turnover and replenishment suggestions have sales to work from), and
 * accessory stock of every demo SKU at every demo store location. Deterministic and re-runnable.
 */
export async function seedDemoHistory(ctx: Pick<AppContext, 'config' | 'database' | 'clock'>): Promise<void> {
  if (ctx.config.env === 'production') return;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const stock = await repo.seededNewCarUnits(db);
  const pairs = new Map<string, VehicleUnitRow>();
  for (const u of stock) pairs.set(`${u.trimId}_${u.storeId}`, pairs.get(`${u.trimId}_${u.storeId}`) ?? u);
  const rows: NewVehicleUnitRow[] = [];
  for (const [pair, u] of pairs) {
    const sold = hash(`${pair}#sold`) % 7;
    for (let i = 0; i < sold; i++) {
      const key = `${pair}_sold_${i}`;
      const h = hash(key);
      const soldAt = new Date(now.getTime() - (h % 30) * DAY_MS - DAY_MS / 2);
      rows.push({
        ...u,
        id: `veh_seed_${key}`,
        vin: demoVin(u.vin.slice(0, 3), key),
        status: 'delivered',
        enteredStockAt: new Date(soldAt.getTime() - (15 + (h % 45)) * DAY_MS),
        soldAt,
        listingId: null,
        version: 3,
        createdAt: SEEDED_AT,
        updatedAt: soldAt,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await repo.insertUnits(db, rows.slice(i, i + 200));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const locations = (await repo.listLocations(db, null)).filter((l) => l.kind === 'store');
  const variants = (await accessoryVariantFacts(db, { skus: DEMO_SKUS })).map((v) => v.id);
  for (const l of locations) {
    for (const v of variants) {
      // Only stock that is not there yet: a re-run must not undo a count staff made since.
      if (await repo.findAccessoryStock(db, l.id, v)) continue;
      const qty = hash(`${l.id}|${v}`) % 25;
      await repo.changeAccessoryOnHand(
        db,
        { locationId: l.id, variantId: v, dealerId: l.dealerId },
        { onHand: qty },
        SEEDED_AT,
      );
    }
  }
}
