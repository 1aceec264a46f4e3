import type { z } from 'zod';

// Validation messages people can read, in zh-CN and en, for the server's 400 VALIDATION_FAILED bodies and
// the web forms alike (browser-safe: zod types only). A field is named by its label (from the labels a
// contract attaches to its schema with `labelFields`), never by its key; a rule is said in words (never
// a raw regex or Zod's English).

export type ValidationLang = 'zh-CN' | 'en';

/** A field's label in both languages, with an optional hint shown when its format is wrong. */
export interface FieldLabel {
  readonly zh: string;
  readonly en: string;
  /** What a valid value looks like ("YYYY-MM-DD", "17 位字母数字"), used by format messages. */
  readonly formatZh?: string;
  readonly formatEn?: string;
}

/** Labels by dotted path (`used.vin`; `items.*.note` matches every array index). */
export type FieldLabels = Readonly<Record<string, FieldLabel>>;

const labelsOfSchema = new WeakMap<object, FieldLabels>();

/**
 * Attaches field labels to a request schema (returns the schema, so `export const Z = labelFields(z.object(…), {…})`).
 * The error handler finds them through the route's schema; forms may read them with `fieldLabelsOf`.
 */
export function labelFields<T extends z.ZodType>(schema: T, labels: FieldLabels): T {
  labelsOfSchema.set(schema, { ...(labelsOfSchema.get(schema) ?? {}), ...labels });
  return schema;
}

export function fieldLabelsOf(schema: unknown): FieldLabels {
  return (schema && typeof schema === 'object' ? labelsOfSchema.get(schema) : undefined) ?? {};
}

/** Labels of query/params fields common to every route (paging, search, ids). */
const COMMON_LABELS: FieldLabels = {
  limit: { zh: '每页条数', en: 'Page size' },
  cursor: { zh: '分页位置', en: 'Page cursor' },
  q: { zh: '搜索词', en: 'Search text' },
  id: { zh: '编号', en: 'ID' },
  version: { zh: '版本号', en: 'Version' },
  reason: { zh: '原因', en: 'Reason' },
  note: { zh: '备注', en: 'Note' },
  name: { zh: '名称', en: 'Name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  email: { zh: '邮箱', en: 'Email' },
  phone: { zh: '手机号', en: 'Phone number' },
  password: { zh: '密码', en: 'Password' },
  code: { zh: '编码', en: 'Code' },
  sort: { zh: '排序', en: 'Sort order' },
  status: { zh: '状态', en: 'Status' },
  title: { zh: '标题', en: 'Title' },
  description: { zh: '描述', en: 'Description' },
};

/** The label for a path: exact, then with array indices as `*`, then the last key, then common labels. */
export function labelFor(labels: FieldLabels, path: readonly PropertyKey[]): FieldLabel | undefined {
  const keys = path.map((p) => String(p));
  const exact = keys.join('.');
  const starred = keys.map((k) => (/^\d+$/.test(k) ? '*' : k)).join('.');
  const named = [...keys].reverse().find((k) => !/^\d+$/.test(k)) ?? '';
  return labels[exact] ?? labels[starred] ?? labels[named] ?? COMMON_LABELS[named];
}

/** The subset of a Zod issue the messages need (also what fastify-type-provider-zod passes on as params). */
export interface IssueLike {
  code?: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  expected?: string;
  values?: readonly unknown[];
  divisor?: number;
  keys?: readonly string[];
  input?: unknown;
}

type Msg = { zh: string; en: string };

function fill(msg: Msg, lang: ValidationLang, vars: Record<string, string | number>): string {
  return (lang === 'en' ? msg.en : msg.zh).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Custom refinement messages the contracts use, said in both languages. */
const CUSTOM: Record<string, Msg> = {
  'must contain visible text': { zh: '{label}须包含可见文字', en: '{label} must contain visible text' },
  'nothing to change': { zh: '没有需要保存的修改', en: 'Nothing to change' },
};

/**
 * One issue as a sentence in the request's language, naming the field by its label ("VIN 码不能为空",
 * "最高车速不能小于 0 km/h"). `unit` is appended to numeric bounds when given.
 */
export function issueMessage(
  issue: IssueLike,
  lang: ValidationLang,
  label: FieldLabel | undefined,
  unit?: string | null,
): string {
  const name = label ? (lang === 'en' ? label.en : label.zh) : lang === 'en' ? 'This field' : '该字段';
  const u = unit ? ` ${unit}` : '';
  const vars = { label: name };
  const num = (v: number | bigint | undefined) => (v === undefined ? '' : String(v));
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'boolean')
        return fill({ zh: '请选择{label}', en: 'Choose an answer for {label}' }, lang, vars);
      if (
        'input' in issue
          ? issue.input === undefined || issue.input === null
          : /received (undefined|null)/.test(issue.message ?? '')
      )
        return fill({ zh: '请填写{label}', en: '{label} is required' }, lang, vars);
      if (issue.expected === 'number' || issue.expected === 'int')
        return fill({ zh: '{label}须为数字', en: '{label} must be a number' }, lang, vars);
      if (issue.expected === 'array')
        return fill({ zh: '{label}须为列表', en: '{label} must be a list' }, lang, vars);
      if (issue.expected === 'string')
        return fill({ zh: '{label}须为文字', en: '{label} must be text' }, lang, vars);
      return fill({ zh: '{label}的类型不正确', en: '{label} has the wrong type' }, lang, vars);
    case 'too_small': {
      const min = num(issue.minimum);
      if (issue.origin === 'string') {
        if (Number(issue.minimum) <= 1)
          return fill({ zh: '请填写{label}', en: '{label} is required' }, lang, vars);
        return fill({ zh: '{label}至少 {min} 个字', en: '{label} needs at least {min} characters' }, lang, {
          ...vars,
          min,
        });
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return fill({ zh: '{label}至少 {min} 项', en: '{label} needs at least {min} entries' }, lang, {
          ...vars,
          min,
        });
      if (issue.inclusive === false)
        return fill({ zh: '{label}须大于 {min}{u}', en: '{label} must be more than {min}{u}' }, lang, {
          ...vars,
          min,
          u,
        });
      return fill({ zh: '{label}不能小于 {min}{u}', en: '{label} must be at least {min}{u}' }, lang, {
        ...vars,
        min,
        u,
      });
    }
    case 'too_big': {
      const max = num(issue.maximum);
      if (issue.origin === 'string')
        return fill({ zh: '{label}最多 {max} 个字', en: '{label} allows at most {max} characters' }, lang, {
          ...vars,
          max,
        });
      if (issue.origin === 'array' || issue.origin === 'set')
        return fill({ zh: '{label}最多 {max} 项', en: '{label} allows at most {max} entries' }, lang, {
          ...vars,
          max,
        });
      if (issue.inclusive === false)
        return fill({ zh: '{label}须小于 {max}{u}', en: '{label} must be less than {max}{u}' }, lang, {
          ...vars,
          max,
          u,
        });
      return fill({ zh: '{label}不能大于 {max}{u}', en: '{label} must be at most {max}{u}' }, lang, {
        ...vars,
        max,
        u,
      });
    }
    case 'not_multiple_of':
      return fill(
        { zh: '{label}须为 {step}{u} 的整数倍', en: '{label} must be a multiple of {step}{u}' },
        lang,
        { ...vars, step: String(issue.divisor ?? ''), u },
      );
    case 'invalid_format': {
      const hint = label && (lang === 'en' ? label.formatEn : label.formatZh);
      if (hint)
        return fill(
          { zh: '{label}格式不正确（应为 {hint}）', en: '{label} is not valid (expected {hint})' },
          lang,
          {
            ...vars,
            hint,
          },
        );
      if (issue.format === 'email')
        return fill(
          { zh: '{label}不是有效的邮箱地址', en: '{label} is not a valid email address' },
          lang,
          vars,
        );
      if (issue.format === 'datetime' || issue.format === 'date')
        return fill({ zh: '{label}不是有效的日期时间', en: '{label} is not a valid date' }, lang, vars);
      if (issue.format === 'url')
        return fill({ zh: '{label}不是有效的链接', en: '{label} is not a valid link' }, lang, vars);
      return fill({ zh: '{label}格式不正确', en: '{label} is not in a valid format' }, lang, vars);
    }
    case 'invalid_value':
    case 'invalid_union':
      return fill(
        { zh: '{label}的取值无效，请从可选项中选择', en: '{label} is not one of the allowed values' },
        lang,
        vars,
      );
    case 'unrecognized_keys':
      return fill({ zh: '不支持的字段：{keys}', en: 'Unknown fields: {keys}' }, lang, {
        keys: (issue.keys ?? []).join(', '),
      });
    case 'custom': {
      const known = issue.message ? CUSTOM[issue.message] : undefined;
      if (known) return fill(known, lang, vars);
      return fill({ zh: '{label}无效', en: '{label} is not valid' }, lang, vars);
    }
    default:
      return fill({ zh: '{label}无效', en: '{label} is not valid' }, lang, vars);
  }
}

/** A numeric value rule (from the parameter dictionary or a contract): bounds, step and unit. */
export interface NumberRule {
  readonly min?: number | null;
  readonly max?: number | null;
  readonly step?: number | null;
  readonly unit?: string | null;
}

/** The first rule a number breaks, as an issue (`null` when it keeps them all). */
export function numberRuleIssue(value: number, rule: NumberRule): IssueLike | null {
  if (!Number.isFinite(value)) return { code: 'invalid_type', expected: 'number', input: value };
  if (rule.min !== undefined && rule.min !== null && value < rule.min)
    return { code: 'too_small', origin: 'number', minimum: rule.min, inclusive: true };
  if (rule.max !== undefined && rule.max !== null && value > rule.max)
    return { code: 'too_big', origin: 'number', maximum: rule.max, inclusive: true };
  if (rule.step) {
    const base = rule.min ?? 0;
    const n = (value - base) / rule.step;
    if (Math.abs(n - Math.round(n)) > 1e-6) return { code: 'not_multiple_of', divisor: rule.step };
  }
  return null;
}

/** One issue in both languages (for a service's AppError details: the error handler picks the request's). */
export function bothLanguages(
  issue: IssueLike,
  label: FieldLabel | undefined,
  unit?: string | null,
): { zh: string; en: string } {
  return { zh: issueMessage(issue, 'zh-CN', label, unit), en: issueMessage(issue, 'en', label, unit) };
}

/** A field error in both languages, for AppError details `fields` (placed on the field by the web forms). */
export function fieldError(
  path: string,
  message: { zh: string; en: string },
): { path: string; message: { zh: string; en: string } } {
  return { path, message };
}
