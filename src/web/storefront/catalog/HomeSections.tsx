import { BulbOutlined, RightOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { useBrandIndex } from '../../shared/hooks/catalog.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { type TVehicleCard, useVehicleSearch } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { useChosenCity } from '../city.js';
import { BODY_ENTRIES, carsHref, NEV_ENERGIES, PRICE_BANDS, priceBandHref } from '../home/entries.js';
import { useHomeFeed } from '../home/feed.js';
import { BrandMonogram } from '../home/monogram.js';
import { VehicleCard } from './VehicleCard.js';

const POPULAR_SERIES = 12;
type Tab = 'all' | 'new' | 'used';
const kindOf = (tab: Tab) => (tab === 'all' ? undefined : tab);

const tileStyle = {
  display: 'block',
  textAlign: 'center',
  padding: '10px 4px',
  borderRadius: 8,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  color: '#262626',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

function SectionTitle({ title, hint, extra }: { title: string; hint?: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
      <div style={{ flex: 1 }} />
      {extra}
    </div>
  );
}

/** Price bands, body types and energy: one tap into /cars with that filter (and the chosen tab). */
export function QuickEntries({ kind }: { kind?: 'new' | 'used' | undefined }) {
  const { t } = useTranslation('storefront');
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="quick-entries">
      <Typography.Text strong>{t('landing.price')}</Typography.Text>
      <Row gutter={[8, 8]} style={{ margin: '8px 0 12px' }} data-testid="price-bands">
        {PRICE_BANDS.map((b) => (
          <Col key={b.key} xs={6} sm={6} md={3}>
            <Link to={priceBandHref(b, kind)} style={tileStyle} data-testid={`price-band-${b.key}`}>
              {t(`landing.bands.${b.key}`)}
            </Link>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 8]}>
        <Col xs={24} md={14}>
          <Typography.Text strong>{t('landing.body')}</Typography.Text>
          <Row gutter={[8, 8]} style={{ marginTop: 8 }} data-testid="body-entries">
            {BODY_ENTRIES.map((b) => (
              <Col key={b} xs={8} sm={4}>
                <Link to={carsHref({ body: b }, kind)} style={tileStyle} data-testid={`body-entry-${b}`}>
                  {t(`catalog.bodyTypes.${b}`)}
                </Link>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} md={10}>
          <Typography.Text strong>{t('landing.energy')}</Typography.Text>
          <Row gutter={[8, 8]} style={{ marginTop: 8 }} data-testid="energy-entries">
            <Col xs={12} sm={8}>
              <Link
                to={carsHref({ energy: NEV_ENERGIES.join(',') }, kind)}
                style={{ ...tileStyle, background: '#f6ffed', borderColor: '#b7eb8f' }}
                data-testid="energy-entry-nev"
                title={t('landing.nevHint')}
              >
                <ThunderboltOutlined /> {t('landing.nev')}
              </Link>
            </Col>
            {(['bev', 'phev', 'petrol'] as const).map((e) => (
              <Col key={e} xs={12} sm={8}>
                <Link to={carsHref({ energy: e }, kind)} style={tileStyle} data-testid={`energy-entry-${e}`}>
                  {t(`catalog.energyTypes.${e}`)}
                </Link>
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

/** One row of cards, scrolling sideways inside itself (the page never scrolls sideways). */
function CardRow({
  testId,
  title,
  hint,
  more,
  items,
  loading,
  cityLabel,
}: {
  testId: string;
  title: string;
  hint?: string;
  more: string;
  items: TVehicleCard[] | undefined;
  loading: boolean;
  cityLabel: (code: string) => string;
}) {
  const { t } = useTranslation('storefront');
  if (!loading && items?.length === 0) return null;
  return (
    <section data-testid={testId} style={{ marginBottom: 16 }}>
      <SectionTitle
        title={title}
        hint={hint}
        extra={
          <Link to={more} data-testid={`${testId}-more`}>
            {t('landing.more')} <RightOutlined />
          </Link>
        }
      />
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <div
          style={{
            display: 'flex',
            gap: 12,
            overflowX: 'auto',
            paddingBottom: 6,
            scrollSnapType: 'x mandatory',
          }}
        >
          {items?.map((v) => (
            <div
              key={v.id}
              style={{ flex: '0 0 auto', width: 'min(240px, 46vw)', scrollSnapAlign: 'start' }}
              data-testid="home-card"
            >
              <VehicleCard v={v} cityLabel={cityLabel(v.cityCode)} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** The buyer's city's cars in three rows (popular, newest, price drops), under the new/used tabs. */
export function HomeFeedRows() {
  const { t, i18n } = useTranslation('storefront');
  const city = useChosenCity();
  const cities = useCities().data;
  const [tab, setTab] = useState<Tab>('all');
  const kind = kindOf(tab);
  const feed = useHomeFeed(city, kind);
  const label = (code: string) =>
    cityName(
      cities?.find((c) => c.code === code),
      i18n.language,
    );
  const here = label(city);
  const loading = feed.isLoading;
  const rows = feed.data;
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          data-testid="kind-tabs"
          options={(['all', 'new', 'used'] as const).map((k) => ({
            value: k,
            label: <span data-testid={`kind-tab-${k}`}>{t(`landing.tabs.${k}`)}</span>,
          }))}
        />
        <Typography.Text type="secondary" data-testid="feed-scope">
          {rows?.scope === 'all'
            ? t('landing.rowsAll', { city: here })
            : here
              ? t('landing.rows', { city: here })
              : null}
        </Typography.Text>
      </div>
      <QuickEntries kind={kind} />
      <QueryState isLoading={false} error={feed.error} onRetry={() => void feed.refetch()}>
        {!loading && rows && rows.popular.length === 0 && rows.newest.length === 0 ? (
          <Empty description={t('landing.empty')} style={{ marginBottom: 16 }} />
        ) : (
          <>
            <CardRow
              testId="row-popular"
              title={t('landing.popular')}
              hint={t('landing.popularHint')}
              more={carsHref({ sort: 'popular', city: rows?.scope === 'all' ? 'all' : city }, kind)}
              items={rows?.popular}
              loading={loading}
              cityLabel={label}
            />
            <CardRow
              testId="row-newest"
              title={t('landing.newest')}
              more={carsHref({ sort: 'newest', city: rows?.scope === 'all' ? 'all' : city }, kind)}
              items={rows?.newest}
              loading={loading}
              cityLabel={label}
            />
            {kind !== 'used' && (
              <CardRow
                testId="row-price-drops"
                title={t('landing.priceDrops')}
                hint={t('landing.priceDropsHint')}
                more={carsHref({ city: rows?.scope === 'all' ? 'all' : city }, 'new')}
                items={rows?.priceDrops}
                loading={loading}
                cityLabel={label}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

/** The brand wall: a generated monogram per brand (nothing fetched), grouped A–Z, each to its cars. */
export function BrandWall() {
  const { t, i18n } = useTranslation('storefront');
  const brands = useBrandIndex();
  return (
    <section data-testid="brand-wall" style={{ marginBottom: 16 }}>
      <SectionTitle title={t('home.brands')} hint={t('landing.brandsHint')} />
      <QueryState isLoading={brands.isLoading} error={brands.error} isEmpty={brands.data?.total === 0}>
        <Card size="small">
          {brands.data?.initials.map((g) => (
            <div key={g.initial} style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
              <Typography.Text strong type="secondary" style={{ width: 16, flex: 'none', paddingTop: 14 }}>
                {g.initial}
              </Typography.Text>
              <div
                style={{
                  flex: 1,
                  minWidth: 0,
                  display: 'grid',
                  gridTemplateColumns: 'repeat(auto-fill, minmax(76px, 1fr))',
                  gap: 8,
                }}
              >
                {g.brands.map((b) => {
                  const name = i18n.language === 'en' ? b.nameEn : b.name;
                  return (
                    <Link
                      key={b.id}
                      to={`/cars?brand=${encodeURIComponent(b.slug)}`}
                      data-testid={`brand-${b.slug}`}
                      title={name}
                      style={{ textAlign: 'center', color: '#262626', minWidth: 0 }}
                    >
                      <BrandMonogram name={b.name} />
                      <div
                        style={{
                          fontSize: 12,
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {name}
                      </div>
                    </Link>
                  );
                })}
              </div>
            </div>
          ))}
        </Card>
      </QueryState>
    </section>
  );
}

/** Home page entry points into the catalog: entries, the city's rows, the car finder, series and brands. */
export function CatalogHomeSections() {
  const { t } = useTranslation('storefront');
  const city = useChosenCity();
  // Popular series = the series with the most listed vehicles in the chosen city (from the facet counts).
  const search = useVehicleSearch({ city }, 1);
  const series = [...(search.data?.pages[0]?.facets.series ?? [])]
    .sort((a, b) => b.count - a.count)
    .slice(0, POPULAR_SERIES);
  return (
    <>
      <HomeFeedRows />
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
          <SectionTitle
            title={t('home.popularSeries')}
            extra={
              <Link to="/cars">
                {t('home.allCars')} <RightOutlined />
              </Link>
            }
          />
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
      <BrandWall />
    </>
  );
}
