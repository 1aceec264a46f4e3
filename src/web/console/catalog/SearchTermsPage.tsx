import './i18n.js';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUERY_TERM_FILTER_VALUES } from '../../../server/modules/search/search.contract.js';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { useStaffMe } from '../../shared/hooks/identity.js';
import {
  type TQueryTerm,
  useDeleteQueryTerm,
  useQueryTerms,
  useUnderstand,
} from '../../shared/hooks/search-terms.js';
import { useLabels } from '../../shared/labels.js';
import { SearchTermModal, type TermDraft } from './SearchTermModal.js';

// /console/catalog/search-terms: the words search reads as filters (built-in and operators' own), and a
// box to try how a query is read.

/** The value of a term as people read it: labels for codes, units for numbers. */
function useValueLabel() {
  const { t, i18n } = useTranslation('consoleCatalog');
  const L = useLabels();
  const cities = useCities().data;
  return (term: Pick<TQueryTerm, 'filter' | 'value'>): string => {
    const list = term.value.split(',').filter(Boolean);
    switch (term.filter) {
      case 'body':
        return list.map((v) => L.label('bodyType', v)).join('、');
      case 'energy':
        return list.map((v) => L.label('energyType', v)).join('、');
      case 'segment':
        return list.map((v) => L.label('segment', v)).join('、');
      case 'seats':
        return list.map((n) => t('searchTerms.seatsN', { n })).join('、');
      case 'city':
        return list
          .map((code) => {
            const c = cities?.find((x) => x.code === code);
            return c ? (i18n.language === 'en' ? c.nameEn : c.name) : code;
          })
          .join('、');
      case 'kind':
        return L.label('listingKind', term.value);
      case 'sort':
        return t(`searchTerms.sorts.${term.value}`, { defaultValue: term.value });
      case 'age':
        return t('searchTerms.ageValue', { n: term.value });
      case 'mileage':
        return t('searchTerms.mileageValue', { n: Number(term.value).toLocaleString('en-US') });
      case 'ignore':
        return t('searchTerms.ignoreValue');
    }
  };
}

export function SearchTermsPage() {
  const { t } = useTranslation('consoleCatalog');
  const { message } = App.useApp();
  const me = useStaffMe();
  const canManage = Boolean(me?.permissions.includes('catalog.manage'));
  const terms = useQueryTerms();
  const remove = useDeleteQueryTerm();
  const valueLabel = useValueLabel();
  const [filter, setFilter] = useState<TQueryTerm['filter'] | undefined>();
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<TermDraft | null>(null);
  const needle = text.trim().toLowerCase();
  const rows = (terms.data?.items ?? []).filter(
    (r) =>
      (!filter || r.filter === filter) &&
      (!needle || r.term.toLowerCase().includes(needle) || (r.note ?? '').toLowerCase().includes(needle)),
  );
  const filterLabel = (f: string) => t(`searchTerms.filters.${f}`, { defaultValue: f });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="search-terms-page">
      <TryIt />
      <Card
        title={t('searchTerms.menu')}
        extra={
          canManage && (
            <Button type="primary" onClick={() => setDraft({ term: null })} data-testid="search-term-add">
              {t('searchTerms.add')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('searchTerms.help')}</Typography.Paragraph>
        <DataTable<TQueryTerm>
          testId="search-terms"
          rows={rows}
          rowKey={(r) => r.id ?? `builtin:${r.filter}:${r.term}:${r.value}`}
          rowTestId={(r) => `search-term-${r.builtIn ? 'builtin' : 'custom'}-${r.term}-${r.filter}`}
          loading={terms.isLoading}
          error={terms.error}
          onRetry={() => void terms.refetch()}
          urlKey="terms_"
          exportName="search-terms"
          toolbar={
            <Space wrap>
              <Select
                allowClear
                placeholder={t('searchTerms.allFilters')}
                style={{ width: 160 }}
                value={filter}
                onChange={setFilter}
                options={QUERY_TERM_FILTER_VALUES.map((f) => ({ value: f, label: filterLabel(f) }))}
                data-testid="search-terms-filter"
              />
              <Input.Search
                allowClear
                placeholder={t('searchTerms.search')}
                onSearch={setText}
                onChange={(e) => setText(e.target.value)}
                style={{ width: 220 }}
                data-testid="search-terms-text"
              />
            </Space>
          }
          columns={[
            { key: 'term', title: t('searchTerms.term'), kind: 'title', value: (r) => r.term },
            {
              key: 'filter',
              title: t('searchTerms.filter'),
              kind: 'tag',
              value: (r) => filterLabel(r.filter),
            },
            { key: 'value', title: t('searchTerms.value'), value: (r) => valueLabel(r) },
            {
              key: 'soft',
              title: t('searchTerms.soft'),
              kind: 'tag',
              value: (r) => (r.soft ? t('searchTerms.soft') : ''),
              render: (r) => (r.soft ? <Tag color="purple">{t('searchTerms.soft')}</Tag> : null),
            },
            {
              key: 'source',
              title: t('searchTerms.source'),
              kind: 'tag',
              value: (r) => (r.builtIn ? t('searchTerms.builtIn') : t('searchTerms.custom')),
              color: (r) => (r.builtIn ? 'default' : 'blue'),
            },
            { key: 'note', title: t('searchTerms.note'), value: (r) => r.note ?? '' },
            {
              key: 'updatedAt',
              title: t('searchTerms.updatedAt'),
              kind: 'time',
              value: (r) => (r.updatedAt ? formatTime(r.updatedAt) : ''),
              sortValue: (r) => r.updatedAt,
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: '',
                    kind: 'actions' as const,
                    render: (r: TQueryTerm) =>
                      r.builtIn || !r.id ? (
                        <Button
                          size="small"
                          onClick={() => setDraft({ term: null, text: r.term, filter: r.filter })}
                          data-testid="search-term-replace"
                        >
                          {t('searchTerms.replace')}
                        </Button>
                      ) : (
                        <Space>
                          <Button
                            size="small"
                            onClick={() => setDraft({ term: r })}
                            data-testid="search-term-edit"
                          >
                            {t('searchTerms.modify')}
                          </Button>
                          <Popconfirm
                            title={t('searchTerms.deleteConfirm')}
                            onConfirm={() => {
                              const id = r.id;
                              if (!id) return;
                              remove
                                .mutateAsync(id)
                                .then(() => void message.success(t('searchTerms.deleted')))
                                .catch(
                                  (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
                                );
                            }}
                          >
                            <Button size="small" danger data-testid="search-term-delete">
                              {t('searchTerms.delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <SearchTermModal draft={draft} onClose={() => setDraft(null)} />
    </Space>
  );
}

/** Type a query, see how search reads it: the pieces understood, the words left as text, the sort. */
function TryIt() {
  const { t } = useTranslation('consoleCatalog');
  const { message } = App.useApp();
  const understand = useUnderstand();
  const answer = understand.data;
  const run = (q: string) => {
    if (!q.trim()) return;
    understand.mutate(q.trim(), {
      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
    });
  };
  return (
    <Card title={t('searchTerms.tryIt.title')} size="small" data-testid="search-try">
      <Input.Search
        placeholder={t('searchTerms.tryIt.placeholder')}
        enterButton={t('searchTerms.tryIt.run')}
        loading={understand.isPending}
        onSearch={run}
        maxLength={100}
        data-testid="search-try-input"
      />
      {answer && (
        <div style={{ marginTop: 12 }} data-testid="search-try-result">
          <div>
            <Typography.Text type="secondary">{t('searchTerms.tryIt.understood')}</Typography.Text>
            {answer.understood.length === 0 ? (
              <Typography.Text>{t('searchTerms.tryIt.nothing')}</Typography.Text>
            ) : (
              answer.understood.map((u) => (
                <Tag
                  key={`${u.filter}-${u.value}-${u.text}`}
                  color="blue"
                  title={u.text}
                  data-testid={`search-try-chip-${u.filter}`}
                >
                  {u.label}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
                    {t(`searchTerms.filters.${u.filter}`)}
                  </Typography.Text>
                </Tag>
              ))
            )}
          </div>
          <div style={{ marginTop: 8 }} data-testid="search-try-words">
            <Typography.Text type="secondary">{t('searchTerms.tryIt.words')}</Typography.Text>
            {answer.words.length === 0 ? (
              <Typography.Text>{t('searchTerms.tryIt.noWords')}</Typography.Text>
            ) : (
              answer.words.map((w) => <Tag key={w}>{w}</Tag>)
            )}
          </div>
          {answer.sort && (
            <div style={{ marginTop: 8 }} data-testid="search-try-sort">
              <Typography.Text type="secondary">{t('searchTerms.tryIt.sort')}</Typography.Text>
              <Tag>{t(`searchTerms.sorts.${answer.sort}`)}</Tag>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
