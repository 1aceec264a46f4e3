import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Grid, Pagination, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnType, SortOrder } from 'antd/es/table/interface';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api.js';
import type { Page } from '../hooks/identity.js';
import { QueryState } from './Results.js';

/*
 * DataTable: the one list component of the console and the dealer portal (wraps antd Table).
 *
 * Stable API:
 *
 *   const [filters, setFilters] = useUrlFilters(['q', 'status', 'cityCode']);   // kept in the URL
 *   const list = useDealerList(filters);                                          // any query
 *   <DataTable<TDealer>
 *     testId="dealer-table"                         // root always has data-testid="data-table" too
 *     rows={items} rowKey={(r) => r.id}
 *     loading={list.isLoading} error={list.error} onRetry={() => list.refetch()}
 *     hasMore={list.hasNextPage} loadingMore={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()}
 *     toolbar={<Input.Search … />}                   // filters (left); `extra` = buttons (right)
 *     exportName="dealers"                          // shows "Export CSV"
 *     exportRows={() => fetchAllPages('/dealers/dealers', filters)} // all rows of the current filter
 *     columns={[
 *       { key: 'name', title: t('…'), kind: 'title', value: (r) => r.name, render: (r) => <Link…/> },
 *       { key: 'city', title: t('…'), value: (r) => cityName(r.city.code) },
 *       { key: 'status', title: t('…'), kind: 'tag', value: (r) => L.label('dealerStatus', r.status),
 *         color: (r) => L.color('dealerStatus', r.status) },
 *       { key: 'brands', title: t('…'), kind: 'tags', values: (r) => r.brands },
 *       { key: 'price', title: t('…'), kind: 'money', value: (r) => yuan(r.priceFen), sortValue: (r) => r.priceFen },
 *       { key: 'updatedAt', title: t('…'), kind: 'time', value: (r) => formatTime(r.updatedAt), sortValue: (r) => r.updatedAt },
 *       { key: 'actions', title: t('…'), kind: 'actions', render: (r) => <Button…/> },
 *     ]}
 *   />
 *
 * Column kinds: 'title' (never squeezed: min width 220 px, wraps to 2 lines, tooltip with the full text; the
 * card title on phones), 'text' (default: one line, ellipsis + tooltip), 'tag' / 'tags' (labels as Tags),
 * 'number' / 'money' (right-aligned), 'time' (no wrap), 'actions' (never exported, card footer on phones).
 * `value` is the text people read: the cell, its tooltip, the phone card and the CSV all use it (so give it
 * labels, names and formatted values, never codes). `render` only dresses the cell (a link, a button).
 * `sortable: true` sorts the loaded rows by `sortValue ?? value`.
 *
 * State in the URL (useSearchParams; reload and Back keep it): `page`, `size`, `sort` (`key` or `-key`),
 * plus whatever useUrlFilters keeps. Two tables on one page pass different `urlKey` prefixes; `urlKey={false}`
 * keeps the state in memory (tables inside modals).
 * Cursor lists: the table pages through the loaded rows and loads the next server page when a page needs it.
 * Phones (< 576 px): one card per row (title, key fields, actions) instead of the table; `card: false` hides
 * a field from the card.
 */

export type ColumnKind = 'title' | 'text' | 'tag' | 'tags' | 'number' | 'money' | 'time' | 'actions';

type Cell = string | number | null | undefined;

export interface DataColumn<T> {
  key: string;
  /** Header text (also the CSV header and the field name on phone cards). */
  title: string;
  kind?: ColumnKind;
  /** The text people read. */
  value?: (row: T) => Cell;
  /** For `tags`: several texts. */
  values?: (row: T) => readonly string[];
  /** A richer cell than the text (link, button, icon). */
  render?: (row: T) => ReactNode;
  /** For `tag`: the Tag colour. */
  color?: (row: T) => string | undefined;
  sortable?: boolean;
  /** What sorting compares (default: `value`). */
  sortValue?: (row: T) => string | number | null | undefined;
  width?: number;
  /** false: not in the CSV export (actions never are). */
  csv?: boolean;
  /** false: not on the phone card. */
  card?: boolean;
}

/** What a DataTable needs from a paged (infinite) query: loading, error and retry, and "load more". */
export function pagedRows(query: {
  isLoading: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}): Pick<
  DataTableProps<unknown>,
  'loading' | 'error' | 'onRetry' | 'hasMore' | 'loadingMore' | 'onLoadMore'
> {
  return {
    loading: query.isLoading,
    error: query.error,
    onRetry: () => void query.refetch(),
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    onLoadMore: () => void query.fetchNextPage(),
  };
}

export interface DataTableProps<T> {
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  columns: readonly DataColumn<T>[];
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  emptyText?: ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Shows "Export CSV"; the file is `<exportName>-<date>.csv`. */
  exportName?: string;
  /** Every row matching the current filter (default: the loaded rows). */
  exportRows?: () => Promise<readonly T[]>;
  toolbar?: ReactNode;
  extra?: ReactNode;
  /** Prefix of this table's URL parameters, or false to keep page and sort in memory. */
  urlKey?: string | false;
  pageSize?: number;
  testId?: string;
  rowTestId?: (row: T) => string;
  size?: 'small' | 'middle' | 'large';
  /** Forces one layout (tests, tiny embedded tables); default: cards below 576 px, table above. */
  layout?: 'auto' | 'table' | 'cards';
  expandable?: { render: (row: T) => ReactNode; canExpand?: (row: T) => boolean };
}

const DEFAULT_WIDTH: Record<ColumnKind, number | undefined> = {
  title: undefined,
  text: 160,
  tag: 120,
  tags: 200,
  number: 110,
  money: 130,
  time: 180,
  actions: 160,
};
const TITLE_MIN = 220;

const ellipsis: CSSProperties = {
  display: 'block',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};

const clamp2: CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  wordBreak: 'break-word',
  whiteSpace: 'normal',
};

function cellText<T>(c: DataColumn<T>, row: T): string {
  if (c.values) return c.values(row).join(c.kind === 'tags' ? ', ' : ' ');
  const v = c.value?.(row);
  return v === null || v === undefined ? '' : String(v);
}

// ---- URL state ----

/** A table's page, page size and sort, in the URL (or in memory when `prefix` is false). */
function useTableState(prefix: string | false, defaultSize: number) {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<{ page: number; size: number; sort: string }>({
    page: 1,
    size: defaultSize,
    sort: '',
  });
  if (prefix === false) {
    return {
      ...local,
      set: (patch: Partial<typeof local>) => setLocal((s) => ({ ...s, ...patch })),
    };
  }
  const num = (v: string | null, d: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  return {
    page: num(params.get(`${prefix}page`), 1),
    size: num(params.get(`${prefix}size`), defaultSize),
    sort: params.get(`${prefix}sort`) ?? '',
    set: (patch: { page?: number; size?: number; sort?: string }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const put = (k: string, v: string | number | undefined, dflt: string | number) => {
            if (v === undefined) return;
            if (v === dflt || v === '') next.delete(`${prefix}${k}`);
            else next.set(`${prefix}${k}`, String(v));
          };
          put('page', patch.page, 1);
          put('size', patch.size, defaultSize);
          put('sort', patch.sort, '');
          return next;
        },
        { replace: false },
      ),
  };
}

/**
 * Filter values kept in the URL's query string (reload and Back keep them). Setting a filter goes back to
 * page 1 of the table with the same `prefix`. Empty values are removed from the URL.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
  prefix = '',
): [Partial<Record<K, string>>, (patch: Partial<Record<K, string | undefined | null>>) => void] {
  const [params, setParams] = useSearchParams();
  const joined = keys.map((k) => `${k}=${params.get(`${prefix}${k}`) ?? ''}`).join('&');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `joined` stands for the values read below.
  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = params.get(`${prefix}${k}`);
      if (v) out[k] = v;
    }
    return out;
  }, [joined]);
  const set = useCallback(
    (patch: Partial<Record<K, string | undefined | null>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch) as [K, string | undefined | null][]) {
          if (v === undefined || v === null || v === '') next.delete(`${prefix}${k}`);
          else next.set(`${prefix}${k}`, v);
        }
        next.delete(`${prefix}page`);
        return next;
      }),
    [setParams, prefix],
  );
  return [values, set];
}

// ---- CSV ----

// Same rule as the server's kernel/csv.ts (OWASP CSV injection): a cell a spreadsheet would run as a formula
// (= + - @ tab CR, fullwidth forms too) gets a leading ' ; plain numbers and a lone "-" stay as they are.
const TRIGGER = /^'*[=+\-@\t\r＝＋－＠]/;
const HARMLESS = /^(?:[-+]?\d+(?:\.\d+)?|-)$/;

export function csvSafeCell(value: string): string {
  return TRIGGER.test(value) && !HARMLESS.test(value) ? `'${value}` : value;
}

/** Rows as RFC 4180 CSV text (CRLF, quotes doubled), each cell neutralised by csvSafeCell. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) =>
      row
        .map((raw) => {
          const cell = csvSafeCell(raw);
          return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
        })
        .join(','),
    )
    .join('\r\n');
}

/** The CSV of `rows` with the exportable columns (header = column titles, cells = the texts people read). */
export function tableCsv<T>(columns: readonly DataColumn<T>[], rows: readonly T[]): string {
  const cols = columns.filter((c) => c.kind !== 'actions' && c.csv !== false && (c.value || c.values));
  return toCsv([cols.map((c) => c.title), ...rows.map((r) => cols.map((c) => cellText(c, r)))]);
}

function download(name: string, text: string): void {
  // The BOM makes Excel read the file as UTF-8 (Chinese names).
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Every row of a cursor-paged list endpoint for the given filter (CSV export), up to `max` rows. */
export async function fetchAllPages<T>(
  path: string,
  query: Record<string, string | number | boolean | null | undefined> = {},
  { limit = 100, max = 10_000 }: { limit?: number; max?: number } = {},
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(path, { query: { ...query, limit, cursor } });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}

// ---- the table ----

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN', { numeric: true });
}

export function DataTable<T>(props: DataTableProps<T>) {
  const {
    rows: rowsIn,
    rowKey,
    columns,
    loading = false,
    error,
    onRetry,
    emptyText,
    hasMore = false,
    loadingMore = false,
    onLoadMore,
    exportName,
    exportRows,
    toolbar,
    extra,
    urlKey = '',
    pageSize: defaultSize = 20,
    testId,
    rowTestId,
    size = 'middle',
    layout = 'auto',
    expandable,
  } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = layout === 'cards' || (layout === 'auto' && screens.sm === false);
  const state = useTableState(urlKey, defaultSize);
  const [exporting, setExporting] = useState(false);

  const sortKey = state.sort.replace(/^-/, '');
  const sortDesc = state.sort.startsWith('-');
  const rows = useMemo(() => {
    const list = [...(rowsIn ?? [])];
    const col = columns.find((c) => c.key === sortKey && c.sortable);
    if (!col) return list;
    const get = col.sortValue ?? ((r: T) => cellText(col, r));
    list.sort((a, b) => compare(get(a), get(b)) * (sortDesc ? -1 : 1));
    return list;
  }, [rowsIn, columns, sortKey, sortDesc]);

  // A page beyond the loaded rows (a reload on page 3, or "next" on the last loaded page) loads more.
  const need = state.page * state.size;
  useEffect(() => {
    if (hasMore && !loadingMore && !loading && rows.length < need) onLoadMore?.();
  }, [hasMore, loadingMore, loading, rows.length, need, onLoadMore]);

  const exportCsv = async () => {
    if (!exportName) return;
    setExporting(true);
    try {
      const all = hasMore && exportRows ? [...(await exportRows())] : [...rows];
      const col = columns.find((c) => c.key === sortKey && c.sortable);
      if (col) {
        const get = col.sortValue ?? ((r: T) => cellText(col, r));
        all.sort((a, b) => compare(get(a), get(b)) * (sortDesc ? -1 : 1));
      }
      const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      download(`${exportName}-${day}.csv`, tableCsv(columns, all));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const total = rows.length + (hasMore ? 1 : 0);
  const pageRows = rows.slice((state.page - 1) * state.size, state.page * state.size);

  const header =
    toolbar || extra || exportName ? (
      <div
        style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}
        data-testid="data-table-toolbar"
      >
        <Space wrap style={{ flex: '1 1 auto', minWidth: 0 }}>
          {toolbar}
        </Space>
        <Space wrap>
          {extra}
          {exportName && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportCsv()}
              loading={exporting}
              data-testid="data-table-export"
            >
              {t('table.export')}
            </Button>
          )}
        </Space>
      </div>
    ) : null;

  const more =
    hasMore && onLoadMore ? (
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Button onClick={onLoadMore} loading={loadingMore} data-testid="data-table-more">
          {t('table.loadMore', { count: rows.length })}
        </Button>
      </div>
    ) : null;

  const pagination = {
    current: state.page,
    pageSize: state.size,
    total,
    showSizeChanger: !phone,
    pageSizeOptions: [10, 20, 50, 100],
    hideOnSinglePage: !hasMore && rows.length <= state.size,
    showTotal: (n: number) =>
      hasMore ? t('table.loaded', { count: rows.length }) : t('table.total', { count: n }),
  };

  const titleCol = columns.find((c) => c.kind === 'title') ?? columns[0];

  let body: ReactNode;
  if (phone) {
    const fieldCols = columns.filter((c) => c !== titleCol && c.kind !== 'actions' && c.card !== false);
    const actionCol = columns.find((c) => c.kind === 'actions');
    body = (
      <>
        {pageRows.length === 0 ? (
          <Empty description={emptyText ?? t('states.empty')} data-testid="empty" />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="data-table-cards">
            {pageRows.map((row) => {
              const title = titleCol ? (titleCol.render?.(row) ?? cellText(titleCol, row)) : null;
              return (
                <Card
                  key={rowKey(row)}
                  size="small"
                  data-testid={rowTestId ? rowTestId(row) : 'data-table-card'}
                  title={<div style={clamp2}>{title}</div>}
                  styles={{ header: { minHeight: 40, paddingBlock: 8 } }}
                >
                  <dl
                    style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px' }}
                  >
                    {fieldCols.map((c) => (
                      <FieldRow key={c.key} column={c} row={row} />
                    ))}
                  </dl>
                  {actionCol?.render && (
                    <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                      {actionCol.render(row)}
                    </div>
                  )}
                  {expandable && (expandable.canExpand?.(row) ?? true) && (
                    <div style={{ marginTop: 8 }}>{expandable.render(row)}</div>
                  )}
                </Card>
              );
            })}
          </Space>
        )}
        {(total > state.size || state.page > 1) && (
          <Pagination
            simple
            style={{ marginTop: 12, textAlign: 'center' }}
            current={state.page}
            pageSize={state.size}
            total={total}
            onChange={(page) => state.set({ page })}
          />
        )}
      </>
    );
  } else {
    const tableColumns: ColumnType<T>[] = columns.map((c) => toAntColumn(c, sortKey, sortDesc));
    const minWidth = columns.reduce(
      (sum, c) => sum + (c.width ?? DEFAULT_WIDTH[c.kind ?? 'text'] ?? TITLE_MIN),
      0,
    );
    body = (
      <Table<T>
        rowKey={(r) => rowKey(r)}
        size={size}
        columns={tableColumns}
        dataSource={pageRows}
        tableLayout="fixed"
        scroll={{ x: minWidth }}
        locale={{ emptyText: <Empty description={emptyText ?? t('states.empty')} data-testid="empty" /> }}
        onRow={
          rowTestId
            ? (r) => ({ 'data-testid': rowTestId(r) }) as React.HTMLAttributes<HTMLElement>
            : undefined
        }
        expandable={
          expandable
            ? {
                expandedRowRender: (r) => expandable.render(r),
                rowExpandable: expandable.canExpand,
              }
            : undefined
        }
        pagination={{
          ...pagination,
          onChange: (page, size) => state.set({ page: size !== state.size ? 1 : page, size }),
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = s?.columnKey ? String(s.columnKey) : '';
          const order: SortOrder | undefined = s?.order;
          state.set({ sort: key && order ? `${order === 'descend' ? '-' : ''}${key}` : '', page: 1 });
        }}
      />
    );
  }

  return (
    <div data-testid="data-table" style={{ minWidth: 0 }}>
      <div data-testid={testId}>
        {header}
        <QueryState isLoading={loading} error={error} onRetry={onRetry}>
          {body}
          {more}
        </QueryState>
      </div>
    </div>
  );
}

function FieldRow<T>({ column, row }: { column: DataColumn<T>; row: T }) {
  const text = cellText(column, row);
  const content = column.render ? column.render(row) : text || '—';
  return (
    <>
      <dt style={{ color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>{column.title}</dt>
      <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
        {column.kind === 'tag' && !column.render ? <Tag color={column.color?.(row)}>{text}</Tag> : content}
      </dd>
    </>
  );
}

function toAntColumn<T>(c: DataColumn<T>, sortKey: string, sortDesc: boolean): ColumnType<T> {
  const kind = c.kind ?? 'text';
  const base: ColumnType<T> = {
    key: c.key,
    title: c.title,
    width: c.width ?? DEFAULT_WIDTH[kind],
    align: kind === 'number' || kind === 'money' ? 'right' : undefined,
    sorter: c.sortable ? true : undefined,
    sortOrder: c.sortable && sortKey === c.key ? (sortDesc ? 'descend' : 'ascend') : null,
  };
  switch (kind) {
    case 'title':
      return {
        ...base,
        minWidth: TITLE_MIN,
        onCell: () => ({ style: { minWidth: TITLE_MIN } }),
        render: (_: unknown, row: T) => {
          const text = cellText(c, row);
          return (
            <Tooltip title={text || undefined} placement="topLeft">
              <div style={clamp2} data-testid="data-table-title">
                {c.render ? c.render(row) : text || '—'}
              </div>
            </Tooltip>
          );
        },
      };
    case 'tag':
      return {
        ...base,
        render: (_: unknown, row: T) =>
          c.render ? c.render(row) : <Tag color={c.color?.(row)}>{cellText(c, row) || '—'}</Tag>,
      };
    case 'tags':
      return {
        ...base,
        render: (_: unknown, row: T) => {
          if (c.render) return c.render(row);
          const values = c.values?.(row) ?? [];
          if (values.length === 0) return '—';
          return (
            <Tooltip title={values.join(', ')} placement="topLeft">
              <div style={{ ...clamp2, lineHeight: '24px' }}>
                {values.map((v) => (
                  <Tag key={v} style={{ marginInlineEnd: 4 }}>
                    {v}
                  </Tag>
                ))}
              </div>
            </Tooltip>
          );
        },
      };
    case 'actions':
      return { ...base, render: (_: unknown, row: T) => c.render?.(row) };
    case 'time':
    case 'number':
    case 'money':
      return {
        ...base,
        render: (_: unknown, row: T) => (
          <span style={{ whiteSpace: 'nowrap' }}>{c.render ? c.render(row) : cellText(c, row) || '—'}</span>
        ),
      };
    default:
      return {
        ...base,
        ellipsis: { showTitle: false },
        render: (_: unknown, row: T) => {
          const text = cellText(c, row);
          return (
            <Tooltip title={text || undefined} placement="topLeft">
              <span style={ellipsis}>{c.render ? c.render(row) : text || '—'}</span>
            </Tooltip>
          );
        },
      };
  }
}
