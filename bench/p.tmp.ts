import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createContext } from '../src/server/context.js';
import { systemClock } from '../src/server/kernel/clock.js';
import { openDatabase } from '../src/server/kernel/db/client.js';

const config = loadConfig({
  ...process.env,
  DATA_DIR: '/tmp/ayprof',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000000',
});
const database = await openDatabase({ url: config.databaseUrl });
const ctx = createContext(config, database, systemClock);
const app = await buildApp(ctx);
await app.ready();
const url = process.argv[2]!;
for (let r = 0; r < 1; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) console.log(res.statusCode, res.body.slice(0, 200));
  }
  console.log(`seq ${((performance.now() - t0) / 20).toFixed(1)} ms/req`);
}
const t0 = performance.now();
let n = 0;
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (performance.now() - t0 < 3000) {
      await app.inject({ method: 'GET', url });
      n++;
    }
  }),
);
console.log(`conc50 ${(n / 3).toFixed(0)} req/s`);
await app.close();
await database.close();
