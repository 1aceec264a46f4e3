// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TQueryTerm, TUnderstandResponse } from '../../shared/hooks/search-terms.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { SearchTermsPage } from './SearchTermsPage.js';

// The console's search terms page: the words search reads as filters, and the try-it box (issue 14).

setupAppTests();

function term(over: Partial<TQueryTerm> = {}): TQueryTerm {
  return {
    id: null,
    term: '家用',
    filter: 'body',
    value: 'sedan,suv,mpv',
    soft: true,
    note: null,
    builtIn: true,
    updatedAt: null,
    ...over,
  };
}

const TERMS: TQueryTerm[] = [
  term(),
  term({ term: '准新车', filter: 'age', value: '2', soft: false }),
  term({
    id: 'sqt_1',
    term: '魔都',
    filter: 'city',
    value: '310100',
    soft: false,
    builtIn: false,
    note: '上海的别称',
    updatedAt: '2026-12-01T02:00:00.000Z',
  }),
];

function termsApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /catalog/search/terms': () => ({ body: { items: TERMS } }),
    'GET /dealers/cities': () => ({
      body: [{ code: '310100', name: '上海', nameEn: 'Shanghai', pinyin: 'shanghai' }],
    }),
    ...extra,
  });
}

const rowOf = (testId: string) => screen.findByTestId(testId);

describe('the search terms page', () => {
  it('lists built-in and custom terms with labelled values, intents and sources, filtered by type and text', async () => {
    seedStaffMe({ permissions: ['catalog.read'] });
    termsApi();
    renderInApp(<SearchTermsPage />, { route: '/console/catalog/search-terms' });
    const family = await rowOf('search-term-builtin-家用-body');
    expect(family.textContent).toContain('车身类型');
    expect(family.textContent).toContain('轿车、SUV、MPV');
    expect(family.textContent).toContain('意图');
    expect(family.textContent).toContain('内置');
    const city = await rowOf('search-term-custom-魔都-city');
    await waitFor(() => expect(city.textContent).toContain('上海'));
    expect(city.textContent).toContain('自定义');
    expect(city.textContent).toContain('上海的别称');
    expect((await rowOf('search-term-builtin-准新车-age')).textContent).toContain('2年内');
    // Read-only staff get no editing buttons.
    expect(screen.queryByTestId('search-term-add')).toBeNull();
    expect(screen.queryByTestId('search-term-replace')).toBeNull();
    fireEvent.change(screen.getByPlaceholderText('搜索词'), { target: { value: '魔' } });
    await waitFor(() => expect(screen.queryByTestId('search-term-builtin-家用-body')).toBeNull());
    expect(screen.getByTestId('search-term-custom-魔都-city')).toBeTruthy();
  });

  it('replaces a built-in term through the add form, pre-filled with its text and filter', async () => {
    seedStaffMe({ permissions: ['catalog.read', 'catalog.manage'] });
    const calls = termsApi({
      'POST /catalog/search/terms': () => ({
        status: 201,
        body: term({ id: 'sqt_2', builtIn: false, value: 'suv,mpv', soft: true }),
      }),
    });
    renderInApp(<SearchTermsPage />, { route: '/console/catalog/search-terms' });
    const family = await rowOf('search-term-builtin-家用-body');
    fireEvent.click(within(family).getByTestId('search-term-replace'));
    const form = await screen.findByTestId('search-term-form');
    await waitFor(() =>
      expect((screen.getByTestId('search-term-text') as HTMLInputElement).value).toBe('家用'),
    );
    expect(form.textContent).toContain('车身类型');
    // Pick SUV and MPV in the body multi-select.
    const valueSelect = form.querySelectorAll('.ant-select')[1] as Element;
    fireEvent.mouseDown(valueSelect.querySelector('.ant-select-selector, input') as Element);
    fireEvent.click(await screen.findByTitle('SUV'));
    fireEvent.click(await screen.findByTitle('MPV'));
    fireEvent.click(screen.getByTestId('search-term-soft'));
    fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(JSON.parse(String(calls.find((c) => c.method === 'POST')?.body))).toEqual({
      term: '家用',
      filter: 'body',
      value: 'suv,mpv',
      soft: true,
      note: null,
    });
  });

  it('shows the server’s message when a term is taken', async () => {
    seedStaffMe({ permissions: ['catalog.read', 'catalog.manage'] });
    termsApi({
      'PATCH /catalog/search/terms/sqt_1': () => ({
        status: 409,
        body: { error: { code: 'QUERY_TERM_TAKEN', message: '该搜索词已设置过这一筛选，请直接修改' } },
      }),
    });
    renderInApp(<SearchTermsPage />, { route: '/console/catalog/search-terms' });
    const city = await rowOf('search-term-custom-魔都-city');
    fireEvent.click(within(city).getByTestId('search-term-edit'));
    await screen.findByTestId('search-term-form');
    await waitFor(() =>
      expect((screen.getByTestId('search-term-text') as HTMLInputElement).disabled).toBe(true),
    );
    fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    expect(await screen.findByText('该搜索词已设置过这一筛选，请直接修改')).toBeTruthy();
  });

  it('tries a query: the pieces understood with their filters, and the words left as text', async () => {
    seedStaffMe({ permissions: ['catalog.read'] });
    const answer: TUnderstandResponse = {
      understood: [
        { filter: 'kind', value: 'used', text: '二手', label: '二手' },
        { filter: 'brand', value: 'bmw', text: '宝马', label: '宝马' },
        { filter: 'price', value: '-100000', text: '10万以内', label: '10万以内' },
      ],
      words: ['蓝色'],
      sort: 'price_asc',
    };
    const calls = termsApi({ 'POST /catalog/search/understand': () => ({ body: answer }) });
    renderInApp(<SearchTermsPage />, { route: '/console/catalog/search-terms' });
    const input = (await screen.findByTestId('search-try')).querySelector('input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: ' 二手宝马 10万以内 蓝色 便宜 ' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const result = await screen.findByTestId('search-try-result');
    expect(JSON.parse(String(calls.find((c) => c.method === 'POST')?.body))).toEqual({
      q: '二手宝马 10万以内 蓝色 便宜',
    });
    expect(within(result).getByTestId('search-try-chip-kind').textContent).toBe('二手新车/二手车');
    expect(within(result).getByTestId('search-try-chip-brand').textContent).toBe('宝马品牌');
    expect(within(result).getByTestId('search-try-chip-price').textContent).toBe('10万以内价格');
    expect(within(result).getByTestId('search-try-words').textContent).toContain('蓝色');
    expect(within(result).getByTestId('search-try-sort').textContent).toContain('价格从低到高');
  });
});
