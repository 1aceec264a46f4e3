/**
 * Recognises a statement refused by a constraint, so a service can answer with its own code (a taken
 * slug, SKU or VIN; a row still referenced) instead of 500.
 */

/** The SQLSTATE behind `err`, looking through the `cause` chain (drizzle wraps driver errors). */
function sqlState(err: unknown): string | undefined {
  let current: unknown = err;
  // Bounded: drizzle wraps the driver error once; a cyclic chain must not loop.
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current.code;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** True when a query failed on a unique constraint (23505 unique_violation), on PostgreSQL or PGlite. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/** True when a query failed on a foreign key (23503: the row is still referenced, or references nothing). */
export function isForeignKeyViolation(err: unknown): boolean {
  return sqlState(err) === '23503';
}
