import { useQueries } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TQualification } from '../../../server/modules/dealers/dealers.contract.js';
import type { TListing } from '../../../server/modules/listings/listings.contract.js';
import { AnalyticsDashboard } from '../../shared/analytics-dashboard/AnalyticsDashboard.js';
import { api } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { QueryState } from '../../shared/components/Results.js';
import { usePortalDealer, usePortalStores } from '../../shared/hooks/dealers.js';
import { type Page, useStaffMe } from '../../shared/hooks/identity.js';
import { useCityName, useLabels } from '../../shared/labels.js';

/** Qualifications expiring within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 30;

function ExpiryTag({ q }: { q: TQualification }) {
  const { t } = useTranslation('dealer');
  if (q.expired) return <Tag color="red">{t('home.expired')}</Tag>;
  if (q.daysLeft <= EXPIRY_WARNING_DAYS)
    return <Tag color="orange">{`${t('home.expiringSoon')} · ${t('home.days', { count: q.daysLeft })}`}</Tag>;
  return <Tag color="green">{t('home.valid')}</Tag>;
}

const NEEDS_YOU_STATUSES = ['rejected', 'draft', 'in_review'] as const;

/** What needs this dealer now: rejected listings to fix, drafts to submit, listings in review. */
function ListingsNeedingYou() {
  const { t } = useTranslation('dealer');
  const L = useLabels();
  const counts = useQueries({
    queries: NEEDS_YOU_STATUSES.map((status) => ({
      queryKey: ['dealer-home', 'listings', status],
      queryFn: () => api<Page<TListing>>('/catalog/listings', { query: { status, limit: 100 } }),
    })),
  });
  return (
    <Card title={t('home.needsYou')} data-testid="dealer-needs-you">
      <Row gutter={[16, 16]}>
        {NEEDS_YOU_STATUSES.map((status, i) => {
          const q = counts[i];
          const n = q?.data ? `${q.data.items.length}${q.data.nextCursor ? '+' : ''}` : '—';
          return (
            <Col xs={8} key={status}>
              <Link to={`/dealer/listings?status=${status}`} data-testid={`dealer-needs-you-${status}`}>
                <Statistic
                  title={L.label('listingStatus', status)}
                  value={n}
                  styles={{
                    content: {
                      color: status === 'rejected' && n !== '0' && n !== '—' ? '#cf1322' : undefined,
                    },
                  }}
                />
              </Link>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/**
 * The portal home: my dealer, its qualifications with expiry warnings, how many stores it has, and (with
 * analytics.read) the operations dashboard for this dealer only: the server scopes every figure to it.
 */
export function HomePage() {
  const { t, i18n } = useTranslation('dealer');
  const dealer = usePortalDealer();
  const stores = usePortalStores();
  const d = dealer.data;
  const en = i18n.language === 'en';
  const L = useLabels();
  const cityName = useCityName();
  const me = useStaffMe();
  const canListings = Boolean(me?.permissions.includes('listings.manage'));
  const canAnalytics = Boolean(me?.permissions.includes('analytics.read'));
  const attention = d ? d.qualifications.filter((q) => q.expired || q.daysLeft <= EXPIRY_WARNING_DAYS) : [];
  return (
    <QueryState isLoading={dealer.isLoading} error={dealer.error} onRetry={() => void dealer.refetch()}>
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dealer-home">
          {d.status === 'suspended' && (
            <Alert type="error" showIcon title={t('home.suspendedHint')} data-testid="dealer-suspended" />
          )}
          {attention.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('home.expiryWarning', { count: attention.length })}
              data-testid="qualification-warning"
            />
          )}
          {canListings && <ListingsNeedingYou />}
          {canAnalytics && me ? (
            <AnalyticsDashboard area="dealer" permissions={me.permissions} dealerScoped />
          ) : null}
          <Card title={<span data-testid="dealer-name">{d.name}</span>}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('home.legalName')}>{d.legalName}</Descriptions.Item>
              <Descriptions.Item label={t('home.uscc')}>{d.uscc}</Descriptions.Item>
              <Descriptions.Item label={t('home.city')}>
                <span data-testid="dealer-city">
                  {cityName(d.city.code) || (en ? d.city.nameEn : d.city.name)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.phone')}>{d.contactPhone}</Descriptions.Item>
              <Descriptions.Item label={t('home.brands')}>
                <span data-testid="dealer-brands">
                  {d.brands.map((b) => (
                    <Tag key={b} color="blue">
                      {b}
                    </Tag>
                  ))}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.status')}>
                <Tag color={d.status === 'active' ? 'green' : 'red'}>{L.label('dealerStatus', d.status)}</Tag>
              </Descriptions.Item>
            </Descriptions>
            <Statistic
              title={t('home.storeCount')}
              value={stores.data?.length ?? '—'}
              style={{ marginTop: 12 }}
              data-testid="dealer-store-count"
            />
          </Card>
          <Card title={t('home.qualifications')}>
            <DataTable<TQualification>
              testId="qualification-table"
              urlKey={false}
              size="small"
              rows={d.qualifications}
              rowKey={(q) => q.id}
              columns={[
                {
                  key: 'kind',
                  title: t('home.kind'),
                  kind: 'title',
                  value: (q) => L.label('qualificationKind', q.kind),
                },
                { key: 'number', title: t('home.number'), value: (q) => q.number, width: 200 },
                {
                  key: 'validFrom',
                  title: t('home.validFrom'),
                  kind: 'time',
                  value: (q) => q.validFrom,
                  width: 120,
                },
                {
                  key: 'validUntil',
                  title: t('home.validUntil'),
                  kind: 'time',
                  value: (q) => q.validUntil,
                  width: 120,
                },
                {
                  key: 'remaining',
                  title: t('home.remaining'),
                  value: (q) =>
                    q.expired
                      ? t('home.expired')
                      : q.daysLeft <= EXPIRY_WARNING_DAYS
                        ? `${t('home.expiringSoon')} · ${t('home.days', { count: q.daysLeft })}`
                        : t('home.valid'),
                  width: 180,
                  render: (q) => <ExpiryTag q={q} />,
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
