import {
  EnvironmentOutlined,
  HeartFilled,
  HeartOutlined,
  PhoneOutlined,
  ShareAltOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Collapse, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, isMissingApi } from '../../shared/api.js';
import { NotFound, QueryState } from '../../shared/components/Results.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { usePublicInspection } from '../../shared/hooks/listings.js';
import { type TVehicleDetail, useRecordHistory, useVehicle } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { formatPrice } from './format.js';
import { Gallery } from './Gallery.js';
import { InspectionReportView } from './InspectionReportView.js';
import { recordLocalView } from './local.js';
import { useFavouriteToggle, useIsBuyer } from './saved.js';
import { CompareButton, VehicleCard } from './VehicleCard.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

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
                      {r.display === null
                        ? '—'
                        : r.valueType === 'number' && r.unit
                          ? `${r.display} ${r.unit}`
                          : r.display}
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

function StoreInfo({ store }: { store: NonNullable<TVehicleDetail['store']> }) {
  const { t } = useTranslation('storefront');
  const hasCoords = store.latitude !== null && store.longitude !== null;
  const mapHref = hasCoords
    ? `geo:${store.latitude},${store.longitude}?q=${store.latitude},${store.longitude}(${encodeURIComponent(store.name)})`
    : null;
  return (
    <Card title={t('vehicle.store')} size="small" data-testid="store-info">
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text strong>
          <ShopOutlined /> {store.name}
        </Typography.Text>
        <Typography.Text>
          <EnvironmentOutlined /> {store.address}
        </Typography.Text>
        {hasCoords && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="store-coordinates">
            {t('vehicle.coordinates')} {store.latitude?.toFixed(5)}, {store.longitude?.toFixed(5)}
            {mapHref && (
              <>
                {' · '}
                <a href={mapHref} data-testid="store-map-link">
                  {t('vehicle.openMap')}
                </a>
              </>
            )}
          </Typography.Text>
        )}
        {store.phone && (
          <Typography.Text>
            <PhoneOutlined /> <a href={`tel:${store.phone}`}>{store.phone}</a>
          </Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary">{t('vehicle.hours')}</Typography.Text>
          <div style={{ fontSize: 12, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0 12px' }}>
            {DAYS.map((d) => (
              <div key={d} style={{ display: 'contents' }}>
                <span>{t(`vehicle.days.${d}`)}</span>
                <span>
                  {(store.openingHours[d] ?? []).length === 0
                    ? t('vehicle.closed')
                    : (store.openingHours[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')}
                </span>
              </div>
            ))}
          </div>
        </div>
      </Space>
    </Card>
  );
}

function Actions({ d }: { d: TVehicleDetail }) {
  const { t } = useTranslation('storefront');
  const { message } = App.useApp();
  const fav = useFavouriteToggle(d.vehicle.id, d.favourite);
  async function share() {
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      void message.success(t('vehicle.copied'));
    } catch {
      void message.warning(t('vehicle.copyFailed'));
    }
  }
  return (
    <Space wrap>
      <Button
        icon={fav.on ? <HeartFilled style={{ color: '#cf1322' }} /> : <HeartOutlined />}
        onClick={fav.toggle}
        loading={fav.pending}
        data-testid="favourite-toggle"
        data-on={fav.on}
      >
        {fav.on ? t('vehicle.favourited') : t('vehicle.favourite')}
      </Button>
      <Button icon={<ShareAltOutlined />} onClick={() => void share()} data-testid="share">
        {t('vehicle.share')}
      </Button>
      <CompareButton id={d.vehicle.id} title={d.vehicle.title} size="middle" />
    </Space>
  );
}

/** /vehicles/:id: gallery, price, key facts, actions, store, inspection report, parameters, similar cars. */
export function VehiclePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('storefront');
  const q = useVehicle(id);
  const buyer = useIsBuyer();
  const d = q.data;
  const used = d?.vehicle.kind === 'used';
  const inspection = usePublicInspection(id, Boolean(used && d?.used?.inspection));
  const cities = useCities().data;
  const cityLabel = (code: string) =>
    cityName(
      cities?.find((c) => c.code === code),
      i18n.language,
    ) || code;

  const recordHistory = useRecordHistory();
  const recordServerView = recordHistory.mutate;
  const recorded = useRef<string | null>(null);
  const viewedId = d?.vehicle.id;
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
  useEffect(() => {
    if (d) document.title = `${d.vehicle.title} | Autoyard`;
  }, [d]);

  if (q.error instanceof ApiError && q.error.status === 404 && !isMissingApi(q.error)) return <NotFound />;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {d && (
        <div data-testid="vehicle-page" data-id={d.vehicle.id}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={14}>
              <Card styles={{ body: { padding: 8 } }}>
                <Gallery
                  images={d.gallery.filter((m) => m.kind === 'image')}
                  videoUrl={d.gallery.find((m) => m.kind === 'video')?.url}
                  spinFrames={d.gallery.filter((m) => m.kind === 'spin360').map((m) => m.url)}
                  alt={d.vehicle.title}
                />
              </Card>
            </Col>
            <Col xs={24} md={10}>
              <Card>
                <Space size={4} wrap style={{ marginBottom: 4 }}>
                  <Tag color={used ? 'blue' : 'volcano'}>{t(`catalog.kind.${d.vehicle.kind}`)}</Tag>
                  <Tag>
                    {t(`catalog.energyTypes.${d.vehicle.energyType}`, { defaultValue: d.vehicle.energyType })}
                  </Tag>
                  <Tag>{cityLabel(d.vehicle.cityCode)}</Tag>
                </Space>
                <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="vehicle-title">
                  {d.vehicle.title}
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
                        {t('vehicle.discount', { price: formatPrice(d.price.discountFen) })}
                      </Tag>
                    )}
                  </div>
                </div>
                <Descriptions size="small" column={2} data-testid="key-facts" style={{ marginBottom: 12 }}>
                  {d.keyFacts.map((f) => (
                    <Descriptions.Item key={f.key} label={f.label}>
                      {f.value}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                <Actions d={d} />
              </Card>
              {d.store && (
                <div style={{ marginTop: 16 }}>
                  <StoreInfo store={d.store} />
                </div>
              )}
            </Col>
          </Row>
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
            <Card style={{ marginTop: 16 }} size="small">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {d.description}
              </Typography.Paragraph>
            </Card>
          )}
          <div style={{ marginTop: 16 }}>
            <ParameterSheet groups={d.parameters} />
          </div>
          {d.similar.length > 0 && (
            <div style={{ marginTop: 16 }} data-testid="similar">
              <Typography.Title level={5}>{t('vehicle.similar')}</Typography.Title>
              <Row gutter={[12, 12]}>
                {d.similar.map((v) => (
                  <Col key={v.id} xs={12} md={6}>
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
