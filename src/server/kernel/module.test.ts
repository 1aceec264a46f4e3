import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { guardPlugin } from './auth/guard.js';
import { definePermissions } from './auth/permissions.js';
import { defineEvents, subscription } from './events/define.js';
import { defineErrors } from './http/errors.js';
import { checkModules, defineModule, installModules, job, ModuleDefinitionError } from './module.js';

const notFound = { status: 404, zh: '未找到订单', en: 'Order not found', when: 'no such order' };
const OrderEvents = defineEvents({
  orderPaid: {
    name: 'orders.order_paid',
    aggregateType: 'order',
    payload: z.object({ orderId: z.string() }),
    description: 'a deposit was captured',
  },
});
const RefundEvents = defineEvents({
  refunded: {
    name: 'payments.refunded',
    aggregateType: 'payment',
    payload: z.object({ paymentId: z.string() }),
    description: 'a refund settled',
  },
});
const orders = defineModule({
  name: 'orders',
  errors: defineErrors({ ORDER_NOT_FOUND_T: notFound }),
  permissions: definePermissions({ 'orders.read': { zh: '查看订单', en: 'View orders', grants: ['admin'] } }),
  events: OrderEvents,
  jobs: [job('orders.expire_holds', async () => undefined)],
  schedules: [
    { name: 'orders.expire_holds.minutely', spec: { everySeconds: 60 }, job: 'orders.expire_holds' },
  ],
});
const points = defineModule({
  name: 'points',
  subscriptions: [subscription(OrderEvents.orderPaid, 'points.award_for_order', async () => undefined)],
});

describe('module definitions at start-up', () => {
  it('accepts a consistent list', () => {
    expect(checkModules([orders, points])).toEqual([]);
  });

  it('refuses an error code two modules declare', () => {
    const other = defineModule({ name: 'other', errors: defineErrors({ ORDER_NOT_FOUND_T: notFound }) });
    expect(checkModules([orders, other])).toEqual([
      'error code ORDER_NOT_FOUND_T is declared by orders and by other',
    ]);
  });

  it('refuses a permission two modules declare', () => {
    const other = defineModule({
      name: 'other',
      permissions: definePermissions({ 'orders.read': { zh: '看', en: 'Read', grants: [] } }),
    });
    expect(checkModules([orders, other])).toEqual([
      'permission orders.read is declared by orders and by other',
    ]);
  });

  it('refuses a subscription to an event no module publishes', () => {
    const audit = defineModule({
      name: 'audit',
      subscriptions: [subscription(RefundEvents.refunded, 'audit.record_refund', async () => undefined)],
    });
    expect(checkModules([orders, audit])).toEqual([
      'subscription audit.record_refund (audit) listens for payments.refunded, which no module publishes',
    ]);
  });

  it('refuses a schedule whose job nobody handles and a module name used twice', () => {
    const broken = defineModule({
      name: 'orders',
      schedules: [{ name: 'orders.nightly', spec: { dailyAt: '02:00' }, job: 'orders.nightly_report' }],
    });
    expect(checkModules([orders, broken])).toEqual([
      'module orders is declared by orders and by orders',
      'schedule orders.nightly (orders) enqueues orders.nightly_report, which nobody handles',
    ]);
  });

  it('throws every problem at once from installModules and wires nothing', () => {
    const lonely = defineModule({
      name: 'lonely',
      subscriptions: [subscription(RefundEvents.refunded, 'lonely.on_refund', async () => undefined)],
    });
    const dup = defineModule({ name: 'dup', errors: defineErrors({ ORDER_NOT_FOUND_T: notFound }) });
    let thrown: unknown;
    try {
      installModules([orders, lonely, dup]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModuleDefinitionError);
    expect((thrown as ModuleDefinitionError).problems).toHaveLength(2);
    expect((thrown as Error).message).toContain('which no module publishes');
  });

  it('refuses to start an app with a route under /api that declares no auth', async () => {
    const app = Fastify();
    await app.register(guardPlugin);
    await app.after();
    expect(() => app.get('/api/v1/orders/list', async () => ({ ok: true }))).toThrow(
      'Route GET /api/v1/orders/list must declare config.auth',
    );
    await app.close();
  });
});
