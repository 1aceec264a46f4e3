/**
 * Recognises a query that failed because a parameter holds text PostgreSQL cannot store (U+0000, an
 * untranslatable character). The edge hook refuses control characters before any query runs; this is the
 * backstop for input that reaches SQL another way, so it answers 400 rather than 500 and is logged
 * without the SQL and its parameters.
 */

/** 22021 character_not_in_repertoire (NUL: `invalid byte sequence for encoding "UTF8": 0x00`), 22P05 untranslatable_character. */
const SQLSTATE_CODES = new Set(['22021', '22P05']);

/** The driver's code and message, safe to log; undefined for any other error. Looks through `cause`. */
export function unstorableText(err: unknown): { code: string; message: string } | undefined {
  let current: unknown = err;
  // Bounded: drizzle wraps the driver error once; a cyclic chain must not hang the error handler.
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && typeof current.code === 'string' && SQLSTATE_CODES.has(current.code)) {
      const message = 'message' in current && typeof current.message === 'string' ? current.message : '';
      return { code: current.code, message };
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
