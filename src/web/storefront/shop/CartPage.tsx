import '../../shared/shop/i18n.js';
import { Alert, Button, Card, Empty, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageSpin } from '../../shared/components/Results.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { useShopCart } from './cart.js';

// /shop/cart: the cart (anonymous in this browser until sign-in), quantities limited to stock.

export function CartPage() {
  const { t } = useTranslation('shop');
  const navigate = useNavigate();
  const { cart, isLoading, signedIn, setQuantity } = useShopCart();
  if (isLoading) return <PageSpin />;
  const lines = cart?.lines ?? [];
  const ready = lines.filter((l) => l.onSale && l.quantity > 0);
  return (
    <Card title={t('cart')} data-testid="shop-cart" extra={<Link to="/shop">{t('nav')}</Link>}>
      {lines.length === 0 ? (
        <Empty description={t('cartEmpty')}>
          <Link to="/shop">{t('goShopping')}</Link>
        </Empty>
      ) : (
        <>
          {(cart?.limited.length ?? 0) > 0 ? (
            <Alert type="warning" message={t('limited')} style={{ marginBottom: 12 }} />
          ) : null}
          <List
            dataSource={lines}
            renderItem={(l) => (
              <List.Item
                key={l.variantId}
                data-testid="shop-cart-line"
                actions={[
                  <InputNumber
                    key="q"
                    min={0}
                    max={Math.max(1, Math.min(99, l.available))}
                    value={l.quantity}
                    onChange={(v) => void setQuantity(l.variantId, v ?? 0, 'set')}
                    data-testid="shop-cart-qty"
                  />,
                ]}
              >
                <List.Item.Meta
                  title={<Link to={`/shop/products/${l.productId}`}>{l.title}</Link>}
                  description={
                    <Space wrap>
                      {Object.values(l.attributes).join(' / ')}
                      {formatFenPlain(l.unitPriceFen)}
                      {l.onSale ? null : <Tag>{t('offSale')}</Tag>}
                      {l.returnable ? null : <Tag color="orange">{t('notReturnable')}</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
          <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 12 }}>
            <Typography.Text>
              {t('goods')}：<Typography.Text strong>{formatFenPlain(cart?.goodsFen ?? 0)}</Typography.Text>
            </Typography.Text>
            <Button
              type="primary"
              disabled={ready.length === 0}
              data-testid="shop-to-checkout"
              onClick={() => navigate(signedIn ? '/shop/checkout' : '/sign-in?redirect=/shop/checkout')}
            >
              {signedIn ? t('toCheckout') : t('signInToCheckout')}
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
