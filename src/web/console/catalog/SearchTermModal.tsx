import './i18n.js';
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  QUERY_TERM_FILTER_VALUES,
  SEARCH_BODY_TYPES,
  SEARCH_ENERGY_TYPES,
  SEARCH_SEGMENTS,
  SEARCH_SORTS,
} from '../../../server/modules/search/search.contract.js';
import { ApiError } from '../../shared/api.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { type TQueryTerm, useCreateQueryTerm, useUpdateQueryTerm } from '../../shared/hooks/search-terms.js';
import { useLabels } from '../../shared/labels.js';

type TermFilter = TQueryTerm['filter'];
type FormValue = string | string[] | number | null | undefined;

interface TermForm {
  term: string;
  filter: TermFilter;
  value?: FormValue;
  soft: boolean;
  note?: string | null;
}

/** What the modal edits: an operator's term, or a new one (pre-filled when it replaces a built-in term). */
export type TermDraft = { term: TQueryTerm } | { term: null; text?: string; filter?: TermFilter };

/** Filters whose value is a list (comma-separated on the wire). */
const LIST_FILTERS: readonly TermFilter[] = ['body', 'energy', 'seats', 'segment', 'city'];
const NUMBER_FILTERS: readonly TermFilter[] = ['age', 'mileage'];
const SEATS = ['2', '3', '4', '5', '6', '7', '8', '9'];

/** The form's value of a stored value string (a list, one code, or a whole number). */
function formValue(filter: TermFilter, value: string): FormValue {
  if (LIST_FILTERS.includes(filter)) return value.split(',').filter(Boolean);
  if (NUMBER_FILTERS.includes(filter)) return value === '' ? undefined : Number(value);
  if (filter === 'ignore') return undefined;
  return value || undefined;
}

/** The value string the API takes for what the form holds. */
function wireValue(value: FormValue): string {
  if (Array.isArray(value)) return value.join(',');
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Add, edit or replace one search term. */
export function SearchTermModal({ draft, onClose }: { draft: TermDraft | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('consoleCatalog');
  const { message } = App.useApp();
  const L = useLabels();
  const cities = useCities().data ?? [];
  const create = useCreateQueryTerm();
  const update = useUpdateQueryTerm();
  const [form] = Form.useForm<TermForm>();
  const filter = Form.useWatch('filter', form);
  const editing = draft?.term ?? null;

  useEffect(() => {
    if (!draft) return;
    form.resetFields();
    const d = draft.term;
    form.setFieldsValue(
      d
        ? { term: d.term, filter: d.filter, value: formValue(d.filter, d.value), soft: d.soft, note: d.note }
        : { term: draft.text ?? '', filter: draft.filter ?? 'body', soft: false, note: null },
    );
  }, [draft, form]);

  const submit = async () => {
    if (!draft) return;
    const v = await form.validateFields();
    const value = v.filter === 'ignore' ? '' : wireValue(v.value);
    const note = v.note?.trim() ? v.note.trim() : null;
    try {
      if (editing?.id) await update.mutateAsync({ id: editing.id, body: { value, soft: v.soft, note } });
      else await create.mutateAsync({ term: v.term, filter: v.filter, value, soft: v.soft, note });
      void message.success(t('saved'));
      onClose();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const options = (values: readonly string[], label: (v: string) => string) =>
    values.map((value) => ({ value, label: label(value) }));
  const valueInput = (() => {
    switch (filter) {
      case 'body':
        return <Select mode="multiple" options={options(SEARCH_BODY_TYPES, (v) => L.label('bodyType', v))} />;
      case 'energy':
        return (
          <Select mode="multiple" options={options(SEARCH_ENERGY_TYPES, (v) => L.label('energyType', v))} />
        );
      case 'segment':
        return <Select mode="multiple" options={options(SEARCH_SEGMENTS, (v) => L.label('segment', v))} />;
      case 'seats':
        return <Select mode="multiple" options={options(SEATS, (n) => t('searchTerms.seatsN', { n }))} />;
      case 'city':
        return (
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={cities.map((c) => ({
              value: c.code,
              label: i18n.language === 'en' ? c.nameEn : c.name,
            }))}
          />
        );
      case 'kind':
        return <Select options={options(['new', 'used'], (v) => L.label('listingKind', v))} />;
      case 'sort':
        return (
          <Select
            options={options(
              SEARCH_SORTS.filter((s) => s !== 'popular'),
              (s) => t(`searchTerms.sorts.${s}`),
            )}
          />
        );
      case 'age':
        return <InputNumber min={0} max={50} precision={0} suffix={t('searchTerms.years')} />;
      case 'mileage':
        return (
          <InputNumber min={0} max={2_000_000} step={10_000} precision={0} suffix={t('searchTerms.km')} />
        );
      default:
        return null;
    }
  })();

  return (
    <Modal
      open={draft !== null}
      title={editing ? t('searchTerms.edit') : t('searchTerms.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="search-term-form"
        onValuesChange={(changed: Partial<TermForm>) => {
          // A value of one filter means nothing for another.
          if ('filter' in changed) form.setFieldValue('value', undefined);
        }}
      >
        <Form.Item
          name="term"
          label={t('searchTerms.term')}
          extra={t('searchTerms.termHelp')}
          rules={[{ required: true, whitespace: true, max: 30 }]}
        >
          <Input disabled={editing !== null} data-testid="search-term-text" />
        </Form.Item>
        <Form.Item name="filter" label={t('searchTerms.filter')} rules={[{ required: true }]}>
          <Select
            disabled={editing !== null}
            data-testid="search-term-filter"
            options={QUERY_TERM_FILTER_VALUES.map((f) => ({
              value: f,
              label: t(`searchTerms.filters.${f}`),
            }))}
          />
        </Form.Item>
        {valueInput && (
          <Form.Item name="value" label={t('searchTerms.value')} rules={[{ required: true }]}>
            {valueInput}
          </Form.Item>
        )}
        <Form.Item
          name="soft"
          label={t('searchTerms.soft')}
          extra={t('searchTerms.softHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="search-term-soft" />
        </Form.Item>
        <Form.Item name="note" label={t('searchTerms.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} data-testid="search-term-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
