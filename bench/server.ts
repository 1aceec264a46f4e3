// Bench server process: opens the database (DATABASE_URL or a temporary PGlite), migrates, prepares every
// requested scenario, listens on a free port and prints one JSON line for the load generator.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { systemClock } from '../src/server/kernel/clock.js';
import { createContext } from '../src/server/kernel/create-context.js';
import { openDatabase } from '../src/server/kernel/db/client.js';
import { migrate } from '../src/server/kernel/db/migrate.js';
import { installModules } from '../src/server/kernel/module.js';
import { platformModules } from '../src/server/modules/index.js';
import { scenarios } from './scenarios.js';

const wanted = process.argv.slice(2);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-bench-'));
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'development',
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'never',
  // Bench traffic comes from one IP: lift the per-IP limit so it measures the route, not the limiter.
  RATE_LIMIT_PER_MINUTE: '100000000',
  ANALYTICS_COLLECT_PER_MINUTE: '100000000',
});
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(dataDir, 'pglite') });
await migrate(database);
const ctx = createContext(config, database, systemClock);
// Scenarios create staff (role grants from the modules' permissions) before the app is built.
installModules(platformModules);
const targets: Record<string, unknown> = {};
for (const s of scenarios) {
  if ((wanted.length === 0 && !s.onlyWhenNamed) || wanted.includes(s.name))
    targets[s.name] = await s.prepare(ctx);
}
const app = await buildApp(ctx);
// After a measurement the load generator asks the scenario to check what the load left behind.
app.get<{ Params: { name: string } }>('/bench/verify/:name', async (req) => {
  const scenario = scenarios.find((s) => s.name === req.params.name);
  return scenario?.verify ? scenario.verify(ctx) : { ok: true, lines: [] };
});
// BENCH_PROF=1: the load generator profiles each measurement only (not the seeding), written to /tmp/prof.
if (process.env.BENCH_PROF) {
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  app.post('/bench/profile/start', async () => {
    await session.post('Profiler.start');
    return { ok: true };
  });
  app.post<{ Params: { name: string } }>('/bench/profile/stop/:name', async (req) => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync('/tmp/prof', { recursive: true });
    const file = `/tmp/prof/${req.params.name}-${Date.now()}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    return { file };
  });
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port, backend: database.backend, targets })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await ctx.cacheBus.close();
  await database.close();
  process.exit(0);
});
