import '../../shared/shop/i18n.js';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Input, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../shared/components/Results.js';
import { useAccessoryCategories } from '../../shared/hooks/accessories.js';
import { useBrand, useBrandIndex } from '../../shared/hooks/catalog.js';
import { useMe } from '../../shared/hooks/identity.js';
import { useMyCars, useShopProducts } from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { useShopCart } from './cart.js';

// /shop: accessories and care products by category and by fitment ("fits my car": the series and model year
// of a car the buyer ordered, or a brand, series and year picked here; fitment is per series and year range).

/** Model years offered by the year picker: this year's and next year's down to 2010. */
const YEARS = (() => {
  const now = new Date().getFullYear() + 1;
  return Array.from({ length: now - 2009 }, (_, i) => now - i);
})();

function FitmentPicker({
  seriesId,
  year,
  onChange,
}: {
  seriesId: string | null;
  year: number | null;
  onChange: (seriesId: string | null, year: number | null) => void;
}) {
  const { t, i18n } = useTranslation('shop');
  const en = i18n.language === 'en';
  const [brandId, setBrandId] = useState<string | undefined>();
  const brands = useBrandIndex();
  const brand = useBrand(brandId);
  const me = useMe();
  const myCars = useMyCars(me.data?.me?.kind === 'buyer');
  return (
    <Space wrap>
      <Typography.Text strong>{t('fitment')}</Typography.Text>
      {(myCars.data?.items ?? []).slice(0, 3).map((c) => (
        <Button
          key={c.orderId}
          size="small"
          type={seriesId === c.seriesId && year === c.modelYear ? 'primary' : 'default'}
          onClick={() => onChange(c.seriesId, c.modelYear)}
          data-testid="shop-my-car"
        >
          {t('fitsMyCar')}：{c.title}
        </Button>
      ))}
      <Select
        style={{ width: 140 }}
        placeholder={t('pickBrand')}
        value={brandId}
        onChange={setBrandId}
        showSearch
        optionFilterProp="label"
        options={(brands.data?.initials ?? []).flatMap((g) =>
          g.brands.map((b) => ({ value: b.id, label: en ? b.nameEn : b.name })),
        )}
        data-testid="shop-brand"
      />
      <Select
        style={{ width: 160 }}
        placeholder={t('pickSeries')}
        value={seriesId ?? undefined}
        onChange={(v: string) => onChange(v, year)}
        disabled={!brandId}
        options={(brand.data?.series ?? []).map((s) => ({ value: s.id, label: en ? s.nameEn : s.name }))}
        data-testid="shop-series"
      />
      <Select
        style={{ width: 110 }}
        placeholder={t('pickYear')}
        value={year ?? undefined}
        allowClear
        onChange={(v: number | undefined) => onChange(seriesId, v ?? null)}
        disabled={!seriesId}
        options={YEARS.map((y) => ({ value: y, label: t('yearOption', { year: y }) }))}
        data-testid="shop-year"
      />
      {seriesId ? (
        <Button size="small" type="link" onClick={() => onChange(null, null)}>
          {t('clearFit')}
        </Button>
      ) : null}
    </Space>
  );
}

export function CartLink() {
  const { t } = useTranslation('shop');
  const { count } = useShopCart();
  return (
    <Link to="/shop/cart" data-testid="shop-cart-link">
      <Badge count={count} size="small">
        <Button icon={<ShoppingCartOutlined />}>{t('cart')}</Button>
      </Badge>
    </Link>
  );
}

export function ShopPage() {
  const { t, i18n } = useTranslation('shop');
  const en = i18n.language === 'en';
  const [params, setParams] = useSearchParams();
  const categoryId = params.get('category') ?? '';
  const seriesId = params.get('series');
  const yearParam = Number(params.get('year'));
  const year = seriesId && Number.isInteger(yearParam) && yearParam >= 1990 ? yearParam : null;
  const [q, setQ] = useState('');
  const categories = useAccessoryCategories();
  const top = (categories.data ?? []).filter((c) => !c.parentId);
  const children = (categories.data ?? []).filter((c) => c.parentId);
  const products = useShopProducts({
    categoryId: categoryId || undefined,
    seriesId: seriesId ?? undefined,
    year: year ?? undefined,
    q: q || undefined,
  });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  // The chosen car travels to the product page, which says whether the product fits it.
  const carQuery = seriesId ? `?series=${seriesId}${year ? `&year=${year}` : ''}` : '';
  const items = products.data?.items ?? [];
  return (
    <div data-testid="shop" style={{ padding: 8 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space>
          <Link to="/account/shop-orders">{t('mine')}</Link>
          <CartLink />
        </Space>
      </Space>
      <Card size="small" style={{ margin: '12px 0' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            value={categoryId}
            onChange={(v) => set({ category: String(v) || null })}
            options={[
              { value: '', label: t('allCategories') },
              ...top.flatMap((c) => [
                { value: c.id, label: en ? c.nameEn : c.name },
                ...children
                  .filter((x) => x.parentId === c.id)
                  .map((x) => ({ value: x.id, label: en ? x.nameEn : x.name })),
              ]),
            ]}
            style={{ flexWrap: 'wrap', maxWidth: '100%', overflowX: 'auto' }}
            data-testid="shop-categories"
          />
          <FitmentPicker
            seriesId={seriesId}
            year={year}
            onChange={(s, y) => set({ series: s, year: s && y ? String(y) : null })}
          />
          <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ maxWidth: 320 }} />
        </Space>
      </Card>
      <QueryState
        isLoading={products.isLoading}
        error={products.error}
        onRetry={() => void products.refetch()}
      >
        {items.length === 0 ? (
          <Empty description={t('empty')} />
        ) : (
          <Row gutter={[12, 12]}>
            {items.map((p) => (
              <Col key={p.id} xs={12} md={8} lg={6}>
                <Link to={`/shop/products/${p.id}${carQuery}`} data-testid="shop-product">
                  <Card hoverable size="small">
                    <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ minHeight: 44 }}>
                      {en && p.nameEn ? p.nameEn : p.name}
                    </Typography.Paragraph>
                    <Typography.Text type="danger" strong>
                      {t('from', { price: formatFenPlain(p.priceFromFen) })}
                    </Typography.Text>
                    <div style={{ marginTop: 6 }}>
                      {p.seriesIds.length === 0 ? <Tag>{t('universal')}</Tag> : null}
                      {p.returnable ? null : <Tag color="orange">{t('notReturnable')}</Tag>}
                    </div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </div>
  );
}
