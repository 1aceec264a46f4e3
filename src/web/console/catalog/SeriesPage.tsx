import { Button, Card, Form, Input, InputNumber, Modal, message, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ENERGY_TYPES, type TTrim } from '../../../server/modules/catalog/model.contract.js';
import { applyApiError } from '../../shared/forms.js';
import { useCreateTrim, useSeries } from '../../shared/hooks/catalog.js';

/** A series with its trims by model year; new trims are created here and edited on their own page. */
export function SeriesPage() {
  const { t } = useTranslation('consoleCatalog');
  const { id } = useParams();
  const series = useSeries(id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useCreateTrim();
  const rows = series.data?.years.flatMap((y) => y.trims) ?? [];
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        seriesId: id ?? '',
        modelYear: v.modelYear,
        name: v.name,
        guidePriceFen: Math.round(v.price * 100),
        energyType: v.energyType,
        seats: v.seats,
        nevTaxExempt: false,
        status: 'on_sale',
      });
      message.success(t('saved'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      const m = applyApiError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Card
      loading={series.isLoading}
      title={series.data ? `${series.data.brand.name} ${series.data.name}` : ''}
      extra={
        <Button data-testid="trim-create" onClick={() => setOpen(true)}>
          {t('trim.create')}
        </Button>
      }
    >
      <Link to="/console/catalog">{t('back')}</Link>
      <Table<TTrim>
        data-testid="trim-table"
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('trim.modelYear'), dataIndex: 'modelYear', width: 80 },
          {
            title: t('trim.name'),
            render: (_, tr) => <Link to={`/console/catalog/trims/${tr.id}`}>{tr.name}</Link>,
          },
          {
            title: t('trim.price'),
            render: (_, tr) => `¥${(tr.guidePriceFen / 100).toLocaleString('zh-CN')}`,
          },
          { title: t('series.energyType'), render: (_, tr) => <Tag>{tr.energyType}</Tag> },
          { title: t('trim.seats'), dataIndex: 'seats' },
          {
            title: t('trim.range'),
            render: (_, tr) => (tr.electricRangeKm ? `${tr.electricRangeKm} km` : '-'),
          },
          { title: t('trim.power'), render: (_, tr) => (tr.powerKw ? `${tr.powerKw} kW` : '-') },
          { title: t('trim.status'), dataIndex: 'status' },
        ]}
      />
      <Modal
        open={open}
        title={t('trim.create')}
        onOk={submit}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ modelYear: 2026, seats: 5, energyType: series.data?.energyType }}
        >
          <Form.Item name="name" label={t('trim.name')} rules={[{ required: true }]}>
            <Input data-testid="trim-name" />
          </Form.Item>
          <Form.Item name="modelYear" label={t('trim.modelYear')} rules={[{ required: true }]}>
            <InputNumber min={1990} max={2100} />
          </Form.Item>
          <Form.Item name="price" label={t('trim.price')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={2} style={{ width: 200 }} data-testid="trim-price" />
          </Form.Item>
          <Form.Item name="energyType" label={t('series.energyType')} rules={[{ required: true }]}>
            <Select options={ENERGY_TYPES.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
          <Form.Item name="seats" label={t('trim.seats')} rules={[{ required: true }]}>
            <InputNumber min={1} max={12} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
