import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { TOpeningHours } from './dealers.contract.js';
import { dealers, stores } from './dealers.schema.js';
import { seedDealerData } from './dealers.seed.js';

let t: TestApp;
let compliance: TestStaff;
let operator: TestStaff;
let bydStaff: TestStaff;
let teslaAdmin: TestStaff;

const HOURS: TOpeningHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [
    ['09:30', '12:00'],
    ['13:00', '17:30'],
  ],
  sun: [],
};

async function auditCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row?.n ?? 0;
}

async function storeRow(id: string) {
  const [row] = await t.database.db.select().from(stores).where(eq(stores.id, id));
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDealerData(t.database.db);
  compliance = await createTestStaff(t.ctx, { roles: ['compliance'] });
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  teslaAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_sh_tesla' });
});
afterAll(async () => {
  await t.close();
});

describe('public reference API', () => {
  it('lists at least 30 cities with provinces and a cache header', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dealers/cities' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const list = res.json() as { code: string; province: { nameEn: string } }[];
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(list.find((c) => c.code === '440300')?.province.nameEn).toBe('Guangdong');
  });

  it('filters store cards by city and service and includes the dealer, hours and coordinates', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/stores?cityCode=110100&service=delivery&limit=50',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: { id: string; services: string[]; city: { code: string }; dealer: { name: string } }[];
    };
    expect(body.items.length).toBeGreaterThan(0);
    for (const s of body.items) {
      expect(s.city.code).toBe('110100');
      expect(s.services).toContain('delivery');
    }
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/dealers/stores/${body.items[0]?.id}` });
    expect(one.json()).toMatchObject({
      latitude: expect.any(Number),
      openingHours: { mon: expect.any(Array) },
    });
  });

  it('filters stores by brand', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dealers/stores?brand=Tesla' });
    const ids = (res.json() as { items: { id: string }[] }).items.map((s) => s.id).sort();
    expect(ids).toEqual(['sto_sh_tesla_jinqiao', 'sto_sh_tesla_lujiazui']);
  });

  it('answers a malformed city code with a field error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dealers/stores?cityCode=beijing' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown store with STORE_NOT_FOUND in the requested language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/stores/sto_nope',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'STORE_NOT_FOUND', message: 'Store not found' } });
  });
});

describe('console dealer API', () => {
  const newDealer = {
    name: '深圳前海特斯拉中心',
    legalName: '深圳前海臻驰新能源汽车销售服务有限公司',
    uscc: '9144030071526726XG',
    brands: ['Tesla'],
    cityCode: '440300',
    contactPhone: '13723456789',
  };

  it('refuses anonymous callers with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dealers/dealers' });
    expect(res.statusCode).toBe(401);
  });

  it('lets staff with reference.read list dealers', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/dealers?limit=5',
      headers: operator.bearer,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: unknown[]; nextCursor: string | null };
    expect(body.items).toHaveLength(5);
    expect(body.nextCursor).not.toBeNull();
  });

  it('refuses to create a dealer for a role without reference.manage and writes nothing', async () => {
    const before = await auditCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dealers/dealers',
      headers: operator.bearer,
      payload: newDealer,
    });
    expect(res.statusCode).toBe(403);
    const rows = await t.database.db.select().from(dealers).where(eq(dealers.uscc, newDealer.uscc));
    expect(rows).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });

  it('rejects a dealer whose USCC check character is wrong', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dealers/dealers',
      headers: compliance.bearer,
      payload: { ...newDealer, uscc: '9144030071526726XH' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('uscc');
  });

  it('creates, updates, suspends and qualifies a dealer, each with an audit row', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dealers/dealers',
      headers: compliance.browser,
      payload: newDealer,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dealers/dealers/${id}`,
      headers: compliance.bearer,
      payload: { contactPhone: '13723450000', brands: ['Tesla', 'Xiaomi'] },
    });
    expect(patched.statusCode).toBe(200);

    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dealers/dealers/${id}/suspend`,
      headers: compliance.bearer,
    });
    expect(suspended.json().status).toBe('suspended');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dealers/dealers/${id}/suspend`,
      headers: compliance.bearer,
    });
    expect(again.statusCode).toBe(409);

    const qual = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dealers/dealers/${id}/qualifications`,
      headers: compliance.bearer,
      payload: {
        kind: 'brand_authorisation',
        number: 'TSL-AUTH-2026-4403',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      },
    });
    expect(qual.statusCode).toBe(201);

    const [row] = await t.database.db.select().from(dealers).where(eq(dealers.id, id));
    expect(row).toMatchObject({
      status: 'suspended',
      contactPhone: '13723450000',
      brands: ['Tesla', 'Xiaomi'],
    });
    const actions = await t.database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.entityId, id));
    expect(actions.map((a) => a.action).sort()).toEqual(['dealer.create', 'dealer.suspend', 'dealer.update']);
    expect(actions.every((a) => a.actorId === compliance.accountId)).toBe(true);

    const expiring = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/dealers?expiringWithinDays=45&limit=100',
      headers: operator.bearer,
    });
    expect((expiring.json() as { items: { id: string }[] }).items.map((d) => d.id)).toContain(id);

    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dealers/dealers/${id}`,
      headers: operator.bearer,
    });
    expect(detail.json()).toMatchObject({
      id,
      stores: [],
      qualifications: [{ daysLeft: 40, expired: false }],
    });
  });

  it('creates and edits a store for a dealer', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dealers/stores',
      headers: compliance.bearer,
      payload: {
        dealerId: 'dlr_sz_byd',
        name: '深圳鹏程比亚迪宝安展厅',
        cityCode: '440300',
        district: '宝安区',
        address: '宝安大道5010号',
        latitude: 22.5805,
        longitude: 113.8832,
        phone: '0755-29996688',
        openingHours: HOURS,
        services: ['sales', 'test_drive'],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dealers/stores/${id}`,
      headers: compliance.bearer,
      payload: { services: ['sales', 'test_drive', 'after_sales'] },
    });
    expect(patched.statusCode).toBe(200);
    expect((await storeRow(id))?.services).toEqual(['sales', 'test_drive', 'after_sales']);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'store'), eq(auditLog.entityId, id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['store.create', 'store.update']);
  });
});

describe('dealer portal API', () => {
  it('shows dealer staff their own dealer and stores', async () => {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/portal/dealer',
      headers: bydStaff.bearer,
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: 'dlr_demo_bj_byd', brands: ['BYD'], city: { name: '北京' } });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/portal/stores',
      headers: bydStaff.bearer,
    });
    const ids = (list.json() as { id: string }[]).map((s) => s.id).sort();
    expect(ids).toEqual(['sto_bj_byd_chaoyang', 'sto_bj_byd_fengtai']);
  });

  it('lets dealer staff change their own store’s hours from a browser session', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/dealers/portal/stores/sto_bj_byd_fengtai',
      headers: bydStaff.browser,
      payload: { phone: '010-83682100', openingHours: HOURS },
    });
    expect(res.statusCode).toBe(200);
    const row = await storeRow('sto_bj_byd_fengtai');
    expect(row?.phone).toBe('010-83682100');
    expect(row?.openingHours.sat).toEqual(HOURS.sat);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, 'sto_bj_byd_fengtai'), eq(auditLog.action, 'store.portal_update')));
    expect(audit).toMatchObject({ actorId: bydStaff.accountId, dealerId: 'dlr_demo_bj_byd' });
  });

  it('does not let dealer A change dealer B’s store: 404 and the row is unchanged', async () => {
    const before = await storeRow('sto_sh_tesla_lujiazui');
    const audits = await auditCount();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/dealers/portal/stores/sto_sh_tesla_lujiazui',
      headers: bydStaff.bearer,
      payload: { phone: '13812345678', services: ['sales'] },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('STORE_NOT_FOUND');
    expect(await storeRow('sto_sh_tesla_lujiazui')).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('does not let dealer B read dealer A through the console routes or change stores there', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/dealers/dlr_demo_bj_byd',
      headers: teslaAdmin.bearer,
    });
    expect(read.statusCode).toBe(403);
    const before = await storeRow('sto_bj_byd_chaoyang');
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/dealers/stores/sto_bj_byd_chaoyang',
      headers: teslaAdmin.bearer,
      payload: { phone: '13812345678' },
    });
    expect(write.statusCode).toBe(403);
    expect(await storeRow('sto_bj_byd_chaoyang')).toEqual(before);
  });

  it('rejects a portal change that tries to move the store to another dealer', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/dealers/portal/stores/sto_bj_byd_chaoyang',
      headers: bydStaff.bearer,
      payload: { phone: '010-65871288', dealerId: 'dlr_demo_sh_tesla' },
    });
    expect(res.statusCode).toBe(400);
    expect((await storeRow('sto_bj_byd_chaoyang'))?.dealerId).toBe('dlr_demo_bj_byd');
  });

  it('refuses the portal to platform staff without dealer.portal', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dealers/portal/dealer',
      headers: compliance.bearer,
    });
    expect(res.statusCode).toBe(403);
  });
});
