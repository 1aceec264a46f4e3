// @vitest-environment happy-dom
import './i18n.js';
import './catalog/i18n.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LEGAL_VERSIONS } from '../../server/modules/identity/identity.contract.js';
import type { TSiteInfo } from '../../server/modules/platform/platform.contract.js';
import type { THomeFeed } from '../../server/modules/search/search.home.contract.js';
import type { MeResponse } from '../shared/hooks/identity.js';
import type { TVehicleCard } from '../shared/hooks/search.js';
import { i18n } from '../shared/i18n.js';
import { type ApiCall, mockApi, renderInApp, setupAppTests } from '../shared/testing.js';
import { BrandWall, HomeFeedRows, QuickEntries } from './catalog/HomeSections.js';
import { FavouritesPage, HistoryPage } from './catalog/SavedPages.js';
import { activeTab, BottomTabBar, tabBarHidden } from './home/BottomTabBar.js';
import { PRICE_BANDS, priceBandHref } from './home/entries.js';
import { BrandMonogram, monogramFor } from './home/monogram.js';
import { PENDING_PROMISES, shownPromises } from './home/promises.js';
import { SiteFooter } from './pages/SiteFooter.js';
import { PrivacyPage } from './pages/SitePages.js';
import { SignInPage } from './SignInPage.js';

// The storefront shell and home page: entries, rows, brand wall, footer, site pages, sign-in consent,
// favourites and the phone tab bar. One file: each test file pays for Ant Design and happy-dom once.

setupAppTests();

const SIGNED_OUT: MeResponse = { me: null, csrfToken: null };
const BUYER: MeResponse = {
  me: { kind: 'buyer', id: 'cus_1', phoneMasked: '138****8000' },
  csrfToken: 'csrf',
};

const SITE: TSiteInfo = {
  companyName: '北京车港科技有限公司',
  companyNameEn: 'Beijing Autoyard Technology Co., Ltd.',
  icpFiling: '京ICP备12345678号-1',
  psbFiling: '京公网安备11010502000001号',
  contactPhone: '400-123-4567',
  contactEmail: 'service@autoyard.cn',
  address: '北京市朝阳区',
};
const NO_SITE: TSiteInfo = {
  companyName: null,
  companyNameEn: null,
  icpFiling: null,
  psbFiling: null,
  contactPhone: null,
  contactEmail: null,
  address: null,
};

function aCard(id: string, over: Partial<TVehicleCard> = {}): TVehicleCard {
  return {
    id,
    kind: 'new',
    status: 'listed',
    title: `比亚迪 汉 ${id}`,
    brand: { slug: 'byd', name: '比亚迪' },
    series: { id: 'ser_han', slug: 'byd-han', name: '汉' },
    trimId: 'trm_han',
    trimName: '2026款 EV',
    modelYear: 2026,
    bodyType: 'sedan',
    energyType: 'bev',
    seats: 5,
    electricRangeKm: 605,
    priceFen: 20_980_000,
    guidePriceFen: 21_980_000,
    mileageKm: 0,
    firstRegistrationDate: null,
    cityCode: '110100',
    conditionGrade: null,
    dealerId: 'dlr_1',
    storeId: null,
    imageUrl: null,
    popularity: 3,
    listedAt: '2026-05-01T02:00:00.000Z',
    ...over,
  };
}

const CITIES = [
  { code: '110100', name: '北京', nameEn: 'Beijing', pinyin: 'beijing', hot: true },
  { code: '310100', name: '上海', nameEn: 'Shanghai', pinyin: 'shanghai', hot: true },
];

describe('home quick entries', () => {
  it('links every price band to /cars with the price filter in whole yuan', () => {
    renderInApp(<QuickEntries />);
    const href = (key: string) => screen.getByTestId(`price-band-${key}`).getAttribute('href');
    expect(PRICE_BANDS.map((b) => b.key)).toHaveLength(7);
    expect(screen.getByTestId('price-band-under5').textContent).toBe('5万以下');
    expect(href('under5')).toBe('/cars?priceMaxYuan=50000');
    expect(href('from5to10')).toBe('/cars?priceMinYuan=50000&priceMaxYuan=100000');
    expect(href('from20to30')).toBe('/cars?priceMinYuan=200000&priceMaxYuan=300000');
    expect(href('over50')).toBe('/cars?priceMinYuan=500000');
    expect(screen.getByTestId('price-band-over50').textContent).toBe('50万以上');
  });

  it('keeps the chosen new/used tab in the links, and 新能源 means BEV + PHEV + EREV', () => {
    renderInApp(<QuickEntries kind="used" />);
    expect(screen.getByTestId('price-band-from10to15').getAttribute('href')).toBe(
      '/cars?kind=used&priceMinYuan=100000&priceMaxYuan=150000',
    );
    expect(screen.getByTestId('body-entry-suv').getAttribute('href')).toBe('/cars?kind=used&body=suv');
    expect(screen.getByTestId('body-entry-suv').textContent).toBe('SUV');
    const nev = new URL(screen.getByTestId('energy-entry-nev').getAttribute('href') ?? '', 'http://x');
    expect(nev.pathname).toBe('/cars');
    expect(nev.searchParams.get('energy')).toBe('bev,phev,erev');
    expect(screen.getByTestId('energy-entry-nev').textContent).toContain('新能源');
  });

  it('reads in English', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<QuickEntries />);
    expect(screen.getByTestId('price-band-under5').textContent).toBe('Under 50k');
    expect(screen.getByTestId('body-entry-sedan').textContent).toBe('Sedan');
    expect(screen.getByTestId('energy-entry-nev').textContent).toContain('New energy');
    expect(priceBandHref({ key: 'x', minYuan: 1 })).toBe('/cars?priceMinYuan=1');
  });
});

describe('brand monograms', () => {
  it('are deterministic: the same name always gives the same letters and colour', () => {
    expect(monogramFor('比亚迪')).toEqual(monogramFor('比亚迪'));
    expect(monogramFor('比亚迪').text).toBe('比');
    expect(monogramFor('Li Auto').text).toBe('LA');
    expect(monogramFor('BMW').text).toBe('BMW');
    expect(monogramFor('tesla').text).toBe('T');
    // A fixed colour for a fixed name, on every machine (the hash is part of the contract).
    expect(monogramFor('比亚迪').background).toBe(monogramFor(' 比亚迪 ').background);
    const colours = new Set(
      ['比亚迪', '理想', '蔚来', '小鹏', '特斯拉', '宝马', '奥迪', '丰田'].map(
        (n) => monogramFor(n).background,
      ),
    );
    expect(colours.size).toBeGreaterThan(5);
    const first = renderInApp(<BrandMonogram name="极氪" />).container.querySelector('svg')?.outerHTML;
    const second = renderInApp(<BrandMonogram name="极氪" />).container.querySelector('svg')?.outerHTML;
    expect(first).toContain('<svg');
    expect(first).toBe(second);
  });

  it('make the brand wall: a logo and the name per brand, each linking to its cars', async () => {
    const calls = mockApi({
      'GET /catalog/brands': () => ({
        body: {
          total: 2,
          initials: [
            {
              initial: 'B',
              brands: [
                { id: 'brd_byd', slug: 'byd', name: '比亚迪', nameEn: 'BYD', initial: 'B', colours: [] },
                { id: 'brd_bmw', slug: 'bmw', name: '宝马', nameEn: 'BMW', initial: 'B', colours: [] },
              ],
            },
          ],
        },
      }),
    });
    renderInApp(<BrandWall />);
    const byd = await screen.findByTestId('brand-byd');
    expect(byd.getAttribute('href')).toBe('/cars?brand=byd');
    expect(byd.textContent).toContain('比亚迪');
    expect(within(byd).getByTestId('brand-monogram').getAttribute('data-text')).toBe('比');
    expect(
      within(screen.getByTestId('brand-bmw')).getByTestId('brand-monogram').getAttribute('data-colour'),
    ).toBe(monogramFor('宝马').background);
    // Nothing but the brand list is fetched: the logos are drawn, not downloaded.
    expect(calls.map((c) => c.path)).toEqual(['/catalog/brands']);
  });
});

describe('home rows', () => {
  const feed = (kind: string | null): THomeFeed => ({
    scope: 'city',
    popular: [aCard(`lst_pop_${kind ?? 'all'}`, { popularity: 9 })],
    newest: [aCard('lst_new_1')],
    priceDrops: kind === 'used' ? [] : [aCard('lst_drop_1', { priceFen: 18_000_000 })],
  });

  it("shows the chosen city's popular, newest and price-drop rows, and the used tab asks for used cars", async () => {
    const calls = mockApi({
      'GET /dealers/cities': () => ({ body: CITIES }),
      'GET /catalog/home': (c) => ({ body: feed(c.query.get('kind')) }),
    });
    renderInApp(<HomeFeedRows />);
    await screen.findByTestId('row-popular');
    expect(screen.getByTestId('row-newest')).toBeTruthy();
    expect(screen.getByTestId('row-price-drops')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('feed-scope').textContent).toBe('北京在售'));
    const first = calls.find((c) => c.path === '/catalog/home');
    expect(first?.query.get('city')).toBe('110100');
    expect(first?.query.get('kind')).toBeNull();
    expect(screen.getByTestId('row-popular-more').getAttribute('href')).toBe(
      '/cars?sort=popular&city=110100',
    );

    fireEvent.click(screen.getByTestId('kind-tab-used'));
    await waitFor(() => expect(screen.getByTestId('row-popular').innerHTML).toContain('lst_pop_used'));
    expect(
      calls
        .filter((c) => c.path === '/catalog/home')
        .at(-1)
        ?.query.get('kind'),
    ).toBe('used');
    expect(screen.queryByTestId('row-price-drops')).toBeNull();
    expect(screen.getByTestId('price-band-under5').getAttribute('href')).toBe(
      '/cars?kind=used&priceMaxYuan=50000',
    );
  });

  it('says when the city has nothing and the rows come from every city', async () => {
    localStorage.setItem('ay_city', '310100');
    mockApi({
      'GET /dealers/cities': () => ({ body: CITIES }),
      'GET /catalog/home': () => ({ body: { ...feed(null), scope: 'all' } }),
    });
    renderInApp(<HomeFeedRows />);
    await waitFor(() =>
      expect(screen.getByTestId('feed-scope').textContent).toBe('上海暂无在售车辆，先看看全国的车源'),
    );
    expect(screen.getByTestId('row-newest-more').getAttribute('href')).toBe('/cars?sort=newest&city=all');
  });
});

describe('promises', () => {
  it('shows only what works: the landed price (built), no test-drive booking or home delivery until they exist', () => {
    const shown = shownPromises().map((p) => p.key);
    for (const p of PENDING_PROMISES) if (p.to === null) expect(shown).not.toContain(p.key);
    expect(shown).toEqual(['authorisedDealers', 'inspectedUsedCars', 'compareSpecs', 'landedPrice']);
    const texts = shownPromises().map((p) => i18n.t(`storefront:promises.${p.key}`));
    expect(texts.join(' ')).not.toMatch(/试驾|送车上门/);
    expect(i18n.t('storefront:hero.subtitle')).not.toMatch(/落地价|试驾|送车上门/);
  });
});

describe('site footer', () => {
  it('shows the configured ICP and public-security filing numbers, linked to their registries', async () => {
    mockApi({ 'GET /platform/site': () => ({ body: SITE }) });
    renderInApp(<SiteFooter />);
    const icp = await screen.findByTestId('footer-icp-link');
    expect(icp.textContent).toBe('京ICP备12345678号-1');
    expect(icp.getAttribute('href')).toBe('https://beian.miit.gov.cn/');
    const psb = screen.getByTestId('footer-psb-link');
    expect(psb.textContent).toBe('京公网安备11010502000001号');
    expect(psb.getAttribute('href')).toBe('https://beian.mps.gov.cn/#/query/webSearch?code=11010502000001');
    expect(screen.getByTestId('footer-contact').textContent).toContain('400-123-4567');
    expect(screen.getByTestId('footer-copyright').textContent).toContain('北京车港科技有限公司');
    const links = screen.getByTestId('footer-links');
    expect(within(links).getByTestId('footer-link-privacy').getAttribute('href')).toBe('/privacy');
    expect(within(links).getByTestId('footer-link-terms').getAttribute('href')).toBe('/terms');
    expect(within(links).getByTestId('footer-link-about').getAttribute('href')).toBe('/about');
    expect(within(links).getByTestId('footer-link-contact').getAttribute('href')).toBe('/contact');
  });

  it('hides what is not configured (nothing is hard-coded)', async () => {
    const calls = mockApi({ 'GET /platform/site': () => ({ body: NO_SITE }) });
    renderInApp(<SiteFooter />);
    await waitFor(() => expect(calls.length).toBe(1));
    await waitFor(() => expect(screen.getByTestId('footer-copyright').textContent).toContain('Autoyard'));
    expect(screen.queryByTestId('footer-icp')).toBeNull();
    expect(screen.queryByTestId('footer-contact')).toBeNull();
    expect(screen.getByTestId('site-footer').textContent).not.toMatch(/ICP|公网安备/);
  });

  it('uses the English company name on English pages', async () => {
    await i18n.changeLanguage('en');
    mockApi({ 'GET /platform/site': () => ({ body: SITE }) });
    renderInApp(<SiteFooter />);
    await waitFor(() =>
      expect(screen.getByTestId('footer-copyright').textContent).toContain('Beijing Autoyard Technology'),
    );
    expect(screen.getByTestId('footer-links').textContent).toContain('Privacy Policy');
  });
});

describe('privacy policy page', () => {
  it('shows its version, what data is processed, retention and the rights, with the configured contact', async () => {
    mockApi({ 'GET /platform/site': () => ({ body: SITE }) });
    renderInApp(<PrivacyPage />);
    const page = await screen.findByTestId('site-page-privacy');
    expect(screen.getByTestId('legal-version').textContent).toContain(LEGAL_VERSIONS.privacy);
    await waitFor(() => expect(page.textContent).toContain('北京车港科技有限公司'));
    for (const heading of ['我们处理哪些个人信息', '保存期限', '您的权利'])
      expect(page.textContent).toContain(heading);
    expect(page.textContent).toContain('service@autoyard.cn');
    expect(page.textContent).toContain('复制（导出）');
  });
});

describe('sign-in consent', () => {
  function renderSignIn() {
    const calls = mockApi({
      'GET /identity/auth/me': () => ({ body: SIGNED_OUT }),
      'POST /crm/auth/sms-codes': () => ({
        status: 202,
        body: { cooldownSeconds: 60, expiresInSeconds: 300 },
      }),
      'POST /crm/auth/sign-in': () => ({ body: { me: BUYER.me, csrfToken: 'csrf' } }),
    });
    renderInApp(
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/account" element={<p>account</p>} />
      </Routes>,
      { route: '/sign-in' },
    );
    return calls;
  }
  const bodyOf = (c: ApiCall | undefined) => JSON.parse(String(c?.body ?? '{}'));

  it('starts unticked, links the user agreement and privacy policy, and refuses to sign in until ticked', async () => {
    const calls = renderSignIn();
    const box = screen.getByTestId('consent-checkbox') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('consent-terms').getAttribute('href')).toBe('/terms');
    expect(screen.getByTestId('consent-privacy').getAttribute('href')).toBe('/privacy');
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByTestId('code-input'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('请先阅读并勾选同意《用户协议》和《隐私政策》')).toBeTruthy();
    // Not even a code is requested without consent.
    fireEvent.click(screen.getByTestId('send-code'));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('sends the versions of both texts with the sign-in once the box is ticked', async () => {
    const calls = renderSignIn();
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByTestId('code-input'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('consent-checkbox'));
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await screen.findByText('account');
    const signIn = calls.find((c) => c.path === '/crm/auth/sign-in');
    expect(bodyOf(signIn)).toEqual({
      phone: '13800138000',
      code: '123456',
      consent: { termsVersion: LEGAL_VERSIONS.terms, privacyVersion: LEGAL_VERSIONS.privacy },
    });
  });

  it('shows the server’s refusal when consent is missing there too', async () => {
    mockApi({
      'GET /identity/auth/me': () => ({ body: SIGNED_OUT }),
      'POST /crm/auth/sign-in': () => ({
        status: 400,
        body: { error: { code: 'CONSENT_REQUIRED', message: '请先阅读并同意《用户协议》和《隐私政策》' } },
      }),
    });
    renderInApp(<SignInPage />, { route: '/sign-in' });
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByTestId('code-input'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('consent-checkbox'));
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain('请先阅读并同意');
  });
});

describe('favourites and history', () => {
  it('removes a signed-in buyer’s favourite from the page and the account', async () => {
    let items = [
      { listingId: 'lst_a', at: '2026-05-01T00:00:00Z', vehicle: aCard('lst_a') },
      { listingId: 'lst_b', at: '2026-05-01T00:00:00Z', vehicle: aCard('lst_b') },
    ];
    const calls = mockApi({
      'GET /identity/auth/me': () => ({ body: BUYER }),
      'GET /dealers/cities': () => ({ body: CITIES }),
      'GET /catalog/favourites': () => ({ body: { items } }),
      'DELETE /catalog/favourites/lst_a': () => {
        items = items.filter((i) => i.listingId !== 'lst_a');
        return { body: { items } };
      },
    });
    renderInApp(<FavouritesPage />);
    await screen.findByTestId('favourite-remove-lst_a');
    fireEvent.click(screen.getByTestId('favourite-remove-lst_a'));
    await waitFor(() => expect(screen.queryByTestId('favourite-remove-lst_a')).toBeNull());
    expect(screen.getByTestId('favourite-remove-lst_b')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/catalog/favourites/lst_a')).toBe(true);
  });

  it('removes a signed-out visitor’s favourite from the browser', async () => {
    localStorage.setItem('ay_favourites', JSON.stringify(['lst_a', 'lst_b']));
    mockApi({
      'GET /identity/auth/me': () => ({ body: SIGNED_OUT }),
      'GET /dealers/cities': () => ({ body: CITIES }),
      'GET /catalog/vehicles/lst_a': () => ({ body: { vehicle: aCard('lst_a') } }),
      'GET /catalog/vehicles/lst_b': () => ({ body: { vehicle: aCard('lst_b') } }),
    });
    renderInApp(<FavouritesPage />);
    fireEvent.click(await screen.findByTestId('favourite-remove-lst_b'));
    await waitFor(() => expect(screen.queryByTestId('favourite-remove-lst_b')).toBeNull());
    expect(JSON.parse(localStorage.getItem('ay_favourites') ?? '[]')).toEqual(['lst_a']);
    expect(screen.getByTestId('favourites-page').textContent).toContain('登录后收藏会同步到您的账号');
  });

  it('talks about history on the history page, which has no remove buttons', async () => {
    localStorage.setItem('ay_history', JSON.stringify(['lst_a']));
    mockApi({
      'GET /identity/auth/me': () => ({ body: SIGNED_OUT }),
      'GET /dealers/cities': () => ({ body: CITIES }),
      'GET /catalog/vehicles/lst_a': () => ({ body: { vehicle: aCard('lst_a') } }),
    });
    renderInApp(<HistoryPage />);
    const page = await screen.findByTestId('history-page');
    await screen.findByTestId('saved-item');
    expect(page.textContent).toContain('浏览记录会同步到您的账号');
    expect(page.textContent).not.toContain('收藏会同步');
    expect(screen.queryByTestId('favourite-remove-lst_a')).toBeNull();
  });
});

describe('phone tab bar', () => {
  it('marks the tab of the current page and links the four tabs', () => {
    renderInApp(<BottomTabBar />, { route: '/compare' });
    expect(screen.getByTestId('tab-compare').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('tab-home').getAttribute('aria-current')).toBeNull();
    expect(
      ['home', 'cars', 'compare', 'me'].map((k) => screen.getByTestId(`tab-${k}`).getAttribute('href')),
    ).toEqual(['/', '/cars', '/compare', '/account']);
    expect(screen.getByTestId('tab-bar').textContent).toBe('首页找车对比我的');
  });

  it('knows which tab a page belongs to, and steps aside on the vehicle page', () => {
    expect(activeTab('/')).toBe('home');
    expect(activeTab('/cars')).toBe('cars');
    expect(activeTab('/search')).toBe('cars');
    expect(activeTab('/favourites')).toBe('me');
    expect(activeTab('/privacy')).toBeNull();
    expect(tabBarHidden('/vehicles/lst_abc')).toBe(true);
    expect(tabBarHidden('/cars/lst_abc')).toBe(true);
    expect(tabBarHidden('/cars')).toBe(false);
    expect(tabBarHidden('/')).toBe(false);
  });
});
