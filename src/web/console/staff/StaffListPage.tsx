import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEALER_ROLES, ROLES } from '../../../server/kernel/auth/roles.js';
import { ZCreateStaffRequest } from '../../../server/modules/identity/identity.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { applyApiError, zodRule } from '../../shared/forms.js';
import {
  type StaffAccount,
  type StaffListFilter,
  useCreateStaff,
  useResetStaffPassword,
  useStaffAction,
  useStaffList,
  useStaffMe,
  useUpdateStaff,
} from '../../shared/hooks/identity.js';
import { roleLabel } from '../dashboard/DashboardPage.js';

type RoleKey = StaffAccount['roles'][number];
interface StaffFormValues {
  email: string;
  displayName: string;
  roles: RoleKey[];
  dealerId?: string;
  password: string;
}

const shape = ZCreateStaffRequest.shape;
const MIN_PASSWORD = 12;

function needsDealer(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((r) => (DEALER_ROLES as readonly string[]).includes(r));
}

function useRoleOptions() {
  const { i18n } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: roleLabel(r, i18n.language) }));
}

function StaffForm({ mode, onDone }: { mode: 'create' | { edit: StaffAccount }; onDone: () => void }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const [error, setError] = useState<string | null>(null);
  const roleOptions = useRoleOptions();
  const editing = mode === 'create' ? null : mode.edit;
  const roles = Form.useWatch('roles', form);
  return (
    <Form<StaffFormValues>
      form={form}
      layout="vertical"
      initialValues={
        editing
          ? {
              email: editing.email,
              displayName: editing.displayName,
              roles: editing.roles,
              dealerId: editing.dealerId ?? '',
            }
          : { roles: [] }
      }
      onFinish={(v) => {
        setError(null);
        const dealerId = needsDealer(v.roles) ? v.dealerId?.trim() || null : null;
        const handlers = {
          onSuccess: () => {
            void message.success(tc('states.saved'));
            onDone();
          },
          onError: (e: unknown) => setError(applyApiError(form, e)),
        };
        if (editing)
          update.mutate({ id: editing.id, displayName: v.displayName, roles: v.roles, dealerId }, handlers);
        else
          create.mutate(
            { email: v.email, displayName: v.displayName, roles: v.roles, dealerId, password: v.password },
            handlers,
          );
      }}
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
      <Form.Item
        name="email"
        label={t('staff.email')}
        rules={[zodRule(shape.email, t('staff.emailInvalid'))]}
      >
        <Input disabled={Boolean(editing)} data-testid="staff-form-email" />
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
        <Select mode="multiple" options={roleOptions} data-testid="staff-form-roles" />
      </Form.Item>
      {needsDealer(roles) && (
        <Form.Item
          name="dealerId"
          label={t('staff.dealer')}
          rules={[{ required: true, pattern: /^dlr_[a-z0-9_]+$/, message: t('staff.dealerRequired') }]}
        >
          <Input placeholder="dlr_demo_bj_byd" data-testid="staff-form-dealer" />
        </Form.Item>
      )}
      {!editing && (
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
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={create.isPending || update.isPending}
        data-testid="staff-form-submit"
      >
        {tc('actions.save')}
      </Button>
    </Form>
  );
}

function ResetPasswordModal({ staff, onClose }: { staff: StaffAccount | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetStaffPassword();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={Boolean(staff)}
      title={`${t('staff.resetPassword')} · ${staff?.email ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          staff &&
          reset.mutate(
            { id: staff.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                void message.success(tc('states.done'));
                setError(null);
                onClose();
              },
              onError: (e) => setError(applyApiError(form, e)),
            },
          )
        }
      >
        <Form.Item
          name="newPassword"
          label={t('staff.newPassword')}
          extra={t('staff.passwordHint')}
          rules={[{ required: true, min: MIN_PASSWORD, message: t('staff.passwordInvalid') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Staff accounts: filters, table, create drawer (validated with the API's Zod contract), actions. */
export function StaffListPage() {
  const { t, i18n } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffMe();
  const canManage = Boolean(me?.permissions.includes('staff.manage'));
  const [filter, setFilter] = useState<StaffListFilter>({});
  const [q, setQ] = useState('');
  const list = useStaffList(filter);
  const action = useStaffAction();
  const [drawer, setDrawer] = useState<'create' | { edit: StaffAccount } | null>(null);
  const [resetFor, setResetFor] = useState<StaffAccount | null>(null);
  const roleOptions = useRoleOptions();
  const run = (id: string, a: 'disable' | 'enable' | 'reset-totp') =>
    action.mutate(
      { id, action: a },
      {
        onSuccess: () => void message.success(tc('states.done')),
        onError: (e) => void message.error(e.message),
      },
    );

  return (
    <Card
      title={t('menu.staff')}
      extra={
        canManage && (
          <Button type="primary" onClick={() => setDrawer('create')} data-testid="staff-create">
            {t('staff.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('staff.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined }))}
          style={{ width: 240 }}
          data-testid="staff-search"
        />
        <Select
          allowClear
          placeholder={t('staff.anyRole')}
          style={{ width: 160 }}
          options={roleOptions}
          value={filter.role}
          onChange={(role) => setFilter((f) => ({ ...f, role }))}
        />
        <Select
          allowClear
          placeholder={t('staff.anyStatus')}
          style={{ width: 120 }}
          value={filter.status}
          options={[
            { value: 'active', label: t('staff.active') },
            { value: 'disabled', label: t('staff.disabled') },
          ]}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Table<StaffAccount>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          dataSource={list.data?.items ?? []}
          pagination={false}
          data-testid="staff-table"
          columns={[
            { title: t('staff.email'), dataIndex: 'email' },
            { title: t('staff.displayName'), dataIndex: 'displayName' },
            {
              title: t('staff.roles'),
              dataIndex: 'roles',
              render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r, i18n.language)}</Tag>),
            },
            {
              title: t('staff.status'),
              dataIndex: 'status',
              render: (s: string, r) => (
                <Space size={4}>
                  <Tag color={s === 'active' ? 'green' : 'default'}>
                    {s === 'active' ? t('staff.active') : t('staff.disabled')}
                  </Tag>
                  {r.locked && <Tag color="red">{t('staff.locked')}</Tag>}
                </Space>
              ),
            },
            { title: t('staff.totp'), dataIndex: 'totpEnabled', render: (v: boolean) => (v ? '✓' : '—') },
            { title: t('staff.dealer'), dataIndex: 'dealerId', render: (v: string | null) => v ?? '—' },
            { title: t('staff.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            ...(canManage
              ? [
                  {
                    title: t('staff.actions'),
                    key: 'actions',
                    render: (_: unknown, r: StaffAccount) => (
                      <Space size={0} wrap>
                        <Button type="link" size="small" onClick={() => setDrawer({ edit: r })}>
                          {t('staff.editRoles')}
                        </Button>
                        {r.status === 'active' ? (
                          <Popconfirm
                            title={t('staff.confirmDisable')}
                            onConfirm={() => run(r.id, 'disable')}
                          >
                            <Button type="link" size="small" danger disabled={r.id === me?.id}>
                              {t('staff.disable')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button type="link" size="small" onClick={() => run(r.id, 'enable')}>
                            {t('staff.enable')}
                          </Button>
                        )}
                        <Button type="link" size="small" onClick={() => setResetFor(r)}>
                          {t('staff.resetPassword')}
                        </Button>
                        {r.totpEnabled && (
                          <Popconfirm
                            title={t('staff.confirmResetTotp')}
                            onConfirm={() => run(r.id, 'reset-totp')}
                          >
                            <Button type="link" size="small">
                              {t('staff.resetTotp')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </QueryState>
      <Drawer
        open={drawer !== null}
        size={420}
        title={drawer === 'create' ? t('staff.create') : drawer ? drawer.edit.email : ''}
        onClose={() => setDrawer(null)}
        destroyOnHidden
      >
        {drawer && <StaffForm mode={drawer} onDone={() => setDrawer(null)} />}
      </Drawer>
      <ResetPasswordModal staff={resetFor} onClose={() => setResetFor(null)} />
    </Card>
  );
}
