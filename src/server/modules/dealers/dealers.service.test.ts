import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import type { StaffActor } from '../../kernel/auth/actor.js';
import { defaultRoleGrants } from '../../kernel/auth/permissions.js';
import type { Role } from '../../kernel/auth/roles.js';
import type { Database, Db } from '../../kernel/db/client.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { installModules } from '../../kernel/module.js';
import type { Mutation } from '../../kernel/mutation.js';
import { createTestDatabase } from '../../kernel/testing/database.js';
import { platformModules } from '../index.js';
import type { TOpeningHours } from './dealers.contract.js';
import { cities, dealers, stores } from './dealers.schema.js';
import { seedDealerData } from './dealers.seed.js';
import * as service from './dealers.service.js';

// The default grants come from every module's permission definitions (the app installs them at start).
installModules(platformModules);

let database: Database;
let db: Db;
const NOW = new Date('2026-11-21T02:00:00Z');
/** The mutation of a request by `actor` (what routes pass as `request.mutation`). */
const by = (actor: StaffActor): Mutation => ({
  actor,
  at: NOW,
  requestId: 'req_test',
  ip: '127.0.0.1',
  lang: 'zh-CN',
});

let n = 0;
function staff(role: Role, dealerId: string | null = null): StaffActor {
  n += 1;
  return {
    kind: 'staff',
    accountId: `stf_test_${n}`,
    sessionId: `ses_test_${n}`,
    email: `${role}${n}@autoyard.cn`,
    displayName: role,
    roles: [role],
    permissions: new Set(defaultRoleGrants()[role]),
    dealerId,
    totpEnabled: false,
  };
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected the call to fail');
}

async function count(
  table: typeof dealers | typeof stores | typeof auditLog | typeof cities,
): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
}

const HOURS: TOpeningHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [['10:00', '17:00']],
  sun: [],
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDealerData(db);
});
afterAll(async () => {
  await database.close();
});

describe('dealers seed', () => {
  it('loads at least 30 real cities, 25 dealers in 10+ cities and both demo dealers', async () => {
    expect(await count(cities)).toBeGreaterThanOrEqual(30);
    const rows = await db.select().from(dealers);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.map((d) => d.cityCode)).size).toBeGreaterThanOrEqual(10);
    const ids = rows.map((d) => d.id);
    expect(ids).toContain('dlr_demo_bj_byd');
    expect(ids).toContain('dlr_demo_sh_tesla');
    const byd = rows.find((d) => d.id === 'dlr_demo_bj_byd');
    expect(byd?.cityCode).toBe('110100');
    expect(byd?.brands).toEqual(['BYD']);
  });

  it('can run again without duplicating anything', async () => {
    const before = [await count(cities), await count(dealers), await count(stores)];
    await seedDealerData(db);
    expect([await count(cities), await count(dealers), await count(stores)]).toEqual(before);
  });
});

describe('public reference data', () => {
  it('lists cities with their province, hot cities first', async () => {
    const list = await service.listCities(db);
    const beijing = list.find((c) => c.code === '110100');
    expect(beijing).toMatchObject({
      name: '北京',
      nameEn: 'Beijing',
      pinyin: 'beijing',
      tier: 'tier1',
      hot: true,
      province: { code: '110000', name: '北京市', nameEn: 'Beijing' },
    });
    const firstCold = list.findIndex((c) => !c.hot);
    expect(list.slice(firstCold).every((c) => !c.hot)).toBe(true);
  });

  it('filters stores by city, brand and service', async () => {
    const bj = await service.listPublicStores(db, { cityCode: '110100', limit: 100 });
    expect(bj.items.length).toBeGreaterThan(0);
    expect(bj.items.every((s) => s.city.code === '110100')).toBe(true);

    const byd = await service.listPublicStores(db, { brand: 'BYD', limit: 100 });
    expect(byd.items.length).toBeGreaterThan(0);
    expect(byd.items.every((s) => s.dealer.brands.includes('BYD'))).toBe(true);

    const delivery = await service.listPublicStores(db, {
      cityCode: '310100',
      service: 'delivery',
      limit: 100,
    });
    expect(delivery.items.map((s) => s.id)).toContain('sto_sh_tesla_jinqiao');
    expect(delivery.items.every((s) => s.services.includes('delivery'))).toBe(true);
  });

  it('hides stores of a suspended dealer from the public', async () => {
    const qd = await service.listPublicStores(db, { cityCode: '370200', limit: 100 });
    expect(qd.items).toEqual([]);
    expect(await rejection(service.getPublicStore(db, 'sto_qd_changan_laoshan'))).toBe('STORE_NOT_FOUND');
  });

  it('pages through all public stores with the cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.listPublicStores(db, { limit: 7, cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await service.listPublicStores(db, { limit: 100 });
    expect(seen).toEqual(all.items.map((s) => s.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('console dealer management', () => {
  const compliance = staff('compliance');
  const input = {
    name: '广州骏达比亚迪',
    legalName: '广州骏达汽车销售服务有限公司',
    uscc: '91440300192317458F',
    brands: ['BYD', 'Denza'],
    cityCode: '440100',
    contactPhone: '13826041177',
  };
  let createdId = '';

  it('creates a dealer with an audit row and a dealer.created event in the same transaction', async () => {
    const dealer = await service.createDealer(db, input, by(compliance));
    createdId = dealer.id;
    expect(dealer).toMatchObject({
      name: input.name,
      status: 'active',
      city: { code: '440100', name: '广州' },
    });
    const [row] = await db.select().from(dealers).where(eq(dealers.id, dealer.id));
    expect(row?.uscc).toBe(input.uscc);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'dealer'), eq(auditLog.entityId, dealer.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'dealer.create',
      actorId: compliance.accountId,
      requestId: 'req_test',
    });
    const events = await db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, dealer.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toEqual(['dealer.created']);
  });

  it('refuses a second dealer with the same USCC and writes nothing', async () => {
    const before = [await count(dealers), await count(auditLog)];
    expect(await rejection(service.createDealer(db, { ...input, name: '另一家' }, by(compliance)))).toBe(
      'USCC_TAKEN',
    );
    expect([await count(dealers), await count(auditLog)]).toEqual(before);
  });

  it('refuses a dealer in a city that is not in the reference data', async () => {
    const code = await rejection(
      service.createDealer(db, { ...input, uscc: '9144030071526726XG', cityCode: '999900' }, by(compliance)),
    );
    expect(code).toBe('CITY_NOT_FOUND');
  });

  it('suspends an active dealer once and reinstates it, auditing both', async () => {
    const suspended = await service.changeDealerStatus(db, createdId, 'suspend', by(compliance));
    expect(suspended.status).toBe('suspended');
    expect(await rejection(service.changeDealerStatus(db, createdId, 'suspend', by(compliance)))).toBe(
      'INVALID_TRANSITION',
    );
    const reinstated = await service.changeDealerStatus(db, createdId, 'reinstate', by(compliance));
    expect(reinstated.status).toBe('active');
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, createdId));
    expect(actions.map((a) => a.action).sort()).toEqual([
      'dealer.create',
      'dealer.reinstate',
      'dealer.suspend',
    ]);
  });

  it('finds dealers whose qualifications expire within the given days', async () => {
    await service.addQualification(
      db,
      createdId,
      {
        kind: 'brand_authorisation',
        number: 'BYD-AUTH-2026-4409',
        validFrom: '2025-12-01',
        validUntil: '2026-12-01',
      },
      by(compliance),
    );
    const soon = await service.listDealers(db, compliance, { expiringWithinDays: 15, limit: 100 }, NOW);
    const ids = soon.items.map((d) => d.id);
    expect(ids).toContain(createdId);
    expect(ids).toContain('dlr_nj_svw'); // its used-car filing already expired on 2026-11-10
    expect(ids).not.toContain('dlr_demo_sh_tesla');
    const detail = await service.getDealer(db, compliance, createdId, NOW);
    const q = detail.qualifications.find((x) => x.number === 'BYD-AUTH-2026-4409');
    expect(q).toMatchObject({ daysLeft: 10, expired: false });
    expect(detail.nextQualificationExpiry).toBe('2026-12-01');
  });

  it('searches dealers by name and filters by brand and status', async () => {
    const byName = await service.listDealers(db, compliance, { q: '汇通', limit: 20 }, NOW);
    expect(byName.items.map((d) => d.id)).toEqual(['dlr_demo_bj_byd']);
    const nio = await service.listDealers(db, compliance, { brand: 'NIO', limit: 20 }, NOW);
    expect(nio.items.every((d) => d.brands.includes('NIO'))).toBe(true);
    expect(nio.items.length).toBe(2);
    const suspended = await service.listDealers(db, compliance, { status: 'suspended', limit: 20 }, NOW);
    expect(suspended.items.map((d) => d.id)).toEqual(['dlr_qd_changan']);
  });

  it('updates a store and records the before and after in the audit log', async () => {
    const store = await service.createStore(
      db,
      {
        dealerId: createdId,
        name: '广州骏达比亚迪白云4S店',
        cityCode: '440100',
        district: '白云区',
        address: '机场路1688号',
        latitude: 23.1925,
        longitude: 113.2702,
        phone: '020-86068899',
        openingHours: HOURS,
        services: ['sales', 'test_drive', 'after_sales'],
      },
      by(compliance),
    );
    const updated = await service.updateStore(
      db,
      store.id,
      { phone: '020-86069900', status: 'closed' },
      by(compliance),
    );
    expect(updated).toMatchObject({ phone: '020-86069900', status: 'closed' });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, store.id), eq(auditLog.action, 'store.update')));
    expect(audit?.before).toMatchObject({ phone: '020-86068899', status: 'active' });
    expect(audit?.after).toMatchObject({ phone: '020-86069900', status: 'closed' });
  });
});

describe('dealer portal scoping', () => {
  const bydStaff = staff('dealer_staff', 'dlr_demo_bj_byd');
  const teslaAdmin = staff('dealer_admin', 'dlr_demo_sh_tesla');

  it('shows dealer staff their own dealer with its qualifications', async () => {
    const mine = await service.getPortalDealer(db, bydStaff, NOW);
    expect(mine.id).toBe('dlr_demo_bj_byd');
    expect(mine.qualifications.map((q) => q.kind)).toContain('business_licence');
    const auth = mine.qualifications.find((q) => q.kind === 'brand_authorisation');
    expect(auth).toMatchObject({ validUntil: '2026-12-15', daysLeft: 24, expired: false });
  });

  it('lists only the stores of the caller’s dealer', async () => {
    const list = await service.listPortalStores(db, bydStaff);
    expect(list.length).toBe(2);
    expect(list.every((s) => s.dealer.id === 'dlr_demo_bj_byd')).toBe(true);
  });

  it('lets dealer staff change their own store’s phone and hours, audited', async () => {
    const updated = await service.updatePortalStore(
      db,
      'sto_bj_byd_chaoyang',
      { phone: '010-65871299', openingHours: HOURS },
      by(bydStaff),
    );
    expect(updated.phone).toBe('010-65871299');
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, 'sto_bj_byd_chaoyang'), eq(auditLog.action, 'store.portal_update')));
    expect(audit).toMatchObject({ actorId: bydStaff.accountId, dealerId: 'dlr_demo_bj_byd' });
  });

  it('does not let dealer A staff change dealer B’s store and leaves the row untouched', async () => {
    const [before] = await db.select().from(stores).where(eq(stores.id, 'sto_sh_tesla_jinqiao'));
    const auditsBefore = await count(auditLog);
    const code = await rejection(
      service.updatePortalStore(db, 'sto_sh_tesla_jinqiao', { phone: '13812345678' }, by(bydStaff)),
    );
    expect(code).toBe('STORE_NOT_FOUND');
    const [after] = await db.select().from(stores).where(eq(stores.id, 'sto_sh_tesla_jinqiao'));
    expect(after).toEqual(before);
    expect(await count(auditLog)).toBe(auditsBefore);
  });

  it('does not show dealer A staff dealer B through the console read either', async () => {
    expect(await rejection(service.getDealer(db, teslaAdmin, 'dlr_demo_bj_byd', NOW))).toBe(
      'DEALER_NOT_FOUND',
    );
    const page = await service.listDealers(db, teslaAdmin, { limit: 100 }, NOW);
    expect(page.items.map((d) => d.id)).toEqual(['dlr_demo_sh_tesla']);
  });

  it('refuses the portal to platform staff who belong to no dealer', async () => {
    expect(await rejection(service.getPortalDealer(db, staff('admin'), NOW))).toBe('DEALER_SCOPE_REQUIRED');
  });

  it('refuses store changes while the dealer is suspended', async () => {
    const qdStaff = staff('dealer_staff', 'dlr_qd_changan');
    const code = await rejection(
      service.updatePortalStore(db, 'sto_qd_changan_laoshan', { phone: '0532-88896699' }, by(qdStaff)),
    );
    expect(code).toBe('DEALER_SUSPENDED');
    const [row] = await db.select().from(stores).where(eq(stores.id, 'sto_qd_changan_laoshan'));
    expect(row?.phone).toBe('0532-88896688');
  });
});
