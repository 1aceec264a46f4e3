import {
  AuditOutlined,
  BellOutlined,
  DashboardOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { MenuEntry } from '../shared/components/StaffShell.js';

/** The console's side menu; each entry declares the permission it needs (none = every staff member). */
export function consoleMenu(t: TFunction<'console'>): MenuEntry[] {
  return [
    { key: 'dashboard', path: '/console', label: t('menu.dashboard'), icon: <DashboardOutlined /> },
    {
      key: 'staff',
      path: '/console/staff',
      label: t('menu.staff'),
      icon: <TeamOutlined />,
      permission: 'staff.read',
    },
    {
      key: 'roles',
      path: '/console/roles',
      label: t('menu.roles'),
      icon: <SafetyOutlined />,
      permission: 'roles.manage',
    },
    {
      key: 'audit',
      path: '/console/audit',
      label: t('menu.audit'),
      icon: <AuditOutlined />,
      permission: 'audit.read',
    },
    {
      key: 'jobs',
      path: '/console/jobs',
      label: t('menu.jobs'),
      icon: <ScheduleOutlined />,
      permission: 'jobs.read',
    },
    {
      key: 'dealers',
      path: '/console/dealers',
      label: t('menu.dealers'),
      icon: <ShopOutlined />,
      permission: 'reference.read',
    },
    {
      key: 'notifications',
      path: '/console/notifications',
      label: t('menu.notifications'),
      icon: <BellOutlined />,
    },
    { key: 'account', path: '/console/account', label: t('menu.account'), icon: <UserOutlined /> },
  ];
}
