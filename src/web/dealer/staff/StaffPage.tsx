import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TDealerStaffCreateRequest,
  type TStaff,
  ZDealerStaffCreateRequest,
} from '../../../server/modules/identity/identity.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { applyApiError, zodRule } from '../../shared/forms.js';
import {
  useCreateDealerStaff,
  useDealerStaff,
  useDealerStaffAction,
  useStaffMe,
} from '../../shared/hooks/identity.js';

const shape = ZDealerStaffCreateRequest.shape;
const DEALER_ROLE_KEYS = ['dealer_staff', 'dealer_admin'] as const;
const MIN_PASSWORD = 12;

function AddStaffModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('dealer');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TDealerStaffCreateRequest>();
  const create = useCreateDealerStaff();
  const [error, setError] = useState<string | null>(null);
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
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="staff-form-error"
        />
      )}
      <Form<TDealerStaffCreateRequest>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: ['dealer_staff'] }}
        onFinish={(v) => {
          setError(null);
          create.mutate(v, {
            onSuccess: () => {
              void message.success(tc('states.saved'));
              onClose();
            },
            onError: (e) => setError(applyApiError(form, e)),
          });
        }}
      >
        <Form.Item
          name="email"
          label={t('staff.email')}
          rules={[zodRule(shape.email, t('staff.emailInvalid'))]}
        >
          <Input autoComplete="off" data-testid="staff-form-email" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('staff.displayName')}
          rules={[zodRule(shape.displayName, t('staff.nameInvalid'))]}
        >
          <Input data-testid="staff-form-name" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('staff.roles')}
          rules={[zodRule(shape.roles, t('staff.rolesRequired'))]}
        >
          <Checkbox.Group
            data-testid="staff-form-roles"
            options={DEALER_ROLE_KEYS.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('staff.password')}
          extra={t('staff.passwordHint')}
          rules={[
            zodRule(shape.password, t('staff.passwordInvalid')),
            { min: MIN_PASSWORD, message: t('staff.passwordInvalid') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="staff-form-password" />
        </Form.Item>
      </Form>
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
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Table<TStaff>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 760 }}
          data-testid="staff-table"
          columns={[
            {
              title: t('staff.email'),
              dataIndex: 'email',
              render: (email: string, s) => (
                <span data-testid={`staff-email-${s.id}`}>
                  {email}
                  {s.id === me?.id ? t('staff.you') : ''}
                </span>
              ),
            },
            { title: t('staff.displayName'), dataIndex: 'displayName' },
            {
              title: t('staff.roles'),
              dataIndex: 'roles',
              render: (roles: string[]) =>
                roles.map((r) => <Tag key={r}>{t(`roles.${r}`, { defaultValue: r })}</Tag>),
            },
            {
              title: t('staff.status'),
              dataIndex: 'status',
              render: (status: TStaff['status'], s) => (
                <Tag color={status === 'active' ? 'green' : 'default'} data-testid={`staff-status-${s.id}`}>
                  {status === 'active' ? t('staff.active') : t('staff.disabled')}
                </Tag>
              ),
            },
            {
              title: t('staff.totp'),
              dataIndex: 'totpEnabled',
              render: (on: boolean) => (on ? t('staff.on') : t('staff.off')),
            },
            {
              title: '',
              key: 'actions',
              render: (_, s) =>
                s.id === me?.id ? null : s.status === 'active' ? (
                  <Popconfirm
                    title={t('staff.disableConfirm')}
                    okText={tc('actions.confirm')}
                    cancelText={tc('actions.cancel')}
                    onConfirm={() =>
                      action.mutate(
                        { id: s.id, action: 'disable' },
                        {
                          onSuccess: () => void message.success(tc('states.done')),
                          onError: (e) => void message.error(e.message),
                        },
                      )
                    }
                  >
                    <Button size="small" danger data-testid={`staff-disable-${s.id}`}>
                      {t('staff.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Space>
                    <Button
                      size="small"
                      onClick={() =>
                        action.mutate(
                          { id: s.id, action: 'enable' },
                          {
                            onSuccess: () => void message.success(tc('states.done')),
                            onError: (e) => void message.error(e.message),
                          },
                        )
                      }
                      data-testid={`staff-enable-${s.id}`}
                    >
                      {t('staff.enable')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </QueryState>
      <AddStaffModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
