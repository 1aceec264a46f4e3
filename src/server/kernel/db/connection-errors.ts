/**
 * Recognises a lost or refused database connection among the errors a query can end with, so the HTTP
 * layer answers 503 DATABASE_UNAVAILABLE (retry later) instead of 500, and logs it without the SQL.
 */

/** What is safe to log about a lost connection: the driver's code and message, never the query text. */
export interface ConnectionLoss {
  readonly code: string | undefined;
  readonly message: string;
}

/** Socket-level failures reported by Node (`err.code`). */
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs that mean the session is gone or cannot start: class 08 (connection exception), 57P01
 * admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (starting up or in recovery).
 */
const SQLSTATE_CODES = new Set(['57P01', '57P02', '57P03']);

/** Messages node-postgres uses for a connection that ended under a client (they carry no code). */
const DRIVER_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

function lossOf(err: object): ConnectionLoss | undefined {
  const code = 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  const message = 'message' in err && typeof err.message === 'string' ? err.message : '';
  if (code && (SOCKET_CODES.has(code) || SQLSTATE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
    return { code, message };
  if (!code && DRIVER_MESSAGES.some((m) => message === m || message.startsWith(`${m}:`)))
    return { code, message };
  return undefined;
}

/**
 * The connection failure behind `err`, looking through the `cause` chain (drizzle wraps driver errors in
 * DrizzleQueryError, whose own message holds the SQL and its parameters); undefined for any other error.
 */
export function connectionLoss(err: unknown): ConnectionLoss | undefined {
  let current: unknown = err;
  // Bounded: a cause chain is short, and a cyclic one must not hang the error handler.
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const found = lossOf(current);
    if (found) return found;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** True when `err` (or its cause) is a lost, terminated or refused database connection. */
export function isConnectionLoss(err: unknown): boolean {
  return connectionLoss(err) !== undefined;
}
