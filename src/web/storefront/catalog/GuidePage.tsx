import { BulbOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ENERGY_PREFERENCES,
  USAGES,
  ZRecommendationRequest,
} from '../../../server/modules/search/search.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { type TRecommendationRequest, useRecommendations } from '../../shared/hooks/search.js';
import { cityName } from '../CitySelector.js';
import { useChosenCity } from '../city.js';
import { formatPrice } from './format.js';

interface Values {
  budget: [number, number];
  usage: (typeof USAGES)[number];
  seats?: number;
  energyPreference: (typeof ENERGY_PREFERENCES)[number];
  cityCode: string;
}

/** /guide (选车助手): budget, usage, seats, energy preference and city → recommended trims with reasons. */
export function GuidePage() {
  const { t, i18n } = useTranslation('storefront');
  const chosenCity = useChosenCity();
  const cities = useCities().data ?? [];
  const [form] = Form.useForm<Values>();
  const [request, setRequest] = useState<TRecommendationRequest | null>(null);
  const rec = useRecommendations(request);
  const budget = Form.useWatch('budget', form);

  function submit(v: Values) {
    const parsed = ZRecommendationRequest.safeParse({
      budgetMinYuan: v.budget[0] * 10_000,
      budgetMaxYuan: v.budget[1] * 10_000,
      usage: v.usage,
      seats: v.seats,
      energyPreference: v.energyPreference,
      cityCode: v.cityCode,
    });
    if (parsed.success) setRequest(parsed.data);
  }

  const energyLabel = (e: string) =>
    e === 'any'
      ? t('guide.energyAny')
      : e === 'nev'
        ? t('guide.nev')
        : e === 'fuel'
          ? t('guide.fuel')
          : t(`catalog.energyTypes.${e}`);

  return (
    <Row gutter={[16, 16]} data-testid="guide-page">
      <Col xs={24} lg={9}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            <BulbOutlined /> {t('guide.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('guide.subtitle')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{
              budget: [10, 25],
              usage: 'family',
              energyPreference: 'any',
              cityCode: chosenCity,
            }}
          >
            <Form.Item
              label={`${t('guide.budget')}: ${budget ? `${budget[0]}-${budget[1]}` : ''}`}
              name="budget"
            >
              <Slider range min={1} max={100} data-testid="guide-budget" />
            </Form.Item>
            <Form.Item label={t('guide.usage')} name="usage">
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="guide-usage">
                {USAGES.map((u) => (
                  <Radio.Button key={u} value={u} style={{ marginBottom: 4 }}>
                    {t(`guide.usages.${u}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('guide.seats')} name="seats">
              <InputNumber
                min={2}
                max={9}
                placeholder={t('catalog.filters.any')}
                style={{ width: 120 }}
                data-testid="guide-seats"
              />
            </Form.Item>
            <Form.Item label={t('guide.energy')} name="energyPreference">
              <Select
                options={ENERGY_PREFERENCES.map((e) => ({ value: e, label: energyLabel(e) }))}
                data-testid="guide-energy"
              />
            </Form.Item>
            <Form.Item label={t('guide.city')} name="cityCode">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={cities.map((c) => ({ value: c.code, label: cityName(c, i18n.language) }))}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={rec.isFetching}
              data-testid="guide-submit"
            >
              {t('guide.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {request && (
          <QueryState isLoading={rec.isLoading} error={rec.error} onRetry={() => void rec.refetch()}>
            {(rec.data?.items.length ?? 0) === 0 ? (
              <Empty description={t('guide.none')} />
            ) : (
              <>
                <Typography.Title level={5}>
                  {t('guide.results', { count: rec.data?.items.length ?? 0 })}
                </Typography.Title>
                <Space orientation="vertical" style={{ width: '100%' }} data-testid="guide-results">
                  {rec.data?.items.map((r) => (
                    <Card key={r.trimId} size="small" data-testid="recommendation">
                      <div style={{ display: 'flex', gap: 12 }}>
                        {r.imageUrl && (
                          <img
                            src={r.imageUrl}
                            alt={r.trimName}
                            style={{
                              width: 120,
                              height: 90,
                              objectFit: 'cover',
                              borderRadius: 6,
                              flex: 'none',
                            }}
                          />
                        )}
                        <div style={{ minWidth: 0 }}>
                          <Typography.Text strong>
                            {r.brandName} {r.seriesName} {r.trimName}
                          </Typography.Text>
                          <div>
                            <Typography.Text strong style={{ color: '#d4380d' }}>
                              {formatPrice(r.fromPriceFen)}
                            </Typography.Text>{' '}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('catalog.card.guide', { price: formatPrice(r.guidePriceFen) })}
                            </Typography.Text>
                          </div>
                          <Space size={[4, 4]} wrap style={{ margin: '4px 0' }}>
                            <Tag>
                              {t(`catalog.energyTypes.${r.energyType}`, { defaultValue: r.energyType })}
                            </Tag>
                            <Tag>{t(`catalog.bodyTypes.${r.bodyType}`, { defaultValue: r.bodyType })}</Tag>
                            <Tag>{t('catalog.filters.seatsN', { n: r.seats })}</Tag>
                            {r.electricRangeKm ? <Tag>{r.electricRangeKm} km</Tag> : null}
                          </Space>
                          <ul
                            style={{ margin: '4px 0', paddingLeft: 18, fontSize: 13 }}
                            data-testid="recommendation-reasons"
                          >
                            {r.reasons.map((reason) => (
                              <li key={reason}>{reason}</li>
                            ))}
                          </ul>
                          <Space size={16}>
                            <Link
                              to={`/cars?series=${encodeURIComponent(r.seriesSlug)}`}
                              data-testid="recommendation-listings"
                            >
                              {t('guide.listings')}
                            </Link>
                            {r.listingId && (
                              <Link to={`/vehicles/${r.listingId}`} data-testid="recommendation-vehicle">
                                {t('guide.bestOffer')}
                              </Link>
                            )}
                          </Space>
                        </div>
                      </div>
                    </Card>
                  ))}
                </Space>
              </>
            )}
          </QueryState>
        )}
      </Col>
    </Row>
  );
}
