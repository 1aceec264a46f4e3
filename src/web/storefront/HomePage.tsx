import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../shared/components/Results.js';
import { useCities, useStores } from '../shared/hooks/dealers.js';
import { cityName } from './CitySelector.js';
import { CatalogHomeSections } from './catalog/HomeSections.js';
import { useChosenCity } from './city.js';
import { shownPromises } from './home/promises.js';
import { StoreCard } from './StoreCard.js';

/** The banner: what the storefront is, and only promises that work, each linking to where it works. */
function Hero() {
  const { t } = useTranslation('storefront');
  return (
    <section
      data-testid="hero"
      style={{
        background: 'linear-gradient(120deg, #d4380d 0%, #fa8c16 100%)',
        color: '#fff',
        borderRadius: 12,
        padding: '28px 20px',
        marginBottom: 16,
      }}
    >
      <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }} data-testid="hero-title">
        {t('hero.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.92)', fontSize: 15 }}>
        {t('hero.subtitle')}
      </Typography.Paragraph>
      <Space wrap size={[16, 8]} style={{ marginBottom: 16 }} data-testid="hero-promises">
        {shownPromises().map((p) => (
          <Link key={p.key} to={p.to ?? '/'} style={{ color: '#fff' }} data-testid={`promise-${p.key}`}>
            <CheckCircleFilled /> {t(`promises.${p.key}`)}
          </Link>
        ))}
      </Space>
      <Space wrap>
        <Link to="/cars" data-testid="hero-cta">
          <Button size="large">{t('hero.cta')}</Button>
        </Link>
        <Button size="large" href="#stores" ghost>
          {t('hero.stores')}
        </Button>
      </Space>
    </section>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation('storefront');
  const cityCode = useChosenCity();
  const city = useCities().data?.find((c) => c.code === cityCode);
  const stores = useStores(cityCode);
  const items = stores.data?.items ?? [];
  return (
    <>
      <Hero />
      <CatalogHomeSections />
      <section id="stores" data-testid="stores-near-you">
        <Typography.Title level={4}>
          {t('stores.nearYou', { city: cityName(city, i18n.language) || t('city.current') })}
        </Typography.Title>
        <QueryState
          isLoading={stores.isLoading}
          error={stores.error}
          isEmpty={items.length === 0}
          onRetry={() => void stores.refetch()}
          emptyText={t('stores.none')}
        >
          <Typography.Paragraph type="secondary">
            {t('stores.count', { count: items.length })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]}>
            {items.map((s) => (
              <Col key={s.id} xs={24} sm={12} lg={8}>
                <StoreCard store={s} />
              </Col>
            ))}
          </Row>
        </QueryState>
      </section>
    </>
  );
}
