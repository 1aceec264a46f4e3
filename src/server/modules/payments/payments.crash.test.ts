import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../config.js';
import { createTestApp } from '../../testing/app.js';
import { getOrder } from '../orders/index.js';
import {
  newBuyer,
  type OrdersWorld,
  orderBody,
  placeRequest,
  setupOrdersWorld,
  usedCarListing,
} from '../orders/orders.testing.js';
import { assertLedgerBalanced, orderMoney } from './payments.ledger.js';
import { paymentIntents, sandboxTrades } from './payments.schema.js';

// kill -9 of the server between the gateway's success and our update (issue 10): a real server process on
// this test's PostgreSQL database dies inside the notification's transaction (FAILPOINTS), is started
// again, and heals by itself: the notification job, taken back from the dead worker, is delivered again.

const onPostgres = inject('testDb').backend === 'postgres';
const FAILPOINT = 'payments.notification.before_commit';

let w: OrdersWorld;
let dataDir: string;
let running: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts src/server/main.ts on this test's database; resolves once it answers /health. */
async function startServer(port: number, failpoints: string): Promise<ChildProcess> {
  const secrets = testConfig();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      DATABASE_URL: w.t.database.url,
      SEED_DEMO: 'never',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: secrets.sessionSecret,
      DATA_ENCRYPTION_KEY: secrets.dataEncryptionKey,
      PAYMENT_NOTIFY_BASE_URL: base,
      PAYMENT_SANDBOX_DELAY_SECONDS: '0',
      PAYMENT_SANDBOX_DUPLICATE_RATE: '0',
      PAYMENT_SANDBOX_OUT_OF_ORDER_RATE: '0',
      PAYMENT_SANDBOX_LOSS_RATE: '0',
      JOB_LEASE_SECONDS: '2',
      FAILPOINTS: failpoints,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  running = child;
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited: ${stderr}`);
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${stderr}`);
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 480; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(onPostgres)('a crash between the gateway’s success and our update (PostgreSQL only)', () => {
  beforeAll(async () => {
    const t = await createTestApp();
    // The server process runs on the real clock: the test's rows are written at the same time.
    t.clock.set(new Date());
    w = await setupOrdersWorld(t);
    dataDir = mkdtempSync(path.join(tmpdir(), 'autoyard-crash-'));
  });
  afterAll(async () => {
    if (running && running.exitCode === null && running.signalCode === null) {
      running.kill('SIGTERM');
      await exited(running);
    }
    await w?.t.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('dies inside the notification’s transaction, keeps nothing half-written, and settles the deposit once after a restart', async () => {
    const { listingId } = await usedCarListing(w);
    const buyer = await newBuyer(w);
    const placed = await placeRequest(w, buyer, orderBody(listingId, { depositFen: 500_000 }));
    expect(placed.statusCode, placed.body).toBe(201);
    const { id: orderId, payment } = placed.json() as { id: string; payment: { id: string } };
    const db = w.t.database.db;

    const port = await freePort();
    const first = await startServer(port, FAILPOINT);
    // The buyer pays on the sandbox gateway; its notification job calls our notify URL, and the server
    // is killed (SIGKILL) after applying the payment but before the commit.
    const pay = await fetch(`http://127.0.0.1:${port}/api/v1/payments/sandbox/${payment.id}/succeed`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(pay.status).toBe(303);
    expect(await exited(first)).toBe('SIGKILL');

    // The gateway has the money; we have nothing: the transaction died with the process.
    const [intent] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, payment.id));
    expect(intent?.status).toBe('pending');
    const [trade] = await db
      .select()
      .from(sandboxTrades)
      .where(eq(sandboxTrades.merchantOrderNo, intent?.merchantOrderNo ?? ''));
    expect(trade?.state).toBe('PAID');
    expect((await getOrder(db, orderId)).status).toBe('created');
    expect((await orderMoney(db, orderId)).paidFen).toBe(0);

    // Started again without the crash point: the dead worker's notification job is due again after its
    // lease and is delivered; the order moves on by its event.
    await startServer(port, '');
    const after = await until(
      () => getOrder(db, orderId),
      (order) => order.status === 'deposit_paid',
      'the deposit to settle',
    );
    expect(after.depositPaidFen).toBe(500_000);
    const [settled] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, payment.id));
    expect(settled?.status).toBe('succeeded');
    expect((await orderMoney(db, orderId)).paidFen).toBe(500_000);
    await assertLedgerBalanced(db);
  }, 300_000);
});
