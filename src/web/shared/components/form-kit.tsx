/**
 * # Form kit — one way to build console and dealer-portal forms
 *
 * ```tsx
 * const [form] = Form.useForm<Values>();
 * <KitForm form={form} schema={ZCreateThingRequest} fieldMap={{ priceFen: 'priceYuan' }}
 *          onFinish={(v) => create.mutateAsync(toRequest(v))}>       // return the promise
 *   <Field name="title" label={t('title')} adLawTerms={terms.data}>   // required mark from the schema
 *     <Input />
 *   </Field>
 *   <Field name={['used', 'vin']} label={t('vin')}><Input /></Field>  // nested: server `body.used.vin` lands here
 *   <Field name="topSpeed" label={t('speed')} numberRule={{ min: 0, max: 500, step: 1, unit: 'km/h' }}>
 *     <InputNumber />
 *   </Field>
 *   <SaveBar><Button htmlType="submit" type="primary">{t('save')}</Button></SaveBar>
 * </KitForm>
 * ```
 *
 * - `KitForm` (an Ant Design `Form`, vertical by default) takes the Zod `schema` the route validates with
 *   (import it from the module's `*.contract.ts`). Each `Field` inside derives `required` from it: a field
 *   is required when its sub-schema refuses `undefined` and `null` (not `.optional()`, `.nullish()` or
 *   `.default()`). Pass `schemaPath` when the form name differs from the API path, `required` to override.
 *   A Field also validates its value with that sub-schema and says what is wrong in the UI language
 *   ("VIN 码最多 40 个字"), never Zod's English. `validate={false}` turns that off (e.g. yuan vs fen).
 * - `onFinish` may return a promise. When it resolves the form counts as saved (no unsaved warning);
 *   when it rejects with an `ApiError`, the kit puts every `details.fields[]` message (`{ path, message }`,
 *   e.g. `body.used.vin`, `body.items.3.note`) on its own field — through `fieldMap` (API path → form
 *   name; a function for computed names) when they differ — scrolls to the first, and shows anything
 *   left (or the error's message) in one alert above the save bar. `applyServerErrors(form, error, map)`
 *   does the same for forms that are not a KitForm.
 * - Unsaved changes: once a person edits a field, leaving the page (reload, close: `beforeunload`;
 *   in-app links: react-router's `useBlocker` when the app runs on a data router) asks for confirmation
 *   until the form is saved. `guard={false}` turns it off. `useUnsavedChangesWarning(when)` alone is
 *   exported for screens without a KitForm.
 * - `SaveBar` sticks to the bottom of the viewport while the form is longer than the screen; it says
 *   "未保存的修改" when the form is dirty.
 * - `numberRule` (min, max, step, unit) checks numbers against the parameter dictionary's value rules;
 *   the server checks the same rule (`numberRuleIssue` in kernel/http/validation.contract.ts).
 * - `adLawTerms` (a list of `{ term, severity }`) flags ad-law words under the field while typing
 *   (debounced 300 ms), naming each word found.
 * - `requiredByPath(schema, path)` and `subSchemaAt(schema, path)` are exported for tests and tables.
 */
import {
  Alert,
  type ButtonProps,
  Form,
  type FormInstance,
  type FormItemProps,
  type FormProps,
  Modal,
  Space,
  Typography,
} from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import type { z } from 'zod';
import {
  type FieldLabel,
  issueMessage,
  type NumberRule,
  numberRuleIssue,
} from '../../../server/kernel/http/validation.contract.js';
import { type AdLawTerm, scanAdLaw } from '../../../server/modules/listings/listings.contract.js';
import { ApiError } from '../api.js';
import { addTranslations, currentLang } from '../i18n.js';

addTranslations(
  'formkit',
  {
    unsaved: '有未保存的修改',
    leaveTitle: '离开此页面？',
    leaveBody: '您有未保存的修改，离开后这些修改将会丢失。',
    leave: '离开',
    stay: '留在此页',
    adLaw: '含广告法限制用语：{{terms}}',
    adLawBlock: '含广告法禁用词“{{terms}}”，审核时会被驳回',
    adLawWarn: '含需谨慎使用的用语“{{terms}}”',
    fixFields: '请修改标注的字段',
  },
  {
    unsaved: 'Unsaved changes',
    leaveTitle: 'Leave this page?',
    leaveBody: 'You have unsaved changes; they will be lost if you leave.',
    leave: 'Leave',
    stay: 'Stay',
    adLaw: 'Restricted advertising wording: {{terms}}',
    adLawBlock: 'Contains the forbidden advertising word "{{terms}}"; review will reject it',
    adLawWarn: 'Contains wording to use with care: "{{terms}}"',
    fixFields: 'Please correct the marked fields',
  },
);

type Path = readonly (string | number)[];
export type NamePath = string | number | Path;

const toPath = (name: NamePath): (string | number)[] => (Array.isArray(name) ? [...name] : [name as string]);
const keyOf = (path: Path) => path.map(String).join('.');

// ---- schema reading ----

interface ZodDefLike {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  getter?: () => z.ZodType;
}
const defOf = (s: z.ZodType): ZodDefLike => (s as unknown as { def?: ZodDefLike }).def ?? {};

/** Unwraps optional/nullable/default/pipe/readonly/catch/lazy to the schema that holds the shape. */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
  return s;
}

/** The schema of one field of an object schema (array indices step into the element), or undefined. */
export function subSchemaAt(schema: z.ZodType | undefined, path: NamePath): z.ZodType | undefined {
  let s = schema;
  for (const key of toPath(path)) {
    if (!s) return undefined;
    const d = defOf(unwrap(s));
    if (d.type === 'object') {
      const shape = (unwrap(s) as unknown as { shape: Record<string, z.ZodType> }).shape;
      s = shape[String(key)];
    } else if (d.type === 'array') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else return undefined;
  }
  return s;
}

/** Whether the schema requires this field: its sub-schema refuses both undefined and null. */
export function requiredByPath(schema: z.ZodType | undefined, path: NamePath): boolean {
  const sub = subSchemaAt(schema, path);
  if (!sub) return false;
  return !sub.safeParse(undefined).success && !sub.safeParse(null).success;
}

// ---- server errors ----

export type FieldMap = Record<string, NamePath> | ((apiPath: string) => NamePath | undefined);

/** `body.used.vin` → ['used', 'vin'] (numbers for array indices), after the field map. */
function formPathOf(apiPath: string, map: FieldMap | undefined): (string | number)[] {
  const bare = apiPath.replace(/^(body|query|querystring|params)\.?/, '');
  const mapped = typeof map === 'function' ? map(bare) : map?.[bare];
  if (mapped !== undefined) return toPath(mapped);
  return bare
    .split('.')
    .filter(Boolean)
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** The `{ path, message }` list of an API error (VALIDATION_FAILED and the module errors that name fields). */
export function serverFieldErrors(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f) => {
    const { path, message } = (f ?? {}) as { path?: unknown; message?: unknown };
    return typeof path === 'string'
      ? [{ path, message: typeof message === 'string' ? message : error.message }]
      : [];
  });
}

/**
 * Puts each field error of an API error on its field (when the form has that field: `isField`), and
 * returns what is left to show elsewhere: null when everything found its field.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  map?: FieldMap,
  isField: (path: Path) => boolean = () => true,
): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const left: string[] = [];
  for (const f of serverFieldErrors(error)) {
    const name = formPathOf(f.path, map);
    if (name.length > 0 && isField(name)) {
      const same = placed.find((p) => keyOf(p.name) === keyOf(name));
      if (same) same.errors.push(f.message);
      else placed.push({ name, errors: [f.message] });
    } else left.push(f.message);
  }
  if (placed.length > 0) {
    form.setFields(placed);
    form.scrollToField(placed[0]?.name ?? [], { block: 'center' });
  }
  if (left.length > 0) return left.join('；');
  return placed.length > 0 ? null : error.message;
}

// ---- unsaved changes ----

/** Asks before leaving (reload/close, and in-app navigation on a data router) while `when` is true. */
export function useUnsavedChangesWarning(when: boolean): ReactNode {
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  return dataRouter ? <NavigationBlocker when={when} /> : null;
}

function NavigationBlocker({ when }: { when: boolean }) {
  const { t } = useTranslation('formkit');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname,
  );
  return (
    <Modal
      open={blocker.state === 'blocked'}
      title={t('leaveTitle')}
      okText={t('leave')}
      cancelText={t('stay')}
      okButtonProps={{ danger: true, 'data-testid': 'unsaved-leave' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'unsaved-stay' } as ButtonProps}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
      destroyOnHidden
    >
      {t('leaveBody')}
    </Modal>
  );
}

// ---- the form ----

interface KitContext {
  schema: z.ZodType | undefined;
  dirty: boolean;
  register: (path: Path) => () => void;
}
const Ctx = createContext<KitContext>({ schema: undefined, dirty: false, register: () => () => undefined });

export interface KitFormProps<T> extends Omit<FormProps<T>, 'onFinish'> {
  /** The Zod schema of the request the route validates (from the module's contract). */
  schema?: z.ZodType;
  /** API field path (without `body.`) → form field name, where they differ. */
  fieldMap?: FieldMap;
  /** Saves; a returned promise that resolves marks the form saved, one that rejects shows its errors. */
  onFinish?: (values: T) => unknown;
  /** Warn before leaving with unsaved changes (default true). */
  guard?: boolean;
  /** Reports whether the form has unsaved changes. */
  onDirtyChange?: (dirty: boolean) => void;
  children?: ReactNode;
}

export function KitForm<T = Record<string, unknown>>({
  schema,
  fieldMap,
  onFinish,
  guard = true,
  onDirtyChange,
  onValuesChange,
  children,
  form: givenForm,
  layout = 'vertical',
  ...rest
}: KitFormProps<T>) {
  const [ownForm] = Form.useForm<T>();
  const form = givenForm ?? ownForm;
  const [dirty, setDirtyState] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const fields = useRef(new Map<string, number>());
  const setDirty = useCallback(
    (d: boolean) => {
      setDirtyState(d);
      onDirtyChange?.(d);
    },
    [onDirtyChange],
  );
  const register = useCallback((path: Path) => {
    const k = keyOf(path);
    fields.current.set(k, (fields.current.get(k) ?? 0) + 1);
    return () => {
      const n = (fields.current.get(k) ?? 1) - 1;
      if (n <= 0) fields.current.delete(k);
      else fields.current.set(k, n);
    };
  }, []);
  const blocker = useUnsavedChangesWarning(guard && dirty);
  const ctx = useMemo(() => ({ schema, dirty, register }), [schema, dirty, register]);

  const finish = async (values: T) => {
    setAlert(null);
    try {
      await onFinish?.(values);
      setDirty(false);
    } catch (e) {
      setAlert(applyServerErrors(form as FormInstance, e, fieldMap, (p) => fields.current.has(keyOf(p))));
    }
  };

  return (
    <Ctx.Provider value={ctx}>
      <Form<T>
        form={form}
        layout={layout}
        onFinish={(v) => void finish(v)}
        onValuesChange={(changed, all) => {
          if (!dirty) setDirty(true);
          onValuesChange?.(changed, all);
        }}
        scrollToFirstError={{ block: 'center' }}
        {...rest}
      >
        {children}
        {alert ? (
          <Alert
            type="error"
            showIcon
            message={alert}
            style={{ marginBottom: 16 }}
            data-testid="form-error"
          />
        ) : null}
      </Form>
      {blocker}
    </Ctx.Provider>
  );
}

/** Whether the surrounding KitForm has unsaved changes. */
export function useFormDirty(): boolean {
  return useContext(Ctx).dirty;
}

export interface FieldProps extends Omit<FormItemProps, 'name' | 'label'> {
  name: NamePath;
  label: string;
  /** The path in the request schema when it differs from `name`; `null` reads no schema. */
  schemaPath?: NamePath | null;
  /** Validate the value with the sub-schema (default: true when there is one). */
  validate?: boolean;
  /** Value rules of a number (the parameter dictionary's min, max, step, unit). */
  numberRule?: NumberRule;
  /** Ad-law terms to flag while typing. */
  adLawTerms?: readonly AdLawTerm[] | undefined;
}

/** One form field: label, required mark from the schema, localized checks, server errors, ad-law flags. */
export function Field({
  name,
  label,
  schemaPath,
  validate,
  numberRule,
  adLawTerms,
  required,
  rules = [],
  extra,
  children,
  ...rest
}: FieldProps) {
  const { schema, register } = useContext(Ctx);
  // Subscribes to language changes, so messages are made in the current language.
  useTranslation('formkit');
  const path = toPath(name);
  const pathKey = keyOf(path);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the path
  useEffect(() => register(path), [pathKey, register]);
  const sub = schemaPath === null ? undefined : subSchemaAt(schema, schemaPath ?? path);
  const isRequired = required ?? (schemaPath === null ? false : requiredByPath(schema, schemaPath ?? path));
  const fieldLabel: FieldLabel = { zh: label, en: label };
  const lang = currentLang();
  const kitRules: NonNullable<FormItemProps['rules']> = [];
  if (isRequired) {
    kitRules.push({
      validator: async (_r, value) => {
        const empty =
          value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
        if (empty)
          throw new Error(
            issueMessage({ code: 'too_small', origin: 'string', minimum: 1 }, lang, fieldLabel),
          );
      },
    });
  }
  if (sub && validate !== false) {
    kitRules.push({
      validator: async (_r, value) => {
        if (value === undefined || value === null || value === '') return; // the required rule speaks
        const parsed = sub.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Error(issueMessage(issue ?? {}, lang, fieldLabel, numberRule?.unit));
        }
      },
    });
  }
  if (numberRule) {
    kitRules.push({
      validator: async (_r, value) => {
        if (value === undefined || value === null || value === '') return;
        const issue = numberRuleIssue(Number(value), numberRule);
        if (issue) throw new Error(issueMessage(issue, lang, fieldLabel, numberRule.unit));
      },
    });
  }
  const adLaw = adLawTerms && adLawTerms.length > 0 ? <AdLawWarning name={path} terms={adLawTerms} /> : null;
  return (
    <Form.Item
      name={path.length === 1 ? path[0] : path}
      label={label}
      required={isRequired}
      rules={[...kitRules, ...rules]}
      extra={
        extra || adLaw ? (
          <Space direction="vertical" size={0}>
            {extra}
            {adLaw}
          </Space>
        ) : undefined
      }
      {...rest}
    >
      {children}
    </Form.Item>
  );
}

/** The ad-law words found in a text (debounced while typing), as a warning naming each word. */
export function AdLawWarning({ name, terms }: { name: Path; terms: readonly AdLawTerm[] }) {
  const { t } = useTranslation('formkit');
  const value = Form.useWatch(name.length === 1 ? name[0] : [...name]) as unknown;
  const text = typeof value === 'string' ? value : '';
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(text), 300);
    return () => clearTimeout(h);
  }, [text]);
  const hits = useMemo(() => scanAdLaw({ title: debounced, description: '' }, terms), [debounced, terms]);
  if (hits.length === 0) return null;
  const block = [...new Set(hits.filter((h) => h.severity === 'block').map((h) => h.term))];
  const warn = [...new Set(hits.filter((h) => h.severity === 'warn').map((h) => h.term))];
  const sep = currentLang() === 'en' ? '", "' : '”“';
  return (
    <span data-testid="adlaw-warning">
      {block.length > 0 ? (
        <Typography.Text type="danger">{t('adLawBlock', { terms: block.join(sep) })}</Typography.Text>
      ) : null}
      {block.length > 0 && warn.length > 0 ? ' ' : null}
      {warn.length > 0 ? (
        <Typography.Text type="warning">{t('adLawWarn', { terms: warn.join(sep) })}</Typography.Text>
      ) : null}
    </span>
  );
}

/** The save bar: sticks to the bottom of the screen, says when there are unsaved changes. */
export function SaveBar({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation('formkit');
  const dirty = useFormDirty();
  return (
    <div
      data-testid="save-bar"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        margin: '16px -24px -24px',
        padding: '12px 24px',
        background: 'var(--ant-color-bg-container, #fff)',
        borderTop: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
        display: 'flex',
        flexWrap: 'wrap',
        gap: 12,
        alignItems: 'center',
      }}
    >
      <Space wrap>{children}</Space>
      {dirty ? (
        <Typography.Text type="warning" data-testid="unsaved-mark">
          {t('unsaved')}
        </Typography.Text>
      ) : null}
      {extra ? <div style={{ marginLeft: 'auto' }}>{extra}</div> : null}
    </div>
  );
}
