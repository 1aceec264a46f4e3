import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes prefixed, lower-case, time-sortable ids that never repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('ord'));
    expect(ids[0]).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
