import { Button, Card, Col, Form, Input, Modal, message, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  BODY_TYPES,
  ENERGY_TYPES,
  SEGMENTS,
  type TBrand,
  type TSeries,
} from '../../../server/modules/catalog/model.contract.js';
import { applyApiError } from '../../shared/forms.js';
import { useBrand, useBrandIndex, useCreateBrand, useCreateSeries } from '../../shared/hooks/catalog.js';

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN')}`;

/** Brands (A-Z) on the left, the chosen brand's series on the right; both can be created here. */
export function BrandsPage() {
  const { t } = useTranslation('consoleCatalog');
  const index = useBrandIndex();
  const [brandId, setBrandId] = useState<string>();
  const brand = useBrand(brandId);
  const [brandOpen, setBrandOpen] = useState(false);
  const [seriesOpen, setSeriesOpen] = useState(false);
  const brands: TBrand[] = index.data?.initials.flatMap((i) => i.brands) ?? [];
  return (
    <Row gutter={16}>
      <Col xs={24} md={9}>
        <Card
          title={t('brand.title')}
          extra={
            <Button data-testid="brand-create" onClick={() => setBrandOpen(true)}>
              {t('brand.create')}
            </Button>
          }
        >
          <Table<TBrand>
            data-testid="brand-table"
            rowKey="id"
            size="small"
            loading={index.isLoading}
            dataSource={brands}
            pagination={false}
            scroll={{ y: 560 }}
            onRow={(b) => ({ onClick: () => setBrandId(b.id), style: { cursor: 'pointer' } })}
            rowClassName={(b) => (b.id === brandId ? 'ant-table-row-selected' : '')}
            columns={[
              { title: '', dataIndex: 'initial', width: 40 },
              {
                title: t('brand.name'),
                render: (_, b) => (
                  <Space>
                    <span
                      style={{ background: b.colours[0], width: 10, height: 10, display: 'inline-block' }}
                    />
                    {b.name} <span style={{ color: '#999' }}>{b.nameEn}</span>
                  </Space>
                ),
              },
              { title: t('brand.seriesCount'), dataIndex: 'seriesCount', width: 70 },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} md={15}>
        <Card
          title={brand.data ? `${brand.data.name} · ${t('series.title')}` : t('series.title')}
          extra={
            brandId ? (
              <Button data-testid="series-create" onClick={() => setSeriesOpen(true)}>
                {t('series.create')}
              </Button>
            ) : null
          }
        >
          {brandId ? (
            <Table<TSeries>
              data-testid="series-table"
              rowKey="id"
              size="small"
              loading={brand.isLoading}
              dataSource={brand.data?.series ?? []}
              pagination={false}
              columns={[
                {
                  title: t('series.name'),
                  render: (_, s) => <Link to={`/console/catalog/series/${s.id}`}>{s.name}</Link>,
                },
                { title: t('series.bodyType'), dataIndex: 'bodyType' },
                { title: t('series.energyType'), render: (_, s) => <Tag>{s.energyType}</Tag> },
                { title: t('series.segment'), dataIndex: 'segment' },
                {
                  title: t('series.price'),
                  render: (_, s) =>
                    s.priceRange ? `${yuan(s.priceRange.minFen)} – ${yuan(s.priceRange.maxFen)}` : '-',
                },
                { title: t('series.trims'), dataIndex: 'trimCount' },
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
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        slug: v.slug,
        name: v.name,
        nameEn: v.nameEn,
        country: v.country,
        colours: String(v.colours)
          .split(/[,\s]+/)
          .filter(Boolean),
        aliases: String(v.aliases ?? '')
          .split(/[,，]/)
          .map((s: string) => s.trim())
          .filter(Boolean),
        sort: 0,
      });
      message.success(t('saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      const m = applyApiError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Modal
      open={open}
      title={t('brand.create')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ country: 'CN', colours: '#c8102e #1c1c1c' }}>
        <Form.Item name="name" label={t('brand.name')} rules={[{ required: true }]}>
          <Input data-testid="brand-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('brand.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="slug" label={t('brand.slug')} rules={[{ required: true, pattern: /^[a-z0-9-]+$/ }]}>
          <Input data-testid="brand-slug" />
        </Form.Item>
        <Form.Item
          name="country"
          label={t('brand.country')}
          rules={[{ required: true, pattern: /^[A-Z]{2}$/ }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="colours" label={t('brand.colours')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="aliases" label={t('brand.aliases')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SeriesDialog({ brandId, open, onClose }: { brandId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('consoleCatalog');
  const [form] = Form.useForm();
  const create = useCreateSeries();
  const options = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ ...v, brandId, aliases: [], status: 'on_sale' });
      message.success(t('saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      const m = applyApiError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Modal
      open={open}
      title={t('series.create')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('series.name')} rules={[{ required: true }]}>
          <Input data-testid="series-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('brand.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="slug" label={t('brand.slug')} rules={[{ required: true, pattern: /^[a-z0-9-]+$/ }]}>
          <Input />
        </Form.Item>
        <Form.Item name="manufacturer" label={t('series.manufacturer')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="bodyType" label={t('series.bodyType')} rules={[{ required: true }]}>
          <Select options={options(BODY_TYPES)} />
        </Form.Item>
        <Form.Item name="energyType" label={t('series.energyType')} rules={[{ required: true }]}>
          <Select options={options(ENERGY_TYPES)} />
        </Form.Item>
        <Form.Item name="segment" label={t('series.segment')} rules={[{ required: true }]}>
          <Select options={options(SEGMENTS)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
