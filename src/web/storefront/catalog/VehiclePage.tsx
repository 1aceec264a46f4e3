import { ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import { Card, Col, Collapse, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useTrackVehicleView } from '../../shared/analytics/tracker.js';
import { ApiError, isMissingApi } from '../../shared/api.js';
import { LangText } from '../../shared/components/LangText.js';
import { NotFound, QueryState } from '../../shared/components/Results.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { usePublicInspection } from '../../shared/hooks/listings.js';
import { type TVehicleDetail, useRecordHistory, useVehicle } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { useChosenCity } from '../city.js';
import { ChatWidget } from '../consultation/ChatWidget.js';
import { PriceBreakdown } from '../pricing/PriceBreakdown.js';
import { PriceHistoryCard } from '../pricing/PriceHistoryCard.js';
import { ActionArea } from './ActionArea.js';
import { FinanceInsuranceCard } from './FinanceInsuranceCard.js';
import { formatPrice, formatSaving } from './format.js';
import { Gallery } from './Gallery.js';
import { InspectionReportView } from './InspectionReportView.js';
import { recordLocalView } from './local.js';
import { amapUrl, baiduUrl, cardTitle, foldHours, usePageTitle } from './present.js';
import { useIsBuyer } from './saved.js';
import { VehicleCard } from './VehicleCard.js';

function ParameterSheet({ groups }: { groups: TVehicleDetail['parameters'] }) {
  const { t } = useTranslation('storefront');
  return (
    <Card
      title={t('vehicle.params')}
      extra={<Typography.Text type="secondary">{t('vehicle.legend')}</Typography.Text>}
      data-testid="parameter-sheet"
    >
      <Collapse
        size="small"
        defaultActiveKey={groups.slice(0, 2).map((g) => g.group)}
        items={groups.map((g) => ({
          key: g.group,
          label: t(`vehicle.groups.${g.group}`, { defaultValue: g.group }),
          children: (
            <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.key} style={{ borderBottom: '1px solid #f0f0f0' }}>
                    <td style={{ padding: '6px 8px', color: '#595959', width: '45%' }}>{r.name}</td>
                    <td style={{ padding: '6px 8px' }}>
                      {r.display === null ? (
                        '—'
                      ) : r.valueType === 'number' && r.unit ? (
                        `${r.display} ${r.unit}`
                      ) : (
                        <LangText>{r.display}</LangText>
                      )}
                      {r.optionPriceFen ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {' '}
                          {t('vehicle.optionPrice', { price: formatPrice(r.optionPriceFen) })}
                        </Typography.Text>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ),
        }))}
      />
    </Card>
  );
}

/** The store box: name, address, phone, folded opening hours and map links (no raw coordinates). */
function StoreInfo({ store }: { store: NonNullable<TVehicleDetail['store']> }) {
  const { t, i18n } = useTranslation('storefront');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const amap = amapUrl(store);
  const baidu = baiduUrl(store);
  return (
    <Card title={t('vehicle.store')} size="small" data-testid="store-info">
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text strong>
          <ShopOutlined /> <LangText>{store.name}</LangText>
        </Typography.Text>
        <Typography.Text data-testid="store-address">
          <EnvironmentOutlined /> {store.cityName} · <LangText>{store.address}</LangText>
        </Typography.Text>
        {(amap || baidu) && (
          <Space size={12} wrap data-testid="store-map-links">
            {amap && (
              <a href={amap} target="_blank" rel="noopener noreferrer" data-testid="store-map-link">
                {t('vehicle.mapAmap')}
              </a>
            )}
            {baidu && (
              <a href={baidu} target="_blank" rel="noopener noreferrer" data-testid="store-map-baidu">
                {t('vehicle.mapBaidu')}
              </a>
            )}
          </Space>
        )}
        {store.phone && (
          <Typography.Text>
            <PhoneOutlined /> <a href={`tel:${store.phone.replace(/[^\d+]/g, '')}`}>{store.phone}</a>
          </Typography.Text>
        )}
        <div data-testid="store-hours">
          <Typography.Text type="secondary">
            <ClockCircleOutlined /> {t('vehicle.hours')}
          </Typography.Text>
          {foldHours(store.openingHours, lang).map((line) => (
            <div key={line} style={{ fontSize: 13 }}>
              {line}
            </div>
          ))}
        </div>
      </Space>
    </Card>
  );
}

/** The trim's factory colours and option packages, as operators keep them in the console. */
function TrimOptions({ d }: { d: TVehicleDetail }) {
  const { t } = useTranslation('storefront');
  if (d.colours.length === 0 && d.packages.length === 0) return null;
  const kinds = (['exterior', 'interior'] as const).filter((k) => d.colours.some((c) => c.kind === k));
  return (
    <Card size="small" title={t('vehicle.options')} data-testid="trim-options" style={{ marginTop: 16 }}>
      {kinds.map((k) => (
        <div key={k} style={{ marginBottom: 12 }} data-testid={`colours-${k}`}>
          <Typography.Text type="secondary">{t(`vehicle.colourKinds.${k}`)}</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 16px', marginTop: 6 }}>
            {d.colours
              .filter((c) => c.kind === k)
              .map((c) => (
                <span
                  key={`${c.kind}-${c.name}`}
                  data-testid="colour-swatch"
                  style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
                >
                  <span
                    aria-hidden
                    style={{
                      width: 20,
                      height: 20,
                      borderRadius: '50%',
                      background: c.hex,
                      border: '1px solid #d9d9d9',
                      flex: 'none',
                    }}
                  />
                  <span>{c.name}</span>
                  {c.priceDeltaFen > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('vehicle.colourExtra', { price: formatSaving(c.priceDeltaFen) })}
                    </Typography.Text>
                  )}
                </span>
              ))}
          </div>
        </div>
      ))}
      {d.packages.length > 0 && (
        <div data-testid="option-packages">
          <Typography.Text type="secondary">{t('vehicle.packages')}</Typography.Text>
          {d.packages.map((p) => (
            <div
              key={p.id}
              data-testid="option-package"
              style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}
            >
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text strong>
                  <LangText>{p.name}</LangText>
                </Typography.Text>
                <Typography.Text style={{ color: '#d4380d', whiteSpace: 'nowrap' }}>
                  {formatSaving(p.priceFen)}
                </Typography.Text>
              </div>
              {p.description && (
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                  <LangText>{p.description}</LangText>
                </Typography.Paragraph>
              )}
              {p.includes.length > 0 && (
                <div style={{ fontSize: 13 }}>
                  <LangText>
                    {t('vehicle.packageIncludes', { items: p.includes.join(t('vehicle.listSeparator')) })}
                  </LangText>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/**
 * /vehicles/:id: gallery, price, key facts, colours and packages, inspection report, parameters; on the
 * right the action area and the store; similar cars (the buyer's city first) below.
 */
export function VehiclePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('storefront');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const chosenCity = useChosenCity();
  const q = useVehicle(id, chosenCity || undefined);
  const buyer = useIsBuyer();
  const d = q.data;
  const used = d?.vehicle.kind === 'used';
  const inspection = usePublicInspection(id, Boolean(used && d?.used?.inspection));
  const cities = useCities().data;
  const cityLabel = (code: string) =>
    cityName(
      cities?.find((c) => c.code === code),
      i18n.language,
    );

  const recordHistory = useRecordHistory();
  const recordServerView = recordHistory.mutate;
  const recorded = useRef<string | null>(null);
  const viewedId = d?.vehicle.id;
  useTrackVehicleView(d?.vehicle);
  useEffect(() => {
    // Signed in: one POST per vehicle opened (the ref keeps refetches and StrictMode's second run from
    // repeating it). Signed out: the browser keeps the history until sign-in merges it.
    if (!viewedId) return;
    if (!buyer) {
      recordLocalView(viewedId);
      return;
    }
    if (recorded.current === viewedId) return;
    recorded.current = viewedId;
    recordServerView(viewedId);
  }, [viewedId, buyer, recordServerView]);
  const title = d ? cardTitle(d.vehicle, lang) : '';
  usePageTitle(title);

  if (q.error instanceof ApiError && q.error.status === 404 && !isMissingApi(q.error)) return <NotFound />;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {d && (
        <div data-testid="vehicle-page" data-id={d.vehicle.id}>
          <ChatWidget listingId={d.vehicle.id} />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={15} lg={16} style={{ minWidth: 0 }}>
              <Card styles={{ body: { padding: 8 } }}>
                <Gallery
                  images={d.gallery.filter((m) => m.kind === 'image')}
                  videoUrl={d.gallery.find((m) => m.kind === 'video')?.url}
                  spinFrames={d.gallery.filter((m) => m.kind === 'spin360').map((m) => m.url)}
                  alt={title}
                />
              </Card>
              <Card style={{ marginTop: 16 }}>
                <Space size={4} wrap style={{ marginBottom: 4 }}>
                  <Tag color={used ? 'blue' : 'volcano'}>{t(`catalog.kind.${d.vehicle.kind}`)}</Tag>
                  <Tag>
                    {t(`catalog.energyTypes.${d.vehicle.energyType}`, { defaultValue: d.vehicle.energyType })}
                  </Tag>
                  {cityLabel(d.vehicle.cityCode) && <Tag>{cityLabel(d.vehicle.cityCode)}</Tag>}
                </Space>
                <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="vehicle-title">
                  <LangText>{title}</LangText>
                </Typography.Title>
                <div data-testid="vehicle-price" style={{ marginBottom: 12 }}>
                  <Typography.Text type="secondary">{t('vehicle.price')} </Typography.Text>
                  <Typography.Text strong style={{ color: '#d4380d', fontSize: 28 }}>
                    {formatPrice(d.price.priceFen)}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" delete={!used && d.price.discountFen > 0}>
                      {used ? t('vehicle.newGuidePrice') : t('vehicle.guidePrice')}{' '}
                      {formatPrice(d.price.guidePriceFen)}
                    </Typography.Text>
                    {!used && d.price.discountFen > 0 && (
                      <Tag color="red" style={{ marginLeft: 8 }}>
                        {t('vehicle.discount', { price: formatSaving(d.price.discountFen) })}
                      </Tag>
                    )}
                  </div>
                </div>
                <Descriptions
                  size="small"
                  column={{ xs: 2, sm: 3 }}
                  data-testid="key-facts"
                  title={t('vehicle.keyFacts')}
                >
                  {d.keyFacts
                    .filter((f) => f.key !== 'price' && f.key !== 'guidePrice')
                    .map((f) => (
                      <Descriptions.Item key={f.key} label={f.label}>
                        {f.value}
                      </Descriptions.Item>
                    ))}
                </Descriptions>
              </Card>
              <TrimOptions d={d} />
              <div style={{ marginTop: 16, display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
                <PriceBreakdown listingId={d.vehicle.id} cityCode={chosenCity || null} used={used} />
                <PriceHistoryCard listingId={d.vehicle.id} signedIn={buyer} />
                <FinanceInsuranceCard d={d} cityCode={chosenCity || null} />
              </div>
              {used && d.used && (
                <div style={{ marginTop: 16 }}>
                  {inspection.data ? (
                    <InspectionReportView report={inspection.data} />
                  ) : (
                    <QueryState isLoading={inspection.isLoading} error={inspection.error}>
                      {null}
                    </QueryState>
                  )}
                  {d.used.disclosureNote && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                      {d.used.disclosureNote}
                    </Typography.Paragraph>
                  )}
                </div>
              )}
              {d.description && (
                <Card style={{ marginTop: 16 }} size="small" title={t('vehicle.description')}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    <LangText>{d.description}</LangText>
                  </Typography.Paragraph>
                </Card>
              )}
              <div style={{ marginTop: 16 }}>
                <ParameterSheet groups={d.parameters} />
              </div>
            </Col>
            <Col xs={24} md={9} lg={8}>
              <div style={{ position: 'sticky', top: 88, display: 'grid', gap: 16 }}>
                <ActionArea d={d} />
                {d.store && <StoreInfo store={d.store} />}
              </div>
            </Col>
          </Row>
          {d.similar.length > 0 && (
            <div style={{ marginTop: 16 }} data-testid="similar">
              <Typography.Title level={5}>{t('vehicle.similar')}</Typography.Title>
              <Row gutter={[12, 12]}>
                {d.similar.map((v) => (
                  <Col key={v.id} xs={12} md={6} lg={4}>
                    <VehicleCard v={v} cityLabel={cityLabel(v.cityCode)} />
                  </Col>
                ))}
              </Row>
            </div>
          )}
        </div>
      )}
    </QueryState>
  );
}
