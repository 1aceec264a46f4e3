import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TQualification } from '../../../server/modules/dealers/dealers.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { QueryState } from '../../shared/components/Results.js';
import { type TStore, useDealer } from '../../shared/hooks/dealers.js';
import { useCityName, useLabels } from '../../shared/labels.js';

/** One dealer: its details, qualifications (expiry highlighted) and stores. */
export function DealerDetailPage() {
  const { t } = useTranslation('console');
  const L = useLabels();
  const cityName = useCityName();
  const { id } = useParams();
  const dealer = useDealer(id);
  const d = dealer.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dealer-detail">
      <Link to="/console/dealers">
        <Button>{t('dealers.backToList')}</Button>
      </Link>
      <QueryState isLoading={dealer.isLoading} error={dealer.error}>
        {d && (
          <>
            <Card title={d.name}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('dealers.legalName')}>{d.legalName}</Descriptions.Item>
                <Descriptions.Item label={t('dealers.uscc')}>{d.uscc}</Descriptions.Item>
                <Descriptions.Item label={t('dealers.city')}>
                  {cityName(d.city.code) || d.city.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('dealers.phone')}>{d.contactPhone}</Descriptions.Item>
                <Descriptions.Item label={t('dealers.brands')}>
                  {d.brands.map((b) => (
                    <Tag key={b}>{b}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('dealers.status')}>
                  <Tag color={L.color('dealerStatus', d.status)}>{L.label('dealerStatus', d.status)}</Tag>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('dealers.qualifications')}>
              <DataTable<TQualification>
                testId="dealer-qualifications"
                urlKey="q_"
                size="small"
                rows={d.qualifications}
                rowKey={(r) => r.id}
                columns={[
                  {
                    key: 'kind',
                    title: t('dealers.kind'),
                    kind: 'title',
                    value: (r) => L.label('qualificationKind', r.kind),
                  },
                  { key: 'number', title: t('dealers.number'), value: (r) => r.number, width: 200 },
                  {
                    key: 'validFrom',
                    title: t('dealers.validFrom'),
                    kind: 'time',
                    value: (r) => r.validFrom,
                    width: 120,
                  },
                  {
                    key: 'validUntil',
                    title: t('dealers.validUntil'),
                    kind: 'time',
                    value: (r) => r.validUntil,
                    width: 120,
                    sortable: true,
                  },
                  {
                    key: 'daysLeft',
                    title: t('dealers.daysLeft'),
                    kind: 'tag',
                    value: (r) =>
                      r.expired ? t('dealers.expired') : t('dealers.days', { count: r.daysLeft }),
                    color: (r) => (r.expired ? 'red' : r.daysLeft <= 30 ? 'orange' : 'green'),
                    sortable: true,
                    sortValue: (r) => r.daysLeft,
                  },
                ]}
              />
            </Card>
            <Card title={t('dealers.stores')}>
              <DataTable<TStore>
                testId="dealer-stores"
                urlKey="s_"
                size="small"
                rows={d.stores}
                rowKey={(r) => r.id}
                columns={[
                  { key: 'name', title: t('dealers.storeName'), kind: 'title', value: (r) => r.name },
                  {
                    key: 'city',
                    title: t('dealers.city'),
                    value: (r) => cityName(r.city.code) || r.city.name,
                    width: 100,
                  },
                  {
                    key: 'address',
                    title: t('dealers.address'),
                    value: (r) => `${r.district} ${r.address}`,
                    width: 260,
                  },
                  { key: 'phone', title: t('dealers.phone'), value: (r) => r.phone, width: 150 },
                  {
                    key: 'services',
                    title: t('dealers.services'),
                    kind: 'tags',
                    values: (r) => r.services.map((s) => L.label('storeService', s)),
                  },
                  {
                    key: 'status',
                    title: t('dealers.status'),
                    kind: 'tag',
                    value: (r) => L.label('storeStatus', r.status),
                    color: (r) => L.color('storeStatus', r.status),
                  },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
    </Space>
  );
}
