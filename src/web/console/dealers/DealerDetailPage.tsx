import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TQualification } from '../../../server/modules/dealers/dealers.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { type TStore, useDealer } from '../../shared/hooks/dealers.js';

/** One dealer: its details, qualifications (expiry highlighted) and stores. */
export function DealerDetailPage() {
  const { t, i18n } = useTranslation('console');
  const { id } = useParams();
  const dealer = useDealer(id);
  const d = dealer.data;
  const en = i18n.language === 'en';
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
                  {en ? d.city.nameEn : d.city.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('dealers.phone')}>{d.contactPhone}</Descriptions.Item>
                <Descriptions.Item label={t('dealers.brands')}>
                  {d.brands.map((b) => (
                    <Tag key={b}>{b}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('dealers.status')}>
                  <Tag color={d.status === 'active' ? 'green' : 'orange'}>
                    {d.status === 'active' ? t('dealers.active') : t('dealers.suspended')}
                  </Tag>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('dealers.qualifications')}>
              <Table<TQualification>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.qualifications}
                scroll={{ x: 600 }}
                columns={[
                  { title: t('dealers.kind'), dataIndex: 'kind' },
                  { title: t('dealers.number'), dataIndex: 'number' },
                  { title: t('dealers.validFrom'), dataIndex: 'validFrom' },
                  { title: t('dealers.validUntil'), dataIndex: 'validUntil' },
                  {
                    title: t('dealers.daysLeft'),
                    dataIndex: 'daysLeft',
                    render: (n: number, r) =>
                      r.expired ? (
                        <Tag color="red">{t('dealers.expired')}</Tag>
                      ) : (
                        <Tag color={n <= 30 ? 'orange' : 'green'}>{n}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
            <Card title={t('dealers.stores')}>
              <Table<TStore>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.stores}
                scroll={{ x: 700 }}
                columns={[
                  { title: t('dealers.name'), dataIndex: 'name' },
                  {
                    title: t('dealers.address'),
                    key: 'address',
                    render: (_, s) => `${s.district} ${s.address}`,
                  },
                  { title: t('dealers.phone'), dataIndex: 'phone' },
                  {
                    title: t('dealers.services'),
                    dataIndex: 'services',
                    render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
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
