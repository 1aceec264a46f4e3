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
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await resolveSessionPrincipal(database.db, ctx, staff.token);
  const t1 = performance.now();
  for (let i = 0; i < 300; i++) await loadStaffMe(database.db, staff.accountId);
  const t2 = performance.now();
  console.log(`principal ${((t1 - t0) / 300).toFixed(2)} ms, loadStaffMe ${((t2 - t1) / 300).toFixed(2)} ms`);
}
await database.close();
