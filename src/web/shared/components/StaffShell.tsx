import { BellOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
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

/** The entry a path belongs to: the one with the longest path that is a prefix of it (segment-wise). */
export function entryForPath(entries: readonly MenuEntry[], pathname: string): MenuEntry | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return [...entries]
    .sort((a, b) => b.path.length - a.path.length)
    .find((e) => path === e.path || path.startsWith(`${e.path}/`));
}

/**
 * Breadcrumbs from the menu tree: home (the first entry) › the section the page belongs to › "details"
 * when the page is deeper than the section's own path.
 */
export function breadcrumbItems(
  entries: readonly MenuEntry[],
  pathname: string,
  detailLabel: string,
): { key: string; title: ReactNode }[] {
  const home = entries[0];
  if (!home) return [];
  const path = pathname.replace(/\/+$/, '') || '/';
  const entry = entryForPath(entries, path);
  const items: { key: string; title: ReactNode }[] = [
    {
      key: 'home',
      title: entry === home && path === home.path ? home.label : <Link to={home.path}>{home.label}</Link>,
    },
  ];
  if (entry && entry !== home) {
    items.push({
      key: entry.key,
      title: path === entry.path ? entry.label : <Link to={entry.path}>{entry.label}</Link>,
    });
  }
  if (entry && path !== entry.path && path.startsWith(`${entry.path}/`))
    items.push({ key: 'detail', title: detailLabel });
  return items;
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
  const selected = entryForPath(visible, location.pathname)?.key ?? '';
  const crumbs = breadcrumbItems(visible, location.pathname, t('breadcrumb.detail'));
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
          style={{
            background: '#fff',
            padding: wide ? '0 16px' : '0 12px',
            display: 'flex',
            alignItems: 'center',
            gap: wide ? 12 : 8,
            flexWrap: 'nowrap',
            minWidth: 0,
            overflow: 'hidden',
          }}
        >
          {!wide && (
            <Button
              icon={<MenuOutlined />}
              onClick={() => setDrawer(true)}
              aria-label={title}
              data-testid="menu-toggle"
            >
              {screens.sm ? title : null}
            </Button>
          )}
          <div style={{ flex: 1, minWidth: 0 }} />
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
            <button
              type="button"
              style={{
                all: 'unset',
                cursor: 'pointer',
                display: 'inline-flex',
                alignItems: 'center',
                gap: 6,
                minWidth: 0,
                flex: '0 1 auto',
              }}
              aria-label={me.displayName}
              data-testid="staff-account-menu"
            >
              <UserOutlined />
              <Typography.Text
                data-testid="staff-display-name"
                ellipsis={{ tooltip: me.displayName }}
                style={{ maxWidth: wide ? 200 : 88, whiteSpace: 'nowrap' }}
              >
                {me.displayName}
              </Typography.Text>
            </button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: wide ? 16 : 8, minWidth: 0 }}>
          {crumbs.length > 1 && (
            <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="breadcrumbs" />
          )}
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
