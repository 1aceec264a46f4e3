import { Button, Card, Col, Form, Input, Modal, message, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type TBrand,
  type TCreateSeriesRequest,
  type TSeries,
  ZCreateBrandRequest,
  ZCreateSeriesRequest,
} from '../../../server/modules/catalog/model.contract.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { Field, KitForm } from '../../shared/components/form-kit.js';
import { yuan } from '../../shared/format.js';
import { useBrand, useBrandIndex, useCreateBrand, useCreateSeries } from '../../shared/hooks/catalog.js';
import { useLabels } from '../../shared/labels.js';

/** Brands (A-Z) on the left, the chosen brand's series on the right; both can be created here. */
export function BrandsPage() {
  const { t, i18n } = useTranslation('consoleCatalog');
  const L = useLabels();
  const en = i18n.language === 'en';
  const index = useBrandIndex();
  const [sel, setSel] = useUrlFilters(['brand']);
  const brandId = sel.brand;
  const brand = useBrand(brandId);
  const [brandOpen, setBrandOpen] = useState(false);
  const [seriesOpen, setSeriesOpen] = useState(false);
  const brands: TBrand[] = index.data?.initials.flatMap((i) => i.brands) ?? [];
  const brandTitle = (b: { name: string; nameEn: string }) => (en ? b.nameEn : b.name);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card
          title={t('brand.title')}
          extra={
            <Button data-testid="brand-create" onClick={() => setBrandOpen(true)}>
              {t('brand.create')}
            </Button>
          }
        >
          <DataTable<TBrand>
            testId="brand-table"
            urlKey="b_"
            size="small"
            pageSize={50}
            rows={brands}
            rowKey={(b) => b.id}
            loading={index.isLoading}
            error={index.error}
            exportName="brands"
            columns={[
              {
                key: 'name',
                title: t('brand.name'),
                kind: 'title',
                value: (b) => `${brandTitle(b)}${en ? '' : ` ${b.nameEn}`}`,
                sortable: true,
                sortValue: (b) => b.pinyin,
                render: (b) => (
                  <button
                    type="button"
                    onClick={() => setSel({ brand: b.id })}
                    data-testid={`brand-row-${b.slug}`}
                    style={{
                      all: 'unset',
                      cursor: 'pointer',
                      fontWeight: b.id === brandId ? 600 : undefined,
                      color: b.id === brandId ? '#d4380d' : undefined,
                    }}
                  >
                    <Space size={6}>
                      <span
                        aria-hidden
                        style={{ background: b.colours[0], width: 10, height: 10, display: 'inline-block' }}
                      />
                      {brandTitle(b)}
                      {!en && <span style={{ color: '#8c8c8c' }}>{b.nameEn}</span>}
                    </Space>
                  </button>
                ),
              },
              {
                key: 'seriesCount',
                title: t('brand.seriesCount'),
                kind: 'number',
                value: (b) => b.seriesCount,
                width: 90,
                sortable: true,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card
          title={brand.data ? `${brandTitle(brand.data)} · ${t('series.title')}` : t('series.title')}
          extra={
            brandId ? (
              <Button data-testid="series-create" onClick={() => setSeriesOpen(true)}>
                {t('series.create')}
              </Button>
            ) : null
          }
        >
          {brandId ? (
            <DataTable<TSeries>
              testId="series-table"
              urlKey="s_"
              size="small"
              rows={brand.data?.series ?? []}
              rowKey={(s) => s.id}
              loading={brand.isLoading}
              error={brand.error}
              exportName="series"
              columns={[
                {
                  key: 'name',
                  title: t('series.name'),
                  kind: 'title',
                  value: (s) => (en ? s.nameEn : s.name),
                  sortable: true,
                  render: (s) => <Link to={`/console/catalog/series/${s.id}`}>{en ? s.nameEn : s.name}</Link>,
                },
                {
                  key: 'bodyType',
                  title: t('series.bodyType'),
                  value: (s) => L.label('bodyType', s.bodyType),
                  width: 100,
                },
                {
                  key: 'energyType',
                  title: t('series.energyType'),
                  kind: 'tag',
                  value: (s) => L.label('energyType', s.energyType),
                  width: 130,
                },
                {
                  key: 'segment',
                  title: t('series.segment'),
                  value: (s) => L.label('segment', s.segment),
                  width: 110,
                },
                {
                  key: 'price',
                  title: t('series.price'),
                  kind: 'money',
                  width: 200,
                  value: (s) =>
                    s.priceRange ? `${yuan(s.priceRange.minFen)} – ${yuan(s.priceRange.maxFen)}` : '—',
                  sortable: true,
                  sortValue: (s) => s.priceRange?.minFen ?? null,
                },
                {
                  key: 'trims',
                  title: t('series.trims'),
                  kind: 'number',
                  value: (s) => s.trimCount,
                  width: 90,
                },
                {
                  key: 'status',
                  title: t('trim.status'),
                  kind: 'tag',
                  value: (s) => L.label('catalogStatus', s.status),
                  color: (s) => L.color('catalogStatus', s.status),
                },
              ]}
            />
          ) : (
            t('series.pick')
          )}
        </Card>
      </Col>
      <BrandDialog open={brandOpen} onClose={() => setBrandOpen(false)} />
      {brandId ? (
        <SeriesDialog brandId={brandId} open={seriesOpen} onClose={() => setSeriesOpen(false)} />
      ) : null}
    </Row>
  );
}

function BrandDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('consoleCatalog');
  const [form] = Form.useForm();
  const create = useCreateBrand();
  return (
    <Modal
      open={open}
      title={t('brand.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <KitForm
        form={form}
        schema={ZCreateBrandRequest}
        guard={false}
        preserve={false}
        initialValues={{ country: 'CN', colours: '#c8102e #1c1c1c' }}
        onFinish={async (v: Record<string, string | undefined>) => {
          await create.mutateAsync({
            slug: v.slug ?? '',
            name: v.name ?? '',
            nameEn: v.nameEn ?? '',
            country: v.country ?? '',
            colours: String(v.colours ?? '')
              .split(/[,\s]+/)
              .filter(Boolean),
            aliases: String(v.aliases ?? '')
              .split(/[,，]/)
              .map((x) => x.trim())
              .filter(Boolean),
            sort: 0,
          });
          message.success(t('saved'));
          onClose();
        }}
      >
        <Field name="name" label={t('brand.name')}>
          <Input data-testid="brand-name" />
        </Field>
        <Field name="nameEn" label={t('brand.nameEn')}>
          <Input />
        </Field>
        <Field name="slug" label={t('brand.slug')} extra={t('brand.slugHint')}>
          <Input data-testid="brand-slug" />
        </Field>
        <Field name="country" label={t('brand.country')} extra={t('brand.countryHint')}>
          <Input />
        </Field>
        <Field name="colours" label={t('brand.colours')} validate={false} extra={t('brand.coloursHint')}>
          <Input />
        </Field>
        <Field name="aliases" label={t('brand.aliases')} validate={false}>
          <Input />
        </Field>
      </KitForm>
    </Modal>
  );
}

function SeriesDialog({ brandId, open, onClose }: { brandId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('consoleCatalog');
  const L = useLabels();
  const [form] = Form.useForm();
  const create = useCreateSeries();
  return (
    <Modal
      open={open}
      title={t('series.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <KitForm
        form={form}
        schema={ZCreateSeriesRequest}
        guard={false}
        preserve={false}
        onFinish={async (v: Omit<TCreateSeriesRequest, 'brandId' | 'aliases' | 'status'>) => {
          await create.mutateAsync({ ...v, brandId, aliases: [], status: 'on_sale' });
          message.success(t('saved'));
          onClose();
        }}
      >
        <Field name="name" label={t('series.name')}>
          <Input data-testid="series-name" />
        </Field>
        <Field name="nameEn" label={t('brand.nameEn')}>
          <Input />
        </Field>
        <Field name="slug" label={t('brand.slug')} extra={t('brand.slugHint')}>
          <Input />
        </Field>
        <Field name="manufacturer" label={t('series.manufacturer')}>
          <Input />
        </Field>
        <Field name="bodyType" label={t('series.bodyType')}>
          <Select options={L.options('bodyType')} />
        </Field>
        <Field name="energyType" label={t('series.energyType')}>
          <Select options={L.options('energyType')} />
        </Field>
        <Field name="segment" label={t('series.segment')}>
          <Select options={L.options('segment')} />
        </Field>
      </KitForm>
    </Modal>
  );
}
