import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEALER_ROLES, ROLES } from '../../../server/kernel/auth/roles.js';
import {
  ZCreateStaffRequest,
  ZUpdateStaffRequest,
} from '../../../server/modules/identity/identity.contract.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { Field, KitForm, SaveBar } from '../../shared/components/form-kit.js';
import { formatTime } from '../../shared/format.js';
import { applyApiError } from '../../shared/forms.js';
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
import { useDealerDirectory, useDealerName, useLabels } from '../../shared/labels.js';

type RoleKey = StaffAccount['roles'][number];
interface StaffFormValues {
  email: string;
  displayName: string;
  roles: RoleKey[];
  dealerId?: string;
  password: string;
}

const MIN_PASSWORD = 12;

function needsDealer(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((r) => (DEALER_ROLES as readonly string[]).includes(r));
}

function useRoleOptions() {
  return useLabels().roleOptions(ROLES);
}

function StaffForm({ mode, onDone }: { mode: 'create' | { edit: StaffAccount }; onDone: () => void }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const me = useStaffMe();
  const canReadDealers = Boolean(me?.permissions.includes('reference.read'));
  const dealers = useDealerDirectory(canReadDealers);
  const roleOptions = useRoleOptions();
  const editing = mode === 'create' ? null : mode.edit;
  const roles = Form.useWatch('roles', form);
  return (
    <KitForm<StaffFormValues>
      form={form}
      schema={editing ? ZUpdateStaffRequest : ZCreateStaffRequest}
      initialValues={
        editing
          ? {
              email: editing.email,
              displayName: editing.displayName,
              roles: editing.roles,
              dealerId: editing.dealerId ?? undefined,
            }
          : { roles: [] }
      }
      onFinish={async (v) => {
        const dealerId = needsDealer(v.roles) ? v.dealerId?.trim() || null : null;
        if (editing)
          await update.mutateAsync({ id: editing.id, displayName: v.displayName, roles: v.roles, dealerId });
        else
          await create.mutateAsync({
            email: v.email,
            displayName: v.displayName,
            roles: v.roles,
            dealerId,
            password: v.password,
          });
        void message.success(tc('states.saved'));
        onDone();
      }}
    >
      <Field name="email" label={t('staff.email')} schemaPath={editing ? null : 'email'}>
        <Input disabled={Boolean(editing)} autoComplete="off" data-testid="staff-form-email" />
      </Field>
      <Field name="displayName" label={t('staff.displayName')} required>
        <Input data-testid="staff-form-name" />
      </Field>
      <Field name="roles" label={t('staff.roles')} required>
        <Select mode="multiple" options={roleOptions} data-testid="staff-form-roles" />
      </Field>
      {needsDealer(roles) && (
        <Field name="dealerId" label={t('staff.dealer')} required>
          {canReadDealers ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={dealers.isLoading}
              placeholder={t('staff.pickDealer')}
              options={(dealers.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              data-testid="staff-form-dealer"
            />
          ) : (
            <Input placeholder="dlr_…" data-testid="staff-form-dealer" />
          )}
        </Field>
      )}
      {!editing && (
        <Field name="password" label={t('staff.password')} extra={t('staff.passwordHint')}>
          <Input.Password autoComplete="new-password" data-testid="staff-form-password" />
        </Field>
      )}
      <SaveBar>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="staff-form-submit"
        >
          {tc('actions.save')}
        </Button>
      </SaveBar>
    </KitForm>
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
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffMe();
  const canManage = Boolean(me?.permissions.includes('staff.manage'));
  const [urlFilter, setFilter] = useUrlFilters(['q', 'role', 'status']);
  const filter = urlFilter as StaffListFilter;
  const L = useLabels();
  const dealerName = useDealerName(Boolean(me?.permissions.includes('reference.read')));
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
      <DataTable<StaffAccount>
        testId="staff-table"
        rows={list.data?.items ?? []}
        rowKey={(r) => r.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        exportName="staff"
        toolbar={
          <>
            <Input.Search
              allowClear
              placeholder={t('staff.search')}
              aria-label={t('staff.search')}
              defaultValue={filter.q}
              onSearch={(v) => setFilter({ q: v.trim() })}
              style={{ width: 240 }}
              data-testid="staff-search"
            />
            <Select
              allowClear
              placeholder={t('staff.anyRole')}
              aria-label={t('staff.roles')}
              style={{ width: 160 }}
              options={roleOptions}
              value={filter.role}
              onChange={(role?: string) => setFilter({ role })}
            />
            <Select
              allowClear
              placeholder={t('staff.anyStatus')}
              aria-label={t('staff.status')}
              style={{ width: 120 }}
              value={filter.status}
              options={L.options('staffStatus')}
              onChange={(status?: string) => setFilter({ status })}
            />
          </>
        }
        columns={[
          {
            key: 'displayName',
            title: t('staff.displayName'),
            kind: 'title',
            value: (r) => r.displayName,
            sortable: true,
          },
          { key: 'email', title: t('staff.email'), value: (r) => r.email, width: 220, sortable: true },
          {
            key: 'roles',
            title: t('staff.roles'),
            kind: 'tags',
            values: (r) => r.roles.map((x) => L.role(x)),
          },
          {
            key: 'status',
            title: t('staff.status'),
            kind: 'tag',
            value: (r) =>
              `${L.label('staffStatus', r.status)}${r.locked ? ` · ${t('staff.lockedTag')}` : ''}`,
            color: (r) => (r.locked ? 'red' : L.color('staffStatus', r.status)),
          },
          {
            key: 'totp',
            title: t('staff.totp'),
            value: (r) => L.label('yesNo', r.totpEnabled ? 'yes' : 'no'),
            width: 100,
          },
          {
            key: 'dealer',
            title: t('staff.dealer'),
            value: (r) => (r.dealerId ? dealerName(r.dealerId) || t('staff.otherDealer') : '—'),
            width: 180,
          },
          {
            key: 'createdAt',
            title: t('staff.createdAt'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortable: true,
            sortValue: (r) => r.createdAt,
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('staff.actions'),
                  kind: 'actions' as const,
                  width: 220,
                  render: (r: StaffAccount) => (
                    <Space size={0} wrap>
                      <Button type="link" size="small" onClick={() => setDrawer({ edit: r })}>
                        {t('staff.editRoles')}
                      </Button>
                      {r.status === 'active' ? (
                        <Popconfirm title={t('staff.confirmDisable')} onConfirm={() => run(r.id, 'disable')}>
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
