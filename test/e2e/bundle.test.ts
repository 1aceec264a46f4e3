import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The browser bundle holds the web app and what it imports from src/server: Zod contracts, enums and a
// few pure files (.dependency-cruiser.cjs lists them). A contract that imports a *.schema.ts file drags
// the Drizzle table definitions (and drizzle-orm) into the bundle; anything further drags in server code.
// This builds the web app into a temporary folder and looks for both. WEB_BUNDLE_DIR=<dir> checks an
// existing build instead (e.g. dist/web after `npm run build:web`).

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Strings that only Drizzle's code contains (its entity kinds, symbols and class names survive minifying). */
const DRIZZLE_MARKERS: readonly RegExp[] = [
  /drizzle:(Name|Columns|IsDrizzleTable|BaseName|Schema|entityKind)/,
  /drizzle-orm/,
  /\bpgTable\b/,
  /\bPgColumn\b/,
  /\bPgTable\b/,
];

/** Server-only code: Node built-ins (the server imports them as `node:…`) and the server's packages. */
const SERVER_MARKERS: readonly RegExp[] = [
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']node:[a-z_/]+["']/,
  /\bfastify\b/i,
  /@electric-sql\/pglite|\bPGlite\b/,
  /pg-protocol|pg-pool|pg-connection-string/,
  /\bpino\b/,
  /argon2/i,
  /\bioredis\b/i,
  /\bexceljs\b|csv-parse|csv-stringify/,
];

let dir = '';
let built = false;

function scriptsOf(folder: string): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(m?js)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file: path.relative(folder, file), code: readFileSync(file, 'utf8') });
  }
  return out;
}

/** Every `file: marker … context` where a marker occurs, for a failure message that says where. */
function findings(markers: readonly RegExp[]): string[] {
  const found: string[] = [];
  for (const { file, code } of scriptsOf(dir)) {
    for (const marker of markers) {
      const m = marker.exec(code);
      if (!m) continue;
      const at = m.index;
      found.push(`${file}: ${marker} … ${code.slice(Math.max(0, at - 60), at + 60)}`);
    }
  }
  return found;
}

describe('the built web bundle', () => {
  beforeAll(async () => {
    if (process.env.WEB_BUNDLE_DIR) {
      dir = path.resolve(process.env.WEB_BUNDLE_DIR);
      return;
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'autoyard-bundle-'));
    built = true;
    // Asynchronously: a blocked event loop would stop the worker answering Vitest for the build's minute.
    await promisify(execFile)(
      'npx',
      ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  }, 180_000);

  afterAll(() => {
    if (built) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the storefront, console and dealer portal scripts', () => {
    const files = scriptsOf(dir).map((s) => s.file);
    for (const area of ['StorefrontApp', 'ConsoleApp', 'DealerApp'])
      expect(files.some((f) => f.includes(area))).toBe(true);
  });

  it('contains no Drizzle code (contracts never import table definitions)', () => {
    expect(findings(DRIZZLE_MARKERS)).toEqual([]);
  });

  it('contains no Node built-ins or server packages', () => {
    expect(findings(SERVER_MARKERS)).toEqual([]);
  });
});
