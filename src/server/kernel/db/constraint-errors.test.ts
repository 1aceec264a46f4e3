import { describe, expect, it } from 'vitest';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-errors.js';

describe('constraint errors', () => {
  it('recognises a unique violation wrapped in a query error by its cause', () => {
    const driver = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const wrapped = new Error('Failed query: insert into ...', { cause: driver });
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isForeignKeyViolation(wrapped)).toBe(false);
  });

  it('recognises a foreign-key violation and nothing else', () => {
    expect(isForeignKeyViolation(Object.assign(new Error('still referenced'), { code: '23503' }))).toBe(true);
    expect(isUniqueViolation(new Error('connection lost'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
