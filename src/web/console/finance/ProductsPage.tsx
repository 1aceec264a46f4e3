import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATE_KINDS,
  type TCreateFinanceProductRequest,
  ZCreateFinanceProductRequest,
} from '../../../server/modules/finance/finance.contract.js';
import { LENDER_CODES, LOAN_METHODS } from '../../../server/modules/finance/finance.enums.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { Field, type FieldMap, KitForm, SaveBar } from '../../shared/components/form-kit.js';
import { formatTime, yuan } from '../../shared/format.js';
import {
  type TFinanceProduct,
  useFinanceProductMutations,
  useFinanceProducts,
} from '../../shared/hooks/finance-products.js';
import { useLabels } from '../../shared/labels.js';
import './i18n.js';

// Console: partner lenders' loan products. Finance staff add and change them (every save is audited and
// announced; a change made on a stale copy is refused); the storefront's plans read the active ones.

/** The form works in yuan and percent; the API in fen and basis points. */
interface Values {
  lenderCode: TCreateFinanceProductRequest['lenderCode'];
  nameZh: string;
  nameEn: string;
  forNew: boolean;
  forUsed: boolean;
  energies: TCreateFinanceProductRequest['energies'];
  brands: string[];
  minPriceYuan: number;
  maxPriceYuan: number | null;
  rateKind: TCreateFinanceProductRequest['rateKind'];
  method: TCreateFinanceProductRequest['method'];
  terms: { termMonths: number; ratePct: number }[];
  feesYuan: number;
  minDownPctIce: number;
  minDownPctNev: number;
  subsidised: boolean;
  referenceRatePct: number | null;
  validFrom: Dayjs;
  validTo: Dayjs | null;
  active: boolean;
}

const toFen = (y: number) => Math.round(y * 100);
const toBp = (pct: number) => Math.round(pct * 100);

export function toRequest(v: Values): TCreateFinanceProductRequest {
  return {
    lenderCode: v.lenderCode,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    forNew: v.forNew,
    forUsed: v.forUsed,
    energies: v.energies ?? [],
    brands: v.brands ?? [],
    minPriceFen: toFen(v.minPriceYuan),
    maxPriceFen: v.maxPriceYuan === null || v.maxPriceYuan === undefined ? null : toFen(v.maxPriceYuan),
    rateKind: v.rateKind,
    method: v.method,
    terms: (v.terms ?? []).map((t) => ({ termMonths: t.termMonths, rateBp: toBp(t.ratePct) })),
    feesFen: toFen(v.feesYuan ?? 0),
    minDownBpIce: toBp(v.minDownPctIce),
    minDownBpNev: toBp(v.minDownPctNev),
    subsidised: v.subsidised,
    referenceRateBp:
      v.subsidised && v.referenceRatePct !== null && v.referenceRatePct !== undefined
        ? toBp(v.referenceRatePct)
        : null,
    validFrom: v.validFrom.format('YYYY-MM-DD'),
    validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
    active: v.active,
  };
}

function toValues(p: TFinanceProduct): Values {
  return {
    lenderCode: p.lenderCode,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    forNew: p.forNew,
    forUsed: p.forUsed,
    energies: p.energies,
    brands: p.brands,
    minPriceYuan: p.minPriceFen / 100,
    maxPriceYuan: p.maxPriceFen === null ? null : p.maxPriceFen / 100,
    rateKind: p.rateKind,
    method: p.method,
    terms: p.terms.map((t) => ({ termMonths: t.termMonths, ratePct: t.rateBp / 100 })),
    feesYuan: p.feesFen / 100,
    minDownPctIce: p.minDownBpIce / 100,
    minDownPctNev: p.minDownBpNev / 100,
    subsidised: p.subsidised,
    referenceRatePct: p.referenceRateBp === null ? null : p.referenceRateBp / 100,
    validFrom: dayjs(p.validFrom),
    validTo: p.validTo ? dayjs(p.validTo) : null,
    active: p.active,
  };
}

const NEW_VALUES: Partial<Values> = {
  forNew: true,
  forUsed: false,
  energies: [],
  brands: [],
  rateKind: 'annual',
  method: 'equal_instalment',
  terms: [{ termMonths: 36, ratePct: 3.6 }],
  feesYuan: 0,
  minDownPctIce: 20,
  minDownPctNev: 15,
  subsidised: false,
  referenceRatePct: null,
  validTo: null,
  active: true,
};

/** API field paths (fen, bp) to the form's names (yuan, percent). */
const FIELD_MAP: FieldMap = (path) => {
  const direct: Record<string, string> = {
    minPriceFen: 'minPriceYuan',
    maxPriceFen: 'maxPriceYuan',
    feesFen: 'feesYuan',
    minDownBpIce: 'minDownPctIce',
    minDownBpNev: 'minDownPctNev',
    referenceRateBp: 'referenceRatePct',
  };
  if (direct[path]) return direct[path];
  const term = /^terms\.(\d+)\.(termMonths|rateBp)$/.exec(path);
  if (term) return ['terms', Number(term[1]), term[2] === 'rateBp' ? 'ratePct' : 'termMonths'];
  return undefined;
};

function ProductDrawer({ product, onClose }: { product: TFinanceProduct | null; onClose: () => void }) {
  const { t } = useTranslation('consoleFinance');
  const L = useLabels();
  const { message } = App.useApp();
  const m = useFinanceProductMutations();
  const [form] = Form.useForm<Values>();
  const subsidised = Form.useWatch('subsidised', form);
  const save = async (submitted: Values) => {
    // The store's values too: a field shown only when subsidised may not be mounted yet when the form is
    // saved (useWatch updates after a render), and an unmounted field would read as cleared.
    const v: Values = { ...(form.getFieldsValue(true) as Values), ...submitted };
    const req = toRequest(v);
    if (product) {
      // Only what changed is sent, so the audit row and the event name the fields really edited.
      const before = toRequest(toValues(product));
      const changed = Object.fromEntries(
        Object.entries(req).filter(
          ([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k as keyof typeof before]),
        ),
      );
      if (Object.keys(changed).length > 0) {
        await m.update.mutateAsync({ id: product.id, version: product.version, ...changed });
      }
    } else {
      await m.create.mutateAsync(req);
    }
    void message.success(t('saved'));
    onClose();
  };
  return (
    <Drawer
      open
      width={640}
      title={product ? `${t('edit')} · ${product.nameZh}` : t('create')}
      onClose={onClose}
      destroyOnHidden
    >
      <KitForm<Values>
        form={form}
        schema={ZCreateFinanceProductRequest}
        fieldMap={FIELD_MAP}
        initialValues={product ? toValues(product) : NEW_VALUES}
        onFinish={save}
        data-testid="finance-product-form"
      >
        <Field name="lenderCode" label={t('lender')}>
          <Select
            options={LENDER_CODES.map((c) => ({ value: c, label: t(`lenders.${c}`) }))}
            data-testid="fp-lender"
          />
        </Field>
        <Field name="nameZh" label={t('nameZh')}>
          <Input data-testid="fp-name-zh" />
        </Field>
        <Field name="nameEn" label={t('nameEn')}>
          <Input data-testid="fp-name-en" />
        </Field>
        <Space size="large" wrap>
          <Field name="forNew" label={t('forNew')} valuePropName="checked">
            <Switch />
          </Field>
          <Field name="forUsed" label={t('forUsed')} valuePropName="checked">
            <Switch />
          </Field>
          <Field name="active" label={t('active')} valuePropName="checked">
            <Switch />
          </Field>
        </Space>
        <Field name="energies" label={t('energies')}>
          <Checkbox.Group options={L.options('energyType')} />
        </Field>
        <Field name="brands" label={t('brands')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Field>
        <Space wrap>
          <Field name="minPriceYuan" label={t('minPrice')} schemaPath={null} required>
            <InputNumber min={0} step={10_000} style={{ width: 200 }} />
          </Field>
          <Field name="maxPriceYuan" label={t('maxPrice')} schemaPath={null}>
            <InputNumber min={1} step={10_000} style={{ width: 200 }} />
          </Field>
        </Space>
        <Space wrap>
          <Field name="rateKind" label={t('rateKind')}>
            <Radio.Group options={RATE_KINDS.map((k) => ({ value: k, label: t(`rateKinds.${k}`) }))} />
          </Field>
          <Field name="method" label={t('method')}>
            <Radio.Group options={LOAN_METHODS.map((k) => ({ value: k, label: t(`methods.${k}`) }))} />
          </Field>
        </Space>
        <Typography.Text strong>{t('terms')}</Typography.Text>
        <Form.List name="terms">
          {(fields, { add, remove }) => (
            <div data-testid="fp-terms" style={{ marginTop: 8 }}>
              <Space>
                {(['termMonths', 'ratePct'] as const).map((k) => (
                  <Typography.Text key={k} type="secondary" style={{ display: 'inline-block', width: 140 }}>
                    {t(k)}
                  </Typography.Text>
                ))}
              </Space>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'termMonths']} rules={[{ required: true }]}>
                    <InputNumber
                      min={12}
                      max={60}
                      step={12}
                      placeholder={t('termMonths')}
                      aria-label={t('termMonths')}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ratePct']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      max={36}
                      step={0.01}
                      placeholder={t('ratePct')}
                      aria-label={t('ratePct')}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Form.Item>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ termMonths: 36, ratePct: 0 })}
                  data-testid="fp-add-term"
                >
                  {t('addTerm')}
                </Button>
              </Form.Item>
            </div>
          )}
        </Form.List>
        <Space wrap>
          <Field name="feesYuan" label={t('fees')} schemaPath={null} required>
            <InputNumber min={0} step={100} style={{ width: 160 }} />
          </Field>
          <Field name="minDownPctIce" label={t('minDownIce')} schemaPath={null} required>
            <InputNumber min={0} max={90} step={5} style={{ width: 160 }} />
          </Field>
          <Field name="minDownPctNev" label={t('minDownNev')} schemaPath={null} required>
            <InputNumber min={0} max={90} step={5} style={{ width: 160 }} />
          </Field>
        </Space>
        <Space wrap align="start">
          <Field name="subsidised" label={t('subsidised')} valuePropName="checked">
            <Switch data-testid="fp-subsidised" />
          </Field>
          {subsidised ? (
            <Field
              name="referenceRatePct"
              label={t('referenceRate')}
              schemaPath={null}
              required
              extra={t('referenceHint')}
            >
              <InputNumber min={0.01} max={36} step={0.01} style={{ width: 200 }} />
            </Field>
          ) : null}
        </Space>
        <Space wrap>
          <Field name="validFrom" label={t('validFrom')} schemaPath={null} required>
            <DatePicker />
          </Field>
          <Field name="validTo" label={t('validTo')} schemaPath={null}>
            <DatePicker />
          </Field>
        </Space>
        <SaveBar>
          <Space>
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={m.create.isPending || m.update.isPending}
              data-testid="fp-save"
            >
              {t('save')}
            </Button>
          </Space>
        </SaveBar>
      </KitForm>
    </Drawer>
  );
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

export function ProductsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleFinance');
  const L = useLabels();
  const list = useFinanceProducts();
  const [editing, setEditing] = useState<TFinanceProduct | 'new' | null>(null);
  const statusColour: Record<TFinanceProduct['status'], string> = {
    active: 'green',
    scheduled: 'blue',
    expired: 'default',
    inactive: 'default',
  };
  return (
    <Card title={t('title')} data-testid="finance-products-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <DataTable<TFinanceProduct>
        testId="finance-products-table"
        rows={list.data?.items}
        rowKey={(r) => r.id}
        rowTestId={(r) => `finance-product-row-${r.id}`}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        exportName="finance-products"
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="fp-create"
            >
              {t('create')}
            </Button>
          ) : null
        }
        columns={[
          { key: 'name', title: t('name'), kind: 'title', value: (r) => r.nameZh, sortable: true },
          { key: 'lender', title: t('lender'), value: (r) => t(`lenders.${r.lenderCode}`), sortable: true },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(`statuses.${r.status}`),
            color: (r) => statusColour[r.status],
          },
          {
            key: 'for',
            title: t('appliesTo'),
            kind: 'tags',
            values: (r) => [
              ...(r.forNew ? [t('forNew')] : []),
              ...(r.forUsed ? [t('forUsed')] : []),
              ...(r.energies.length === 0
                ? [t('allEnergies')]
                : r.energies.map((e) => L.label('energyType', e))),
              ...r.brands.map((b) => b.toUpperCase()),
            ],
          },
          {
            key: 'price',
            title: t('priceRange'),
            kind: 'money',
            value: (r) => `${yuan(r.minPriceFen)} – ${r.maxPriceFen === null ? '∞' : yuan(r.maxPriceFen)}`,
            sortValue: (r) => r.minPriceFen,
          },
          {
            key: 'terms',
            title: t('terms'),
            value: (r) =>
              `${t(`rateKinds.${r.rateKind}`)} ${r.terms.map((x) => `${x.termMonths}:${pct(x.rateBp)}`).join(' ')}`,
            width: 260,
          },
          {
            key: 'down',
            title: t('minDown'),
            value: (r) => `${pct(r.minDownBpIce)} / ${pct(r.minDownBpNev)}`,
            width: 130,
          },
          {
            key: 'subsidy',
            title: t('subsidy'),
            value: (r) => (r.subsidised ? `0% (${pct(r.referenceRateBp ?? 0)})` : t('no')),
            width: 110,
          },
          {
            key: 'validity',
            title: t('validity'),
            value: (r) => `${r.validFrom} – ${r.validTo ?? t('open')}`,
            width: 200,
          },
          { key: 'version', title: t('version'), kind: 'number', value: (r) => r.version, width: 80 },
          {
            key: 'updatedAt',
            title: t('updatedAt'),
            kind: 'time',
            value: (r) => formatTime(r.updatedAt),
            sortValue: (r) => r.updatedAt,
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('actions'),
                  kind: 'actions' as const,
                  width: 100,
                  render: (r: TFinanceProduct) => (
                    <Button size="small" onClick={() => setEditing(r)} data-testid={`fp-edit-${r.id}`}>
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <ProductDrawer product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}
