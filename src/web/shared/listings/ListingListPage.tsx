import './i18n.js';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../components/Results.js';
import { formatTime, yuan } from '../format.js';
import { type ListingFilter, type TListing, useListings } from '../hooks/listings.js';
import { AuthorActions, FlagTags, StatusTag } from './parts.js';

/** Listings table with filters and status tags; used by the console (all dealers) and the dealer portal. */
export function ListingListPage({ basePath, showDealer = true }: { basePath: string; showDealer?: boolean }) {
  const { t } = useTranslation('listings');
  const [filter, setFilter] = useState<ListingFilter>({});
  const list = useListings(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={t('menu.listings')}
      data-testid="listing-list"
      extra={
        <Link to={`${basePath}/new`}>
          <Button type="primary" data-testid="listing-create">
            {t('list.create')}
          </Button>
        </Link>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('list.search')}
          style={{ width: 240 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Select
          allowClear
          placeholder={t('list.anyStatus')}
          style={{ width: 140 }}
          options={(['draft', 'in_review', 'listed', 'rejected', 'delisted'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
          onChange={(status?: string) => setFilter((f) => ({ ...f, status }))}
        />
        <Select
          allowClear
          placeholder={t('list.anyKind')}
          style={{ width: 120 }}
          options={[
            { value: 'new', label: t('kind.new') },
            { value: 'used', label: t('kind.used') },
          ]}
          onChange={(kind?: string) => setFilter((f) => ({ ...f, kind }))}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Table<TListing>
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 1100 }}
          dataSource={items}
          columns={[
            {
              title: t('list.title'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <Link to={`${basePath}/${r.id}`} data-testid="listing-link">
                  {v}
                </Link>
              ),
            },
            {
              title: t('editor.kind'),
              dataIndex: 'kind',
              width: 80,
              render: (k: TListing['kind']) => t(`kind.${k}`),
            },
            { title: t('list.price'), dataIndex: 'priceFen', width: 110, render: (v: number) => yuan(v) },
            {
              title: t('list.discount'),
              key: 'discount',
              width: 100,
              render: (_, r) => (r.kind === 'new' && r.discountFen > 0 ? yuan(r.discountFen) : '-'),
            },
            {
              title: t('list.grade'),
              key: 'grade',
              width: 80,
              render: (_, r) => (r.inspection ? t('inspection.gradeN', { n: r.inspection.grade }) : '-'),
            },
            ...(showDealer ? [{ title: t('list.dealer'), dataIndex: 'dealerId', width: 170 }] : []),
            { title: t('list.city'), dataIndex: 'cityCode', width: 90 },
            {
              title: t('acc.status'),
              key: 'status',
              width: 100,
              render: (_, r) => <StatusTag status={r.status} />,
            },
            {
              title: t('list.flags'),
              key: 'flags',
              width: 140,
              render: (_, r) => <FlagTags hits={r.reviewFlags} />,
            },
            {
              title: t('list.updatedAt'),
              dataIndex: 'updatedAt',
              width: 160,
              render: (v: string) => formatTime(v),
            },
            {
              title: t('list.actions'),
              key: 'actions',
              width: 120,
              render: (_, r) => <AuthorActions listing={r} />,
            },
          ]}
        />
        {list.hasNextPage ? (
          <Button
            style={{ marginTop: 12 }}
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('list.more')}
          </Button>
        ) : null}
      </QueryState>
    </Card>
  );
}
