import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Lang } from './errors.js';
import { resolveLang } from './lang.js';
import {
  type FieldLabels,
  fieldLabelsOf,
  type IssueLike,
  issueMessage,
  labelFor,
} from './validation.contract.js';

// Server side of the readable validation messages: Zod issues (from a route schema or a service's own
// safeParse) become `{ path, message }` entries for VALIDATION_FAILED, said in the request's language
// with the field's label.

export interface FieldError {
  path: string;
  message: string;
}

/** The language a request asked for (Accept-Language). */
export function requestLang(request: FastifyRequest): Lang {
  return resolveLang(request.headers['accept-language']);
}

/** Field errors for Zod issues; `prefix` is the part of the request (`body`, `querystring`, `params`). */
export function fieldErrorsOf(
  issues: readonly (IssueLike & { path?: readonly PropertyKey[] })[],
  lang: Lang,
  labels: FieldLabels,
  prefix: string,
): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path ?? [];
    return {
      path: [prefix, ...path.map(String)].filter(Boolean).join('.'),
      message: issueMessage(issue, lang, labelFor(labels, path)),
    };
  });
}

/** Field errors of a ZodError against a schema with labels (`labelFields`). */
export function zodFieldErrors(
  error: z.ZodError,
  schema: unknown,
  lang: Lang,
  prefix = 'body',
): FieldError[] {
  return fieldErrorsOf(error.issues as IssueLike[], lang, fieldLabelsOf(schema), prefix);
}

/** The schema a route validates one part of the request with (for its labels). */
export function routeSchemaOf(request: FastifyRequest, context: string | undefined): unknown {
  const schema = request.routeOptions?.schema as Record<string, unknown> | undefined;
  if (!schema || !context) return undefined;
  return schema[context] ?? (context === 'querystring' ? schema.querystring : undefined);
}
