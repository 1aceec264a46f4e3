import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Space, Switch, Tag, Typography } from 'antd';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useTrackCompare } from '../../shared/analytics/tracker.js';
import { QueryState } from '../../shared/components/Results.js';
import { useCompare } from '../../shared/hooks/search.js';
import { formatPrice } from './format.js';
import { MAX_COMPARE, readLocalList, removeFromCompare, setCompare, useLocalList } from './local.js';
import { seriesWithoutBrand, usePageTitle } from './present.js';

const ID = /^lst_[a-z0-9_]{1,60}$/;

/**
 * /compare?ids=a,b,c: up to four vehicles side by side, parameters by group, with "highlight
 * differences" and "hide identical rows", the best value of each row with a direction marked. The URL is
 * the selection (shareable); the tray mirrors it.
 */
export function ComparePage() {
  const { t } = useTranslation('storefront');
  const [url, setUrl] = useSearchParams();
  const tray = useLocalList('compare');
  const fromUrl = useMemo(
    () => [...new Set((url.get('ids') ?? '').split(',').filter((x) => ID.test(x)))].slice(0, MAX_COMPARE),
    [url],
  );
  const phone = Grid.useBreakpoint().sm === false;
  const [highlight, setHighlight] = useState(true);
  usePageTitle(t('compare.title'));
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
  useTrackCompare(ids, Boolean(data));

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

  // Phones show two cars beside the names; wider screens up to four.
  const labelWidth = phone ? 92 : 150;
  const colWidth: string | number = phone ? '((100vw - 24px - 24px - 92px) / 2)' : 200;
  const headBg = '#fff';
  return (
    <Card data-testid="compare-page" styles={{ body: { padding: 12 } }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('compare.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space>
          <Switch
            checked={highlight}
            onChange={setHighlight}
            aria-label={t('compare.highlight')}
            data-testid="compare-highlight"
          />
          <span>{t('compare.highlight')}</span>
        </Space>
        <Space>
          <Switch
            checked={hideSame}
            onChange={setHideSame}
            aria-label={t('compare.hideSame')}
            data-testid="compare-hide-same"
          />
          <span>{t('compare.hideSame')}</span>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        <Tag color="green" style={{ marginInlineEnd: 4 }}>
          {t('compare.best')}
        </Tag>
        {t('compare.bestHint')}
      </Typography.Paragraph>
      <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
        {data && (
          // One scroll box for both directions, so the header row sticks to its top while the ~130 rows
          // scroll and the names column and group headings stick to its left while the cars scroll sideways.
          <div
            data-testid="compare-scroll"
            style={{ overflow: 'auto', maxHeight: 'calc(100vh - 150px)', overscrollBehaviorX: 'contain' }}
          >
            <table
              data-testid="compare-table"
              data-columns={data.columns.length}
              style={{
                borderCollapse: 'separate',
                borderSpacing: 0,
                fontSize: 13,
                tableLayout: 'fixed',
                // Fixed column widths need a table width: two cars per screen on a phone.
                width: phone
                  ? `calc(${labelWidth}px + ${data.columns.length} * ${colWidth})`
                  : labelWidth + (colWidth as number) * data.columns.length,
                minWidth: phone ? undefined : '100%',
              }}
            >
              <colgroup>
                <col style={{ width: labelWidth }} />
                {data.columns.map((c) => (
                  <col key={c.id} style={{ width: phone ? `calc${colWidth}` : colWidth }} />
                ))}
              </colgroup>
              <thead>
                <tr data-testid="compare-head">
                  <th
                    style={{
                      position: 'sticky',
                      left: 0,
                      top: 0,
                      background: headBg,
                      zIndex: 3,
                      borderBottom: '2px solid #f0f0f0',
                    }}
                  />
                  {data.columns.map((c) => (
                    <th
                      key={c.id}
                      data-testid="compare-column"
                      style={{
                        verticalAlign: 'top',
                        padding: 6,
                        textAlign: 'left',
                        position: 'sticky',
                        top: 0,
                        zIndex: 2,
                        background: headBg,
                        borderBottom: '2px solid #f0f0f0',
                      }}
                    >
                      <div style={{ position: 'relative', paddingRight: 24 }}>
                        <Button
                          size="small"
                          type="text"
                          icon={<CloseOutlined />}
                          aria-label={t('compare.remove')}
                          onClick={() => remove(c.id)}
                          style={{ position: 'absolute', right: 0, top: 0 }}
                          data-testid={`compare-remove-${c.id}`}
                        />
                        {c.imageUrl && !phone && (
                          <img
                            src={c.imageUrl}
                            alt=""
                            style={{
                              width: 96,
                              height: 60,
                              objectFit: 'cover',
                              borderRadius: 4,
                              display: 'block',
                            }}
                          />
                        )}
                        <Link
                          to={`/vehicles/${c.id}`}
                          style={{ display: 'block', fontWeight: 600, marginTop: 4, wordBreak: 'break-word' }}
                        >
                          {`${c.brandName} ${seriesWithoutBrand(c.seriesName, [c.brandName])}`}
                        </Link>
                        <Typography.Text strong style={{ color: '#d4380d' }} data-testid="compare-price">
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
                      <tr data-testid="compare-group">
                        <td
                          colSpan={data.columns.length + 1}
                          style={{ background: '#fafafa', fontWeight: 600, padding: '8px 0' }}
                        >
                          {/* Sticky inside the wide cell: the heading stays in view while cars scroll sideways. */}
                          <span
                            data-testid="compare-group-heading"
                            style={{ position: 'sticky', left: 0, padding: '0 8px', display: 'inline-block' }}
                          >
                            {t(`vehicle.groups.${g.group}`, { defaultValue: g.group })}
                          </span>
                        </td>
                      </tr>
                      {rows.map((r) => {
                        const lit = highlight && r.different;
                        const bg = lit ? '#fff1e6' : '#fff';
                        return (
                          <tr
                            key={r.key}
                            data-testid="compare-row"
                            data-key={r.key}
                            data-different={r.different}
                            data-highlighted={lit}
                          >
                            <th
                              scope="row"
                              style={{
                                padding: 6,
                                color: '#595959',
                                fontWeight: 400,
                                textAlign: 'left',
                                position: 'sticky',
                                left: 0,
                                zIndex: 1,
                                background: bg,
                                borderBottom: '1px solid #f0f0f0',
                                wordBreak: 'break-word',
                              }}
                            >
                              {r.name}
                              {r.unit ? ` (${r.unit})` : ''}
                            </th>
                            {r.values.map((v, i) => {
                              const best = r.best.includes(i);
                              return (
                                <td
                                  key={data.columns[i]?.id ?? i}
                                  data-best={best || undefined}
                                  style={{
                                    padding: 6,
                                    background: bg,
                                    borderBottom: '1px solid #f0f0f0',
                                    fontWeight: lit || best ? 600 : undefined,
                                    color: best ? '#389e0d' : undefined,
                                    wordBreak: 'break-word',
                                  }}
                                >
                                  {v ?? '—'}
                                  {best && (
                                    <Tag
                                      color="green"
                                      style={{ marginInlineStart: 4 }}
                                      data-testid="compare-best"
                                    >
                                      {t('compare.best')}
                                    </Tag>
                                  )}
                                </td>
                              );
                            })}
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
