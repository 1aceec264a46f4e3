import { Alert, Card, Descriptions, Space, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQualification } from '../../../server/modules/dealers/dealers.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { usePortalDealer, usePortalStores } from '../../shared/hooks/dealers.js';

/** Qualifications expiring within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 30;

function ExpiryTag({ q }: { q: TQualification }) {
  const { t } = useTranslation('dealer');
  if (q.expired) return <Tag color="red">{t('home.expired')}</Tag>;
  if (q.daysLeft <= EXPIRY_WARNING_DAYS)
    return <Tag color="orange">{`${t('home.expiringSoon')} · ${t('home.days', { count: q.daysLeft })}`}</Tag>;
  return <Tag color="green">{t('home.valid')}</Tag>;
}

/** The portal home: my dealer, its qualifications with expiry warnings, and how many stores it has. */
export function HomePage() {
  const { t, i18n } = useTranslation('dealer');
  const dealer = usePortalDealer();
  const stores = usePortalStores();
  const d = dealer.data;
  const en = i18n.language === 'en';
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
          <Card title={<span data-testid="dealer-name">{d.name}</span>}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('home.legalName')}>{d.legalName}</Descriptions.Item>
              <Descriptions.Item label={t('home.uscc')}>{d.uscc}</Descriptions.Item>
              <Descriptions.Item label={t('home.city')}>
                <span data-testid="dealer-city">{en ? d.city.nameEn : d.city.name}</span>
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
                <Tag color={d.status === 'active' ? 'green' : 'red'}>
                  {d.status === 'active' ? t('home.active') : t('home.suspended')}
                </Tag>
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
            <Table<TQualification>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.qualifications}
              scroll={{ x: 640 }}
              data-testid="qualification-table"
              columns={[
                {
                  title: t('home.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => t(`qualificationKinds.${k}`, { defaultValue: k }),
                },
                { title: t('home.number'), dataIndex: 'number' },
                { title: t('home.validFrom'), dataIndex: 'validFrom' },
                { title: t('home.validUntil'), dataIndex: 'validUntil' },
                {
                  title: t('home.remaining'),
                  key: 'remaining',
                  render: (_, q) => <ExpiryTag q={q} />,
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
