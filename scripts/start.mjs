// `npm start`: builds the web app when its sources are newer than the build, then runs the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist/web/index.html');
const BROWSER_SAFE_NAMES =
  /(\.contract\.ts|\.enums\.ts|\.permissions\.ts|^(permissions|roles|text|inspection|phone|dealers\.uscc)\.ts)$/;

function newestMtime(dir, accept = () => true) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, accept));
    else if (accept(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureWebBuilt() {
  if (!existsSync(path.join(root, 'vite.config.ts'))) return;
  const sources = Math.max(
    newestMtime(path.join(root, 'src/web')),
    // The web app imports the server's Zod contracts, enums and the few pure files they use (the list
    // BROWSER_SAFE in .dependency-cruiser.cjs).
    newestMtime(path.join(root, 'src/server'), (name) => BROWSER_SAFE_NAMES.test(name)),
    statSync(path.join(root, 'index.html')).mtimeMs,
    statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the web app (first start or sources changed)...');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureWebBuilt();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
