// `npm test`: lint, type-check, import graph, unit + integration tests on PGlite, the DB tests again on
// PostgreSQL when DATABASE_URL is set, then browser journeys. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'autoyard-results-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

/** Module test folders that also run on PGlite when PostgreSQL is available (backend-equivalence tests). */
const PGLITE_ALSO = ['src/server/modules/search/', 'src/server/modules/dealers/'];

/** Every unit/integration test file except the business modules' (see PGLITE_ALSO). */
function pgliteFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && p !== path.join('test', 'e2e')) walk(p);
      } else if (/\.test\.tsx?$/.test(entry.name)) out.push(p.split(path.sep).join('/'));
    }
  };
  for (const root of ['src', 'test', 'scripts']) if (existsSync(root)) walk(root);
  return out.filter((f) => !f.startsWith('src/server/modules/') || PGLITE_ALSO.some((d) => f.startsWith(d)));
}

function vitest(label, args, env) {
  const out = path.join(tmp, `${label.replace(/\W+/g, '_')}.json`);
  run(
    label,
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
}

run('lint (biome)', 'npx', ['biome', 'check', '.']);
run('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// No import cycles, a kernel that imports no module, modules reached only through their index.ts.
run('import graph (dependency-cruiser)', 'npx', [
  'depcruise',
  'src',
  '--config',
  '.dependency-cruiser.cjs',
  '--output-type',
  'err',
]);
if (process.env.DATABASE_URL) {
  // With PostgreSQL at hand (CI), the business modules' tests run once, on PostgreSQL, the production
  // database; PGlite (what `npm start` embeds) still runs everything else (kernel, app, seeds, scripts, web)
  // and the modules whose tests prove both backends answer alike, and the browser journeys run on it.
  // Running every module test twice took CI past 50 minutes.
  vitest('tests on PGlite', pgliteFiles(), { TEST_DB: 'pglite' });
  vitest('tests on PostgreSQL', ['src/server', 'scripts'], { TEST_DB: 'postgres' });
} else {
  vitest('tests on PGlite', [], { TEST_DB: 'pglite' });
  console.log('\nDATABASE_URL is not set: the PostgreSQL pass is skipped (CI runs it).');
}
if (existsSync('vitest.e2e.config.ts')) vitest('browser journeys', ['--config', 'vitest.e2e.config.ts'], {});

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length > 0 ? 1 : 0);
