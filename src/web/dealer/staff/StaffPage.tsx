import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TDealerStaffCreateRequest,
  type TStaff,
  ZDealerStaffCreateRequest,
} from '../../../server/modules/identity/identity.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { Field, KitForm } from '../../shared/components/form-kit.js';
import {
  useCreateDealerStaff,
  useDealerStaff,
  useDealerStaffAction,
  useStaffMe,
} from '../../shared/hooks/identity.js';
import { useLabels } from '../../shared/labels.js';

const DEALER_ROLE_KEYS = ['dealer_staff', 'dealer_admin'] as const;

function AddStaffModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('dealer');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TDealerStaffCreateRequest>();
  const create = useCreateDealerStaff();
  const L = useLabels();
  return (
    <Modal
      open={open}
      title={t('staff.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'staff-form-submit' } as Record<string, string>}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <KitForm<TDealerStaffCreateRequest>
        form={form}
        schema={ZDealerStaffCreateRequest}
        guard={false}
        preserve={false}
        initialValues={{ roles: ['dealer_staff'] }}
        onFinish={async (v) => {
          await create.mutateAsync(v);
          void message.success(tc('states.saved'));
          onClose();
        }}
      >
        <Field name="email" label={t('staff.email')}>
          <Input autoComplete="off" data-testid="staff-form-email" />
        </Field>
        <Field name="displayName" label={t('staff.displayName')}>
          <Input data-testid="staff-form-name" />
        </Field>
        <Field name="roles" label={t('staff.roles')} required>
          <Checkbox.Group
            data-testid="staff-form-roles"
            options={DEALER_ROLE_KEYS.map((r) => ({ value: r, label: L.role(r) }))}
          />
        </Field>
        <Field name="password" label={t('staff.password')} extra={t('staff.passwordHint')}>
          <Input.Password autoComplete="new-password" data-testid="staff-form-password" />
        </Field>
      </KitForm>
    </Modal>
  );
}

/** Dealer admins: the accounts of their own dealer; add dealer staff, disable or re-enable them. */
export function StaffPage() {
  const { t } = useTranslation('dealer');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffMe();
  const list = useDealerStaff(true);
  const action = useDealerStaffAction();
  const [adding, setAdding] = useState(false);
  const L = useLabels();
  const run = (id: string, a: 'disable' | 'enable') =>
    action.mutate(
      { id, action: a },
      {
        onSuccess: () => void message.success(tc('states.done')),
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <Card
      title={t('staff.title')}
      data-testid="dealer-staff"
      extra={
        <Button type="primary" onClick={() => setAdding(true)} data-testid="staff-add">
          {t('staff.add')}
        </Button>
      }
    >
      <DataTable<TStaff>
        testId="staff-table"
        size="small"
        rows={list.data?.items ?? []}
        rowKey={(r) => r.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        exportName="dealer-staff"
        columns={[
          {
            key: 'displayName',
            title: t('staff.displayName'),
            kind: 'title',
            value: (s) => `${s.displayName}${s.id === me?.id ? t('staff.you') : ''}`,
            sortable: true,
          },
          {
            key: 'email',
            title: t('staff.email'),
            value: (s) => s.email,
            width: 240,
            render: (s) => <span data-testid={`staff-email-${s.id}`}>{s.email}</span>,
          },
          {
            key: 'roles',
            title: t('staff.roles'),
            kind: 'tags',
            values: (s) => s.roles.map((r) => L.role(r)),
          },
          {
            key: 'status',
            title: t('staff.status'),
            kind: 'tag',
            value: (s) => L.label('staffStatus', s.status),
            render: (s) => (
              <Tag color={L.color('staffStatus', s.status)} data-testid={`staff-status-${s.id}`}>
                {L.label('staffStatus', s.status)}
              </Tag>
            ),
          },
          {
            key: 'totp',
            title: t('staff.totp'),
            value: (s) => (s.totpEnabled ? t('staff.on') : t('staff.off')),
            width: 110,
          },
          {
            key: 'actions',
            title: t('staff.actions'),
            kind: 'actions',
            width: 110,
            render: (s) =>
              s.id === me?.id ? null : s.status === 'active' ? (
                <Popconfirm
                  title={t('staff.disableConfirm')}
                  okText={tc('actions.confirm')}
                  cancelText={tc('actions.cancel')}
                  onConfirm={() => run(s.id, 'disable')}
                >
                  <Button size="small" danger data-testid={`staff-disable-${s.id}`}>
                    {t('staff.disable')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button size="small" onClick={() => run(s.id, 'enable')} data-testid={`staff-enable-${s.id}`}>
                  {t('staff.enable')}
                </Button>
              ),
          },
        ]}
      />
      <AddStaffModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
