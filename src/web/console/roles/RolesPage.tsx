import { App, Button, Card, Checkbox, Space, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesWarning } from '../../shared/components/form-kit.js';
import { QueryState } from '../../shared/components/Results.js';
import {
  type PermissionInfo,
  usePermissionCatalogue,
  useRoles,
  useSaveRolePermissions,
} from '../../shared/hooks/identity.js';
import { pickName } from '../../shared/i18n.js';

/** Roles × permissions matrix with checkboxes; each role (column) is saved on its own. */
export function RolesPage() {
  const { t, i18n } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const save = useSaveRolePermissions();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  // Edits not yet saved, per role; absent = as stored.
  const [draft, setDraft] = useState<Record<string, Set<string>>>({});
  const stored = useMemo(
    () => Object.fromEntries((roles.data?.items ?? []).map((r) => [r.role, new Set(r.permissions)])),
    [roles.data],
  );
  const granted = (role: string) => draft[role] ?? stored[role] ?? new Set<string>();
  const changed = (role: string) => {
    const d = draft[role];
    const s = stored[role];
    if (!d || !s) return false;
    return d.size !== s.size || [...d].some((p) => !s.has(p));
  };
  function toggle(role: string, permission: string, on: boolean) {
    const next = new Set(granted(role));
    if (on) next.add(permission);
    else next.delete(permission);
    setDraft((d) => ({ ...d, [role]: next }));
  }
  function saveRole(role: string) {
    save.mutate(
      { role, permissions: [...granted(role)] },
      {
        onSuccess: () => {
          setDraft(({ [role]: _, ...rest }) => rest);
          void message.success(tc('states.saved'));
        },
        onError: (e) => void message.error(e.message),
      },
    );
  }
  const roleList = roles.data?.items ?? [];
  const unsaved = useUnsavedChangesWarning(roleList.some((r) => changed(r.role)));
  return (
    <Card title={t('menu.roles')} data-testid="roles-matrix">
      {unsaved}
      <Typography.Paragraph type="secondary">{t('roles.hint')}</Typography.Paragraph>
      <QueryState isLoading={roles.isLoading || catalogue.isLoading} error={roles.error ?? catalogue.error}>
        <Table<PermissionInfo>
          rowKey="permission"
          size="small"
          pagination={false}
          scroll={{ x: 200 + roleList.length * 120 }}
          dataSource={catalogue.data?.items ?? []}
          columns={[
            {
              title: t('roles.permission'),
              key: 'permission',
              fixed: 'left',
              width: 200,
              render: (_, p) => (
                <Tooltip title={p.permission}>
                  <span>{lang === 'en' ? p.en : p.zh}</span>
                </Tooltip>
              ),
            },
            ...roleList.map((r) => ({
              key: r.role,
              width: 120,
              align: 'center' as const,
              title: (
                <Space orientation="vertical" size={2}>
                  <span>{pickName(r.name, lang)}</span>
                  <Button
                    size="small"
                    type={changed(r.role) ? 'primary' : 'default'}
                    disabled={!changed(r.role)}
                    loading={save.isPending && save.variables?.role === r.role}
                    onClick={() => saveRole(r.role)}
                    data-testid={`save-role-${r.role}`}
                  >
                    {t('roles.saveRole')}
                  </Button>
                </Space>
              ),
              render: (_: unknown, p: PermissionInfo) => (
                <Checkbox
                  checked={granted(r.role).has(p.permission)}
                  onChange={(e) => toggle(r.role, p.permission, e.target.checked)}
                  data-testid={`grant-${r.role}-${p.permission}`}
                />
              ),
            })),
          ]}
        />
      </QueryState>
    </Card>
  );
}
