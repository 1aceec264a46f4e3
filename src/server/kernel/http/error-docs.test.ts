import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../app.js';
import { allErrorCodes } from './errors.js';

describe('error code reference', () => {
  it('lists every registered error code in docs/errors.md (run `npm run docs:errors` to refresh)', () => {
    const doc = readFileSync('docs/errors.md', 'utf8');
    const missing = [...allErrorCodes().keys()].filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('gives every code a 4xx or 5xx status and both messages', () => {
    for (const [code, def] of allErrorCodes()) {
      expect(def.status, code).toBeGreaterThanOrEqual(400);
      expect(def.zh.length, code).toBeGreaterThan(0);
      expect(def.en.length, code).toBeGreaterThan(0);
    }
  });
});
