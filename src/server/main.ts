import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './kernel/clock.js';
import { createContext } from './kernel/create-context.js';
import { openDatabase } from './kernel/db/client.js';
import { migrate } from './kernel/db/migrate.js';
import { installModules } from './kernel/module.js';
import { ensureDefaultRoleGrants } from './modules/identity/index.js';
import { platformModules } from './modules/index.js';
import { SeedError, seedOnStart } from './seed/run.js';

/** start: config -> db -> migrate -> seed if empty -> app -> listen -> jobs */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Autoyard cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  await migrate(database);
  // The modules' permissions (and errors, jobs, ...) before anything reads them: the default role grants
  // below and the seed. buildApp installs the same list again, which is a no-op.
  installModules(platformModules);
  // Role grants are data an admin edits; a fresh database starts from the built-in defaults.
  await ensureDefaultRoleGrants(database.db);
  const ctx = createContext(config, database, systemClock);
  let logins: Awaited<ReturnType<typeof seedOnStart>>;
  try {
    logins = await seedOnStart(ctx);
  } catch (e) {
    if (e instanceof SeedError) {
      console.error(`Autoyard cannot start: ${e.message}`);
      await database.close();
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  ctx.jobs.start(app.log);
  const base = config.publicUrl;
  const lines = [
    '',
    `Autoyard is running (${database.backend === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL'})`,
    `  Storefront     ${base}/`,
    `  Console        ${base}/console`,
    `  Dealer portal  ${base}/dealer`,
  ];
  if (config.apiDocs) lines.push(`  API docs       ${base}/api/docs`);
  if (config.env !== 'production') lines.push(`  SMS dev inbox  ${base}/dev/sms`);
  if (logins.length > 0) {
    lines.push(
      '',
      config.env === 'production'
        ? 'Demo logins (passwords generated for this database and shown only now: store them or reset them):'
        : 'Demo logins:',
    );
    for (const l of logins)
      lines.push(`  ${l.area.padEnd(10)} ${l.role.padEnd(18)} ${l.login.padEnd(28)} ${l.secret}`);
  }
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await ctx.jobs.stop();
    // The app first: its close hooks write buffered counters (search views and queries).
    await app.close();
    await ctx.cacheBus.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
