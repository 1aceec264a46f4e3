import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROLE_NAMES } from '../../../server/kernel/auth/roles.js';
import type { TListing } from '../../../server/modules/listings/listings.contract.js';
import { AnalyticsDashboard } from '../../shared/analytics-dashboard/AnalyticsDashboard.js';
import { api } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { visibleEntries } from '../../shared/components/StaffShell.js';
import { formatTime } from '../../shared/format.js';
import type { TDealer } from '../../shared/hooks/dealers.js';
import type { Page, StaffMe } from '../../shared/hooks/identity.js';
import { type AuditEntry, useJobStats } from '../../shared/hooks/platform.js';
import { pickName } from '../../shared/i18n.js';
import { useCityName, useLabels } from '../../shared/labels.js';
import { consoleMenu } from '../menu.js';

export function roleLabel(role: string, lang: string): string {
  const name = (ROLE_NAMES as Record<string, { zh: string; en: string }>)[role];
  return name ? pickName(name, lang === 'en' ? 'en' : 'zh-CN') : role;
}

/** Qualifications expiring within this many days need attention. */
export const EXPIRING_DAYS = 30;
/** How many rows the dashboard reads to count; more shows as "100+". */
const COUNT_LIMIT = 100;

const dashKeys = {
  review: ['dashboard', 'review'] as const,
  expiring: ['dashboard', 'expiring'] as const,
  audit: ['dashboard', 'audit'] as const,
};

function countText(n: number, more: boolean): string {
  return more ? `${n}+` : String(n);
}

/** Listings waiting for review: how many, and the oldest (the queue is oldest first). */
function ReviewCard() {
  const { t } = useTranslation('console');
  const q = useQuery({
    queryKey: dashKeys.review,
    queryFn: () => api<Page<TListing>>('/catalog/review/queue', { query: { limit: COUNT_LIMIT } }),
    refetchInterval: 60_000,
  });
  const items = q.data?.items ?? [];
  const oldest = items[0];
  return (
    <Card
      title={t('dashboard.review')}
      extra={<Link to="/console/listings/review">{t('dashboard.openQueue')}</Link>}
      data-testid="dashboard-review"
      style={{ height: '100%' }}
    >
      <QueryState isLoading={q.isLoading} error={q.error}>
        <Statistic
          title={t('dashboard.waiting')}
          value={countText(items.length, Boolean(q.data?.nextCursor))}
          data-testid="dashboard-review-count"
        />
        {oldest ? (
          <Typography.Paragraph
            type="secondary"
            style={{ marginTop: 8, marginBottom: 0 }}
            ellipsis={{ rows: 2 }}
          >
            {t('dashboard.oldest', { title: oldest.title, time: formatTime(oldest.updatedAt) })}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('dashboard.nothingWaiting')}</Typography.Text>
        )}
      </QueryState>
    </Card>
  );
}

/** Dealers with a qualification expiring within 30 days (or already expired). */
function ExpiringCard() {
  const { t } = useTranslation('console');
  const cityName = useCityName();
  const q = useQuery({
    queryKey: dashKeys.expiring,
    queryFn: () =>
      api<Page<TDealer>>('/dealers/dealers', {
        query: { expiringWithinDays: EXPIRING_DAYS, limit: COUNT_LIMIT },
      }),
  });
  const items = [...(q.data?.items ?? [])].sort((a, b) =>
    (a.nextQualificationExpiry ?? '').localeCompare(b.nextQualificationExpiry ?? ''),
  );
  return (
    <Card
      title={t('dashboard.expiring', { days: EXPIRING_DAYS })}
      extra={<Link to={`/console/dealers?expiring=${EXPIRING_DAYS}`}>{t('dashboard.viewAll')}</Link>}
      data-testid="dashboard-expiring"
      style={{ height: '100%' }}
    >
      <QueryState isLoading={q.isLoading} error={q.error}>
        <Statistic
          title={t('dashboard.dealers')}
          value={countText(items.length, Boolean(q.data?.nextCursor))}
          data-testid="dashboard-expiring-count"
        />
        <List
          size="small"
          dataSource={items.slice(0, 3)}
          renderItem={(d) => (
            <List.Item>
              <Link to={`/console/dealers/${d.id}`} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {d.name}
              </Link>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', marginInlineStart: 8 }}>
                {cityName(d.city.code)} · {d.nextQualificationExpiry ?? '—'}
              </Typography.Text>
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}

/** Dead-letter jobs waiting for someone to retry or discard them. */
function DeadLettersCard() {
  const { t } = useTranslation('console');
  const stats = useJobStats();
  const dead = stats.data?.totals.dead ?? 0;
  return (
    <Card
      title={t('dashboard.deadLetters')}
      extra={<Link to="/console/jobs#dead-letters">{t('dashboard.viewAll')}</Link>}
      data-testid="dashboard-dead-letters"
      style={{ height: '100%' }}
    >
      <QueryState isLoading={stats.isLoading} error={stats.error}>
        <Statistic
          title={t('dashboard.deadCount')}
          value={dead}
          styles={{ content: { color: dead > 0 ? '#cf1322' : undefined } }}
          data-testid="dashboard-dead-count"
        />
        <Typography.Text type="secondary">
          {dead > 0 ? t('dashboard.deadHint') : t('dashboard.noDead')}
        </Typography.Text>
      </QueryState>
    </Card>
  );
}

/** The last 10 audit entries. */
function RecentAuditCard() {
  const { t } = useTranslation('console');
  const L = useLabels();
  const q = useQuery({
    queryKey: dashKeys.audit,
    queryFn: () => api<Page<AuditEntry>>('/platform/audit', { query: { limit: 10 } }),
    refetchInterval: 60_000,
  });
  return (
    <Card
      title={t('dashboard.recentAudit')}
      extra={<Link to="/console/audit">{t('dashboard.viewAll')}</Link>}
      data-testid="dashboard-audit"
    >
      <QueryState isLoading={q.isLoading} error={q.error} isEmpty={(q.data?.items.length ?? 0) === 0}>
        <List
          size="small"
          dataSource={q.data?.items ?? []}
          renderItem={(e) => (
            <List.Item data-testid="dashboard-audit-row">
              <Space wrap size={[8, 0]} style={{ minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {formatTime(e.occurredAt)}
                </Typography.Text>
                <Tag color="blue">{L.auditAction(e.action)}</Tag>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                  {e.actorLabel ?? L.label('actorKind', e.actorKind)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}

/**
 * The console home: the operations dashboard (analytics.read) first, then what needs this person now. Each
 * card appears only for staff holding the permission of the API it reads (never a 403 in the console):
 * business figures (analytics.read), review queue (listings.review), expiring dealer qualifications
 * (reference.read), dead-letter jobs (jobs.read), recent audit entries (audit.read).
 */
export function DashboardPage({ me }: { me: StaffMe }) {
  const { t } = useTranslation('console');
  const L = useLabels();
  const has = (p: string) => me.permissions.includes(p);
  const links = visibleEntries(consoleMenu(t), me).filter((e) => e.key !== 'dashboard');
  const cards = [
    has('listings.review') && <ReviewCard key="review" />,
    has('reference.read') && <ExpiringCard key="expiring" />,
    has('jobs.read') && <DeadLettersCard key="dead" />,
  ].filter(Boolean);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <Card>
        <Typography.Title
          level={3}
          style={{ marginTop: 0, overflowWrap: 'anywhere' }}
          data-testid="dashboard-welcome"
        >
          {t('dashboard.welcome', { name: me.displayName })}
        </Typography.Title>
        <Space wrap size={[4, 4]} data-testid="dashboard-roles">
          {me.roles.map((r) => (
            <Tag key={r} color="volcano">
              {L.role(r)}
            </Tag>
          ))}
          <Badge
            status={me.totpEnabled ? 'success' : 'warning'}
            text={me.totpEnabled ? t('dashboard.totpOn') : t('dashboard.totpOff')}
          />
        </Space>
      </Card>
      {has('analytics.read') && (
        <AnalyticsDashboard area="console" permissions={me.permissions} dealerScoped={me.dealerId !== null} />
      )}
      {cards.length > 0 ? (
        <Row gutter={[16, 16]} data-testid="dashboard-needs-you">
          {cards.map((c, i) => (
            <Col key={String(i)} xs={24} md={12} xl={8}>
              {c}
            </Col>
          ))}
        </Row>
      ) : null}
      {has('audit.read') && <RecentAuditCard />}
      <Card title={t('dashboard.quickLinks')}>
        <Row gutter={[8, 8]}>
          {links.map((e) => (
            <Col xs={12} md={8} xl={6} key={e.key}>
              <Link to={e.path}>
                <Card size="small" hoverable>
                  <Space style={{ minWidth: 0 }}>
                    {e.icon}
                    <span style={{ overflowWrap: 'anywhere' }}>{e.label}</span>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('dashboard.myPermissions')} size="small">
        <Space wrap size={[4, 4]}>
          {me.permissions.map((p) => (
            <Tag key={p}>{L.permission(p)}</Tag>
          ))}
        </Space>
      </Card>
    </Space>
  );
}
