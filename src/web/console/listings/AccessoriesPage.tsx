import '../../shared/listings/i18n.js';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../shared/components/DataTable.js';
import { yuan } from '../../shared/format.js';
import {
  type TAccessory,
  useAccessoryCategories,
  useCreateAccessoryCategory,
  useManagedAccessories,
  useSaveAccessory,
} from '../../shared/hooks/accessories.js';
import { useLabels } from '../../shared/labels.js';

interface ProductForm {
  categoryId: string;
  name: string;
  nameEn?: string;
  brand?: string;
  description?: string;
  status: 'draft' | 'listed' | 'delisted';
  returnable: boolean;
  fitments: { seriesId: string; yearFrom?: number | null; yearTo?: number | null }[];
  variants: { sku: string; attributes?: string; priceYuan: number }[];
}

function parseAttributes(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (s ?? '').split(/[;；]/)) {
    const [k, v] = part.split(/[=＝]/).map((x) => x.trim());
    if (k && v) out[k] = v;
  }
  return out;
}

const formatAttributes = (a: Record<string, string>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');

/** Accessories and care products: category tree, products with variants (SKU, attributes, price), fitment. */
export function AccessoriesPage() {
  const { t, i18n } = useTranslation('listings');
  const { message } = App.useApp();
  const categories = useAccessoryCategories();
  const products = useManagedAccessories();
  const save = useSaveAccessory();
  const createCategory = useCreateAccessoryCategory();
  const [editing, setEditing] = useState<TAccessory | 'new' | null>(null);
  const [catOpen, setCatOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ProductForm>();
  const [catForm] = Form.useForm<{ parentId?: string; name: string; nameEn: string }>();
  const en = i18n.language === 'en';
  const L = useLabels();
  const statusLabel = (st: TAccessory['status']) =>
    st === 'draft' || st === 'listed' || st === 'delisted'
      ? L.label('accessoryStatus', st)
      : L.label('listingStatus', st);
  const catName = (id: string) => {
    const c = categories.data?.find((x) => x.id === id);
    return c ? (en ? c.nameEn : c.name) : id;
  };
  const catOptions = (categories.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.parentId ? `${catName(c.parentId)} / ` : ''}${en ? c.nameEn : c.name}`,
  }));

  const open = (a: TAccessory | 'new') => {
    setError(null);
    setEditing(a);
    form.setFieldsValue(
      a === 'new'
        ? {
            status: 'draft',
            returnable: true,
            fitments: [],
            variants: [{ sku: '', priceYuan: 0 }],
            description: '',
          }
        : {
            categoryId: a.categoryId,
            name: a.name,
            nameEn: a.nameEn ?? '',
            brand: a.brand ?? '',
            description: a.description,
            status: a.status === 'listed' || a.status === 'delisted' ? a.status : 'draft',
            returnable: a.returnable,
            fitments: a.fitments,
            variants: a.variants.map((v) => ({
              sku: v.sku,
              attributes: formatAttributes(v.attributes),
              priceYuan: v.priceFen / 100,
            })),
          },
    );
  };

  const onSave = (v: ProductForm) =>
    save.mutate(
      {
        ...(editing && editing !== 'new' ? { id: editing.id } : {}),
        body: {
          categoryId: v.categoryId,
          name: v.name,
          nameEn: v.nameEn || null,
          brand: v.brand || null,
          description: v.description ?? '',
          status: v.status,
          returnable: v.returnable ?? true,
          // `fitments` wins over `seriesIds` on the server; both are sent for the contract's shape.
          seriesIds: [],
          fitments: (v.fitments ?? [])
            .filter((f) => f.seriesId?.trim())
            .map((f) => ({
              seriesId: f.seriesId.trim(),
              yearFrom: f.yearFrom ?? null,
              yearTo: f.yearTo ?? null,
            })),
          variants: v.variants.map((x) => ({
            sku: x.sku,
            attributes: parseAttributes(x.attributes),
            priceFen: Math.round(x.priceYuan * 100),
          })),
        },
      },
      { onSuccess: () => setEditing(null), onError: (e) => setError(e.message) },
    );

  return (
    <Card
      title={t('menu.accessories')}
      data-testid="accessories"
      extra={
        <Space>
          <Button onClick={() => setCatOpen(true)}>{t('acc.newCategory')}</Button>
          <Button type="primary" onClick={() => open('new')} data-testid="accessory-create">
            {t('acc.create')}
          </Button>
        </Space>
      }
    >
      <DataTable<TAccessory>
        testId="accessory-table"
        rows={products.data?.items ?? []}
        rowKey={(r) => r.id}
        loading={products.isLoading}
        error={products.error}
        onRetry={() => void products.refetch()}
        exportName="accessories"
        columns={[
          {
            key: 'name',
            title: t('acc.name'),
            kind: 'title',
            value: (r) => (en && r.nameEn ? r.nameEn : r.name),
            sortable: true,
            render: (r) => (
              <Button
                type="link"
                onClick={() => open(r)}
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              >
                {en && r.nameEn ? r.nameEn : r.name}
              </Button>
            ),
          },
          { key: 'category', title: t('acc.category'), value: (r) => catName(r.categoryId), sortable: true },
          { key: 'brand', title: t('acc.brand'), value: (r) => r.brand ?? '—', width: 120 },
          {
            key: 'price',
            title: t('acc.price'),
            kind: 'money',
            value: (r) => yuan(r.priceFromFen),
            sortValue: (r) => r.priceFromFen,
            sortable: true,
          },
          {
            key: 'variants',
            title: t('acc.variants'),
            kind: 'tags',
            values: (r) => r.variants.map((v) => v.sku),
          },
          {
            key: 'fit',
            title: t('acc.fitment'),
            value: (r) =>
              r.seriesIds.length === 0
                ? t('acc.universal')
                : t('acc.seriesCount', { count: r.seriesIds.length }),
            width: 120,
          },
          {
            key: 'status',
            title: t('acc.status'),
            kind: 'tag',
            value: (r) => statusLabel(r.status),
            color: (r) => L.color('listingStatus', r.status),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('acc.create') : t('acc.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form<ProductForm> form={form} layout="vertical" onFinish={onSave}>
          <Form.Item name="categoryId" label={t('acc.category')} rules={[{ required: true }]}>
            <Select options={catOptions} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="name"
              label={t('acc.name')}
              rules={[{ required: true, min: 2 }]}
              style={{ flex: 2 }}
            >
              <Input />
            </Form.Item>
            <Form.Item name="brand" label={t('acc.brand')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="status" label={t('acc.status')} style={{ flex: 1 }}>
              <Select options={L.options('accessoryStatus')} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="nameEn" label={t('acc.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="returnable" label={t('acc.returnable')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="description" label={t('acc.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label={t('acc.fitments')} style={{ marginBottom: 8 }}>
            <Form.List name="fitments">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap data-testid="accessory-fitment-row">
                      <Form.Item name={[f.name, 'seriesId']} rules={[{ required: true }]}>
                        <Input placeholder={t('acc.seriesId')} style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'yearFrom']}>
                        <InputNumber
                          min={1990}
                          max={2100}
                          placeholder={t('acc.yearFrom')}
                          style={{ width: 120 }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'yearTo']}>
                        <InputNumber
                          min={1990}
                          max={2100}
                          placeholder={t('acc.yearTo')}
                          style={{ width: 120 }}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>-</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ seriesId: '' })} data-testid="accessory-add-fitment">
                    {t('acc.addFitment')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.List name="variants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'sku']} rules={[{ required: true, min: 3 }]}>
                      <Input placeholder={t('acc.sku')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'attributes']}>
                      <Input placeholder={t('acc.attributes')} style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'priceYuan']} rules={[{ required: true }]}>
                      <InputNumber min={0.01} placeholder={t('acc.variantPrice')} />
                    </Form.Item>
                    {fields.length > 1 ? <Button onClick={() => remove(f.name)}>-</Button> : null}
                  </Space>
                ))}
                <Button onClick={() => add({ sku: '', priceYuan: 0 })}>{t('acc.addVariant')}</Button>
              </>
            )}
          </Form.List>
        </Form>
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
      </Modal>
      <Modal
        open={catOpen}
        title={t('acc.newCategory')}
        onCancel={() => setCatOpen(false)}
        onOk={() => catForm.submit()}
        confirmLoading={createCategory.isPending}
      >
        <Form
          form={catForm}
          layout="vertical"
          onFinish={(v) =>
            createCategory.mutate(
              { parentId: v.parentId ?? null, name: v.name, nameEn: v.nameEn },
              {
                onSuccess: () => {
                  setCatOpen(false);
                  catForm.resetFields();
                },
                onError: (e) => void message.error(e.message),
              },
            )
          }
        >
          <Form.Item name="parentId" label={t('acc.parent')}>
            <Select allowClear options={catOptions} />
          </Form.Item>
          <Form.Item name="name" label={t('acc.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('acc.nameEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
