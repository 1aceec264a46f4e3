import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { applyServerErrors } from './components/form-kit.js';

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
 * Shows an API error on the form: each field error (nested paths such as `used.vin` too) on its field when
 * the form has a value there, otherwise returns the message for the caller to show (inline alert). New
 * forms use the form kit (components/form-kit.tsx), which does this by itself.
 */
export function applyApiError(form: FormInstance, error: unknown): string | null {
  const values = form.getFieldsValue(true) as Record<string, unknown>;
  const has = (path: readonly (string | number)[]) => {
    let at: unknown = values;
    for (const k of path) {
      if (at === null || typeof at !== 'object' || !(String(k) in (at as object))) return false;
      at = (at as Record<string, unknown>)[String(k)];
    }
    return true;
  };
  return applyServerErrors(form, error, undefined, has);
}
