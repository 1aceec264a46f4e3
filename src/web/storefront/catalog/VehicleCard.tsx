import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LangText } from '../../shared/components/LangText.js';
import type { TVehicleCard } from '../../shared/hooks/search.js';
import { CarArt } from './CarArt.js';
import { formatKm, formatPrice, formatSaving } from './format.js';
import { addToCompare, MAX_COMPARE, removeFromCompare, useLocalList } from './local.js';
import { cardTitle, keySpec } from './present.js';

/** The "add to compare" toggle used on cards and the detail page. */
export function CompareButton({
  id,
  title,
  size = 'small',
  block,
}: {
  id: string;
  title: string;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
}) {
  const { t } = useTranslation('storefront');
  const { message } = App.useApp();
  const selected = useLocalList('compare').includes(id);
  return (
    <Button
      size={size}
      block={block}
      type={selected ? 'primary' : 'default'}
      ghost={selected}
      icon={selected ? <CheckOutlined /> : <PlusOutlined />}
      data-testid={`compare-toggle-${id}`}
      data-selected={selected}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        e.stopPropagation();
        if (selected) removeFromCompare(id);
        else if (!addToCompare(id, title)) void message.warning(t('vehicle.compareFull', { n: MAX_COMPARE }));
      }}
    >
      {selected ? t('vehicle.inCompare') : t('vehicle.addCompare')}
    </Button>
  );
}

/** One badge for the kind, then the key spec and, for used cars, mileage, registration and grade (once). */
function Facts({ v }: { v: TVehicleCard }) {
  const { t } = useTranslation('storefront');
  const spec = keySpec(v);
  return (
    <Space size={[4, 4]} wrap style={{ marginBottom: 4 }} data-testid="vehicle-card-facts">
      <Tag
        color={v.kind === 'used' ? 'blue' : 'volcano'}
        style={{ margin: 0 }}
        data-testid="vehicle-card-kind"
      >
        {t(`catalog.kind.${v.kind}`)}
      </Tag>
      <Tag style={{ margin: 0 }}>
        {t(`catalog.energyTypes.${v.energyType}`, { defaultValue: v.energyType })}
      </Tag>
      {spec && (
        <Tag style={{ margin: 0 }} data-testid="vehicle-card-spec">
          {spec.kind === 'range'
            ? t('catalog.card.range', { km: spec.km })
            : t('catalog.card.displacement', { l: spec.litres })}
        </Tag>
      )}
      {v.kind === 'used' && (
        <>
          <Tag style={{ margin: 0 }} data-testid="vehicle-card-mileage">
            {formatKm(v.mileageKm)}
          </Tag>
          {v.firstRegistrationDate && (
            <Tag style={{ margin: 0 }}>
              {t('catalog.card.reg', { date: v.firstRegistrationDate.slice(0, 7) })}
            </Tag>
          )}
          {v.conditionGrade !== null && (
            <Tag style={{ margin: 0 }} color={v.conditionGrade <= 2 ? 'green' : 'orange'}>
              {t('catalog.card.grade', { n: v.conditionGrade })}
            </Tag>
          )}
        </>
      )}
    </Space>
  );
}

function Price({ v }: { v: TVehicleCard }) {
  const { t } = useTranslation('storefront');
  const saving = v.kind === 'new' ? v.guidePriceFen - v.priceFen : 0;
  return (
    <div style={{ display: 'flex', alignItems: 'baseline', gap: 6, flexWrap: 'wrap' }}>
      <Typography.Text strong style={{ color: '#d4380d', fontSize: 18 }} data-testid="vehicle-card-price">
        {formatPrice(v.priceFen)}
      </Typography.Text>
      {v.kind === 'new' && (
        <Typography.Text type="secondary" delete={saving > 0} style={{ fontSize: 12 }}>
          {t('catalog.card.guide', { price: formatPrice(v.guidePriceFen) })}
        </Typography.Text>
      )}
      {saving > 0 && (
        <Tag color="red" style={{ margin: 0 }} data-testid="vehicle-card-saving">
          {t('catalog.card.save', { price: formatSaving(saving) })}
        </Tag>
      )}
    </div>
  );
}

/** Photos uploaded for the listing or trim; generated demo drawings give way to the body-type drawing. */
function isPhoto(url: string | null): url is string {
  return Boolean(url) && !url?.includes('/media/art/');
}

/**
 * A search result: picture, title (brand once, then series and trim), price against the guide price, one
 * key spec, compare toggle. On phones (`row`) the picture sits left of the text so a screen shows several cars.
 */
export function VehicleCard({ v, cityLabel, row }: { v: TVehicleCard; cityLabel?: string; row?: boolean }) {
  const { i18n } = useTranslation('storefront');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const title = cardTitle(v, lang);
  const image = isPhoto(v.imageUrl) ? (
    <img
      src={v.imageUrl}
      alt={title}
      loading="lazy"
      style={{
        width: '100%',
        aspectRatio: '16 / 10',
        objectFit: 'cover',
        background: '#fafafa',
        display: 'block',
      }}
    />
  ) : (
    <CarArt bodyType={v.bodyType} label={title} />
  );
  const footer = (
    <div
      style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 6, gap: 4 }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {cityLabel ?? ''}
      </Typography.Text>
      <CompareButton id={v.id} title={title} />
    </div>
  );
  const heading = (
    <Typography.Paragraph
      ellipsis={{ rows: 2 }}
      strong
      style={{ marginBottom: 4, minHeight: row ? undefined : 44, fontSize: row ? 14 : undefined }}
      data-testid="vehicle-card-title"
      title={title}
    >
      <LangText>{title}</LangText>
    </Typography.Paragraph>
  );
  return (
    <Link
      to={`/vehicles/${v.id}`}
      data-testid="vehicle-card"
      data-id={v.id}
      style={{ display: 'block', height: '100%' }}
    >
      {row ? (
        <Card hoverable size="small" styles={{ body: { padding: 8, display: 'flex', gap: 10 } }}>
          <div
            style={{ width: 128, flex: 'none', borderRadius: 6, overflow: 'hidden', alignSelf: 'flex-start' }}
          >
            {image}
          </div>
          <div style={{ minWidth: 0, flex: 1 }}>
            {heading}
            <Facts v={v} />
            <Price v={v} />
            {footer}
          </div>
        </Card>
      ) : (
        <Card
          hoverable
          size="small"
          style={{ height: '100%' }}
          styles={{ body: { padding: 10 } }}
          cover={image}
        >
          {heading}
          <Facts v={v} />
          <Price v={v} />
          {footer}
        </Card>
      )}
    </Link>
  );
}
