import { FilterOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Col,
  Drawer,
  Empty,
  Grid,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTrackSearch } from '../../shared/analytics/tracker.js';
import { QueryState } from '../../shared/components/Results.js';
import { useBrandIndex } from '../../shared/hooks/catalog.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { useVehicleSearch } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { useChosenCity } from '../city.js';
import { SeriesTestdriveButton } from '../testdrives/TestdriveAction.js';
import { FacetPanel } from './FacetPanel.js';
import {
  ALL_CITIES,
  apiParams,
  describeFilter,
  type FilterKey,
  keysOfFilter,
  understoodFor,
  withFilter,
  withoutText,
} from './filters.js';
import { usePageTitle } from './present.js';
import { VehicleCard } from './VehicleCard.js';

const SORTS = ['popular', 'price_asc', 'price_desc', 'newest', 'mileage_asc'] as const;
/** Filters shown as removable chips above the results (sort is not a filter). */
const CHIP_FILTERS = [
  'q',
  'brand',
  'series',
  'body',
  'energy',
  'seats',
  'price',
  'rangeMinKm',
  'year',
  'mileageMaxKm',
  'ageMaxYears',
  'grade',
  'segment',
] as const;

/**
 * /cars: search results with facets. Every filter lives in the URL (shareable, back button works); the
 * facet panel is a sidebar on wide screens and a drawer on phones.
 */
export function CarsPage() {
  const { t, i18n } = useTranslation('storefront');
  const [url, setUrl] = useSearchParams();
  const chosenCity = useChosenCity();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const phone = !screens.sm;
  const [drawer, setDrawer] = useState(false);
  usePageTitle(url.get('q') ? t('catalog.results.query', { q: url.get('q') }) : t('catalog.nav.cars'));
  const cities = useCities().data;
  // A name, never the bare code: empty until the city list (or the facets) can name it.
  const cityLabel = (code: string) =>
    cityName(
      cities?.find((c) => c.code === code),
      i18n.language,
    ) ||
    (search.data?.pages[0]?.facets.city.find((c) => c.value === code)?.label ?? '');
  const brandIndex = useBrandIndex().data;
  const brandNames = useMemo(
    () =>
      Object.fromEntries(
        (brandIndex?.initials ?? []).flatMap((g) =>
          g.brands.map((b) => [b.slug, i18n.language === 'en' ? b.nameEn : b.name]),
        ),
      ),
    [brandIndex, i18n.language],
  );
  const params = useMemo(() => apiParams(url, chosenCity), [url, chosenCity]);
  // The header's city is a default: a city typed in the search box (上海 宝马) wins over it.
  const request = useMemo(() => {
    if (url.get('city') || !params.q || !params.city) return params;
    const { city, ...rest } = params;
    return { ...rest, defaultCity: city };
  }, [url, params]);
  const search = useVehicleSearch(request);
  const first = search.data?.pages[0];
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const facets = first?.facets;
  const understood = first?.understood ?? [];
  useTrackSearch(url.get('q'), first?.total);

  function set(changes: Partial<Record<FilterKey, string | string[] | null>>) {
    let next = url;
    for (const [k, v] of Object.entries(changes)) next = withFilter(next, k as FilterKey, v ?? null);
    setUrl(next);
  }
  function removeFilter(filter: string) {
    const changes: Partial<Record<FilterKey, null | string>> = {};
    for (const k of keysOfFilter(filter)) changes[k] = k === 'city' ? ALL_CITIES : null;
    set(changes);
  }
  /** Searches again without these pieces of the typed text (each removed once). */
  function qWithout(texts: readonly string[]): string | null {
    let q = url.get('q') ?? '';
    for (const text of new Set(texts)) q = withoutText(q, text);
    return q || null;
  }
  function dropTexts(texts: readonly string[]) {
    set({ q: qWithout(texts) });
  }
  function relax(filter: string) {
    const pieces = understoodFor(filter, understood);
    if (pieces.length > 0) dropTexts(pieces.map((p) => p.text));
    else removeFilter(filter);
  }
  function relaxLabel(filter: string) {
    const pieces = understoodFor(filter, understood);
    return pieces.length > 0
      ? pieces.map((p) => p.label).join('/')
      : describeFilter(filter, params, facets, t, cityLabel, brandNames);
  }
  function reset() {
    const next = new URLSearchParams();
    const q = url.get('q');
    if (q) next.set('q', q);
    setUrl(next);
  }

  const typedCity = !url.get('city') && understood.some((u) => u.filter === 'city');
  const active = CHIP_FILTERS.filter((f) => keysOfFilter(f).some((k) => params[k]));
  // One series chosen (a series page): its new cars can be test-driven from here.
  const oneSeries =
    params.series && !params.series.includes(',')
      ? items.find((i) => i.series.slug === params.series && i.kind === 'new')?.series
      : undefined;
  // 二手/新车 typed in the search box picks the tab; choosing a tab takes that word out of the text.
  const textKind = understoodFor('kind', understood);
  const kind = url.get('kind') ?? textKind[0]?.value ?? 'all';
  const kindCount = (k: string) =>
    k === 'all'
      ? (facets?.kind ?? []).reduce((n, f) => n + f.count, 0)
      : (facets?.kind.find((f) => f.value === k)?.count ?? 0);
  const panel = (
    <FacetPanel
      url={url}
      facets={facets}
      onSet={set}
      onReset={reset}
      cities={
        typedCity
          ? understood.filter((u) => u.filter === 'city').flatMap((u) => u.value.split(','))
          : params.city
            ? params.city.split(',')
            : []
      }
    />
  );

  return (
    <div data-testid="cars-page">
      <Row gutter={16} wrap={false}>
        {wide && (
          <Col
            flex="280px"
            style={{ background: '#fff', borderRadius: 8, padding: 12, alignSelf: 'flex-start' }}
          >
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('catalog.filters.title')}
            </Typography.Title>
            {panel}
          </Col>
        )}
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Tabs
            activeKey={kind}
            onChange={(k) =>
              set({
                kind: k === 'all' ? null : k,
                mileageMaxKm: null,
                ageMaxYears: null,
                grade: null,
                ...(textKind.length > 0 ? { q: qWithout(textKind.map((p) => p.text)) } : {}),
              })
            }
            data-testid="kind-tabs"
            items={(['all', 'new', 'used'] as const).map((k) => ({
              key: k,
              label: (
                <span data-testid={`kind-tab-${k}`}>
                  {t(`catalog.kind.${k}`)}
                  {facets ? ` ${kindCount(k)}` : ''}
                </span>
              ),
            }))}
            style={{ marginBottom: 0 }}
          />
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', margin: '8px 0' }}>
            {!wide && (
              <Badge count={active.length} size="small">
                <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="filters-open">
                  {t('catalog.filters.open')}
                </Button>
              </Badge>
            )}
            <Typography.Text type="secondary" data-testid="results-total">
              {first ? t('catalog.results.total', { count: first.total }) : ''}
            </Typography.Text>
            <div style={{ flex: 1 }} />
            {oneSeries && (
              <SeriesTestdriveButton
                seriesId={oneSeries.id}
                seriesName={i18n.language === 'en' && oneSeries.nameEn ? oneSeries.nameEn : oneSeries.name}
              />
            )}
            <Select
              value={url.get('sort') ?? 'popular'}
              onChange={(v: string) => set({ sort: v === 'popular' ? null : v })}
              options={SORTS.map((s) => ({ value: s, label: t(`catalog.sort.${s}`) }))}
              style={{ minWidth: 140 }}
              aria-label={t('catalog.sort.label')}
              data-testid="sort-select"
            />
          </div>
          {understood.length > 0 && (
            <Space size={[4, 4]} wrap style={{ marginBottom: 8 }} data-testid="understood">
              <Typography.Text type="secondary">{t('catalog.understood.title')}</Typography.Text>
              {understood.map((u) => (
                <Tooltip key={`${u.filter}-${u.value}-${u.text}`} title={u.text}>
                  <Tag
                    color="blue"
                    closable
                    onClose={(e) => {
                      // The chips follow the answer: the next search drops the piece (and any sharing its text).
                      e.preventDefault();
                      dropTexts([u.text]);
                    }}
                    data-testid={`understood-chip-${u.filter}`}
                  >
                    {u.label}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          )}
          {active.length > 0 && (
            <Space size={[4, 4]} wrap style={{ marginBottom: 8 }} data-testid="active-filters">
              {active.map((f) => (
                <Tag key={f} closable onClose={() => removeFilter(f)} data-testid={`active-filter-${f}`}>
                  {f === 'q'
                    ? t('catalog.results.query', { q: params.q ?? '' })
                    : describeFilter(f, params, facets, t, cityLabel, brandNames)}
                </Tag>
              ))}
            </Space>
          )}
          <QueryState isLoading={search.isLoading} error={search.error} onRetry={() => void search.refetch()}>
            {items.length === 0 ? (
              <Empty description={t('catalog.results.none')} data-testid="no-results">
                {(first?.relaxations.length ?? 0) > 0 && (
                  <div data-testid="relaxations">
                    <Typography.Paragraph type="secondary">{t('catalog.results.relax')}</Typography.Paragraph>
                    <Space size={[8, 8]} wrap style={{ justifyContent: 'center' }}>
                      {first?.relaxations.map((r) => (
                        <Button
                          key={r.filter}
                          size="small"
                          onClick={() => relax(r.filter)}
                          data-testid={`relax-${r.filter}`}
                        >
                          {t('catalog.results.relaxChip', {
                            label: relaxLabel(r.filter),
                            count: r.count,
                          })}
                        </Button>
                      ))}
                    </Space>
                  </div>
                )}
              </Empty>
            ) : (
              <>
                <Row
                  gutter={[12, 12]}
                  data-testid="results"
                  style={{ opacity: search.isPlaceholderData ? 0.6 : 1 }}
                >
                  {items.map((v) => (
                    <Col key={v.id} xs={24} sm={12} xl={8}>
                      <VehicleCard v={v} cityLabel={cityLabel(v.cityCode)} row={phone} />
                    </Col>
                  ))}
                </Row>
                <div style={{ textAlign: 'center', margin: '16px 0' }}>
                  {search.hasNextPage ? (
                    <Button
                      onClick={() => void search.fetchNextPage()}
                      loading={search.isFetchingNextPage}
                      data-testid="load-more"
                    >
                      {t('catalog.results.loadMore')}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">{t('catalog.results.end')}</Typography.Text>
                  )}
                </div>
              </>
            )}
          </QueryState>
        </Col>
      </Row>
      {!wide && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="bottom"
          size="85%"
          title={t('catalog.filters.title')}
          data-testid="filters-drawer"
          extra={
            <Button type="primary" onClick={() => setDrawer(false)} data-testid="filters-apply">
              {first ? `${t('catalog.filters.apply')} (${first.total})` : t('catalog.filters.apply')}
            </Button>
          }
        >
          {panel}
        </Drawer>
      )}
    </div>
  );
}
