import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { newId } from '../../kernel/ids.js';
import type { TestApp } from '../../testing/app.js';
import { insertTestTrims } from '../catalog/catalog.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import { insertTestListing } from '../listings/listings.testing.js';
import type { TChatServerFrame } from './leads.consultation.contract.js';

// For consultation tests (and the bench): advisors, a vehicle to chat about, and a real WebSocket client.

export async function makeAdvisor(
  t: TestApp,
  operator: TestStaff,
  name: string,
  where: {
    dealerId: string | null;
    storeId: string | null;
    cityCode: string | null;
    maxConversations?: number;
  },
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
  if (res.statusCode !== 200) throw new Error(`advisor: ${res.body}`);
  await setAvailability(t, staff, availability);
  return staff;
}

export async function setAvailability(
  t: TestApp,
  staff: TestStaff,
  availability: 'online' | 'busy' | 'offline',
): Promise<void> {
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/leads/advisors/me/availability',
    headers: staff.bearer,
    payload: { availability },
  });
  if (res.statusCode !== 200) throw new Error(`availability: ${res.body}`);
}

/** A new-car listing of the demo BYD dealer's Chaoyang store in Beijing (a fixture row). */
export async function demoListingAtStore(
  t: TestApp,
): Promise<{ id: string; dealerId: string; storeId: string; cityCode: string }> {
  const trimId = (await insertTestTrims(t.database.db)).bydHan;
  const at = t.ctx.clock.now();
  const listing = {
    id: newId('lst'),
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_chaoyang',
    cityCode: '110100',
  };
  await insertTestListing(t.database.db, {
    ...listing,
    kind: 'new',
    trimId,
    title: '比亚迪 汉EV 冠军版 | 现车',
    priceFen: 21_980_000,
    status: 'listed',
    createdAt: at,
    updatedAt: at,
  });
  return listing;
}

/** A WebSocket client that records every frame and can wait for one. */
export class ChatClient {
  readonly frames: TChatServerFrame[] = [];
  readonly #ws: WebSocket;
  #waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (raw) => {
      this.frames.push(JSON.parse(raw.toString()) as TChatServerFrame);
      const w = this.#waiters;
      this.#waiters = [];
      for (const f of w) f();
    });
  }

  static async connect(baseUrl: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/leads/consultations/ws`, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new ChatClient(ws);
  }

  send(frame: Record<string, unknown>): void {
    this.#ws.send(JSON.stringify(frame));
  }

  messages(conversationId?: string) {
    return this.frames.flatMap((f) =>
      f.type === 'message' && (!conversationId || f.conversationId === conversationId) ? [f.message] : [],
    );
  }

  async waitFor(check: (c: ChatClient) => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#ws.readyState === WebSocket.CLOSED) return resolve();
      this.#ws.once('close', () => resolve());
      this.#ws.close();
    });
  }
}

/** Starts the app on a free local port and returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}
