import { AppError } from './errors.js';

// @fastify/multipart hands the body to busboy, whose complaints about a malformed body (no boundary, a
// boundary over 256 bytes, a body cut short) are plain Errors without a status: the error handler would
// answer them 500. These helpers turn them into 400s.

/** RFC 2046: a boundary is 1 to 70 characters. */
const BOUNDARY = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i;

/**
 * Why a multipart/form-data Content-Type cannot be parsed (no boundary, or one busboy refuses), or null
 * when it is fine or not multipart at all.
 */
export function multipartContentTypeProblem(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\/form-data\b/i.test(contentType)) return null;
  const m = BOUNDARY.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return 'multipart/form-data needs a boundary parameter';
  if (boundary.length > 70) return 'the multipart boundary is longer than 70 characters';
  return null;
}

/** busboy's and dicer's messages for a body they cannot parse (a bare Error, no code, no status). */
const BUSBOY_MALFORMED = /multipart|boundary|needle/i;

/**
 * For a catch around reading multipart parts: busboy's bare "malformed body" Errors become 400
 * VALIDATION_FAILED; anything else (AppError, fastify's limit errors, real bugs) passes through unchanged.
 */
export function malformedMultipart(error: unknown): unknown {
  if (
    error instanceof Error &&
    !(error instanceof AppError) &&
    !('code' in error) &&
    !('statusCode' in error) &&
    BUSBOY_MALFORMED.test(error.message)
  ) {
    return new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body', message: 'malformed multipart body' }],
    });
  }
  return error;
}
