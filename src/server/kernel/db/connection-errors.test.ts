import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { connectionLoss, isConnectionLoss } from './connection-errors.js';

/** A driver error as node-postgres builds it: a message, and for server errors a SQLSTATE `code`. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

const wrapped = (cause: Error) =>
  new DrizzleQueryError('insert into "catalog_trims" ("id") values ($1)', ['trm_secret'], cause);

describe('connection loss', () => {
  it.each([
    ['a socket that ended under the client', driverError('Connection terminated unexpectedly')],
    [
      'a client already broken by that',
      driverError('Client has encountered a connection error and is not queryable'),
    ],
    ['a reset socket', driverError('read ECONNRESET', 'ECONNRESET')],
    ['a refused connection', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a write to a closed socket', driverError('write EPIPE', 'EPIPE')],
    [
      'pg_terminate_backend (57P01)',
      driverError('terminating connection due to administrator command', '57P01'),
    ],
    [
      'a crashed server (57P02)',
      driverError('terminating connection because of crash of another server process', '57P02'),
    ],
    ['a server still starting (57P03)', driverError('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', driverError('connection failure', '08006')],
  ])('is recognised in %s, also behind a drizzle query error', (_case, err) => {
    expect(isConnectionLoss(err)).toBe(true);
    expect(isConnectionLoss(wrapped(err))).toBe(true);
  });

  it.each([
    ['a unique violation', driverError('duplicate key value violates unique constraint', '23505')],
    ['a cancelled statement', driverError('canceling statement due to statement timeout', '57014')],
    ['a serialization failure', driverError('could not serialize access', '40001')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
  ])('is not claimed for %s', (_case, err) => {
    expect(isConnectionLoss(err)).toBe(false);
    expect(isConnectionLoss(wrapped(err))).toBe(false);
  });

  it('reports the driver code and message, never the SQL or parameters', () => {
    const lost = connectionLoss(
      wrapped(driverError('terminating connection due to administrator command', '57P01')),
    );
    expect(lost).toEqual({ code: '57P01', message: 'terminating connection due to administrator command' });
    expect(JSON.stringify(lost)).not.toMatch(/catalog_trims|trm_secret/);
  });

  it('stops on a cyclic cause chain', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b: Error & { cause?: unknown } = new Error('b', { cause: a });
    a.cause = b;
    expect(isConnectionLoss(a)).toBe(false);
  });
});
