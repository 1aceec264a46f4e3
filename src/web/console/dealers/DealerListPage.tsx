import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { type DealerFilter, type TDealer, useCities, useDealerList } from '../../shared/hooks/dealers.js';

/** Dealers (read-only for now) with filters; a row opens its detail with stores and qualifications. */
export function DealerListPage() {
  const { t, i18n } = useTranslation('console');
  const { t: tc } = useTranslation();
  const [filter, setFilter] = useState<DealerFilter>({});
  const cities = useCities();
  const list = useDealerList(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const en = i18n.language === 'en';
  return (
    <Card title={t('menu.dealers')} data-testid="dealer-list">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('dealers.search')}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('dealers.anyCity')}
          style={{ width: 160 }}
          options={(cities.data ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.name }))}
          onChange={(cityCode?: string) => setFilter((f) => ({ ...f, cityCode }))}
        />
        <Select
          allowClear
          placeholder={t('dealers.anyStatus')}
          style={{ width: 120 }}
          options={[
            { value: 'active', label: t('dealers.active') },
            { value: 'suspended', label: t('dealers.suspended') },
          ]}
          onChange={(status?: string) => setFilter((f) => ({ ...f, status }))}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Table<TDealer>
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={items}
          columns={[
            {
              title: t('dealers.name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <Link to={`/console/dealers/${r.id}`} data-testid="dealer-link">
                  {v}
                </Link>
              ),
            },
            { title: t('dealers.city'), key: 'city', render: (_, r) => (en ? r.city.nameEn : r.city.name) },
            {
              title: t('dealers.brands'),
              dataIndex: 'brands',
              render: (b: string[]) => b.map((x) => <Tag key={x}>{x}</Tag>),
            },
            {
              title: t('dealers.status'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'active' ? 'green' : 'orange'}>
                  {s === 'active' ? t('dealers.active') : t('dealers.suspended')}
                </Tag>
              ),
            },
            { title: t('dealers.phone'), dataIndex: 'contactPhone' },
            {
              title: t('dealers.nextExpiry'),
              dataIndex: 'nextQualificationExpiry',
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
        {list.hasNextPage && (
          <Button
            block
            style={{ marginTop: 12 }}
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {tc('actions.loadMore')}
          </Button>
        )}
      </QueryState>
    </Card>
  );
}
