import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, message, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PARAMETER_GROUP_NAMES,
  PARAMETER_GROUPS,
  PARAMETER_TYPES,
  type TParameterDefinition,
} from '../../../server/modules/catalog/model.contract.js';
import { applyApiError } from '../../shared/forms.js';
import { useCreateParameter, useParameters, useUpdateParameter } from '../../shared/hooks/catalog.js';
import { currentLang } from '../../shared/i18n.js';

/** The parameter dictionary: data operators edit (names, units, groups, filterable, type while unused). */
export function ParametersPage() {
  const { t } = useTranslation('consoleCatalog');
  const defs = useParameters();
  const [editing, setEditing] = useState<TParameterDefinition | 'new' | null>(null);
  const [group, setGroup] = useState<string>();
  const en = currentLang() === 'en';
  return (
    <Card
      title={t('tabs.parameters')}
      extra={
        <>
          <Select
            allowClear
            placeholder={t('param.group')}
            style={{ width: 160, marginRight: 8 }}
            value={group}
            onChange={setGroup}
            options={PARAMETER_GROUPS.map((g) => ({
              value: g,
              label: en ? PARAMETER_GROUP_NAMES[g].en : PARAMETER_GROUP_NAMES[g].zh,
            }))}
          />
          <Button data-testid="param-create" onClick={() => setEditing('new')}>
            {t('param.create')}
          </Button>
        </>
      }
    >
      <Table<TParameterDefinition>
        data-testid="param-table"
        rowKey="key"
        size="small"
        loading={defs.isLoading}
        dataSource={(defs.data ?? []).filter((d) => !group || d.group === group)}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('param.key'), dataIndex: 'key' },
          {
            title: t('param.group'),
            render: (_, d) => (en ? PARAMETER_GROUP_NAMES[d.group].en : PARAMETER_GROUP_NAMES[d.group].zh),
          },
          { title: t('param.name'), dataIndex: 'name' },
          { title: t('param.nameEn'), dataIndex: 'nameEn' },
          { title: t('param.type'), render: (_, d) => <Tag>{d.valueType}</Tag> },
          { title: t('param.unit'), dataIndex: 'unit' },
          { title: t('param.filterable'), render: (_, d) => (d.filterable ? '✓' : '') },
          {
            title: '',
            render: (_, d) => (
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
  const [form] = Form.useForm();
  const create = useCreateParameter();
  const update = useUpdateParameter();
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, unit: v.unit ? v.unit : null };
    try {
      if (def) {
        const { key: _key, ...rest } = body;
        await update.mutateAsync({ key: def.key, body: rest });
      } else await create.mutateAsync(body);
      message.success(t('saved'));
      onClose();
    } catch (e) {
      const m = applyApiError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Modal open title={def ? t('param.edit') : t('param.create')} onOk={submit} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={def ?? { valueType: 'feature', filterable: false, sort: 0 }}
      >
        <Form.Item
          name="key"
          label={t('param.key')}
          rules={[{ required: true, pattern: /^[a-z_]+\.[a-z0-9_]+$/ }]}
        >
          <Input disabled={Boolean(def)} data-testid="param-key" placeholder="body.ground_clearance_mm" />
        </Form.Item>
        <Form.Item name="group" label={t('param.group')} rules={[{ required: true }]}>
          <Select options={PARAMETER_GROUPS.map((g) => ({ value: g, label: PARAMETER_GROUP_NAMES[g].zh }))} />
        </Form.Item>
        <Form.Item name="name" label={t('param.name')} rules={[{ required: true }]}>
          <Input data-testid="param-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('param.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="valueType" label={t('param.type')} rules={[{ required: true }]}>
          <Select options={PARAMETER_TYPES.map((x) => ({ value: x, label: x }))} />
        </Form.Item>
        <Form.Item name="unit" label={t('param.unit')}>
          <Input />
        </Form.Item>
        <Form.Item name="sort" label="sort">
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="filterable" valuePropName="checked">
          <Checkbox>{t('param.filterable')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
