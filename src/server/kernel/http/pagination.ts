import type { z } from 'zod';
import { AppError } from './errors.js';

export { type TPageQuery, ZPage, ZPageQuery } from './page.contract.js';

/** Opaque cursor: base64url JSON of the sort key of the last row seen. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(
  cursor: string | undefined,
  shape: T,
): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'cursor', message: 'invalid cursor' }] });
}

/** Takes limit+1 rows from a query and turns them into a page with the next cursor. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => Record<string, string | number>,
): { items: T[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
