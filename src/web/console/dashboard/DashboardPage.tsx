import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROLE_NAMES } from '../../../server/kernel/auth/roles.js';
import { visibleEntries } from '../../shared/components/StaffShell.js';
import type { StaffMe } from '../../shared/hooks/identity.js';
import { pickName } from '../../shared/i18n.js';
import { permissionName } from '../../shared/permission-names.js';
import { consoleMenu } from '../menu.js';

export function roleLabel(role: string, lang: string): string {
  const name = (ROLE_NAMES as Record<string, { zh: string; en: string }>)[role];
  return name ? pickName(name, lang === 'en' ? 'en' : 'zh-CN') : role;
}

/** Welcome, my roles and permissions, and quick links to what I may open. */
export function DashboardPage({ me }: { me: StaffMe }) {
  const { t, i18n } = useTranslation('console');
  const links = visibleEntries(consoleMenu(t), me).filter((e) => e.key !== 'dashboard');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="dashboard-welcome">
          {t('dashboard.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {me.email} · {me.totpEnabled ? t('dashboard.totpOn') : t('dashboard.totpOff')}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={t('dashboard.myRoles')} style={{ height: '100%' }}>
            <Space wrap data-testid="dashboard-roles">
              {me.roles.map((r) => (
                <Tag key={r} color="volcano">
                  {roleLabel(r, i18n.language)}
                </Tag>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 4 }}>
              {t('dashboard.myPermissions')}
            </Typography.Paragraph>
            <Space wrap size={[4, 4]}>
              {me.permissions.map((p) => (
                <Tag key={p}>{permissionName(p, i18n.language)}</Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('dashboard.quickLinks')} style={{ height: '100%' }}>
            <Row gutter={[8, 8]}>
              {links.map((e) => (
                <Col span={12} key={e.key}>
                  <Link to={e.path}>
                    <Card size="small" hoverable>
                      <Space>
                        {e.icon}
                        {e.label}
                      </Space>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
