// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Select } from 'antd';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { i18n } from '../i18n.js';
import { useLabels } from '../labels.js';
import { mockApi, renderInApp, setupAppTests } from '../testing.js';
import { csvSafeCell, DataTable, fetchAllPages, tableCsv, toCsv, useUrlFilters } from './DataTable.js';

setupAppTests();

interface Row {
  id: string;
  title: string;
  status: 'draft' | 'listed' | 'in_review';
  body: 'suv' | 'sedan';
  price: number;
}

const ROWS: Row[] = Array.from({ length: 25 }, (_, i) => ({
  id: `lst_${i + 1}`,
  title: `车源 ${String(i + 1).padStart(2, '0')}`,
  status: i % 2 === 0 ? 'listed' : 'draft',
  body: i % 3 === 0 ? 'suv' : 'sedan',
  price: (i + 1) * 1000,
}));

function Where() {
  const loc = useLocation();
  return <output data-testid="where">{loc.search}</output>;
}

function Listings({ rows = ROWS, layout }: { rows?: Row[]; layout?: 'table' | 'cards' }) {
  const L = useLabels();
  const [filters, setFilters] = useUrlFilters(['status']);
  const shown = rows.filter((r) => !filters.status || r.status === filters.status);
  return (
    <>
      <DataTable<Row>
        rows={shown}
        rowKey={(r) => r.id}
        layout={layout}
        exportName="listings"
        toolbar={
          <Select
            data-testid="status-filter"
            allowClear
            value={filters.status}
            style={{ width: 160 }}
            options={L.options('listingStatus')}
            onChange={(v?: string) => setFilters({ status: v })}
          />
        }
        columns={[
          { key: 'title', title: '标题', kind: 'title', value: (r) => r.title, sortable: true },
          {
            key: 'status',
            title: '状态',
            kind: 'tag',
            value: (r) => L.label('listingStatus', r.status),
            color: (r) => L.color('listingStatus', r.status),
          },
          { key: 'body', title: '车身', value: (r) => L.label('bodyType', r.body) },
          {
            key: 'price',
            title: '价格',
            kind: 'money',
            value: (r) => `¥${r.price}`,
            sortValue: (r) => r.price,
          },
          {
            key: 'actions',
            title: '操作',
            kind: 'actions',
            render: (r) => <button type="button">编辑 {r.id}</button>,
          },
        ]}
      />
      <Where />
    </>
  );
}

function Probe() {
  const [f, set] = useUrlFilters(['q', 'city']);
  return (
    <>
      <span data-testid="q">{f.q ?? ''}</span>
      <button type="button" onClick={() => set({ q: '奥迪', city: '' })}>
        set
      </button>
      <Where />
    </>
  );
}

/** happy-dom's viewport (Ant Design's breakpoints read it through matchMedia). */
function setViewport(size: { width: number; height: number }) {
  (window as unknown as { happyDOM: { setViewport(s: typeof size): void } }).happyDOM.setViewport(size);
}

afterEach(() => {
  setViewport({ width: 1024, height: 768 });
});

describe('DataTable', () => {
  it('renders labels instead of codes, 20 rows a page, and an ellipsis tooltip column', async () => {
    renderInApp(<Listings layout="table" />);
    const table = screen.getByTestId('data-table');
    expect(within(table).getAllByText('已上架').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('草稿').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('轿车').length).toBeGreaterThan(0);
    const cells = [...table.querySelectorAll('td')].map((td) => td.textContent ?? '');
    for (const code of ['listed', 'draft', 'suv', 'sedan', 'in_review']) expect(cells).not.toContain(code);
    expect(table.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(20);
    expect(screen.getAllByTestId('data-table-title')).toHaveLength(20);
  });

  it('labels follow the UI language', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<Listings layout="table" />);
    expect((await screen.findAllByText('Listed')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Sedan').length).toBeGreaterThan(0);
    expect(screen.getByTestId('data-table-export').textContent).toContain('Export CSV');
  });

  it('reads page, sort and filters from the URL and writes them back', async () => {
    renderInApp(<Listings layout="table" />, { route: '/console/listings?status=listed&sort=title&page=1' });
    const table = screen.getByTestId('data-table');
    // 13 listed rows (odd numbers), sorted by title: the first is 车源 01.
    const titles = () => screen.getAllByTestId('data-table-title').map((e) => e.textContent);
    expect(titles()[0]).toBe('车源 01');
    expect(titles()).toHaveLength(13);
    expect(within(table).queryByText('草稿')).toBeNull();

    // Sorting by clicking the header writes `sort` to the URL.
    fireEvent.click(table.querySelector('th.ant-table-column-has-sorters') as HTMLElement);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toContain('sort=-title'));
    expect(screen.getByTestId('where').textContent).toContain('status=listed');
    expect(titles()[0]).toBe('车源 25');
  });

  it('keeps the page in the URL and goes back to page 1 when a filter changes', async () => {
    renderInApp(<Listings layout="table" />, { route: '/console/listings?page=2' });
    const titles = () => screen.getAllByTestId('data-table-title').map((e) => e.textContent);
    expect(titles()).toEqual(['车源 21', '车源 22', '车源 23', '车源 24', '车源 25']);
    fireEvent.click(screen.getByTitle('1'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).not.toContain('page='));
    expect(titles()[0]).toBe('车源 01');
  });

  it('useUrlFilters drops the page when a filter is set and removes empty values', async () => {
    renderInApp(<Probe />, { route: '/x?page=3&city=330100&size=50' });
    fireEvent.click(screen.getByText('set'));
    await waitFor(() => expect(screen.getByTestId('q').textContent).toBe('奥迪'));
    const search = new URLSearchParams(screen.getByTestId('where').textContent ?? '');
    expect(search.get('q')).toBe('奥迪');
    expect(search.has('page')).toBe(false);
    expect(search.has('city')).toBe(false);
    expect(search.get('size')).toBe('50');
  });

  it('shows one card per row with title, key fields and actions on a phone', async () => {
    setViewport({ width: 390, height: 844 });
    renderInApp(<Listings rows={ROWS.slice(0, 3)} />);
    const cards = await screen.findAllByTestId('data-table-card');
    expect(cards).toHaveLength(3);
    expect(screen.getByTestId('data-table').querySelector('table')).toBeNull();
    const first = cards[0] as HTMLElement;
    expect(first.textContent).toContain('车源 01');
    expect(first.textContent).toContain('已上架');
    expect(first.textContent).toContain('SUV');
    expect(first.textContent).toContain('¥1000');
    expect(within(first).getByText('编辑 lst_1')).toBeTruthy();
  });

  it('exports the rows of the current filter as CSV with labels and neutralised formulas', async () => {
    const blobs: Blob[] = [];
    const spy = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    onTestFinished(() => spy.mockRestore());
    const evil: Row = {
      id: 'x',
      title: '=HYPERLINK("http://evil")',
      status: 'listed',
      body: 'suv',
      price: 5,
    };
    renderInApp(<Listings rows={[evil, ...ROWS.slice(0, 2)]} layout="table" />, {
      route: '/x?status=listed',
    });
    fireEvent.click(screen.getByTestId('data-table-export'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const text = await (blobs[0] as Blob).text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('标题,状态,车身,价格');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",已上架,SUV,¥5`);
    expect(lines).toHaveLength(3); // header + 2 listed rows (the draft one is filtered out)
    expect(text).not.toContain('编辑');
  });
});

describe('CSV helpers', () => {
  it('neutralises formula triggers like the server does, leaving plain numbers alone', () => {
    expect(csvSafeCell('=1+1')).toBe("'=1+1");
    expect(csvSafeCell('+86 138')).toBe("'+86 138");
    expect(csvSafeCell('-cmd')).toBe("'-cmd");
    expect(csvSafeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafeCell('\tx')).toBe("'\tx");
    expect(csvSafeCell('\rx')).toBe("'\rx");
    expect(csvSafeCell('＝1')).toBe("'＝1");
    expect(csvSafeCell('-5')).toBe('-5');
    expect(csvSafeCell('+3.5')).toBe('+3.5');
    expect(csvSafeCell('-')).toBe('-');
    expect(csvSafeCell('杭州')).toBe('杭州');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny']])).toBe('"a,b","say ""hi""","x\ny"');
  });

  it('tableCsv leaves out actions and csv:false columns', () => {
    const csv = tableCsv<{ a: string }>(
      [
        { key: 'a', title: 'A', value: (r) => r.a },
        { key: 'b', title: 'B', value: () => 'hidden', csv: false },
        { key: 'c', title: 'C', kind: 'actions', render: () => null },
      ],
      [{ a: '1' }],
    );
    expect(csv).toBe('A\r\n1');
  });

  it('fetchAllPages follows the cursor with the filter', async () => {
    const calls = mockApi({
      'GET /things': (c) =>
        c.query.get('cursor')
          ? { body: { items: [{ id: 3 }], nextCursor: null } }
          : { body: { items: [{ id: 1 }, { id: 2 }], nextCursor: 'n1' } },
    });
    const all = await fetchAllPages<{ id: number }>('/things', { status: 'listed' });
    expect(all.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.query.get('status'))).toEqual(['listed', 'listed']);
    expect(calls[1]?.query.get('cursor')).toBe('n1');
  });
});
