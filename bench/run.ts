// `npm run bench [-- NAME ...]`: measures a baseline route (static JSON, no database) and each scenario in
// the same run, prints req/s, p50, p99 and the ratio to the baseline, and writes bench/results/latest.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import type { PreparedTarget } from './scenarios.js';
import { scenarios } from './scenarios.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const BASELINE_CONNECTIONS = 50;
const WARMUP_S = 3;

interface ServerInfo {
  port: number;
  backend: 'pglite' | 'postgres';
  targets: Record<string, PreparedTarget>;
}

interface Figure {
  name: string;
  backend: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  baselineReqPerSec: number;
  ratio: number;
  non2xx: number;
}

function startServer(names: string[]): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'server.ts'), ...names], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) as ServerInfo }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/** Per target, so a warm-up and the measurement after it walk on through the paths, not over the same ones. */
const cursors = new WeakMap<PreparedTarget, { next: number }>();

async function load(port: number, target: PreparedTarget, connections: number, durationS = DURATION_S) {
  const paths = target.paths;
  const variants = target.variants;
  const cursor = cursors.get(target) ?? { next: 0 };
  cursors.set(target, cursor);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${target.path}`,
    method: target.method,
    headers: { 'content-type': 'application/json', ...(target.headers ?? {}) },
    ...(target.body ? { body: target.body } : {}),
    ...(variants && variants.length > 0 && paths && paths.length > 0
      ? {
          // Path and body of request k together (chat-fanout: each message to its own conversation).
          requests: [
            {
              setupRequest: (req) => {
                const k = cursor.next++;
                const v = variants[k % variants.length];
                return {
                  ...req,
                  path: paths[k % paths.length] ?? target.path,
                  headers: { ...req.headers, ...(v?.headers ?? {}) },
                  ...(v?.body ? { body: v.body } : {}),
                };
              },
            },
          ],
        }
      : variants && variants.length > 0
        ? {
            requests: [
              {
                setupRequest: (req) => {
                  const v = variants[cursor.next++ % variants.length];
                  return {
                    ...req,
                    headers: { ...req.headers, ...(v?.headers ?? {}) },
                    ...(v?.body ? { body: v.body } : {}),
                  };
                },
              },
            ],
          }
        : paths && paths.length > 0
          ? {
              // One shared counter, so concurrent connections ask for different paths rather than in lockstep.
              requests: [
                {
                  setupRequest: (req) => ({
                    ...req,
                    path: paths[cursor.next++ % paths.length] ?? target.path,
                  }),
                },
              ],
            }
          : {}),
    connections,
    duration: durationS,
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** Waits until work queued by the previous measurement has drained (a database round trip is quick again). */
async function drain(port: number): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const started = Date.now();
    await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
    if (Date.now() - started < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * chat-fanout: opens the scenario's WebSockets, says hello to each conversation, and records for every
 * message frame received during the measurement how long after its request (the server's createdAt) it came.
 */
async function openChatSockets(port: number, entries: { conversationId: string; visitorToken: string }[]) {
  const latencies: number[] = [];
  let measuring = false;
  const sockets: WebSocket[] = [];
  await Promise.all(
    entries.map(
      (e) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/leads/consultations/ws`);
          sockets.push(ws);
          ws.on('open', () => {
            ws.send(
              JSON.stringify({
                type: 'hello',
                conversationId: e.conversationId,
                // From the start: the server replays what is there (old, not measured) and then goes live.
                lastSeq: 0,
                visitorToken: e.visitorToken,
              }),
            );
          });
          ws.on('message', (raw) => {
            const f = JSON.parse(raw.toString()) as {
              type: string;
              message?: { createdAt: string; sender: string };
            };
            if (f.type === 'welcome') resolve();
            // Only the buyers' messages sent by the load (the replayed greeting is old).
            if (f.type === 'message' && f.message?.sender === 'buyer' && measuring)
              latencies.push(Date.now() - Date.parse(f.message.createdAt));
          });
          ws.on('error', reject);
        }),
    ),
  );
  return {
    /** Counts deliveries from now on (the measurement, not the warm-up). */
    start() {
      measuring = true;
    },
    stop() {
      measuring = false;
      for (const ws of sockets) ws.close();
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { delivered: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) };
    },
  };
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = names.filter((n) => !scenarios.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(
      `Unknown scenario(s): ${unknown.join(', ')}. Known: ${scenarios.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = scenarios.filter((s) => (names.length === 0 && !s.onlyWhenNamed) || names.includes(s.name));
  const { child, info } = await startServer(chosen.map((s) => s.name));
  console.log(
    `Backend: ${info.backend === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (set DATABASE_URL for PostgreSQL)'}; ${DURATION_S}s per measurement`,
  );
  try {
    // Warm up JIT and connection pools before anything is measured.
    await load(info.port, { method: 'GET', path: '/health' }, 10);
    const baseline = await load(info.port, { method: 'GET', path: '/health' }, BASELINE_CONNECTIONS);
    const verifications: string[] = [];
    const deliveries: { name: string; sockets: number; delivered: number; p50Ms: number; p99Ms: number }[] =
      [];
    const failedChecks: string[] = [];
    const figures: Figure[] = [
      {
        name: 'baseline',
        backend: info.backend,
        connections: BASELINE_CONNECTIONS,
        ...baseline,
        baselineReqPerSec: baseline.reqPerSec,
        ratio: 1,
      },
    ];
    for (const s of chosen) {
      const target = info.targets[s.name];
      if (!target) throw new Error(`scenario ${s.name} was not prepared`);
      const sockets = target.sockets ? await openChatSockets(info.port, target.sockets) : null;
      // A short warm-up (JIT, pools, caches a real server would have warm), then the measurement.
      await load(info.port, target, s.connections, WARMUP_S);
      await drain(info.port);
      const prof = process.env.BENCH_PROF !== undefined;
      if (prof) await fetch(`http://127.0.0.1:${info.port}/bench/profile/start`, { method: 'POST' });
      sockets?.start();
      const m = await load(info.port, target, s.connections);
      if (prof) {
        const res = await fetch(`http://127.0.0.1:${info.port}/bench/profile/stop/${s.name}`, {
          method: 'POST',
        });
        console.log(`profile of ${s.name}: ${((await res.json()) as { file: string }).file}`);
      }
      await drain(info.port);
      if (sockets) {
        // Wait for the tail of the deliveries, then stop listening.
        await new Promise((r) => setTimeout(r, 1000));
        const d = sockets.stop();
        console.log(
          `${s.name}: ${target.sockets?.length} sockets, ${d.delivered} deliveries (${Math.round(d.delivered / DURATION_S)}/s), delivery p50 ${d.p50Ms} ms, p99 ${d.p99Ms} ms`,
        );
        deliveries.push({ name: s.name, sockets: target.sockets?.length ?? 0, ...d });
      }
      figures.push({
        name: s.name,
        backend: info.backend,
        connections: s.connections,
        ...m,
        baselineReqPerSec: baseline.reqPerSec,
        ratio: Number((m.reqPerSec / baseline.reqPerSec).toFixed(3)),
      });
      if (s.verify) {
        const res = await fetch(`http://127.0.0.1:${info.port}/bench/verify/${s.name}`);
        const check = (await res.json()) as { ok: boolean; lines: string[] };
        verifications.push(...check.lines.map((l) => `${s.name}: ${l}`));
        if (!check.ok) failedChecks.push(s.name);
      }
    }
    console.log('');
    console.log(
      `${'scenario'.padEnd(22)} ${'conns'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'x baseline'.padStart(10)} ${'non-2xx'.padStart(8)}`,
    );
    for (const f of figures) {
      console.log(
        `${f.name.padEnd(22)} ${String(f.connections).padStart(5)} ${String(f.reqPerSec).padStart(8)} ${String(f.p50Ms).padStart(7)} ${String(f.p99Ms).padStart(7)} ${f.ratio.toFixed(3).padStart(10)} ${String(f.non2xx).padStart(8)}`,
      );
    }
    mkdirSync(path.join('bench', 'results'), { recursive: true });
    writeFileSync(
      path.join('bench', 'results', 'latest.json'),
      `${JSON.stringify(
        figures.map(({ non2xx: _n, ...f }) => f),
        null,
        2,
      )}\n`,
    );
    if (deliveries.length > 0) {
      writeFileSync(
        path.join('bench', 'results', 'chat-delivery.json'),
        `${JSON.stringify(deliveries, null, 2)}\n`,
      );
    }
    console.log('\nWritten to bench/results/latest.json');
    if (verifications.length > 0) console.log(`\n${verifications.join('\n')}`);
    if (failedChecks.length > 0) {
      console.error(`Checks failed after the load: ${failedChecks.join(', ')}`);
      process.exitCode = 1;
    }
    if (figures.some((f) => f.non2xx > 0)) {
      console.error('Some requests did not answer 2xx: the figures above are not valid.');
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
