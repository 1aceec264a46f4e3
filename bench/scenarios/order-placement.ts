import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/server/kernel/context.js';
import { createTestBuyer } from '../../src/server/modules/crm/crm.testing.js';
import { DEPOSIT_TERMS_VERSIONS } from '../../src/server/modules/orders/orders.policy.js';
import type { Scenario } from '../scenarios.js';
import { prepareBenchListings } from './search.js';

/** New-car listings the buyers order from, and the units each has in stock. */
const LISTINGS = 8;
const UNITS_PER_LISTING = 2_500;
/** Signed-in buyers (sessions); each request also gives its own contact phone. */
const BUYERS = 1_000;
const REQUESTS = 40_000;

let pool: { listingIds: string[]; units: number } | null = null;

/** Ids as a SQL array literal (they are our own generated ids). */
function idArray(ids: readonly string[]) {
  return sql.raw(`array[${ids.map((id) => `'${id.replace(/'/g, '')}'`).join(',')}]::text[]`);
}

/** A resident ID number with a correct GB 11643 check character. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] ?? 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/**
 * Checkout under load: many buyers over a pool of new-car units (8 listings x 2,500 units). Each request is
 * `POST /api/v1/orders` with its own buyer session, contact phone and Idempotency-Key: the risk check, a stored
 * quote, the unit hold (SKIP LOCKED), the order with its number and timeline, and the deposit's payment intent,
 * in one transaction. Afterwards the check counts what the load left: one reserved unit per order, no unit in
 * two orders, one deposit intent per order.
 */
export const orderPlacement: Scenario = {
  name: 'order-placement',
  description:
    'POST /api/v1/orders (risk + quote + hold + order + deposit intent), distinct buyers over 20,000 units',
  connections: 50,
  async prepare(ctx) {
    await prepareBenchListings(ctx);
    const db = ctx.database.db;
    const rows = (await db.execute(sql`
      select id from catalog_listings
      where kind = 'new' and status = 'listed' and store_id is not null
      order by id limit ${LISTINGS}`)) as unknown as { rows: { id: string }[] };
    const listingIds = rows.rows.map((r) => r.id);
    const ids = idArray(listingIds);
    await db.execute(sql`
      insert into inventory_locations (id, kind, dealer_id, store_id, city_code, name, created_at, updated_at)
      select 'loc_b_' || l.store_id, 'store', l.dealer_id, l.store_id, l.city_code, 'bench ' || l.store_id, now(), now()
      from (select distinct store_id, dealer_id, city_code from catalog_listings where id = any(${ids})) l
      on conflict do nothing`);
    await db.execute(sql`
      insert into inventory_units (id, vin, trim_id, exterior_colour, location_id, store_id, dealer_id, status,
        entered_stock_at, cost_fen, created_at, updated_at)
      select 'unt_b_' || l.n || '_' || g, 'LB' || lpad(l.n::text, 3, '0') || lpad(g::text, 12, '0'), l.trim_id,
        coalesce(l.exterior_colour, '星空黑'), loc.id, l.store_id, l.dealer_id, 'available',
        now() - interval '20 days', 15000000, now(), now()
      from (select row_number() over (order by id) as n, * from catalog_listings where id = any(${ids})) l
      join inventory_locations loc on loc.store_id = l.store_id
      cross join generate_series(1, ${UNITS_PER_LISTING}) g
      on conflict do nothing`);
    pool = { listingIds, units: listingIds.length * UNITS_PER_LISTING };
    const buyers: Awaited<ReturnType<typeof createTestBuyer>>[] = [];
    for (let i = 0; i < BUYERS; i++) {
      buyers.push(await createTestBuyer(ctx, `137${String(10_000_000 + i).slice(-8)}`));
    }
    const idNumber = residentId('31010419880705123');
    const run = Date.now().toString(36);
    const variants = Array.from({ length: REQUESTS }, (_, n) => ({
      headers: { ...buyers[n % BUYERS]!.bearer, 'idempotency-key': `bench-order-${run}-${n}` },
      body: JSON.stringify({
        listingId: listingIds[n % listingIds.length],
        buyer: { name: '张伟', phone: `135${String(10_000_000 + n).slice(-8)}`, idNumber },
        paymentMethod: 'full',
        depositKind: 'refundable',
        depositFen: 500_000,
        acceptDepositTerms: { version: DEPOSIT_TERMS_VERSIONS.refundable, accepted: true },
        provider: 'alipay',
      }),
    }));
    return { method: 'POST', path: '/api/v1/orders', body: variants[0]!.body, variants };
  },
  async verify(ctx: AppContext) {
    if (!pool) return { ok: false, lines: ['not prepared'] };
    const db = ctx.database.db;
    const ids = idArray(pool.listingIds);
    // One statement (one snapshot), repeated until two readings a second apart agree: requests the load
    // generator gave up on may still be committing when it stops.
    const read = async () =>
      (
        (await db.execute(sql`
        select
          (select count(*) from orders where listing_id = any(${ids}))::int as orders,
          (select count(*) from inventory_units where id like 'unt_b_%' and status = 'reserved')::int as reserved,
          (select count(*) from inventory_units where id like 'unt_b_%' and status = 'available')::int as available,
          (select count(*) from (select unit_id from orders where listing_id = any(${ids})
             group by unit_id having count(*) > 1) d)::int as twice,
          (select count(*) from (select unit_id from inventory_holds where status = 'held'
             group by unit_id having count(*) > 1) d)::int as live_holds,
          (select count(*) from payment_intents p join orders o on o.id = p.order_id
             where o.listing_id = any(${ids}) and p.purpose = 'deposit')::int as intents`)) as unknown as {
          rows: {
            orders: number;
            reserved: number;
            available: number;
            twice: number;
            live_holds: number;
            intents: number;
          }[];
        }
      ).rows[0]!;
    let r = await read();
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const next = await read();
      if (next.orders === r.orders) break;
      r = next;
    }
    const { orders, reserved, available, twice, intents } = r;
    const liveHolds = r.live_holds;
    const ok =
      twice === 0 &&
      liveHolds === 0 &&
      reserved === orders &&
      intents === orders &&
      reserved + available === pool.units;
    return {
      ok,
      lines: [
        `${orders} orders over ${pool.units} units: ${reserved} reserved, ${available} available, ${twice} units in two orders, ${liveHolds} units with two live holds, ${intents} deposit intents -> ${ok ? 'nothing oversold' : 'INCONSISTENT'}`,
      ],
    };
  },
};
