import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, message, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TCreateParameterRequest,
  type TParameterDefinition,
  ZCreateParameterRequest,
  ZUpdateParameterRequest,
} from '../../../server/modules/catalog/model.contract.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { Field, KitForm } from '../../shared/components/form-kit.js';
import { useCreateParameter, useParameters, useUpdateParameter } from '../../shared/hooks/catalog.js';
import { useLabels } from '../../shared/labels.js';

/** The parameter dictionary: data operators edit (names, units, groups, filterable, type while unused). */
export function ParametersPage() {
  const { t, i18n } = useTranslation('consoleCatalog');
  const L = useLabels();
  const en = i18n.language === 'en';
  const defs = useParameters();
  const [editing, setEditing] = useState<TParameterDefinition | 'new' | null>(null);
  const [f, setF] = useUrlFilters(['group', 'q']);
  const q = f.q?.toLowerCase();
  const rows = (defs.data ?? []).filter(
    (d) =>
      (!f.group || d.group === f.group) &&
      (!q || d.key.includes(q) || d.name.toLowerCase().includes(q) || d.nameEn.toLowerCase().includes(q)),
  );
  return (
    <Card title={t('tabs.parameters')}>
      <DataTable<TParameterDefinition>
        testId="param-table"
        size="small"
        pageSize={50}
        rows={rows}
        rowKey={(d) => d.key}
        loading={defs.isLoading}
        error={defs.error}
        onRetry={() => void defs.refetch()}
        exportName="parameters"
        toolbar={
          <>
            <Input.Search
              allowClear
              defaultValue={f.q}
              placeholder={t('param.search')}
              aria-label={t('param.search')}
              style={{ width: 220 }}
              onSearch={(v) => setF({ q: v.trim() })}
            />
            <Select
              allowClear
              placeholder={t('param.anyGroup')}
              aria-label={t('param.group')}
              style={{ width: 170 }}
              value={f.group}
              onChange={(group?: string) => setF({ group })}
              options={L.options('parameterGroup')}
            />
          </>
        }
        extra={
          <Button data-testid="param-create" onClick={() => setEditing('new')}>
            {t('param.create')}
          </Button>
        }
        columns={[
          {
            key: 'name',
            title: t('param.name'),
            kind: 'title',
            value: (d) => (en ? d.nameEn : d.name),
            sortable: true,
          },
          {
            key: 'nameOther',
            title: en ? t('param.nameZh') : t('param.nameEn'),
            value: (d) => (en ? d.name : d.nameEn),
            width: 200,
          },
          {
            key: 'group',
            title: t('param.group'),
            value: (d) => L.label('parameterGroup', d.group),
            width: 140,
            sortable: true,
          },
          {
            key: 'type',
            title: t('param.type'),
            kind: 'tag',
            value: (d) => L.label('parameterType', d.valueType),
            width: 150,
          },
          { key: 'unit', title: t('param.unit'), value: (d) => d.unit ?? '—', width: 90 },
          {
            key: 'filterable',
            title: t('param.filterable'),
            value: (d) => L.label('yesNo', d.filterable ? 'yes' : 'no'),
            width: 90,
          },
          { key: 'key', title: t('param.key'), value: (d) => d.key, width: 220, card: false },
          {
            key: 'actions',
            title: t('param.actions'),
            kind: 'actions',
            width: 90,
            render: (d) => (
              <Button size="small" onClick={() => setEditing(d)}>
                {t('trim.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing ? (
        <ParameterDialog def={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

function ParameterDialog({ def, onClose }: { def: TParameterDefinition | null; onClose: () => void }) {
  const { t } = useTranslation('consoleCatalog');
  const L = useLabels();
  const [form] = Form.useForm();
  const create = useCreateParameter();
  const update = useUpdateParameter();
  return (
    <Modal
      open
      title={def ? t('param.edit') : t('param.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
    >
      <KitForm
        form={form}
        schema={def ? ZUpdateParameterRequest : ZCreateParameterRequest}
        guard={false}
        initialValues={def ?? { valueType: 'feature', filterable: false, sort: 0 }}
        onFinish={async (v: TCreateParameterRequest) => {
          const body = { ...v, unit: v.unit ? v.unit : null };
          if (def) {
            const { key: _key, ...rest } = body;
            await update.mutateAsync({ key: def.key, body: rest });
          } else await create.mutateAsync(body);
          message.success(t('saved'));
          onClose();
        }}
      >
        <Field name="key" label={t('param.key')} extra={t('param.keyHint')} schemaPath={def ? null : 'key'}>
          <Input disabled={Boolean(def)} data-testid="param-key" placeholder="body.ground_clearance_mm" />
        </Field>
        <Field name="group" label={t('param.group')} required>
          <Select options={L.options('parameterGroup')} />
        </Field>
        <Field name="name" label={t('param.name')} required>
          <Input data-testid="param-name" />
        </Field>
        <Field name="nameEn" label={t('param.nameEn')} required>
          <Input />
        </Field>
        <Field name="valueType" label={t('param.type')} required>
          <Select options={L.options('parameterType')} />
        </Field>
        <Field name="unit" label={t('param.unit')}>
          <Input />
        </Field>
        <Field name="sort" label={t('param.sort')}>
          <InputNumber min={0} />
        </Field>
        <Form.Item name="filterable" valuePropName="checked">
          <Checkbox>{t('param.filterable')}</Checkbox>
        </Form.Item>
      </KitForm>
    </Modal>
  );
}
