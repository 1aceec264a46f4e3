import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { type TSuggestResponse, useSuggestions } from '../../shared/hooks/search.js';

type Suggestion = TSuggestResponse['items'][number];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Where a suggestion leads: a brand or a series opens /cars filtered by it, a query searches for it. */
function target(s: Suggestion): string {
  if (s.kind === 'brand' && s.slug) return `/cars?brand=${encodeURIComponent(s.slug)}`;
  if (s.kind === 'series' && s.slug) return `/cars?series=${encodeURIComponent(s.slug)}`;
  return `/cars?q=${encodeURIComponent(s.text)}`;
}

/** The header search box: debounced, typo-tolerant suggestions while typing; Enter searches /cars?q=. */
export function HeaderSearch() {
  const { t } = useTranslation('storefront');
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const urlQ = location.pathname === '/cars' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(urlQ);
  useEffect(() => setText(urlQ), [urlQ]);
  const debounced = useDebounced(text, 250);
  const suggest = useSuggestions(debounced);
  const items = text.trim() ? (suggest.data?.items ?? []) : [];

  function search(q: string) {
    const next = new URLSearchParams(location.pathname === '/cars' ? params : undefined);
    if (q.trim()) next.set('q', q.trim());
    else next.delete('q');
    navigate(`/cars?${next.toString()}`);
  }

  return (
    <AutoComplete
      value={text}
      onChange={(v: string) => setText(v)}
      onSelect={(_v: string, option: { s?: Suggestion }) => {
        if (option.s) {
          setText(option.s.kind === 'query' ? option.s.text : '');
          navigate(target(option.s));
        }
      }}
      options={items.map((s, i) => ({
        value: `${s.kind}:${s.slug ?? s.text}:${i}`,
        s,
        label: (
          <div
            data-testid="suggestion"
            data-kind={s.kind}
            style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}
          >
            <span>{s.text}</span>
            <span style={{ color: '#8c8c8c', fontSize: 12 }}>{t(`catalog.suggest.${s.kind}`)}</span>
          </div>
        ),
      }))}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      defaultActiveFirstOption={false}
    >
      <Input.Search
        placeholder={t('catalog.searchPlaceholder')}
        allowClear
        maxLength={60}
        data-testid="header-search"
        onSearch={(q, _e, info) => {
          if (info?.source !== 'clear') search(q);
        }}
      />
    </AutoComplete>
  );
}
