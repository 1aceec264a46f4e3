import { loadConfig } from '../src/server/config.js';
import { createContext } from '../src/server/context.js';
import { systemClock } from '../src/server/kernel/clock.js';
import { openDatabase } from '../src/server/kernel/db/client.js';
import {
  createTestStaff,
  loadStaffMe,
  resolveSessionPrincipal,
} from '../src/server/modules/identity/index.js';

const config = loadConfig({ ...process.env, DATA_DIR: '/tmp/ayprof', LOG_LEVEL: 'silent' });
const database = await openDatabase({ url: config.databaseUrl });
const ctx = createContext(config, database, systemClock);
const staff = await createTestStaff(ctx, { roles: ['operator'] });
for (const conc of [1, 10, 50]) {
  const t0 = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (performance.now() - t0 < 2000) {
        await resolveSessionPrincipal(database.db, ctx, staff.token);
        await loadStaffMe(database.db, staff.accountId);
        n++;
      }
    }),
  );
  console.log(`conc ${conc}: ${(n / ((performance.now() - t0) / 1000)).toFixed(0)} req/s`);
}
await database.close();
