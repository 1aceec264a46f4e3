import { Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTrackSearch } from '../shared/analytics/tracker.js';
import { QueryState } from '../shared/components/Results.js';
import { type TStore, useCities, useStores } from '../shared/hooks/dealers.js';
import { cityName } from './CitySelector.js';
import { useChosenCity } from './city.js';
import { StoreCard } from './StoreCard.js';

function matches(store: TStore, q: string): boolean {
  const needle = q.toLowerCase();
  return [store.name, store.dealer.name, store.address, store.district, ...store.dealer.brands].some((f) =>
    f.toLowerCase().includes(needle),
  );
}

/** Until the catalog exists, search looks through the stores and dealers of the chosen city. */
export function SearchPage() {
  const { t, i18n } = useTranslation('storefront');
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const cityCode = useChosenCity();
  const city = cityName(
    useCities().data?.find((c) => c.code === cityCode),
    i18n.language,
  );
  const stores = useStores(cityCode);
  const results = (stores.data?.items ?? []).filter((s) => q && matches(s, q));
  useTrackSearch(q, stores.data ? results.length : undefined);
  if (!q) return <Empty description={t('search.prompt', { city })} />;
  return (
    <div data-testid="search-results">
      <Typography.Title level={4}>{t('search.title', { q })}</Typography.Title>
      <QueryState
        isLoading={stores.isLoading}
        error={stores.error}
        isEmpty={results.length === 0}
        emptyText={t('search.none')}
      >
        <Typography.Paragraph type="secondary">
          {t('search.inCity', { city, count: results.length })}
        </Typography.Paragraph>
        <Row gutter={[12, 12]}>
          {results.map((s) => (
            <Col key={s.id} xs={24} sm={12} lg={8}>
              <StoreCard store={s} />
            </Col>
          ))}
        </Row>
      </QueryState>
    </div>
  );
}
