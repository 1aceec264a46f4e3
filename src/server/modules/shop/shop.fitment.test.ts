import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { BYD_STORE, readyOrder } from '../fulfilment/fulfilment.testing.js';
import {
  newBuyer,
  newCarListing,
  type OrdersWorld,
  placeOk,
  receiveUnit,
  setupOrdersWorld,
} from '../orders/orders.testing.js';
import type { TMyCar } from './shop.contract.js';

// "Fits my car": the buyer's own cars come from their vehicle orders (trim -> series and model year), and
// the accessory list filtered by one of them shows what fits it.

let w: OrdersWorld;

beforeAll(async () => {
  w = await setupOrdersWorld(await createTestApp());
});
afterAll(async () => {
  await w.t.close();
});

describe('fits my car', () => {
  it('lists the buyer’s paid cars by series and model year, and filters accessories by one of them', async () => {
    const { buyer, order } = await readyOrder(w);
    const res = await w.t.app.inject({ url: '/api/v1/shop/my-cars', headers: buyer.bearer });
    expect(res.statusCode, res.body).toBe(200);
    const cars = res.json().items as TMyCar[];
    expect(cars).toHaveLength(1);
    const car = cars[0] as TMyCar;
    expect(car).toMatchObject({ orderId: order.id, orderNumber: order.orderNumber });
    expect(car.seriesName).toContain('汉');

    // An order still waiting for its deposit is not a car yet.
    const other = await newBuyer(w);
    const listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    await placeOk(w, other, listingId);
    const none = await w.t.app.inject({ url: '/api/v1/shop/my-cars', headers: other.bearer });
    expect(none.json().items).toEqual([]);
    // Signed-out visitors have no cars.
    expect((await w.t.app.inject({ url: '/api/v1/shop/my-cars' })).statusCode).toBe(401);

    const cat = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/accessories/categories',
      headers: w.operator.bearer,
      payload: { name: '脚垫', nameEn: 'Floor mats' },
    });
    const add = (name: string, sku: string, yearFrom: number, yearTo: number) =>
      w.t.app.inject({
        method: 'POST',
        url: '/api/v1/catalog/accessories',
        headers: w.operator.bearer,
        payload: {
          categoryId: cat.json().id,
          name,
          status: 'listed',
          variants: [{ sku, priceFen: 59_900 }],
          fitments: [{ seriesId: car.seriesId, yearFrom, yearTo }],
        },
      });
    expect((await add('汉 本年款 TPE脚垫', 'MAT-MYCAR-NOW', car.modelYear, car.modelYear)).statusCode).toBe(
      201,
    );
    expect((await add('汉 老款 TPE脚垫', 'MAT-MYCAR-OLD', 2015, car.modelYear - 1)).statusCode).toBe(201);
    const list = await w.t.app.inject({
      url: `/api/v1/catalog/accessories?categoryId=${cat.json().id}&seriesId=${car.seriesId}&year=${car.modelYear}`,
    });
    expect((list.json().items as { name: string }[]).map((a) => a.name)).toEqual(['汉 本年款 TPE脚垫']);
  });
});
