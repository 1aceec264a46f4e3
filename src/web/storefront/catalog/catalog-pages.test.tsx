// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import '../i18n.js';
import './i18n.js';
import type {
  TCompareResponse,
  TSearchResponse,
  TVehicleCard,
  TVehicleDetail,
} from '../../shared/hooks/search.js';
import { i18n } from '../../shared/i18n.js';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { ActionArea, VEHICLE_ACTIONS } from './ActionArea.js';
import { CarsPage } from './CarsPage.js';
import { ComparePage } from './ComparePage.js';
import { VehicleCard } from './VehicleCard.js';
import { VehiclePage } from './VehiclePage.js';

// The storefront's vehicle page, cards, compare and search screens as buyers see them (issue 8).

setupAppTests();

function setViewport(size: { width: number; height: number }) {
  (window as unknown as { happyDOM: { setViewport(s: typeof size): void } }).happyDOM.setViewport(size);
}
afterEach(() => setViewport({ width: 1024, height: 768 }));

const HAS_HAN = /\p{Script=Han}/u;

function card(over: Partial<TVehicleCard> = {}): TVehicleCard {
  return {
    id: 'lst_1',
    kind: 'used',
    status: 'listed',
    title: '2024款 理想理想L9 Max | 1.2万公里 | 一手车',
    brand: { slug: 'lixiang', name: '理想', nameEn: 'Li Auto' },
    series: { id: 'ser_l9', slug: 'lixiang-l9', name: '理想L9', nameEn: 'Li Auto L9' },
    trimId: 'trm_l9',
    trimName: '2024款 Max',
    modelYear: 2024,
    bodyType: 'suv',
    energyType: 'erev',
    seats: 6,
    electricRangeKm: 215,
    displacementL: 1.5,
    priceFen: 32_980_000,
    guidePriceFen: 43_980_000,
    mileageKm: 12_000,
    firstRegistrationDate: '2024-03-01',
    cityCode: '110100',
    conditionGrade: 1,
    dealerId: 'dlr_1',
    storeId: 'sto_1',
    imageUrl: null,
    popularity: 1,
    listedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('VehicleCard', () => {
  it('shows a clean title, one kind badge, mileage once, the key spec and an SUV drawing', () => {
    renderInApp(<VehicleCard v={card()} cityLabel="北京" />);
    const el = screen.getByTestId('vehicle-card');
    expect(screen.getByTestId('vehicle-card-title').textContent).toBe('理想 L9 2024款 Max');
    expect(el.textContent).not.toContain('理想理想');
    expect(el.textContent).not.toContain('一手车');
    expect(screen.getAllByTestId('vehicle-card-kind')).toHaveLength(1);
    expect(el.textContent?.match(/万公里/g)).toHaveLength(1);
    expect(screen.getByTestId('vehicle-card-mileage').textContent).toBe('1.2万公里');
    expect(screen.getByTestId('vehicle-card-spec').textContent).toBe('续航215km');
    expect(screen.getByTestId('car-art').getAttribute('data-shape')).toBe('suv');
  });

  it('writes a new car’s saving in the unit of its price, and the displacement of a petrol car', () => {
    renderInApp(
      <VehicleCard
        v={card({
          kind: 'new',
          energyType: 'petrol',
          electricRangeKm: null,
          displacementL: 2,
          bodyType: 'sedan',
          priceFen: 12_280_000,
          guidePriceFen: 12_980_000,
          mileageKm: 0,
        })}
      />,
    );
    expect(screen.getByTestId('vehicle-card-price').textContent).toBe('12.28万');
    expect(screen.getByTestId('vehicle-card-saving').textContent).toBe('省 0.70万');
    expect(screen.getByTestId('vehicle-card-spec').textContent).toBe('2.0L');
    expect(screen.queryByTestId('vehicle-card-mileage')).toBeNull();
    expect(screen.getByTestId('car-art').getAttribute('data-shape')).toBe('sedan');
  });

  it('is English on an English page', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<VehicleCard v={card()} />);
    const text = screen.getByTestId('vehicle-card').textContent ?? '';
    expect(screen.getByTestId('vehicle-card-title').textContent).toBe('Li Auto L9 2024 Max');
    expect(text).not.toMatch(HAS_HAN);
  });
});

const week = (a: string, b: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [[a, b]]])) as Record<
    string,
    [string, string][]
  >;

function detail(over: Partial<TVehicleDetail> = {}): TVehicleDetail {
  return {
    vehicle: card(),
    description: '',
    exteriorColour: null,
    interiorColour: null,
    segment: 'C',
    manufacturer: '理想汽车',
    gallery: [],
    keyFacts: [{ key: 'mileage', label: '表显里程', value: '1.2万公里' }],
    parameters: [],
    colours: [
      { kind: 'exterior', name: '时空灰', hex: '#5a5e63', priceDeltaFen: 500_000 },
      { kind: 'interior', name: '黑色', hex: '#111111', priceDeltaFen: 0 },
    ],
    packages: [
      { id: 'opk_1', name: '舒享包', description: null, priceFen: 1_200_000, includes: ['前排座椅加热'] },
    ],
    price: { priceFen: 32_980_000, guidePriceFen: 43_980_000, discountFen: 0 },
    store: {
      id: 'sto_1',
      name: '理想北京朝阳店',
      address: '朝阳路 1 号',
      cityCode: '110100',
      cityName: '北京',
      phone: '010-12345678',
      latitude: 39.91234,
      longitude: 116.45678,
      openingHours: week('08:30', '18:00'),
    },
    used: null,
    similar: [],
    favourite: false,
    canonicalUrl: 'https://autoyard.test/vehicles/lst_1',
    jsonLd: {},
    ...over,
  };
}

function vehicleApi(d: TVehicleDetail = detail()) {
  return mockApi({
    'GET /catalog/vehicles/lst_1': () => ({ body: d }),
    'GET /dealers/cities': () => ({
      body: [{ code: '110100', name: '北京', nameEn: 'Beijing', pinyin: 'beijing' }],
    }),
  });
}

function renderVehicle() {
  return renderInApp(
    <Routes>
      <Route path="/vehicles/:id" element={<VehiclePage />} />
    </Routes>,
    { route: '/vehicles/lst_1' },
  );
}

describe('VehiclePage', () => {
  it('offers favourite, compare, share and call in one action area beside the page', async () => {
    const calls = vehicleApi();
    renderVehicle();
    const area = await screen.findByTestId('vehicle-actions');
    expect(area.getAttribute('data-layout')).toBe('column');
    for (const a of ['favourite', 'compare', 'share', 'call'])
      expect(within(area).getByTestId(`action-${a}`)).toBeTruthy();
    expect(within(area).getByTestId('call-store').getAttribute('href')).toBe('tel:01012345678');
    fireEvent.click(within(area).getByTestId('compare-toggle-lst_1'));
    await waitFor(() =>
      expect(within(area).getByTestId('compare-toggle-lst_1').getAttribute('data-on')).toBe('true'),
    );
    // The buyer's city travels with the request, so similar cars of that city come first.
    expect(calls.find((c) => c.path === '/catalog/vehicles/lst_1')?.query.get('city')).toBe('110100');
  });

  it('hides the call action when the store has no phone', async () => {
    const d = detail();
    vehicleApi({ ...d, store: d.store ? { ...d.store, phone: null } : null });
    renderVehicle();
    const area = await screen.findByTestId('vehicle-actions');
    expect(within(area).queryByTestId('action-call')).toBeNull();
    expect(within(area).getByTestId('action-share')).toBeTruthy();
  });

  it('turns the action area into a bar fixed to the bottom of a phone, with room kept below the page', async () => {
    setViewport({ width: 390, height: 844 });
    vehicleApi();
    renderVehicle();
    const bar = await screen.findByTestId('vehicle-actions');
    expect(bar.getAttribute('data-layout')).toBe('bar');
    expect(bar.style.position).toBe('fixed');
    expect(bar.style.bottom).toBe('0px');
    expect(document.body.style.paddingBottom).toContain('64px');
  });

  it('shows colours, packages, folded hours and map links but no coordinates', async () => {
    vehicleApi();
    renderVehicle();
    const options = await screen.findByTestId('trim-options');
    expect(
      within(options)
        .getAllByTestId('colour-swatch')
        .map((e) => e.textContent),
    ).toEqual(['时空灰加价 0.50万', '黑色']);
    expect(within(options).getByTestId('option-package').textContent).toContain('前排座椅加热');
    const store = screen.getByTestId('store-info');
    expect(within(store).getByTestId('store-hours').textContent).toContain('周一至周日 08:30-18:00');
    expect(store.textContent).not.toContain('39.91');
    expect(store.textContent).not.toContain('116.45');
    expect(within(store).getByTestId('store-map-link').getAttribute('href')).toContain(
      'https://uri.amap.com/marker?position=116.45678%2C39.91234',
    );
    expect(within(store).getByTestId('store-map-baidu').getAttribute('href')).toContain('coord_type=gcj02');
  });

  it('is English on an English page, hours and actions included', async () => {
    await i18n.changeLanguage('en');
    const d = detail();
    vehicleApi({
      ...d,
      keyFacts: [{ key: 'mileage', label: 'Mileage', value: '12,000 km' }],
      colours: [{ kind: 'exterior', name: 'Space grey', hex: '#5a5e63', priceDeltaFen: 0 }],
      packages: [],
      store: d.store
        ? { ...d.store, name: 'Li Auto Chaoyang', address: '1 Chaoyang Rd', cityName: 'Beijing' }
        : null,
    });
    renderVehicle();
    await screen.findByTestId('vehicle-actions');
    const page = screen.getByTestId('vehicle-page').textContent ?? '';
    expect(page).toContain('Mon–Sun 08:30–18:00');
    expect(page).not.toMatch(HAS_HAN);
  });
});

function QuoteButton() {
  return <button type="button">询底价</button>;
}
function TestDriveButton() {
  return <button type="button">预约试驾</button>;
}

describe('ActionArea', () => {
  it('shows an action a later feature registers, and hides one that is not available for the car', () => {
    const actions = [
      ...VEHICLE_ACTIONS,
      { key: 'price-quote', primary: true, Component: QuoteButton },
      { key: 'test-drive', available: () => false, Component: TestDriveButton },
    ];
    mockApi({});
    renderInApp(<ActionArea d={detail()} actions={actions} />);
    const area = screen.getByTestId('vehicle-actions');
    expect(within(area).getByTestId('action-price-quote').textContent).toBe('询底价');
    expect(within(area).queryByTestId('action-test-drive')).toBeNull();
  });

  it('copies the link with a message when the browser cannot share', async () => {
    let copied = '';
    Object.defineProperty(navigator, 'share', { value: undefined, configurable: true });
    Object.defineProperty(navigator, 'clipboard', {
      value: {
        writeText: async (text: string) => {
          copied = text;
        },
      },
      configurable: true,
    });
    mockApi({});
    renderInApp(<ActionArea d={detail()} />);
    fireEvent.click(screen.getByTestId('share'));
    expect(await screen.findByText('链接已复制')).toBeTruthy();
    expect(copied).toBe(window.location.href);
  });
});

const compareAnswer: TCompareResponse = {
  columns: [
    {
      id: 'lst_a',
      trimId: 't1',
      title: 'A',
      brandName: '理想',
      seriesName: '理想L9',
      priceFen: 1,
      imageUrl: null,
    },
    {
      id: 'lst_b',
      trimId: 't2',
      title: 'B',
      brandName: '问界',
      seriesName: '问界M7',
      priceFen: 2,
      imageUrl: null,
    },
  ],
  groups: [
    {
      group: 'overview',
      rows: [
        {
          key: 'mileage',
          name: '表显里程',
          unit: 'km',
          values: [null, '12,000'],
          different: true,
          direction: 'lower',
          best: [],
        },
      ],
    },
    {
      group: 'battery',
      rows: [
        {
          key: 'battery.cltc_range_km',
          name: 'CLTC纯电续航',
          unit: 'km',
          values: ['215', '240'],
          different: true,
          direction: 'higher',
          best: [1],
        },
      ],
    },
  ],
};

describe('ComparePage', () => {
  it('keeps the header row and names column sticky, marks the best value and shows — for a new car’s mileage', async () => {
    mockApi({ 'GET /catalog/compare': () => ({ body: compareAnswer }) });
    renderInApp(<ComparePage />, { route: '/compare?ids=lst_a,lst_b' });
    const table = await screen.findByTestId('compare-table');
    for (const th of within(table).getAllByTestId('compare-column')) expect(th.style.position).toBe('sticky');
    expect(within(table).getAllByTestId('compare-column')[0]?.style.top).toBe('0px');
    expect(within(table).getAllByTestId('compare-column')[0]?.textContent).toContain('理想 L9');
    const rows = within(table).getAllByTestId('compare-row');
    const mileage = rows.find((r) => r.getAttribute('data-key') === 'mileage');
    expect(mileage?.querySelectorAll('td')[0]?.textContent).toBe('—');
    const range = rows.find((r) => r.getAttribute('data-key') === 'battery.cltc_range_km');
    const cells = range?.querySelectorAll('td') ?? [];
    expect(cells[1]?.getAttribute('data-best')).toBe('true');
    expect(cells[0]?.getAttribute('data-best')).toBeNull();
    for (const h of within(table).getAllByTestId('compare-group-heading')) {
      expect(h.style.position).toBe('sticky');
      expect(h.style.left).toBe('0px');
    }
    // One scroll box for both directions: the page itself never scrolls sideways.
    expect(screen.getByTestId('compare-scroll').style.overflow).toBe('auto');
  });
});

function searchAnswer(over: Partial<TSearchResponse> = {}): TSearchResponse {
  const none = {
    brand: [],
    series: [],
    body: [],
    energy: [],
    seats: [],
    kind: [],
    city: [],
    grade: [],
    year: [],
  };
  return { items: [], nextCursor: null, total: 0, facets: none, relaxations: [], understood: [], ...over };
}

describe('CarsPage', () => {
  it('suggests removing a search text with one pair of quotes', async () => {
    mockApi({
      'GET /catalog/search': () => ({ body: searchAnswer({ relaxations: [{ filter: 'q', count: 3 }] }) }),
      'GET /dealers/cities': () => ({ body: [{ code: '110100', name: '北京', nameEn: 'Beijing' }] }),
    });
    renderInApp(<CarsPage />, { route: '/cars?q=二手宝马' });
    const chip = await screen.findByTestId('relax-q');
    expect(chip.textContent).toBe('去掉“二手宝马”可看到3辆');
  });

  it('never shows a city code in the city filter, not even while the cities load', async () => {
    setViewport({ width: 1440, height: 900 });
    let release: () => void = () => undefined;
    const cities = new Promise<void>((r) => {
      release = r;
    });
    mockApi({
      'GET /catalog/search': () => ({ body: searchAnswer() }),
      'GET /dealers/cities': async () => {
        await cities;
        return { body: [{ code: '110100', name: '北京', nameEn: 'Beijing' }] };
      },
    });
    renderInApp(<CarsPage />, { route: '/cars' });
    const panel = await screen.findByTestId('facet-panel');
    await screen.findByTestId('facet-city-tag');
    expect(panel.textContent).not.toContain('110100');
    release();
    await waitFor(() => expect(screen.getByTestId('facet-city-tag').textContent).toBe('北京'));
    expect(screen.getByTestId('cars-page').textContent).not.toContain('110100');
  });

  it('titles the body, energy and seats filters', async () => {
    setViewport({ width: 1440, height: 900 });
    mockApi({
      'GET /catalog/search': () => ({
        body: searchAnswer({
          total: 1,
          items: [card()],
          facets: {
            ...searchAnswer().facets,
            body: [{ value: 'suv', label: 'SUV', count: 1 }],
            energy: [{ value: 'erev', label: '增程式', count: 1 }],
            seats: [{ value: '6', label: '6座', count: 1 }],
          },
        }),
      }),
    });
    renderInApp(<CarsPage />, { route: '/cars' });
    const panel = await screen.findByTestId('facet-panel');
    await within(panel).findByTestId('facet-seats-6');
    const headers = [...panel.querySelectorAll('.ant-collapse-header')].map((h) => h.textContent?.trim());
    for (const h of ['车身类型', '能源类型', '座位数']) expect(headers).toContain(h);
    for (const h of headers) expect(h).toBeTruthy();
    expect(within(panel).getByTestId('facet-seats-6').closest('label')?.textContent).toContain('6座');
  });

  it('offers a test drive of the series on a series page (one series chosen, a new car among the results)', async () => {
    setViewport({ width: 1440, height: 900 });
    mockApi({
      'GET /catalog/search': () => ({
        body: searchAnswer({
          total: 1,
          items: [card({ kind: 'new', mileageKm: 0, firstRegistrationDate: null })],
        }),
      }),
      'GET /dealers/cities': () => ({ body: [{ code: '110100', name: '北京', nameEn: 'Beijing' }] }),
    });
    renderInApp(
      <Routes>
        <Route path="/cars" element={<CarsPage />} />
        <Route path="/test-drive" element={<div data-testid="booking-page">booking</div>} />
      </Routes>,
      { route: '/cars?brand=lixiang&series=lixiang-l9' },
    );
    const button = await screen.findByTestId('series-book-test-drive');
    expect(button.textContent).toContain('理想L9');
    fireEvent.click(button);
    await screen.findByTestId('booking-page');
  });

  it('offers no series test drive without a single series chosen', async () => {
    mockApi({
      'GET /catalog/search': () => ({ body: searchAnswer({ total: 1, items: [card({ kind: 'new' })] }) }),
      'GET /dealers/cities': () => ({ body: [{ code: '110100', name: '北京', nameEn: 'Beijing' }] }),
    });
    renderInApp(<CarsPage />, { route: '/cars?brand=lixiang' });
    await screen.findByTestId('results-total');
    expect(screen.queryByTestId('series-book-test-drive')).toBeNull();
  });
});
