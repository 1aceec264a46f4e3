// `npm test`: lint, type-check, import graph, unit + integration tests on PGlite, the DB tests again on
// PostgreSQL when DATABASE_URL is set, then browser journeys. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
vitest('tests on PGlite', [], { TEST_DB: 'pglite' });
if (process.env.DATABASE_URL) {
  // Only the server's tests touch the database; the web component tests ran in the first pass.
  vitest('tests on PostgreSQL', ['src/server', 'scripts'], { TEST_DB: 'postgres' });
} else {
  console.log('\nDATABASE_URL is not set: the PostgreSQL pass is skipped (CI runs it).');
}
if (existsSync('vitest.e2e.config.ts')) vitest('browser journeys', ['--config', 'vitest.e2e.config.ts'], {});

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length > 0 ? 1 : 0);
