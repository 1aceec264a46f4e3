// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TAdLawHit } from '../../../server/modules/listings/listings.contract.js';
import { type ApiRoutes, mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { aListing, aReport } from './fixtures.js';
import { InspectionEditor } from './InspectionEditor.js';
import { ListingEditorPage } from './ListingEditorPage.js';
import { ListingListPage } from './ListingListPage.js';
import { ListingPhotos } from './ListingPhotos.js';
import { AuthorActions, FlagTags, HighlightedText, StatusTag } from './parts.js';

// The listing screens the console and the dealer portal share (list, editor, inspection report editor).
// One file for all of them: each test file pays for loading Ant Design and happy-dom once.

setupAppTests();

const hit = (term: string, position: number, severity: TAdLawHit['severity'] = 'block'): TAdLawHit => ({
  term,
  severity,
  field: 'title',
  position,
  length: term.length,
});

describe('StatusTag', () => {
  it('shows the listing status in the UI language', () => {
    renderInApp(<StatusTag status="in_review" />);
    expect(screen.getByTestId('listing-status').textContent).toBe('审核中');
  });
});

describe('HighlightedText', () => {
  it('marks each ad-law hit of its field and keeps the rest of the text', () => {
    const { container } = renderInApp(
      <HighlightedText
        text="全网最低价 国家级品质"
        field="title"
        hits={[
          hit('国家级', 6, 'warn'),
          hit('全网最低', 0),
          hit('最', 2),
          { ...hit('品质', 9), field: 'description' },
        ]}
      />,
    );
    const marks = screen.getAllByTestId('adlaw-hit').map((m) => m.textContent);
    expect(marks).toEqual(['全网最低', '国家级']);
    expect(container.textContent).toBe('全网最低价 国家级品质');
  });
});

describe('FlagTags', () => {
  it('shows each flagged term once', () => {
    const { container } = renderInApp(
      <FlagTags hits={[hit('最', 0), hit('最', 5), hit('第一', 8, 'warn')]} />,
    );
    expect([...container.querySelectorAll('.ant-tag')].map((t) => t.textContent)).toEqual(['最', '第一']);
  });
});

describe('AuthorActions', () => {
  it('offers only "submit for review" on a draft', () => {
    renderInApp(<AuthorActions listing={aListing({ status: 'draft' })} />);
    expect(screen.getByTestId('listing-submit')).toBeTruthy();
    expect(screen.queryByTestId('listing-delist')).toBeNull();
  });

  it('offers nothing while the listing is in review', () => {
    const { container } = renderInApp(<AuthorActions listing={aListing({ status: 'in_review' })} />);
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });

  it('delists a listed listing through the API with the CSRF header', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: the API client reads the CSRF token from this cookie
    document.cookie = 'ay_csrf=tok123';
    const calls = mockApi({
      'POST /catalog/listings/lst_1/delist': () => ({ body: aListing({ status: 'delisted' }) }),
    });
    renderInApp(<AuthorActions listing={aListing({ status: 'listed' })} />);
    fireEvent.click(screen.getByTestId('listing-delist'));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.headers.get('x-csrf-token')).toBe('tok123');
  });
});

const listings = [
  aListing(),
  aListing({ id: 'lst_2', kind: 'used', status: 'listed', title: '2021 款 汉 EV 准新车', discountFen: 0 }),
];

describe('ListingListPage', () => {
  it('lists the listings with links under the base path it is given', async () => {
    mockApi({ 'GET /catalog/listings': () => ({ body: { items: listings, nextCursor: null } }) });
    renderInApp(<ListingListPage basePath="/dealer/listings" showDealer={false} />);
    const links = await screen.findAllByTestId('listing-link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['比亚迪 汉 EV 现车', '/dealer/listings/lst_1'],
      ['2021 款 汉 EV 准新车', '/dealer/listings/lst_2'],
    ]);
    expect(screen.getByTestId('listing-create').closest('a')?.getAttribute('href')).toBe(
      '/dealer/listings/new',
    );
    expect(screen.getAllByTestId('listing-status').map((s) => s.textContent)).toEqual(['草稿', '已上架']);
  });

  it('shows the dealer column in the console and hides it in the dealer portal', async () => {
    mockApi({ 'GET /catalog/listings': () => ({ body: { items: listings, nextCursor: null } }) });
    const { unmount } = renderInApp(<ListingListPage basePath="/console/listings" />);
    await screen.findAllByTestId('listing-link');
    expect(within(screen.getByTestId('listing-list')).queryAllByText('经销商').length).toBeGreaterThan(0);
    unmount();
    renderInApp(<ListingListPage basePath="/dealer/listings" showDealer={false} />);
    await screen.findAllByTestId('listing-link');
    expect(within(screen.getByTestId('listing-list')).queryAllByText('经销商')).toHaveLength(0);
  });
});

const store = {
  id: 'sto_1',
  dealerId: 'dlr_1',
  name: '北京朝阳旗舰店',
  city: { code: '110100', name: '北京', nameEn: 'Beijing' },
};

const lists: ApiRoutes = {
  'GET /dealers/cities': () => ({ body: [] }),
  'GET /dealers/dealers': () => ({ body: { items: [], nextCursor: null } }),
  'GET /catalog/listings/trim-options': () => ({ body: [] }),
  'GET /dealers/stores': () => ({ body: { items: [store], nextCursor: null } }),
};

function renderEditor(path: string, base: string) {
  return renderInApp(
    <Routes>
      <Route path={`${base}/:id`} element={<ListingEditorPage basePath={base} />} />
    </Routes>,
    { route: path },
  );
}

describe('ListingEditorPage', () => {
  it("hides the dealer picker for dealer staff and loads their own dealer's stores", async () => {
    seedStaffMe({ roles: ['dealer_staff'], dealerId: 'dlr_1', permissions: ['listings.manage'] });
    const calls = mockApi(lists);
    renderEditor('/dealer/listings/new', '/dealer/listings');
    await screen.findByTestId('listing-editor');
    await waitFor(() => expect(calls.some((c) => c.path === '/dealers/stores')).toBe(true));
    const storesCall = calls.find((c) => c.path === '/dealers/stores');
    expect(storesCall?.query.get('dealerId')).toBe('dlr_1');
    expect(screen.queryByText('经销商')).toBeNull();
    expect(screen.getByText('门店')).toBeTruthy();
    // No call the user may not make: dealer staff lack the dealer directory (it answered 403 before).
    expect(calls.some((c) => c.path === '/dealers/dealers')).toBe(false);
  });

  it('marks the fields a new-car offer needs before review, from the shared requirements', async () => {
    seedStaffMe({ roles: ['dealer_staff'], dealerId: 'dlr_1', permissions: ['listings.manage'] });
    mockApi(lists);
    renderEditor('/dealer/listings/new', '/dealer/listings');
    await screen.findByTestId('listing-editor');
    const required = (text: string) =>
      screen.getByText(text, { selector: 'label' }).classList.contains('ant-form-item-required');
    expect(required('门店')).toBe(true);
    expect(required('外观颜色')).toBe(true);
    expect(required('描述')).toBe(true);
    expect(required('标题')).toBe(true);
    expect(required('内饰颜色')).toBe(false);
  });

  it("puts the server's VIN error under the VIN field, not at the bottom of the form", async () => {
    seedStaffMe({ roles: ['dealer_staff'], dealerId: 'dlr_1', permissions: ['listings.manage'] });
    const used = aListing({
      kind: 'used',
      description: '一手车，车况良好，按时保养。',
      used: {
        vin: 'LSVAM4187C2184847',
        firstRegistrationDate: '2022-03-01',
        mileageKm: 30_000,
        ownersCount: 1,
        transferCount: 0,
        conditionGrade: null,
        accidentHistory: false,
        floodHistory: false,
        fireHistory: false,
        disclosureNote: null,
        plateCity: null,
      },
    });
    mockApi({
      ...lists,
      'GET /catalog/listings/lst_1': () => ({ body: used }),
      'PATCH /catalog/listings/lst_1': () => ({
        status: 422,
        body: {
          error: {
            code: 'VIN_INVALID',
            message: 'VIN 码无效：第 9 位校验码不正确',
            details: { fields: [{ path: 'body.used.vin', message: 'VIN 码：第 9 位校验码不正确' }] },
          },
        },
      }),
    });
    renderEditor('/dealer/listings/lst_1', '/dealer/listings');
    await screen.findByTestId('listing-editor');
    expect(await screen.findByTestId('listing-vin')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByTestId('listing-vin') as HTMLInputElement).value).toBe('LSVAM4187C2184847'),
    );
    fireEvent.change(screen.getByTestId('listing-vin'), { target: { value: 'LSVAM4187C2184848' } });
    fireEvent.click(screen.getByTestId('listing-save'));
    const error = await screen.findByText('VIN 码：第 9 位校验码不正确');
    expect(error.closest('.ant-form-item')?.querySelector('[data-testid="listing-vin"]')).toBeTruthy();
    expect(screen.queryByTestId('form-error')).toBeNull();
  }, 60_000);

  it('shows the dealer picker to platform staff and loads no stores before a dealer is picked', async () => {
    seedStaffMe({ permissions: ['listings.manage'] });
    const calls = mockApi(lists);
    renderEditor('/console/listings/new', '/console/listings');
    await screen.findByTestId('listing-editor');
    expect(await screen.findByText('经销商')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path === '/dealers/cities')).toBe(true));
    expect(calls.some((c) => c.path === '/dealers/stores')).toBe(false);
  });

  it('opens a listed listing read-only with the delist action', async () => {
    seedStaffMe({ roles: ['dealer_staff'], dealerId: 'dlr_1', permissions: ['listings.manage'] });
    mockApi({ ...lists, 'GET /catalog/listings/lst_1': () => ({ body: aListing({ status: 'listed' }) }) });
    renderEditor('/dealer/listings/lst_1', '/dealer/listings');
    expect((await screen.findByTestId('listing-status')).textContent).toBe('已上架');
    expect(screen.getByTestId('listing-delist')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByTestId('listing-title') as HTMLInputElement).value).toBe('比亚迪 汉 EV 现车'),
    );
    expect((screen.getByTestId('listing-title') as HTMLInputElement).disabled).toBe(true);
  });
});

describe('ListingPhotos', () => {
  const photo = (id: string, sort: number) => ({
    id,
    url: `/api/v1/catalog/media/files/blb_${id}`,
    thumbUrl: null,
    width: 800,
    height: 600,
    sort,
  });

  it('shows the first photo as the cover and makes another the cover by moving it first', async () => {
    let order = ['med_a', 'med_b', 'med_c'];
    const calls = mockApi({
      'GET /catalog/listings/lst_1/photos': () => ({ body: order.map((id, i) => photo(id, i)) }),
      'PUT /catalog/media/order': (call) => {
        order = JSON.parse(String(call.body)).ids;
        return { body: [] };
      },
    });
    renderInApp(<ListingPhotos listingId="lst_1" editable />);
    const items = await screen.findAllByTestId('photo-item');
    expect(items.map((i) => i.getAttribute('data-photo-id'))).toEqual(['med_a', 'med_b', 'med_c']);
    expect(within(items[0] as HTMLElement).getByTestId('photo-cover')).toBeTruthy();
    fireEvent.click(within(items[2] as HTMLElement).getByTestId('photo-make-cover'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(JSON.parse(String(put?.body))).toEqual({
      ownerType: 'listing',
      ownerId: 'lst_1',
      ids: ['med_c', 'med_a', 'med_b'],
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('photo-item').map((i) => i.getAttribute('data-photo-id'))).toEqual([
        'med_c',
        'med_a',
        'med_b',
      ]),
    );
  });

  it('moves a photo later with its arrow', async () => {
    const calls = mockApi({
      'GET /catalog/listings/lst_1/photos': () => ({ body: [photo('med_a', 0), photo('med_b', 1)] }),
      'PUT /catalog/media/order': () => ({ body: [] }),
    });
    renderInApp(<ListingPhotos listingId="lst_1" editable />);
    const items = await screen.findAllByTestId('photo-item');
    fireEvent.click(within(items[0] as HTMLElement).getByTestId('photo-later'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(JSON.parse(String(calls.find((c) => c.method === 'PUT')?.body)).ids).toEqual(['med_b', 'med_a']);
  });
});

describe('InspectionEditor', () => {
  it('starts a new report from the standard items, all OK: 100 points, grade 1', async () => {
    mockApi({}); // no report yet: GET …/inspection answers 404
    renderInApp(<InspectionEditor listingId="lst_2" editable />);
    await waitFor(() =>
      expect(screen.getByTestId('section-score-body_exterior').textContent).toContain('20/20'),
    );
    expect(screen.getByTestId('inspection-editor').textContent).toContain('1 级');
    expect(screen.getByTestId('result-B01')).toBeTruthy();
    expect(screen.getByTestId('inspection-save')).toBeTruthy();
  });

  it('loads the saved report and recomputes the section score as a deduction is typed', async () => {
    mockApi({ 'GET /catalog/listings/lst_2/inspection': () => ({ body: aReport() }) });
    renderInApp(<InspectionEditor listingId="lst_2" editable />);
    await waitFor(() =>
      expect(screen.getByTestId('section-score-body_exterior').textContent).toContain('18/20'),
    );
    const input =
      screen.getByTestId('deduction-B01').querySelector('input') ?? screen.getByTestId('deduction-B01');
    fireEvent.change(input, { target: { value: '5' } });
    await waitFor(() =>
      expect(screen.getByTestId('section-score-body_exterior').textContent).toContain('15/20'),
    );
  });

  it('saves the report with a PUT of every item and its header', async () => {
    const calls = mockApi({
      'GET /catalog/listings/lst_2/inspection': () => ({ body: aReport() }),
      'PUT /catalog/used/lst_2/inspection': () => ({ body: aReport() }),
    });
    renderInApp(<InspectionEditor listingId="lst_2" editable />);
    await waitFor(() =>
      expect(screen.getByTestId('section-score-body_exterior').textContent).toContain('18/20'),
    );
    fireEvent.click(screen.getByTestId('inspection-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = JSON.parse(String(calls.find((c) => c.method === 'PUT')?.body));
    expect(body).toMatchObject({
      inspector: '张工',
      inspectionOrg: '北京二手车鉴定中心',
      summary: '车况良好',
    });
    expect(body.items).toEqual([
      expect.objectContaining({
        code: 'B01',
        result: 'minor',
        deduction: 2,
        note: '轻微划痕',
        photoUrls: [],
      }),
      expect.objectContaining({ code: 'E01', result: 'ok', deduction: 0, note: null }),
    ]);
  });
});
