import { Button, Card, Form, Input, InputNumber, Modal, message, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type TTrim, ZCreateTrimRequest } from '../../../server/modules/catalog/model.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { Field, KitForm } from '../../shared/components/form-kit.js';
import { yuan } from '../../shared/format.js';
import { useCreateTrim, useSeries } from '../../shared/hooks/catalog.js';
import { useLabels } from '../../shared/labels.js';

/** A series with its trims by model year; new trims are created here and edited on their own page. */
export function SeriesPage() {
  const { t, i18n } = useTranslation('consoleCatalog');
  const L = useLabels();
  const en = i18n.language === 'en';
  const { id } = useParams();
  const series = useSeries(id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useCreateTrim();
  const rows = series.data?.years.flatMap((y) => y.trims) ?? [];
  const d = series.data;
  return (
    <Card
      loading={series.isLoading}
      title={d ? `${en ? d.brand.nameEn : d.brand.name} ${en ? d.nameEn : d.name}` : ''}
      extra={
        <Button data-testid="trim-create" onClick={() => setOpen(true)}>
          {t('trim.create')}
        </Button>
      }
    >
      <Link to="/console/catalog">{t('back')}</Link>
      <div style={{ marginTop: 12 }}>
        <DataTable<TTrim>
          testId="trim-table"
          size="small"
          rows={rows}
          rowKey={(r) => r.id}
          exportName="trims"
          columns={[
            {
              key: 'name',
              title: t('trim.name'),
              kind: 'title',
              value: (tr) => tr.name,
              render: (tr) => <Link to={`/console/catalog/trims/${tr.id}`}>{tr.name}</Link>,
              sortable: true,
            },
            {
              key: 'modelYear',
              title: t('trim.modelYear'),
              kind: 'number',
              value: (tr) => tr.modelYear,
              width: 90,
              sortable: true,
            },
            {
              key: 'price',
              title: t('trim.price'),
              kind: 'money',
              value: (tr) => yuan(tr.guidePriceFen),
              sortValue: (tr) => tr.guidePriceFen,
              sortable: true,
            },
            {
              key: 'energyType',
              title: t('series.energyType'),
              kind: 'tag',
              value: (tr) => L.label('energyType', tr.energyType),
              width: 130,
            },
            { key: 'seats', title: t('trim.seats'), kind: 'number', value: (tr) => tr.seats, width: 80 },
            {
              key: 'range',
              title: t('trim.range'),
              kind: 'number',
              value: (tr) => (tr.electricRangeKm ? `${tr.electricRangeKm} km` : '—'),
            },
            {
              key: 'power',
              title: t('trim.power'),
              kind: 'number',
              value: (tr) => (tr.powerKw ? `${tr.powerKw} kW` : '—'),
            },
            {
              key: 'status',
              title: t('trim.status'),
              kind: 'tag',
              value: (tr) => L.label('catalogStatus', tr.status),
              color: (tr) => L.color('catalogStatus', tr.status),
            },
          ]}
        />
      </div>
      <Modal
        open={open}
        title={t('trim.create')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <KitForm
          form={form}
          schema={ZCreateTrimRequest}
          guard={false}
          preserve={false}
          fieldMap={{ guidePriceFen: 'price' }}
          initialValues={{ modelYear: 2026, seats: 5, energyType: series.data?.energyType }}
          onFinish={async (v: {
            name: string;
            modelYear: number;
            price: number;
            energyType: TTrim['energyType'];
            seats: number;
          }) => {
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
          }}
        >
          <Field name="name" label={t('trim.name')}>
            <Input data-testid="trim-name" />
          </Field>
          <Field name="modelYear" label={t('trim.modelYear')}>
            <InputNumber min={1990} max={2100} />
          </Field>
          <Field
            name="price"
            label={t('trim.price')}
            schemaPath="guidePriceFen"
            validate={false}
            numberRule={{ min: 1 }}
          >
            <InputNumber min={1} precision={2} style={{ width: 200 }} data-testid="trim-price" />
          </Field>
          <Field name="energyType" label={t('series.energyType')}>
            <Select options={L.options('energyType')} />
          </Field>
          <Field name="seats" label={t('trim.seats')}>
            <InputNumber min={1} max={12} />
          </Field>
        </KitForm>
      </Modal>
    </Card>
  );
}
