import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { connectionLoss } from '../db/connection-errors.js';
import { unstorableText } from '../db/text-errors.js';
import { AppError, localize, localizeDetails, statusOf } from './errors.js';
import { resolveLang } from './lang.js';
import { fieldLabelsOf, type IssueLike } from './validation.contract.js';
import { fieldErrorsOf, routeSchemaOf } from './validation.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const lang = resolveLang(request.headers['accept-language']);
  const body: ErrorBody = { error: { code, message: localize(code, lang, details) } };
  if (details && Object.keys(details).length > 0) body.error.details = localizeDetails(details, lang);
  return reply.status(statusOf(code)).type('application/json; charset=utf-8').send(body);
}

/** Maps fastify's own error codes (body parsing, limits) onto ours. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** One JSON error shape for every failure; unknown errors are logged and hidden. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.code, error.details);
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      // Each field named by its label and each rule said in words, in the request's language.
      const lang = resolveLang(request.headers['accept-language']);
      const labels = fieldLabelsOf(routeSchemaOf(request, error.validationContext));
      const issues = (error.validation ?? []).map((v) => ({
        ...((v.params ?? {}) as IssueLike),
        code: (v.params as IssueLike | undefined)?.code ?? v.keyword,
        message: v.message,
        path: String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      }));
      const fields = fieldErrorsOf(issues, lang, labels, error.validationContext ?? 'body');
      return sendError(request, reply, 'VALIDATION_FAILED', { fields });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(request, reply, mapped);
    if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendError(request, reply, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', {
        reason: error.message,
      });
    }
    const lost = connectionLoss(error);
    if (lost) {
      // The driver's code and message only: the wrapping query error carries the SQL and its parameters.
      request.log.warn({ database: lost }, 'database connection lost');
      reply.header('retry-after', '5');
      return sendError(request, reply, 'DATABASE_UNAVAILABLE');
    }
    const badText = unstorableText(error);
    if (badText) {
      // A backstop behind the control-character hook; logged without the query, whose text holds the SQL.
      request.log.info({ database: badText }, 'text the database cannot store');
      return sendError(request, reply, 'VALIDATION_FAILED', {
        reason: 'text holds a character that cannot be stored',
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });
});
