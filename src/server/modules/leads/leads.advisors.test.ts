import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../kernel/db/transaction.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { pickAdvisor, type RoutingTarget } from './leads.advisors.js';
import { leadAdvisorTable } from './leads.advisors.schema.js';

let t: TestApp;
let operator: TestStaff;
let dealerAdmin: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  dealerAdmin = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_bj_byd' });
  // Only this file's advisors take part in routing.
  await t.database.db.update(leadAdvisorTable).set({ availability: 'offline' });
});
afterAll(async () => {
  await t.close();
});

async function advisor(
  name: string,
  where: { dealerId: string | null; storeId: string | null; cityCode: string | null; brandIds?: string[] },
  availability: 'online' | 'busy' | 'offline' = 'online',
): Promise<TestStaff> {
  const staff = await createTestStaff(t.ctx, {
    roles: where.dealerId ? ['dealer_staff'] : ['sales_advisor'],
    dealerId: where.dealerId,
    displayName: name,
  });
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/leads/advisors/${staff.accountId}`,
    headers: operator.bearer,
    payload: { displayName: name, brandIds: [], managerAccountId: null, maxConversations: 5, ...where },
  });
  expect(res.statusCode).toBe(200);
  const set = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/leads/advisors/me/availability',
    headers: staff.bearer,
    payload: { availability },
  });
  expect(set.json()).toMatchObject({ availability });
  return staff;
}

function pick(target: RoutingTarget, onlineOnly = true, exclude: string[] = []) {
  return withTransaction(t.database.db, (tx) =>
    pickAdvisor(tx, target, { onlineOnly, exclude, at: t.ctx.clock.now() }),
  );
}

describe('advisor routing', () => {
  it('goes to the vehicle’s store, then its dealer, then the city and brand, then the platform', async () => {
    const store = await advisor('门店顾问', { dealerId: 'dlr_x', storeId: 'sto_x1', cityCode: '330100' });
    const dealer = await advisor('经销商顾问', { dealerId: 'dlr_x', storeId: 'sto_x2', cityCode: '330100' });
    const cityBrand = await advisor('同城顾问', {
      dealerId: 'dlr_y',
      storeId: 'sto_y1',
      cityCode: '320500',
      brandIds: ['brd_nio'],
    });
    const platform = await advisor('平台顾问', { dealerId: null, storeId: null, cityCode: null });

    expect((await pick({ dealerId: 'dlr_x', storeId: 'sto_x1', cityCode: '330100' }))?.accountId).toBe(
      store.accountId,
    );
    expect(
      (await pick({ dealerId: 'dlr_x', storeId: 'sto_x1', cityCode: '330100' }, true, [store.accountId]))
        ?.accountId,
    ).toBe(dealer.accountId);
    expect((await pick({ cityCode: '320500', brandId: 'brd_nio' }))?.accountId).toBe(cityBrand.accountId);
    // Another brand in that city: the dealer advisor does not sell it, so the platform takes it.
    expect((await pick({ cityCode: '320500', brandId: 'brd_byd' }))?.accountId).toBe(platform.accountId);
  });

  it('takes turns among advisors of one tier and passes by those not online', async () => {
    const a = await advisor('轮询甲', { dealerId: 'dlr_rr', storeId: 'sto_rr', cityCode: '440300' });
    const b = await advisor('轮询乙', { dealerId: 'dlr_rr', storeId: 'sto_rr', cityCode: '440300' });
    const away = await advisor(
      '轮询丙',
      { dealerId: 'dlr_rr', storeId: 'sto_rr', cityCode: '440300' },
      'busy',
    );
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) picks.push((await pick({ storeId: 'sto_rr' }))?.accountId ?? '');
    expect(new Set(picks)).toEqual(new Set([a.accountId, b.accountId]));
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[2]).toBe(picks[0]);
    // Lead assignment also takes busy advisors.
    const withBusy = new Set<string>();
    for (let i = 0; i < 3; i++) withBusy.add((await pick({ storeId: 'sto_rr' }, false))?.accountId ?? '');
    expect(withBusy.has(away.accountId)).toBe(true);
  });

  it('answers null when nobody fits, and a dealer sees and manages only its own advisors', async () => {
    await t.database.db.update(leadAdvisorTable).set({ availability: 'offline' });
    expect(await pick({ cityCode: '110100' })).toBeNull();

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leads/advisors',
      headers: dealerAdmin.bearer,
    });
    const items = list.json().items as { dealerId: string | null }[];
    expect(items.every((i) => i.dealerId === 'dlr_demo_bj_byd')).toBe(true);
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/leads/advisors/${operator.accountId}`,
      headers: dealerAdmin.bearer,
      payload: {
        displayName: '越权',
        dealerId: 'dlr_x',
        storeId: null,
        cityCode: null,
        brandIds: [],
        managerAccountId: null,
        maxConversations: 5,
      },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('ADVISOR_NOT_FOUND');
  });
});
