// `npm run bench [-- NAME ...]`: measures a baseline route (static JSON, no database) and each scenario in
// the same run, prints req/s, p50, p99 and the ratio to the baseline, and writes bench/results/latest.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { PreparedTarget } from './scenarios.js';
import { scenarios } from './scenarios.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const BASELINE_CONNECTIONS = 50;

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

async function load(port: number, target: PreparedTarget, connections: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${target.path}`,
    method: target.method,
    headers: { 'content-type': 'application/json', ...(target.headers ?? {}) },
    ...(target.body ? { body: target.body } : {}),
    connections,
    duration: DURATION_S,
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
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
  const chosen = scenarios.filter((s) => names.length === 0 || names.includes(s.name));
  const { child, info } = await startServer(chosen.map((s) => s.name));
  console.log(
    `Backend: ${info.backend === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (set DATABASE_URL for PostgreSQL)'}; ${DURATION_S}s per measurement`,
  );
  try {
    // Warm up JIT and connection pools before anything is measured.
    await load(info.port, { method: 'GET', path: '/health' }, 10);
    const baseline = await load(info.port, { method: 'GET', path: '/health' }, BASELINE_CONNECTIONS);
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
      const m = await load(info.port, target, s.connections);
      figures.push({
        name: s.name,
        backend: info.backend,
        connections: s.connections,
        ...m,
        baselineReqPerSec: baseline.reqPerSec,
        ratio: Number((m.reqPerSec / baseline.reqPerSec).toFixed(3)),
      });
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
    console.log('\nWritten to bench/results/latest.json');
    if (figures.some((f) => f.non2xx > 0)) {
      console.error('Some requests did not answer 2xx: the figures above are not valid.');
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
