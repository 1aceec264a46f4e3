import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api.js';
import { PageSpin } from '../../shared/components/Results.js';
import { useCheckoutQuote, useShopCheckout } from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { shopPayUrl } from '../../shared/shop/i18n.js';
import { useShopCart } from './cart.js';

// /shop/checkout: shipping address, the fee by the operators' rules, the coupon seam (none yet), then the
// order holds its stock and the buyer goes to the pay page (the sandbox's while it is on).

interface AddressForm {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

export function ShopCheckoutPage() {
  const { t } = useTranslation('shop');
  const navigate = useNavigate();
  const { cart, isLoading, signedIn } = useShopCart();
  const [form] = Form.useForm<AddressForm>();
  const province = Form.useWatch('province', form) ?? '';
  const [provider, setProvider] = useState<'alipay' | 'wechat_pay' | 'unionpay'>('alipay');
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const lines = (cart?.lines ?? [])
    .filter((l) => l.onSale && l.quantity > 0)
    .map((l) => ({ variantId: l.variantId, quantity: l.quantity }));
  const quote = useCheckoutQuote(lines.length > 0 ? { lines, province: province.trim() } : null);
  const submit = useShopCheckout();
  if (isLoading) return <PageSpin />;
  if (!signedIn) return <Navigate to="/sign-in?redirect=/shop/checkout" replace />;
  if (lines.length === 0) return <Navigate to="/shop/cart" replace />;
  const q = quote.data;
  const onFinish = (a: AddressForm) => {
    setError(null);
    submit.mutate(
      {
        body: {
          lines,
          address: a,
          provider,
          device: window.innerWidth < 768 ? 'mobile' : 'desktop',
          ...(q ? { expectedTotalFen: q.totalFen } : {}),
        },
        key,
      },
      {
        onSuccess: (order) => {
          const pay = shopPayUrl(order);
          if (pay) window.location.assign(pay);
          else navigate(`/account/shop-orders/${order.id}`);
        },
        onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
      },
    );
  };
  return (
    <Card title={t('checkout')} data-testid="shop-checkout" style={{ maxWidth: 720, margin: '0 auto' }}>
      <Form<AddressForm> form={form} layout="vertical" onFinish={onFinish}>
        <Typography.Title level={5}>{t('address')}</Typography.Title>
        <Space.Compact block>
          <Form.Item name="recipient" label={t('recipient')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input data-testid="shop-recipient" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}
            style={{ flex: 1 }}
          >
            <Input data-testid="shop-phone" inputMode="tel" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="province"
            label={t('province')}
            rules={[{ required: true, min: 2 }]}
            style={{ flex: 1 }}
          >
            <Input data-testid="shop-province" placeholder="上海市" />
          </Form.Item>
          <Form.Item name="city" label={t('city')} rules={[{ required: true, min: 2 }]} style={{ flex: 1 }}>
            <Input data-testid="shop-city" placeholder="上海市" />
          </Form.Item>
          <Form.Item
            name="district"
            label={t('district')}
            rules={[{ required: true, min: 2 }]}
            style={{ flex: 1 }}
          >
            <Input data-testid="shop-district" placeholder="浦东新区" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="detail" label={t('detail')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="shop-detail" />
        </Form.Item>
        <Form.Item label={t('coupon')}>
          <Typography.Text type="secondary">{t('couponSoon')}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('provider')}>
          <Radio.Group value={provider} onChange={(e) => setProvider(e.target.value)}>
            <Radio.Button value="alipay">支付宝</Radio.Button>
            <Radio.Button value="wechat_pay">微信支付</Radio.Button>
            <Radio.Button value="unionpay">银联</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {q ? (
          <Descriptions column={1} size="small" bordered data-testid="shop-quote">
            <Descriptions.Item label={t('goods')}>{formatFenPlain(q.goodsFen)}</Descriptions.Item>
            {q.discountFen > 0 ? (
              <Descriptions.Item label={t('discount')}>-{formatFenPlain(q.discountFen)}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('shipping')}>
              {formatFenPlain(q.shippingFen)}
              {q.freeOverFen !== null && q.shippingFen > 0 ? (
                <Typography.Text type="secondary">
                  {' '}
                  （{t('freeOver', { amount: formatFenPlain(q.freeOverFen) })}）
                </Typography.Text>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('total')}>
              <Typography.Text strong type="danger" data-testid="shop-total">
                {formatFenPlain(q.totalFen)}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Alert type="info" message={t('holdNote')} style={{ margin: '12px 0' }} />
        {error ? <Alert type="error" message={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={submit.isPending} block data-testid="shop-submit">
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
