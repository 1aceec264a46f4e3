import './i18n.js';
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, fetchAllPages, pagedRows, useUrlFilters } from '../components/DataTable.js';
import { formatTime, yuan } from '../format.js';
import { useStaffMe } from '../hooks/identity.js';
import { type TListing, useListings } from '../hooks/listings.js';
import { useCityName, useDealerName, useLabels } from '../labels.js';
import { AuthorActions, FlagTags, StatusTag } from './parts.js';

/**
 * Listings table with filters in the URL, labels instead of codes (status, kind, dealer and city names),
 * CSV export and cards on phones; used by the console (all dealers) and the dealer portal.
 */
export function ListingListPage({ basePath, showDealer = true }: { basePath: string; showDealer?: boolean }) {
  const { t } = useTranslation('listings');
  const L = useLabels();
  const me = useStaffMe();
  const [filter, setFilter] = useUrlFilters(['q', 'status', 'kind'] as const);
  const list = useListings(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const cityName = useCityName();
  // The dealer directory needs reference.read: never call an API the user may not call.
  const dealerName = useDealerName(showDealer && Boolean(me?.permissions.includes('reference.read')));
  return (
    <DataTable<TListing>
      testId="listing-list"
      rows={items}
      rowKey={(r) => r.id}
      rowTestId={() => 'listing-row'}
      {...pagedRows(list)}
      exportName="listings"
      exportRows={() => fetchAllPages<TListing>('/catalog/listings', filter)}
      toolbar={
        <Space wrap>
          <Input.Search
            allowClear
            defaultValue={filter.q}
            placeholder={t('list.search')}
            style={{ width: 240, maxWidth: '100%' }}
            onSearch={(q) => setFilter({ q: q.trim() })}
          />
          <Select
            aria-label={t('list.anyStatus')}
            allowClear
            placeholder={t('list.anyStatus')}
            style={{ width: 140 }}
            value={filter.status}
            options={L.options('listingStatus')}
            onChange={(status?: string) => setFilter({ status })}
          />
          <Select
            aria-label={t('list.anyKind')}
            allowClear
            placeholder={t('list.anyKind')}
            style={{ width: 120 }}
            value={filter.kind}
            options={L.options('listingKind')}
            onChange={(kind?: string) => setFilter({ kind })}
          />
        </Space>
      }
      extra={
        <Link to={`${basePath}/new`}>
          <Button type="primary" data-testid="listing-create">
            {t('list.create')}
          </Button>
        </Link>
      }
      columns={[
        {
          key: 'title',
          title: t('list.title'),
          kind: 'title',
          value: (r) => r.title,
          render: (r) => (
            <Link to={`${basePath}/${r.id}`} data-testid="listing-link">
              {r.title}
            </Link>
          ),
        },
        { key: 'kind', title: t('editor.kind'), kind: 'tag', value: (r) => L.label('listingKind', r.kind) },
        {
          key: 'price',
          title: t('list.price'),
          kind: 'money',
          value: (r) => yuan(r.priceFen),
          sortValue: (r) => r.priceFen,
          sortable: true,
        },
        {
          key: 'discount',
          title: t('list.discount'),
          kind: 'money',
          value: (r) => (r.kind === 'new' && r.discountFen > 0 ? yuan(r.discountFen) : '—'),
        },
        {
          key: 'grade',
          title: t('list.grade'),
          value: (r) =>
            r.inspection
              ? r.inspection.grade === 5
                ? t('inspection.accidentCar')
                : t('inspection.gradeN', { n: r.inspection.grade })
              : '—',
        },
        ...(showDealer
          ? [{ key: 'dealer', title: t('list.dealer'), value: (r: TListing) => dealerName(r.dealerId) }]
          : []),
        { key: 'city', title: t('list.city'), value: (r) => cityName(r.cityCode) },
        {
          key: 'status',
          title: t('list.status'),
          kind: 'tag',
          value: (r) => L.label('listingStatus', r.status),
          render: (r) => <StatusTag status={r.status} />,
        },
        {
          key: 'flags',
          title: t('list.flags'),
          kind: 'tags',
          values: (r) => [...new Set(r.reviewFlags.map((h) => h.term))],
          render: (r) => <FlagTags hits={r.reviewFlags} />,
        },
        {
          key: 'updatedAt',
          title: t('list.updatedAt'),
          kind: 'time',
          value: (r) => formatTime(r.updatedAt),
          sortValue: (r) => r.updatedAt,
          sortable: true,
        },
        {
          key: 'actions',
          title: t('list.actions'),
          kind: 'actions',
          render: (r) => <AuthorActions listing={r} />,
        },
      ]}
    />
  );
}
