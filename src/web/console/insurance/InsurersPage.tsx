import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZUpdateInsurerRequest } from '../../../server/modules/insurance/insurance.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { Field, KitForm, SaveBar } from '../../shared/components/form-kit.js';
import { formatTime } from '../../shared/format.js';
import { type TInsurer, useInsurerMutations, useInsurers } from '../../shared/hooks/insurance.js';
import { addTranslations } from '../../shared/i18n.js';

// Console: the partner insurers. Which companies we can integrate is code (each needs an adapter); whether
// one is asked for quotes, its names and its place in the comparison are what finance edits here.

const zh = {
  menu: '保险公司',
  title: '合作保险公司',
  subtitle: '只有“启用”的保险公司会参与车险报价；顺序决定方案对比中的排列。每次修改都会记入审计日志。',
  code: '代码',
  nameZh: '中文名称',
  nameEn: '英文名称',
  status: '状态',
  active: '启用',
  inactive: '停用',
  displayOrder: '排序',
  connection: '接口',
  connected: '已接入',
  sandbox: '沙箱（模拟报价）',
  notConnected: '未接入',
  updatedAt: '更新时间',
  actions: '操作',
  edit: '编辑',
  activate: '启用',
  deactivate: '停用',
  confirmDeactivate: '停用后该公司不再参与报价，确定停用？',
  save: '保存',
  saved: '已保存',
  editTitle: '编辑 {{name}}',
};
const en: typeof zh = {
  menu: 'Insurers',
  title: 'Partner insurers',
  subtitle:
    'Only active insurers are asked for quotes; the order sets their place in the comparison. Every change is audited.',
  code: 'Code',
  nameZh: 'Name (Chinese)',
  nameEn: 'Name (English)',
  status: 'Status',
  active: 'Active',
  inactive: 'Inactive',
  displayOrder: 'Order',
  connection: 'Connection',
  connected: 'Connected',
  sandbox: 'Sandbox (simulated quotes)',
  notConnected: 'Not connected',
  updatedAt: 'Updated',
  actions: 'Actions',
  edit: 'Edit',
  activate: 'Activate',
  deactivate: 'Deactivate',
  confirmDeactivate: 'It will no longer be asked for quotes. Deactivate?',
  save: 'Save',
  saved: 'Saved',
  editTitle: 'Edit {{name}}',
};
addTranslations('consoleInsurance', zh, en);

interface Values {
  nameZh: string;
  nameEn: string;
  displayOrder: number;
}

function EditDrawer({ insurer, onClose }: { insurer: TInsurer; onClose: () => void }) {
  const { t, i18n } = useTranslation('consoleInsurance');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { update } = useInsurerMutations();
  return (
    <Drawer
      open
      width={480}
      title={t('editTitle', { name: i18n.language === 'en' ? insurer.nameEn : insurer.nameZh })}
      onClose={onClose}
      destroyOnHidden
    >
      <KitForm<Values>
        form={form}
        schema={ZUpdateInsurerRequest}
        initialValues={{ nameZh: insurer.nameZh, nameEn: insurer.nameEn, displayOrder: insurer.displayOrder }}
        onFinish={async (v) => {
          await update.mutateAsync({ code: insurer.code, ...v });
          void message.success(t('saved'));
          onClose();
        }}
      >
        <Field name="nameZh" label={t('nameZh')}>
          <Input data-testid="insurer-name-zh" />
        </Field>
        <Field name="nameEn" label={t('nameEn')}>
          <Input data-testid="insurer-name-en" />
        </Field>
        <Field name="displayOrder" label={t('displayOrder')}>
          <InputNumber min={0} max={9_999} data-testid="insurer-order" />
        </Field>
        <SaveBar>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="insurer-save">
            {t('save')}
          </Button>
        </SaveBar>
      </KitForm>
    </Drawer>
  );
}

export function InsurersPage({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation('consoleInsurance');
  const { message } = App.useApp();
  const insurers = useInsurers();
  const { setStatus } = useInsurerMutations();
  const [editing, setEditing] = useState<TInsurer | null>(null);
  const en = i18n.language === 'en';
  const connection = (r: TInsurer) =>
    !r.connected ? t('notConnected') : r.sandbox ? t('sandbox') : t('connected');
  const fail = (e: Error) => void message.error(e.message);
  return (
    <Card title={t('title')} data-testid="console-insurers">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <DataTable<TInsurer>
        testId="insurer-table"
        rows={insurers.data?.items}
        rowKey={(r) => r.code}
        rowTestId={(r) => `insurer-row-${r.code}`}
        loading={insurers.isLoading}
        error={insurers.error}
        onRetry={() => void insurers.refetch()}
        exportName="insurers"
        columns={[
          { key: 'name', title: t('nameZh'), kind: 'title', value: (r) => (en ? r.nameEn : r.nameZh) },
          { key: 'code', title: t('code'), value: (r) => r.code, width: 110 },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(r.status),
            color: (r) => (r.status === 'active' ? 'green' : 'default'),
          },
          {
            key: 'order',
            title: t('displayOrder'),
            kind: 'number',
            value: (r) => r.displayOrder,
            sortable: true,
          },
          {
            key: 'connection',
            title: t('connection'),
            value: connection,
            render: (r) => (
              <Tag color={!r.connected ? 'red' : r.sandbox ? 'orange' : 'blue'}>{connection(r)}</Tag>
            ),
            width: 190,
          },
          { key: 'updatedAt', title: t('updatedAt'), kind: 'time', value: (r) => formatTime(r.updatedAt) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('actions'),
                  kind: 'actions' as const,
                  width: 200,
                  render: (r: TInsurer) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => setEditing(r)}
                        data-testid={`insurer-edit-${r.code}`}
                      >
                        {t('edit')}
                      </Button>
                      {r.status === 'active' ? (
                        <Popconfirm
                          title={t('confirmDeactivate')}
                          onConfirm={() =>
                            setStatus.mutate({ code: r.code, action: 'deactivate' }, { onError: fail })
                          }
                        >
                          <Button size="small" danger data-testid={`insurer-deactivate-${r.code}`}>
                            {t('deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() =>
                            setStatus.mutate({ code: r.code, action: 'activate' }, { onError: fail })
                          }
                          data-testid={`insurer-activate-${r.code}`}
                        >
                          {t('activate')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <EditDrawer insurer={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
