import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  ColorPicker,
  Form,
  Image,
  Input,
  InputNumber,
  message,
  Select,
  Space,
  Table,
  Tabs,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { issueMessage, numberRuleIssue } from '../../../server/kernel/http/validation.contract.js';
import {
  CATALOG_STATUSES,
  PARAMETER_GROUP_NAMES,
  PARAMETER_GROUPS,
  type TParameterDefinition,
  type TParameterValue,
  type TTrimDetail,
} from '../../../server/modules/catalog/model.contract.js';
import { ApiError } from '../../shared/api.js';
import { applyApiError } from '../../shared/forms.js';
import {
  useDeleteMedia,
  useParameters,
  useSaveColours,
  useSavePackages,
  useSaveSheet,
  useTrim,
  useUpdateTrim,
  useUploadMedia,
} from '../../shared/hooks/catalog.js';
import { currentLang } from '../../shared/i18n.js';

/** One trim: basics, the spec editor, colours, option packages and images. */
export function TrimEditorPage() {
  const { t } = useTranslation('consoleCatalog');
  const { id = '' } = useParams();
  const trim = useTrim(id);
  if (!trim.data) return <Card loading />;
  const d = trim.data;
  return (
    <Card title={`${d.brand.name} ${d.series.name} · ${d.name}`}>
      <Link to={`/console/catalog/series/${d.series.id}`}>{t('back')}</Link>
      <Tabs
        items={[
          { key: 'basic', label: t('trim.basic'), children: <BasicTab trim={d} /> },
          { key: 'specs', label: t('trim.specs'), children: <SpecEditor trim={d} /> },
          { key: 'colours', label: t('trim.colours'), children: <ColoursTab trim={d} /> },
          { key: 'packages', label: t('trim.packages'), children: <PackagesTab trim={d} /> },
          { key: 'media', label: t('trim.media'), children: <MediaTab trim={d} /> },
        ]}
      />
    </Card>
  );
}

function BasicTab({ trim }: { trim: TTrimDetail }) {
  const { t } = useTranslation('consoleCatalog');
  const [form] = Form.useForm();
  const update = useUpdateTrim(trim.id);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({
        name: v.name,
        modelYear: v.modelYear,
        guidePriceFen: Math.round(v.price * 100),
        seats: v.seats,
        status: v.status,
        nevTaxExempt: v.nevTaxExempt,
      });
      message.success(t('saved'));
    } catch (e) {
      const m = applyApiError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ ...trim, price: trim.guidePriceFen / 100 }}
    >
      <Form.Item name="name" label={t('trim.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="modelYear" label={t('trim.modelYear')}>
        <InputNumber min={1990} max={2100} />
      </Form.Item>
      <Form.Item name="price" label={t('trim.price')}>
        <InputNumber min={1} precision={2} style={{ width: 200 }} data-testid="trim-edit-price" />
      </Form.Item>
      <Form.Item name="seats" label={t('trim.seats')}>
        <InputNumber min={1} max={12} />
      </Form.Item>
      <Form.Item name="status" label={t('trim.status')}>
        <Select options={CATALOG_STATUSES.map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item name="nevTaxExempt" valuePropName="checked">
        <Checkbox>{t('trim.nevTaxExempt')}</Checkbox>
      </Form.Item>
      <Button type="primary" onClick={submit} loading={update.isPending} data-testid="trim-save">
        {t('save')}
      </Button>
    </Form>
  );
}

type Sheet = Record<string, TParameterValue | undefined>;

/** The dictionary's value rule (min, max, step) broken by a number, said with the parameter's name; or null. */
function ruleError(
  def: TParameterDefinition,
  value: TParameterValue | undefined,
  lang: 'zh-CN' | 'en',
): string | null {
  if (!def.rule || value?.type !== 'number') return null;
  const issue = numberRuleIssue(value.value, def.rule);
  return issue ? issueMessage(issue, lang, { zh: def.name, en: def.nameEn }, def.unit) : null;
}

function ValueInput({
  def,
  value,
  onChange,
}: {
  def: TParameterDefinition;
  value: TParameterValue | undefined;
  onChange: (v: TParameterValue | undefined) => void;
}) {
  const { t } = useTranslation('consoleCatalog');
  const testId = `spec-${def.key}`;
  switch (def.valueType) {
    case 'number':
      return (
        <InputNumber
          data-testid={testId}
          value={value?.type === 'number' ? value.value : null}
          step={def.rule?.step ?? undefined}
          status={ruleError(def, value, currentLang()) ? 'error' : undefined}
          addonAfter={def.unit ?? undefined}
          onChange={(n) =>
            onChange(n === null ? undefined : { type: 'number', value: Number(n), unit: def.unit })
          }
        />
      );
    case 'text':
      return (
        <Input
          data-testid={testId}
          value={value?.type === 'text' ? value.value : ''}
          onChange={(e) =>
            onChange(e.target.value.trim() ? { type: 'text', value: e.target.value } : undefined)
          }
        />
      );
    case 'boolean':
      return (
        <Select
          data-testid={testId}
          allowClear
          style={{ width: 120 }}
          placeholder={t('spec.empty')}
          value={value?.type === 'boolean' ? String(value.value) : undefined}
          onChange={(v?: string) =>
            onChange(v === undefined ? undefined : { type: 'boolean', value: v === 'true' })
          }
          options={[
            { value: 'true', label: t('spec.yes') },
            { value: 'false', label: t('spec.no') },
          ]}
        />
      );
    case 'feature': {
      const f = value?.type === 'feature' ? value : undefined;
      return (
        <Space>
          <Select
            data-testid={testId}
            allowClear
            style={{ width: 130 }}
            placeholder={t('spec.empty')}
            value={f?.value}
            onChange={(v?: 'standard' | 'optional' | 'none') =>
              onChange(v === undefined ? undefined : { type: 'feature', value: v, optionPriceFen: null })
            }
            options={[
              { value: 'standard', label: t('spec.standard') },
              { value: 'optional', label: t('spec.optional') },
              { value: 'none', label: t('spec.none') },
            ]}
          />
          {f?.value === 'optional' ? (
            <InputNumber
              placeholder={t('spec.optionPrice')}
              min={0}
              value={f.optionPriceFen ? f.optionPriceFen / 100 : null}
              onChange={(n) =>
                onChange({
                  type: 'feature',
                  value: 'optional',
                  optionPriceFen: n ? Math.round(Number(n) * 100) : null,
                })
              }
            />
          ) : null}
        </Space>
      );
    }
  }
}

/** The spec editor: every dictionary parameter by group with a typed input; saves the whole sheet. */
function SpecEditor({ trim }: { trim: TTrimDetail }) {
  const { t } = useTranslation('consoleCatalog');
  const defs = useParameters();
  const save = useSaveSheet(trim.id);
  const initial = useMemo(() => {
    const s: Sheet = {};
    for (const g of trim.parameters) for (const i of g.items) s[i.key] = i.value;
    return s;
  }, [trim]);
  const [sheet, setSheet] = useState<Sheet>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setSheet(initial), [initial]);
  const en = currentLang() === 'en';
  const lang = currentLang();
  const localErrors = Object.fromEntries(
    (defs.data ?? []).flatMap((d) => {
      const m = ruleError(d, sheet[d.key], lang);
      return m ? [[d.key, m]] : [];
    }),
  ) as Record<string, string>;
  const submit = async () => {
    if (Object.keys(localErrors).length > 0) {
      message.error(Object.values(localErrors).join('；'));
      return;
    }
    const values: Record<string, TParameterValue> = {};
    for (const [k, v] of Object.entries(sheet)) if (v) values[k] = v;
    try {
      await save.mutateAsync(values);
      setErrors({});
      message.success(t('spec.saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        const fe = e.fieldErrors();
        setErrors(Object.fromEntries(Object.entries(fe).map(([k, m]) => [k.replace(/^values\./, ''), m])));
        message.error(e.message);
      }
    }
  };
  return (
    <>
      <Button
        type="primary"
        onClick={submit}
        loading={save.isPending}
        data-testid="spec-save"
        style={{ marginBottom: 12 }}
      >
        {t('spec.save')}
      </Button>
      {Object.keys(errors).length ? (
        <Alert type="error" style={{ marginBottom: 12 }} message={Object.values(errors).join('；')} />
      ) : null}
      <Collapse
        defaultActiveKey={['basic']}
        items={PARAMETER_GROUPS.map((group) => ({
          key: group,
          label: en ? PARAMETER_GROUP_NAMES[group].en : PARAMETER_GROUP_NAMES[group].zh,
          children: (
            <Table<TParameterDefinition>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={(defs.data ?? []).filter((d) => d.group === group)}
              columns={[
                {
                  title: t('param.name'),
                  width: 260,
                  render: (_, d) => (
                    <span style={{ color: errors[d.key] || localErrors[d.key] ? '#cf1322' : undefined }}>
                      {en ? d.nameEn : d.name}
                    </span>
                  ),
                },
                {
                  title: '',
                  render: (_, d) => {
                    const problem = localErrors[d.key] ?? errors[d.key];
                    return (
                      <>
                        <ValueInput
                          def={d}
                          value={sheet[d.key]}
                          onChange={(v) => {
                            setSheet((s) => ({ ...s, [d.key]: v }));
                            setErrors(({ [d.key]: _gone, ...rest }) => rest);
                          }}
                        />
                        {problem ? (
                          <div role="alert" data-testid={`spec-error-${d.key}`} style={{ color: '#cf1322' }}>
                            {problem}
                          </div>
                        ) : null}
                      </>
                    );
                  },
                },
              ]}
            />
          ),
        }))}
      />
    </>
  );
}

function ColoursTab({ trim }: { trim: TTrimDetail }) {
  const { t } = useTranslation('consoleCatalog');
  const save = useSaveColours(trim.id);
  const [rows, setRows] = useState(
    trim.colours.map((c) => ({ kind: c.kind, name: c.name, hex: c.hex, delta: c.priceDeltaFen / 100 })),
  );
  const set = (i: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async () => {
    try {
      await save.mutateAsync({
        colours: rows.map((r) => ({
          kind: r.kind,
          name: r.name,
          nameEn: null,
          hex: r.hex,
          priceDeltaFen: Math.round(r.delta * 100),
        })),
      });
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('colour.kind'),
            render: (_, r, i) => (
              <Select
                value={r.kind}
                style={{ width: 100 }}
                onChange={(kind) => set(i, { kind })}
                options={[
                  { value: 'exterior', label: t('colour.exterior') },
                  { value: 'interior', label: t('colour.interior') },
                ]}
              />
            ),
          },
          {
            title: t('colour.name'),
            render: (_, r, i) => <Input value={r.name} onChange={(e) => set(i, { name: e.target.value })} />,
          },
          {
            title: t('colour.hex'),
            render: (_, r, i) => (
              <ColorPicker value={r.hex} showText onChange={(c) => set(i, { hex: c.toHexString() })} />
            ),
          },
          {
            title: t('colour.delta'),
            render: (_, r, i) => (
              <InputNumber min={0} value={r.delta} onChange={(n) => set(i, { delta: Number(n ?? 0) })} />
            ),
          },
          {
            title: '',
            render: (_, _r, i) => (
              <Button onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>×</Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          onClick={() => setRows((rs) => [...rs, { kind: 'exterior', name: '', hex: '#ffffff', delta: 0 }])}
        >
          {t('colour.add')}
        </Button>
        <Button type="primary" onClick={submit} loading={save.isPending} data-testid="colours-save">
          {t('save')}
        </Button>
      </Space>
    </>
  );
}

function PackagesTab({ trim }: { trim: TTrimDetail }) {
  const { t } = useTranslation('consoleCatalog');
  const save = useSavePackages(trim.id);
  const defs = useParameters();
  const [rows, setRows] = useState(
    trim.packages.map((p) => ({
      name: p.name,
      description: p.description ?? '',
      price: p.priceFen / 100,
      includes: p.includes,
    })),
  );
  const set = (i: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async () => {
    try {
      await save.mutateAsync({
        packages: rows.map((r) => ({
          name: r.name,
          nameEn: null,
          description: r.description || null,
          priceFen: Math.round(r.price * 100),
          includes: r.includes,
        })),
      });
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
    }
  };
  const featureOptions = (defs.data ?? [])
    .filter((d) => d.valueType === 'feature')
    .map((d) => ({ value: d.key, label: d.name }));
  return (
    <>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('pkg.name'),
            render: (_, r, i) => <Input value={r.name} onChange={(e) => set(i, { name: e.target.value })} />,
          },
          {
            title: t('pkg.price'),
            render: (_, r, i) => (
              <InputNumber min={0} value={r.price} onChange={(n) => set(i, { price: Number(n ?? 0) })} />
            ),
          },
          {
            title: t('pkg.includes'),
            render: (_, r, i) => (
              <Select
                mode="multiple"
                style={{ minWidth: 260 }}
                value={r.includes}
                options={featureOptions}
                onChange={(includes: string[]) => set(i, { includes })}
              />
            ),
          },
          {
            title: '',
            render: (_, _r, i) => (
              <Button onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>×</Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          onClick={() => setRows((rs) => [...rs, { name: '', description: '', price: 0, includes: [] }])}
        >
          {t('pkg.add')}
        </Button>
        <Button type="primary" onClick={submit} loading={save.isPending} data-testid="packages-save">
          {t('save')}
        </Button>
      </Space>
    </>
  );
}

function MediaTab({ trim }: { trim: TTrimDetail }) {
  const { t } = useTranslation('consoleCatalog');
  const upload = useUploadMedia();
  const remove = useDeleteMedia();
  const [angle, setAngle] = useState('front_45');
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={angle}
          onChange={setAngle}
          style={{ width: 140 }}
          options={[
            'front_45',
            'side',
            'rear_45',
            'rear',
            'dashboard',
            'front_seats',
            'rear_seats',
            'trunk',
            'detail',
          ].map((a) => ({ value: a, label: a }))}
        />
        <Upload
          accept="image/jpeg,image/png,image/webp"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            const form = new FormData();
            form.append('ownerType', 'trim');
            form.append('ownerId', trim.id);
            form.append('angle', angle);
            form.append('file', file as Blob);
            try {
              const created = await upload.mutateAsync(form);
              onSuccess?.(created);
              message.success(t('saved'));
            } catch (e) {
              if (e instanceof ApiError) message.error(e.message);
              onError?.(e as Error);
            }
          }}
        >
          <Button loading={upload.isPending} data-testid="media-upload">
            {t('media.upload')}
          </Button>
        </Upload>
        <span style={{ color: '#999' }}>{t('media.hint')}</span>
      </Space>
      <Image.PreviewGroup>
        <Space wrap>
          {trim.media
            .filter((m) => m.kind === 'image')
            .map((m) => (
              <Card key={m.id} size="small" style={{ width: 220 }} title={m.angle ?? ''}>
                <Image src={m.thumbUrl ?? m.url} preview={{ src: m.url }} width={190} />
                <Button size="small" danger onClick={() => remove.mutate(m.id)} style={{ marginTop: 6 }}>
                  {t('media.remove')}
                </Button>
              </Card>
            ))}
        </Space>
      </Image.PreviewGroup>
    </>
  );
}
