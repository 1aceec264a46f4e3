import {
  Button,
  Checkbox,
  Collapse,
  InputNumber,
  Select,
  Skeleton,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCities } from '../../shared/hooks/dealers.js';
import type { TFacetValue, TSearchResponse } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { type FilterKey, listOf } from './filters.js';

const PRICE_MAX_WAN = 100;
const RANGE_OPTIONS = [200, 300, 400, 500, 600, 700];
const MILEAGE_OPTIONS = [1, 3, 5, 8, 10];
const AGE_OPTIONS = [1, 2, 3, 5, 8];

type Facets = TSearchResponse['facets'];

function withCount(f: TFacetValue): string {
  return `${f.label} (${f.count})`;
}

/** Checkbox list of a facet with its counts (values with a zero count stay visible when selected). */
function CheckFacet({
  name,
  values,
  selected,
  onChange,
  label,
}: {
  name: string;
  values: TFacetValue[];
  selected: string[];
  onChange: (v: string[]) => void;
  label?: (f: TFacetValue) => string;
}) {
  const { t } = useTranslation('storefront');
  if (values.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={`facet-${name}`}>
        {t('catalog.filters.noValues')}
      </Typography.Text>
    );
  return (
    <Checkbox.Group
      value={selected}
      onChange={(v) => onChange(v.map(String))}
      data-testid={`facet-${name}`}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px' }}
    >
      {values.map((f) => (
        <Checkbox
          key={f.value}
          value={f.value}
          data-testid={`facet-${name}-${f.value}`}
          disabled={f.count === 0 && !selected.includes(f.value)}
        >
          {label ? label(f) : f.label} <Typography.Text type="secondary">({f.count})</Typography.Text>
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}

/** Price range in 万元: a slider and two inputs, committed when the slider is released or an input blurs. */
function PriceFilter({
  minYuan,
  maxYuan,
  onChange,
}: {
  minYuan: string | null;
  maxYuan: string | null;
  onChange: (min: number | null, max: number | null) => void;
}) {
  const { t } = useTranslation('storefront');
  const lo = minYuan ? Number(minYuan) / 10_000 : 0;
  const hi = maxYuan ? Number(maxYuan) / 10_000 : PRICE_MAX_WAN;
  const [range, setRange] = useState<[number, number]>([lo, hi]);
  useEffect(() => setRange([lo, hi]), [lo, hi]);
  const commit = ([a, b]: [number, number]) =>
    onChange(a > 0 ? a * 10_000 : null, b < PRICE_MAX_WAN ? b * 10_000 : null);
  return (
    <div data-testid="facet-price">
      <Slider
        range
        min={0}
        max={PRICE_MAX_WAN}
        step={1}
        value={range}
        onChange={(v) => setRange([v[0] ?? 0, v[1] ?? PRICE_MAX_WAN])}
        onChangeComplete={(v) => commit([v[0] ?? 0, v[1] ?? PRICE_MAX_WAN])}
        tooltip={{ formatter: (v) => (v === PRICE_MAX_WAN ? `${v}+` : String(v)) }}
      />
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          min={0}
          max={PRICE_MAX_WAN}
          value={range[0] || null}
          placeholder={t('catalog.filters.priceMin')}
          aria-label={`${t('catalog.filters.price')} ${t('catalog.filters.priceMin')}`}
          onChange={(v) => setRange([Number(v ?? 0), range[1]])}
          onBlur={() => commit(range)}
          onPressEnter={() => commit(range)}
          style={{ width: '50%' }}
          data-testid="price-min"
        />
        <InputNumber
          min={0}
          max={PRICE_MAX_WAN}
          value={range[1] === PRICE_MAX_WAN ? null : range[1]}
          placeholder={t('catalog.filters.priceMax')}
          aria-label={`${t('catalog.filters.price')} ${t('catalog.filters.priceMax')}`}
          onChange={(v) => setRange([range[0], v === null ? PRICE_MAX_WAN : Number(v)])}
          onBlur={() => commit(range)}
          onPressEnter={() => commit(range)}
          style={{ width: '50%' }}
          data-testid="price-max"
        />
      </Space.Compact>
    </div>
  );
}

/** Every filter of the search page, with the counts the API computed for each value. */
export function FacetPanel({
  url,
  facets,
  onSet,
  onReset,
  cities,
}: {
  url: URLSearchParams;
  facets: Facets | undefined;
  onSet: (changes: Partial<Record<FilterKey, string | string[] | null>>) => void;
  onReset: () => void;
  /** The cities searched (the header's city unless the URL names others); empty = all. */
  cities: string[];
}) {
  const { t, i18n } = useTranslation('storefront');
  const used = url.get('kind') === 'used';
  const allCities = useCities().data;
  // City names come from the city list (never the bare code), counts from the facets.
  const cityLabel = (code: string) =>
    cityName(
      allCities?.find((c) => c.code === code),
      i18n.language,
    ) ||
    (facets?.city.find((c) => c.value === code)?.label ?? '');
  const cityOptions = [
    ...(facets?.city ?? []).map((c) => ({ value: c.value, label: `${cityLabel(c.value)} (${c.count})` })),
    ...cities
      .filter((code) => !facets?.city.some((c) => c.value === code))
      .map((code) => ({ value: code, label: cityLabel(code) })),
  ];
  const f = facets;
  const num = (k: FilterKey) => url.get(k);
  const ARIA: Partial<Record<FilterKey, string>> = {
    rangeMinKm: t('catalog.filters.range'),
    mileageMaxKm: t('catalog.filters.mileage'),
    ageMaxYears: t('catalog.filters.age'),
  };
  const select = (k: FilterKey, options: number[], label: (n: number) => string) => (
    <Select
      aria-label={ARIA[k]}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('catalog.filters.any')}
      value={num(k) ?? undefined}
      onChange={(v: string | undefined) => onSet({ [k]: v ?? null })}
      options={options.map((n) => ({ value: String(n), label: label(n) }))}
      data-testid={`facet-${k}`}
    />
  );
  const check = (k: 'body' | 'energy' | 'seats' | 'grade', label: (x: TFacetValue) => string) => (
    <CheckFacet
      name={k}
      values={f?.[k] ?? []}
      selected={listOf(url, k)}
      onChange={(v) => onSet({ [k]: v })}
      label={label}
    />
  );
  const items = [
    {
      key: 'price',
      label: t('catalog.filters.price'),
      children: (
        <PriceFilter
          minYuan={num('priceMinYuan')}
          maxYuan={num('priceMaxYuan')}
          onChange={(a, b) =>
            onSet({
              priceMinYuan: a === null ? null : String(a),
              priceMaxYuan: b === null ? null : String(b),
            })
          }
        />
      ),
    },
    {
      key: 'brand',
      label: t('catalog.filters.brand'),
      children: (
        <Select
          aria-label={t('catalog.filters.brand')}
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder={t('catalog.filters.any')}
          value={listOf(url, 'brand')}
          onChange={(v: string[]) => onSet({ brand: v, series: null })}
          options={(f?.brand ?? []).map((b) => ({ value: b.value, label: withCount(b) }))}
          data-testid="facet-brand"
        />
      ),
    },
    {
      key: 'series',
      label: t('catalog.filters.series'),
      children: (
        <Select
          aria-label={t('catalog.filters.series')}
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder={t('catalog.filters.any')}
          value={listOf(url, 'series')}
          onChange={(v: string[]) => onSet({ series: v })}
          options={(f?.series ?? []).map((b) => ({ value: b.value, label: withCount(b) }))}
          data-testid="facet-series"
        />
      ),
    },
    {
      key: 'body',
      label: t('catalog.filters.bodyType'),
      children: check('body', (x) => t(`catalog.bodyTypes.${x.value}`, { defaultValue: x.label })),
    },
    {
      key: 'energy',
      label: t('catalog.filters.energyType'),
      children: check('energy', (x) => t(`catalog.energyTypes.${x.value}`, { defaultValue: x.label })),
    },
    {
      key: 'seats',
      label: t('catalog.filters.seats'),
      children: check('seats', (x) => t('catalog.filters.seatsN', { n: x.value })),
    },
    {
      key: 'range',
      label: t('catalog.filters.range'),
      children: select('rangeMinKm', RANGE_OPTIONS, (km) => t('catalog.filters.rangeMin', { km })),
    },
    {
      key: 'year',
      label: t('catalog.filters.modelYear'),
      children: (
        <Space.Compact style={{ width: '100%' }}>
          {(['yearMin', 'yearMax'] as const).map((k) => (
            <Select
              key={k}
              aria-label={`${t('catalog.filters.modelYear')} ${k === 'yearMin' ? t('catalog.filters.priceMin') : t('catalog.filters.priceMax')}`}
              allowClear
              style={{ width: '50%' }}
              placeholder={k === 'yearMin' ? t('catalog.filters.priceMin') : t('catalog.filters.priceMax')}
              value={num(k) ?? undefined}
              onChange={(v: string | undefined) => onSet({ [k]: v ?? null })}
              options={[...(f?.year ?? [])]
                .sort((a, b) => Number(b.value) - Number(a.value))
                .map((y) => ({
                  value: y.value,
                  label: `${t('catalog.filters.yearN', { y: y.value })} (${y.count})`,
                }))}
              data-testid={`facet-${k}`}
            />
          ))}
        </Space.Compact>
      ),
    },
    ...(used
      ? [
          {
            key: 'mileage',
            label: t('catalog.filters.mileage'),
            children: select(
              'mileageMaxKm',
              MILEAGE_OPTIONS.map((n) => n * 10_000),
              (km) => t('catalog.filters.mileageMax', { n: km / 10_000 }),
            ),
          },
          {
            key: 'age',
            label: t('catalog.filters.age'),
            children: select('ageMaxYears', AGE_OPTIONS, (n) => t('catalog.filters.ageMax', { n })),
          },
          {
            key: 'grade',
            label: t('catalog.filters.grade'),
            children: check('grade', (x) => t('catalog.filters.gradeN', { n: x.value })),
          },
        ]
      : []),
    {
      key: 'city',
      label: t('catalog.filters.city'),
      children: (
        <Select
          aria-label={t('catalog.filters.city')}
          mode="multiple"
          allowClear
          style={{ width: '100%' }}
          placeholder={t('catalog.filters.allCities')}
          value={cities}
          onChange={(v: string[]) => onSet({ city: v.length ? v : 'all' })}
          options={cityOptions}
          tagRender={({ value, closable, onClose }) => {
            const name = cityLabel(String(value));
            return (
              <Tag
                closable={closable}
                onClose={onClose}
                style={{ marginInlineEnd: 4 }}
                data-testid="facet-city-tag"
              >
                {name || <Skeleton.Button active size="small" style={{ width: 40, height: 14 }} />}
              </Tag>
            );
          }}
          data-testid="facet-city"
        />
      ),
    },
  ];
  return (
    <div data-testid="facet-panel">
      <Collapse ghost size="small" defaultActiveKey={items.map((i) => i.key)} items={items} />
      <Button block onClick={onReset} data-testid="filters-reset" style={{ marginTop: 8 }}>
        {t('catalog.filters.reset')}
      </Button>
    </div>
  );
}
