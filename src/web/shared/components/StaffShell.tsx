import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { type StaffMe, useSignOut } from '../hooks/identity.js';
import { useUnreadCount } from '../hooks/platform.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** One side-menu entry; it is shown only to staff holding `permission` (none = everyone). */
export interface MenuEntry {
  key: string;
  path: string;
  label: string;
  icon?: ReactNode;
  permission?: string;
}

export function visibleEntries(entries: readonly MenuEntry[], me: StaffMe): MenuEntry[] {
  return entries.filter((e) => !e.permission || me.permissions.includes(e.permission));
}

/**
 * The signed-in staff layout (console and dealer portal): side menu filtered by the staff member's
 * permissions, header with notifications, language, account menu and sign-out.
 */
export function StaffShell({
  me,
  title,
  entries,
  notificationsPath,
  accountPath,
  signInPath,
  children,
}: {
  me: StaffMe;
  title: string;
  entries: readonly MenuEntry[];
  notificationsPath: string;
  accountPath: string;
  signInPath: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const unread = useUnreadCount(true);
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const visible = visibleEntries(entries, me);
  const selected =
    [...visible]
      .sort((a, b) => b.path.length - a.path.length)
      .find((e) => location.pathname.startsWith(e.path))?.key ?? '';
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[selected]}
      data-testid="side-menu"
      onClick={({ key }) => {
        const entry = visible.find((e) => e.key === key);
        if (entry) navigate(entry.path);
        setDrawer(false);
      }}
      items={visible.map((e) => ({
        key: e.key,
        icon: e.icon,
        label: <span data-testid={`menu-${e.key}`}>{e.label}</span>,
      }))}
    />
  );
  const wide = Boolean(screens.lg);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide ? (
        <Layout.Sider width={220} theme="dark">
          <div
            style={{ color: '#fff', fontWeight: 700, fontSize: 16, padding: '18px 24px' }}
            data-testid="shell-title"
          >
            {title}
          </div>
          {menu}
        </Layout.Sider>
      ) : (
        <Drawer
          open={drawer}
          placement="left"
          onClose={() => setDrawer(false)}
          size={240}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 12 }}
        >
          {!wide && (
            <Button onClick={() => setDrawer(true)} data-testid="menu-toggle">
              {title}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <Link to={notificationsPath} data-testid="header-notifications">
            <Badge count={unread.data?.count ?? 0} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          <LanguageSwitch />
          <Dropdown
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: <Link to={accountPath}>{me.email}</Link> },
                { key: 'sign-out', icon: <LogoutOutlined />, label: t('actions.signOut'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'sign-out') signOut.mutate(false, { onSettled: () => navigate(signInPath) });
              },
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="staff-account-menu">
              <UserOutlined />
              <Typography.Text data-testid="staff-display-name">{me.displayName}</Typography.Text>
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
