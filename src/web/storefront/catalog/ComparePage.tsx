import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Switch, Typography } from 'antd';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { useCompare } from '../../shared/hooks/search.js';
import { formatPrice } from './format.js';
import { MAX_COMPARE, readLocalList, removeFromCompare, setCompare, useLocalList } from './local.js';

const ID = /^lst_[a-z0-9_]{1,60}$/;

/**
 * /compare?ids=a,b,c: up to four vehicles side by side, parameters by group, with "highlight
 * differences" and "hide identical rows". The URL is the selection (shareable); the tray mirrors it.
 */
export function ComparePage() {
  const { t } = useTranslation('storefront');
  const [url, setUrl] = useSearchParams();
  const tray = useLocalList('compare');
  const fromUrl = useMemo(
    () => [...new Set((url.get('ids') ?? '').split(',').filter((x) => ID.test(x)))].slice(0, MAX_COMPARE),
    [url],
  );
  const [highlight, setHighlight] = useState(true);
  const [hideSame, setHideSame] = useState(false);

  // The URL wins when it names vehicles (a shared link); otherwise the tray's selection goes into the URL.
  useEffect(() => {
    if (fromUrl.length > 0) setCompare(fromUrl);
    else if (readLocalList('compare').length > 0)
      setUrl({ ids: readLocalList('compare').join(',') }, { replace: true });
  }, [fromUrl, setUrl]);
  const ids = fromUrl.length > 0 ? fromUrl : tray;
  const q = useCompare(ids);
  const data = q.data;

  function remove(id: string) {
    removeFromCompare(id);
    const next = ids.filter((x) => x !== id);
    setUrl(next.length ? { ids: next.join(',') } : {}, { replace: true });
  }

  if (ids.length < 2)
    return (
      <Card data-testid="compare-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('compare.title')}
        </Typography.Title>
        <Empty description={ids.length === 0 ? t('compare.empty') : t('compare.needTwo')}>
          <Link to="/cars">
            <Button type="primary">{t('home.allCars')}</Button>
          </Link>
        </Empty>
      </Card>
    );

  const colWidth = 160;
  return (
    <Card data-testid="compare-page" styles={{ body: { padding: 12 } }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('compare.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space>
          <Switch checked={highlight} onChange={setHighlight} data-testid="compare-highlight" />
          <span>{t('compare.highlight')}</span>
        </Space>
        <Space>
          <Switch checked={hideSame} onChange={setHideSame} data-testid="compare-hide-same" />
          <span>{t('compare.hideSame')}</span>
        </Space>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
        {data && (
          <div style={{ overflowX: 'auto' }}>
            <table
              data-testid="compare-table"
              data-columns={data.columns.length}
              style={{
                borderCollapse: 'collapse',
                fontSize: 13,
                minWidth: 110 + colWidth * data.columns.length,
                width: '100%',
              }}
            >
              <thead>
                <tr>
                  <th style={{ position: 'sticky', left: 0, background: '#fff', width: 110, zIndex: 1 }} />
                  {data.columns.map((c) => (
                    <th
                      key={c.id}
                      data-testid="compare-column"
                      style={{ width: colWidth, verticalAlign: 'top', padding: 6, textAlign: 'left' }}
                    >
                      <div style={{ position: 'relative' }}>
                        <Button
                          size="small"
                          type="text"
                          icon={<CloseOutlined />}
                          aria-label={t('compare.remove')}
                          onClick={() => remove(c.id)}
                          style={{
                            position: 'absolute',
                            right: 0,
                            top: 0,
                            background: 'rgba(255,255,255,0.8)',
                          }}
                          data-testid={`compare-remove-${c.id}`}
                        />
                        {c.imageUrl && (
                          <img
                            src={c.imageUrl}
                            alt={c.title}
                            style={{
                              width: '100%',
                              aspectRatio: '16 / 10',
                              objectFit: 'cover',
                              borderRadius: 4,
                            }}
                          />
                        )}
                        <Link
                          to={`/vehicles/${c.id}`}
                          style={{ display: 'block', fontWeight: 600, marginTop: 4 }}
                        >
                          {c.title}
                        </Link>
                        <Typography.Text strong style={{ color: '#d4380d' }}>
                          {formatPrice(c.priceFen)}
                        </Typography.Text>
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.groups.map((g) => {
                  const rows = hideSame ? g.rows.filter((r) => r.different) : g.rows;
                  if (rows.length === 0) return null;
                  return (
                    <Fragment key={g.group}>
                      <tr>
                        <td
                          colSpan={data.columns.length + 1}
                          style={{
                            background: '#fafafa',
                            fontWeight: 600,
                            padding: '8px 6px',
                            position: 'sticky',
                            left: 0,
                          }}
                        >
                          {t(`vehicle.groups.${g.group}`, { defaultValue: g.group })}
                        </td>
                      </tr>
                      {rows.map((r) => {
                        const lit = highlight && r.different;
                        return (
                          <tr
                            key={r.key}
                            data-testid="compare-row"
                            data-different={r.different}
                            data-highlighted={lit}
                            style={{
                              borderBottom: '1px solid #f0f0f0',
                              background: lit ? '#fff1e6' : undefined,
                            }}
                          >
                            <td
                              style={{
                                padding: '6px',
                                color: '#595959',
                                position: 'sticky',
                                left: 0,
                                background: lit ? '#fff1e6' : '#fff',
                              }}
                            >
                              {r.name}
                              {r.unit ? ` (${r.unit})` : ''}
                            </td>
                            {r.values.map((v, i) => (
                              <td
                                key={data.columns[i]?.id ?? i}
                                style={{ padding: 6, fontWeight: lit ? 600 : undefined }}
                              >
                                {v ?? '—'}
                              </td>
                            ))}
                          </tr>
                        );
                      })}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
