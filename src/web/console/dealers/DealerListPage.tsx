import { Card, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, fetchAllPages, pagedRows, useUrlFilters } from '../../shared/components/DataTable.js';
import { type DealerFilter, type TDealer, useDealerList } from '../../shared/hooks/dealers.js';
import { useCityName, useCityOptions, useLabels } from '../../shared/labels.js';

const FILTERS = ['q', 'cityCode', 'status', 'expiring'] as const;

/** Dealers (read-only for now) with filters kept in the URL; a row opens its detail with stores and qualifications. */
export function DealerListPage() {
  const { t } = useTranslation('console');
  const L = useLabels();
  const cityName = useCityName();
  const cityOptions = useCityOptions();
  const [f, setF] = useUrlFilters(FILTERS);
  const expiring = f.expiring && /^\d+$/.test(f.expiring) ? Number(f.expiring) : undefined;
  const filter: DealerFilter = {
    q: f.q,
    cityCode: f.cityCode,
    status: f.status,
    expiringWithinDays: expiring,
  };
  const list = useDealerList(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('menu.dealers')} data-testid="dealer-list">
      <DataTable<TDealer>
        testId="dealer-table"
        rows={items}
        rowKey={(r) => r.id}
        {...pagedRows(list)}
        exportName="dealers"
        exportRows={() => fetchAllPages<TDealer>('/dealers/dealers', { ...filter })}
        toolbar={
          <>
            <Input.Search
              allowClear
              defaultValue={f.q}
              placeholder={t('dealers.search')}
              aria-label={t('dealers.search')}
              onSearch={(q) => setF({ q: q.trim() })}
              style={{ width: 220 }}
              data-testid="dealer-filter-q"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              value={f.cityCode}
              placeholder={t('dealers.anyCity')}
              aria-label={t('dealers.city')}
              style={{ width: 160 }}
              options={cityOptions}
              onChange={(cityCode?: string) => setF({ cityCode })}
              data-testid="dealer-filter-city"
            />
            <Select
              allowClear
              value={f.status}
              placeholder={t('dealers.anyStatus')}
              aria-label={t('dealers.status')}
              style={{ width: 130 }}
              options={L.options('dealerStatus')}
              onChange={(status?: string) => setF({ status })}
            />
            <Select
              allowClear
              value={f.expiring}
              placeholder={t('dealers.anyExpiry')}
              aria-label={t('dealers.nextExpiry')}
              style={{ width: 190 }}
              options={[30, 60, 90].map((d) => ({
                value: String(d),
                label: t('dealers.expiringWithin', { days: d }),
              }))}
              onChange={(v?: string) => setF({ expiring: v })}
              data-testid="dealer-filter-expiring"
            />
          </>
        }
        columns={[
          {
            key: 'name',
            title: t('dealers.name'),
            kind: 'title',
            value: (r) => r.name,
            sortable: true,
            render: (r) => (
              <Link to={`/console/dealers/${r.id}`} data-testid="dealer-link">
                {r.name}
              </Link>
            ),
          },
          {
            key: 'city',
            title: t('dealers.city'),
            value: (r) => cityName(r.city.code) || r.city.name,
            width: 110,
            sortable: true,
          },
          { key: 'brands', title: t('dealers.brands'), kind: 'tags', values: (r) => r.brands },
          {
            key: 'status',
            title: t('dealers.status'),
            kind: 'tag',
            value: (r) => L.label('dealerStatus', r.status),
            color: (r) => L.color('dealerStatus', r.status),
          },
          { key: 'phone', title: t('dealers.phone'), value: (r) => r.contactPhone, width: 150 },
          {
            key: 'nextExpiry',
            title: t('dealers.nextExpiry'),
            kind: 'time',
            value: (r) => r.nextQualificationExpiry ?? '—',
            sortable: true,
            render: (r) => (r.nextQualificationExpiry ? <ExpiryTag date={r.nextQualificationExpiry} /> : '—'),
          },
        ]}
      />
    </Card>
  );
}

/** A YYYY-MM-DD expiry, orange within 30 days, red once past (China time). */
export function ExpiryTag({ date }: { date: string }) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const days = Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
  const color = days < 0 ? 'red' : days <= 30 ? 'orange' : undefined;
  return color ? <Tag color={color}>{date}</Tag> : <span>{date}</span>;
}
