import { BulbOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { useBrandIndex } from '../../shared/hooks/catalog.js';
import { useVehicleSearch } from '../../shared/hooks/search.js';
import { useChosenCity } from '../city.js';

const POPULAR_SERIES = 12;

/** Home page entry points into the catalog: the car finder card, popular series and the A–Z brand wall. */
export function CatalogHomeSections() {
  const { t, i18n } = useTranslation('storefront');
  const brands = useBrandIndex();
  const city = useChosenCity();
  // Popular series = the series with the most listed vehicles in the chosen city (from the facet counts).
  const search = useVehicleSearch({ city }, 1);
  const series = [...(search.data?.pages[0]?.facets.series ?? [])]
    .sort((a, b) => b.count - a.count)
    .slice(0, POPULAR_SERIES);
  return (
    <>
      <Card
        data-testid="guide-card"
        style={{ marginBottom: 16, background: '#fff7e6', borderColor: '#ffd591' }}
        styles={{ body: { display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' } }}
      >
        <BulbOutlined style={{ fontSize: 28, color: '#d4380d' }} />
        <div style={{ flex: 1, minWidth: 200 }}>
          <Typography.Text strong>{t('home.guideCard')}</Typography.Text>
          <div style={{ fontSize: 13, color: '#595959' }}>{t('home.guideCardText')}</div>
        </div>
        <Link to="/guide" data-testid="guide-cta">
          <Button type="primary">{t('home.guideCta')}</Button>
        </Link>
      </Card>
      {series.length > 0 && (
        <section data-testid="popular-series" style={{ marginBottom: 16 }}>
          <div style={{ display: 'flex', alignItems: 'center' }}>
            <Typography.Title level={4} style={{ flex: 1 }}>
              {t('home.popularSeries')}
            </Typography.Title>
            <Link to="/cars">
              {t('home.allCars')} <RightOutlined />
            </Link>
          </div>
          <Space size={[8, 8]} wrap>
            {series.map((s) => (
              <Link key={s.value} to={`/cars?series=${encodeURIComponent(s.value)}`}>
                <Tag style={{ padding: '4px 10px', fontSize: 14, margin: 0 }}>
                  {s.label} <Typography.Text type="secondary">{s.count}</Typography.Text>
                </Tag>
              </Link>
            ))}
          </Space>
        </section>
      )}
      <section data-testid="brand-wall" style={{ marginBottom: 16 }}>
        <Typography.Title level={4}>{t('home.brands')}</Typography.Title>
        <QueryState isLoading={brands.isLoading} error={brands.error} isEmpty={brands.data?.total === 0}>
          <Card size="small">
            {brands.data?.initials.map((g) => (
              <Row key={g.initial} gutter={8} wrap={false} style={{ marginBottom: 6 }}>
                <Col flex="24px">
                  <Typography.Text strong type="secondary">
                    {g.initial}
                  </Typography.Text>
                </Col>
                <Col flex="auto">
                  <Space size={[4, 4]} wrap>
                    {g.brands.map((b) => (
                      <Link
                        key={b.id}
                        to={`/cars?brand=${encodeURIComponent(b.slug)}`}
                        data-testid={`brand-${b.slug}`}
                      >
                        <Tag
                          style={{ margin: 0, borderColor: b.colours[0] ?? undefined, padding: '2px 8px' }}
                        >
                          {i18n.language === 'en' ? b.nameEn : b.name}
                        </Tag>
                      </Link>
                    ))}
                  </Space>
                </Col>
              </Row>
            ))}
          </Card>
        </QueryState>
      </section>
    </>
  );
}
