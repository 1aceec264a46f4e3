import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { ApiError } from './api.js';

/**
 * An Ant Design form rule that validates one field with the same Zod schema the API uses; `message` is
 * the localized text shown instead of Zod's English one.
 */
export function zodRule(schema: z.ZodType, message: string) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const parsed = schema.safeParse(value === '' ? undefined : value);
      if (!parsed.success) throw new Error(message);
    },
  };
}

/**
 * Shows an API error on the form: per-field messages for VALIDATION_FAILED, otherwise returns the
 * message for the caller to show (inline alert).
 */
export function applyApiError(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.fieldErrors();
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const shown = Object.entries(fields).filter(([name]) => known.has(name));
  if (shown.length > 0) {
    form.setFields(shown.map(([name, msg]) => ({ name, errors: [msg] })));
    return shown.length === Object.keys(fields).length ? null : error.message;
  }
  return error.message;
}
