import '../../shared/shop/i18n.js';
import { Alert, App, Button, Card, Descriptions, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { fitsCar, type TAccessory } from '../../../server/modules/accessories/accessories.contract.js';
import { track } from '../../shared/analytics/tracker.js';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { useSeries } from '../../shared/hooks/catalog.js';
import { useShopProduct, useShopStock } from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { useShopCart } from './cart.js';
import { CartLink } from './ShopPage.js';

// /shop/products/:id: variants with their price and stock, whether the 7-day return applies (said BEFORE
// purchase), add to cart.

/** Whether the product fits the car chosen on the shop page (series and model year in the URL). */
function ChosenCarFit({ fitments }: { fitments: TAccessory['fitments'] }) {
  const { t, i18n } = useTranslation('shop');
  const [params] = useSearchParams();
  const seriesId = params.get('series') ?? undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 1990 ? yearParam : null;
  const series = useSeries(seriesId);
  if (!seriesId) return null;
  const name = series.data ? (i18n.language === 'en' ? series.data.nameEn : series.data.name) : '';
  const car = `${series.data?.brand.name ?? ''} ${name} ${year ? t('yearOption', { year }) : ''}`.trim();
  const fits = fitsCar(fitments, { seriesId, year });
  return (
    <Alert
      type={fits ? 'success' : 'warning'}
      showIcon
      message={fits ? t('fitsChosen', { car }) : t('notFitsChosen', { car })}
      data-testid={fits ? 'shop-fits' : 'shop-not-fits'}
      style={{ marginBottom: 12 }}
    />
  );
}

function yearRange(t: (k: string, o?: Record<string, unknown>) => string, f: TAccessory['fitments'][number]) {
  if (f.yearFrom !== null && f.yearTo !== null) return t('yearsBetween', { from: f.yearFrom, to: f.yearTo });
  if (f.yearFrom !== null) return t('yearsFrom', { from: f.yearFrom });
  if (f.yearTo !== null) return t('yearsTo', { to: f.yearTo });
  return t('allYears');
}

function FitmentRow({ f }: { f: TAccessory['fitments'][number] }) {
  const { t, i18n } = useTranslation('shop');
  const series = useSeries(f.seriesId);
  const name = series.data ? (i18n.language === 'en' ? series.data.nameEn : series.data.name) : f.seriesId;
  return <Tag>{t('fitmentRange', { series: name, range: yearRange(t, f) })}</Tag>;
}

export function ProductPage() {
  const { t, i18n } = useTranslation('shop');
  const en = i18n.language === 'en';
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const product = useShopProduct(id);
  const variants = product.data?.variants ?? [];
  const stock = useShopStock(variants.map((v) => v.id));
  const [picked, setPicked] = useState<string | null>(null);
  const [qty, setQty] = useState(1);
  const cart = useShopCart();
  const variant = variants.find((v) => v.id === picked) ?? variants[0];
  const free = (vid: string) => stock.data?.items.find((s) => s.variantId === vid)?.available ?? 0;
  const p = product.data;
  return (
    <QueryState isLoading={product.isLoading} error={product.error} onRetry={() => void product.refetch()}>
      {p && variant ? (
        <Card
          data-testid="shop-product-page"
          title={en && p.nameEn ? p.nameEn : p.name}
          extra={
            <Space>
              <Link to="/shop">{t('nav')}</Link>
              <CartLink />
            </Space>
          }
        >
          <Typography.Title level={3} type="danger" data-testid="shop-price">
            {formatFenPlain(variant.priceFen)}
          </Typography.Title>
          <ChosenCarFit fitments={p.fitments} />
          {p.returnable ? (
            <Alert type="info" showIcon message={t('returnable')} data-testid="shop-returnable" />
          ) : (
            <Alert type="warning" showIcon message={t('notReturnable')} data-testid="shop-not-returnable" />
          )}
          <Descriptions column={1} style={{ marginTop: 16 }}>
            {p.brand ? <Descriptions.Item label={t('brand')}>{p.brand}</Descriptions.Item> : null}
            <Descriptions.Item label={t('variant')}>
              <Radio.Group value={variant.id} onChange={(e) => setPicked(e.target.value as string)}>
                {variants.map((v) => (
                  <Radio.Button key={v.id} value={v.id} data-testid="shop-variant">
                    {Object.values(v.attributes).join(' / ') || v.sku}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Descriptions.Item>
            <Descriptions.Item label={t('stock')}>
              {free(variant.id) > 0 ? (
                <Tag color="green" data-testid="shop-stock">
                  {t('inStock', { n: free(variant.id) })}
                </Tag>
              ) : (
                <Tag data-testid="shop-stock">{t('outOfStock')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('fitment')}>
              {p.fitments.length === 0
                ? t('universal')
                : p.fitments.map((f) => <FitmentRow key={f.seriesId} f={f} />)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph>{p.description}</Typography.Paragraph>
          <Space>
            <InputNumber
              min={1}
              max={Math.max(1, Math.min(99, free(variant.id)))}
              value={qty}
              onChange={(v) => setQty(v ?? 1)}
            />
            <Button
              type="primary"
              disabled={free(variant.id) <= 0}
              data-testid="shop-add-to-cart"
              onClick={() =>
                cart
                  .setQuantity(variant.id, qty, 'add')
                  .then(() => track('add_to_cart', { quantity: qty, variantId: variant.id }))
                  .then(() => void message.success(t('added')))
                  .catch((e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e)))
              }
            >
              {t('addToCart')}
            </Button>
          </Space>
        </Card>
      ) : null}
    </QueryState>
  );
}
