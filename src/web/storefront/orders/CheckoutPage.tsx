import './i18n.js';
import '../../shared/orders/i18n.js';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  isValidResidentId,
  normalizeMobile,
  type TPlaceOrderRequest,
} from '../../../server/modules/orders/orders.contract.js';
import {
  DEPOSIT_KINDS,
  type DepositKind,
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  type PaymentMethod,
  type PaymentProvider,
} from '../../../server/modules/orders/orders.enums.js';
import { useTrackVehicleOnce } from '../../shared/analytics/tracker.js';
import { ApiError } from '../../shared/api.js';
import { PageSpin, QueryState } from '../../shared/components/Results.js';
import { useMe } from '../../shared/hooks/identity.js';
import { useInsuranceChoices } from '../../shared/hooks/insurance.js';
import { useMyLoanApplications } from '../../shared/hooks/loan-applications.js';
import { useDepositTerms, usePlaceOrder } from '../../shared/hooks/orders.js';
import { useListingQuote } from '../../shared/hooks/pricing.js';
import { useVehicle } from '../../shared/hooks/search.js';
import { formatFenPlain } from '../../shared/orders/money.js';
import { payPageUrl } from './OrderPayments.js';

// /checkout/:listingId: the quote summary, buyer details, colour and options (new cars), payment method,
// optional trade-in and insurance, the deposit with its exact terms (unticked until the buyer ticks it), the
// preferred payment provider; placing the order leads to the provider's pay page (which links back to
// /account/orders/:id), or straight to the order while it waits for a risk review.

interface FormValues {
  name: string;
  phone: string;
  idNumber: string;
  colour?: string;
  options?: string[];
  paymentMethod: PaymentMethod;
  loanApplicationId?: string;
  tradeInValuationId?: string;
  insuranceChoiceId?: string;
  depositKind: DepositKind;
  depositYuan?: number;
  accept: boolean;
  provider: PaymentProvider;
}

export function CheckoutPage() {
  const { listingId = '' } = useParams();
  const { t, i18n } = useTranslation('storefrontOrders');
  const { t: to } = useTranslation('orders');
  const navigate = useNavigate();
  const me = useMe();
  const buyer = me.data?.me?.kind === 'buyer';
  const vehicle = useVehicle(listingId);
  useTrackVehicleOnce('start_order', vehicle.data?.vehicle);
  const quote = useListingQuote(listingId ? { listingId, tradeIn: null } : null);
  const loans = useMyLoanApplications(buyer);
  const insurance = useInsuranceChoices(buyer);
  const place = usePlaceOrder();
  const [form] = Form.useForm<FormValues>();
  // One key per visit: a double tap or a retry after a network error places one order.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const d = vehicle.data;
  const optionsFen = useMemo(
    () =>
      (d?.packages ?? []).filter((p) => values?.options?.includes(p.id)).reduce((s, p) => s + p.priceFen, 0),
    [d, values?.options],
  );
  const depositKind = values?.depositKind ?? 'refundable';
  const terms = useDepositTerms(depositKind, d ? d.price.priceFen + optionsFen : null);

  if (me.isLoading) return <PageSpin />;
  if (!buyer) {
    return (
      <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
        <Alert
          type="info"
          message={t('checkout.signIn')}
          action={<Link to={`/sign-in?redirect=/checkout/${listingId}`}>{t('checkout.signInNow')}</Link>}
        />
      </div>
    );
  }

  const submit = (v: FormValues) => {
    setError(null);
    if (!terms.data) return;
    const body: TPlaceOrderRequest = {
      listingId,
      buyer: { name: v.name.trim(), phone: v.phone, idNumber: v.idNumber.trim().toUpperCase() },
      paymentMethod: v.paymentMethod,
      ...(v.paymentMethod === 'loan' && v.loanApplicationId
        ? { loanApplicationId: v.loanApplicationId }
        : {}),
      ...(v.tradeInValuationId?.trim() ? { tradeInValuationId: v.tradeInValuationId.trim() } : {}),
      ...(v.insuranceChoiceId ? { insuranceChoiceId: v.insuranceChoiceId } : {}),
      depositKind: v.depositKind,
      ...(v.depositYuan ? { depositFen: Math.round(v.depositYuan * 100) } : {}),
      acceptDepositTerms: { version: terms.data.version, accepted: true },
      ...(v.colour ? { colour: v.colour } : {}),
      options: v.options ?? [],
      provider: v.provider,
    };
    place.mutate(
      { body, key: idempotencyKey },
      {
        onSuccess: (order) => {
          // The provider's page is a server page (the sandbox's at the site root), not a route of this app.
          const url = order.payment ? payPageUrl(order.payment) : null;
          if (url) window.location.assign(url);
          else void navigate(`/account/orders/${order.id}`);
        },
        onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
      },
    );
  };

  return (
    <div style={{ maxWidth: 880, margin: '0 auto', padding: 16 }} data-testid="checkout-page">
      <Typography.Title level={2}>{t('checkout.title')}</Typography.Title>
      <QueryState isLoading={vehicle.isLoading} error={vehicle.error} onRetry={() => void vehicle.refetch()}>
        {d ? (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Card title={d.vehicle.title} size="small" data-testid="checkout-quote">
              <Descriptions column={1} size="small">
                {(quote.data?.lines ?? []).map((l) => (
                  <Descriptions.Item key={l.code} label={l.rule.description.split(/[：:]/)[0] ?? l.code}>
                    {formatFenPlain(l.amountFen)}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={to('field.landed')}>
                  <Typography.Text strong data-testid="checkout-total">
                    {quote.data ? formatFenPlain(quote.data.totalFen + optionsFen) : '—'}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary">{t('checkout.quoteNote')}</Typography.Text>
            </Card>
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{
                paymentMethod: 'full',
                depositKind: 'refundable',
                provider: 'alipay',
                accept: false,
                colour: d.exteriorColour ?? undefined,
                options: [],
              }}
            >
              <Card title={t('checkout.buyer')} size="small">
                <Form.Item
                  name="name"
                  label={t('checkout.name')}
                  rules={[{ required: true, min: 2, max: 30 }]}
                >
                  <Input autoComplete="name" data-testid="checkout-name" />
                </Form.Item>
                <Form.Item
                  name="phone"
                  label={t('checkout.phone')}
                  rules={[
                    { required: true, message: t('checkout.required') },
                    {
                      validator: async (_r, v: string) =>
                        !v || normalizeMobile(v) ? undefined : Promise.reject(new Error('1[3-9]xxxxxxxxx')),
                    },
                  ]}
                >
                  <Input inputMode="tel" autoComplete="tel" data-testid="checkout-phone" />
                </Form.Item>
                <Form.Item
                  name="idNumber"
                  label={t('checkout.idNumber')}
                  extra={t('checkout.idNote')}
                  rules={[
                    { required: true, message: t('checkout.required') },
                    {
                      validator: async (_r, v: string) =>
                        !v || isValidResidentId(v.trim()) ? undefined : Promise.reject(new Error('GB 11643')),
                    },
                  ]}
                >
                  <Input maxLength={18} data-testid="checkout-id" />
                </Form.Item>
              </Card>
              {d.vehicle.kind === 'new' ? (
                <Card title={t('checkout.spec')} size="small" style={{ marginTop: 16 }}>
                  <Form.Item name="colour" label={t('checkout.colour')}>
                    <Select
                      options={d.colours
                        .filter((c) => c.kind === 'exterior')
                        .map((c) => ({ value: c.name, label: c.name }))}
                    />
                  </Form.Item>
                  {d.packages.length > 0 ? (
                    <Form.Item name="options" label={t('checkout.options')}>
                      <Checkbox.Group
                        options={d.packages.map((p) => ({
                          value: p.id,
                          label: `${p.name} +${formatFenPlain(p.priceFen)}`,
                        }))}
                      />
                    </Form.Item>
                  ) : null}
                </Card>
              ) : null}
              <Card title={t('checkout.payment')} size="small" style={{ marginTop: 16 }}>
                <Form.Item name="paymentMethod">
                  <Radio.Group
                    options={PAYMENT_METHODS.map((m) => ({ value: m, label: to(`paymentMethods.${m}`) }))}
                  />
                </Form.Item>
                {values?.paymentMethod === 'loan' ? (
                  <Form.Item name="loanApplicationId" label={t('checkout.loanApplication')}>
                    {(loans.data?.items ?? []).length > 0 ? (
                      <Select
                        allowClear
                        options={(loans.data?.items ?? []).map((a) => ({
                          value: a.id,
                          label: `${a.id} · ${formatFenPlain(a.terms.principalFen)}`,
                        }))}
                      />
                    ) : (
                      <Link to={`/finance/apply?listingId=${listingId}&price=${d.price.priceFen / 100}`}>
                        {t('checkout.noLoans')}
                      </Link>
                    )}
                  </Form.Item>
                ) : null}
              </Card>
              <Card title={t('checkout.extras')} size="small" style={{ marginTop: 16 }}>
                <Form.Item
                  name="tradeInValuationId"
                  label={t('checkout.tradeIn')}
                  extra={<Link to="/tools/trade-in">{t('checkout.tradeInHelp')}</Link>}
                >
                  <Input placeholder="tiv_…" />
                </Form.Item>
                <Form.Item name="insuranceChoiceId" label={t('checkout.insurance')}>
                  <Select
                    allowClear
                    options={(insurance.data?.items ?? [])
                      .filter((c) => c.listingId === null || c.listingId === listingId)
                      .map((c) => ({
                        value: c.id,
                        label: `${i18n.language === 'en' ? c.insurerNameEn : c.insurerNameZh} · ${formatFenPlain(c.totalFen)}`,
                      }))}
                  />
                </Form.Item>
              </Card>
              <Card title={t('checkout.deposit')} size="small" style={{ marginTop: 16 }}>
                <Form.Item name="depositKind">
                  <Radio.Group
                    options={DEPOSIT_KINDS.map((k) => ({ value: k, label: to(`depositKinds.${k}`) }))}
                    data-testid="checkout-deposit-kind"
                  />
                </Form.Item>
                <Form.Item
                  name="depositYuan"
                  label={t('checkout.depositAmount')}
                  extra={
                    terms.data
                      ? t('checkout.depositMax', { max: formatFenPlain(terms.data.maxDepositFen) })
                      : null
                  }
                >
                  <InputNumber
                    min={100}
                    max={terms.data ? terms.data.maxDepositFen / 100 : undefined}
                    placeholder={terms.data ? String(terms.data.defaultDepositFen / 100) : undefined}
                    style={{ width: 200 }}
                    data-testid="checkout-deposit"
                  />
                </Form.Item>
                <Typography.Title level={5}>{t('checkout.terms')}</Typography.Title>
                <Typography.Paragraph
                  data-testid="checkout-terms"
                  style={{ background: '#fafafa', padding: 12 }}
                >
                  {terms.data?.text ?? '…'}
                </Typography.Paragraph>
                <Form.Item
                  name="accept"
                  valuePropName="checked"
                  rules={[
                    {
                      validator: async (_r, v: boolean) =>
                        v ? undefined : Promise.reject(new Error(t('checkout.mustAccept'))),
                    },
                  ]}
                >
                  <Checkbox data-testid="checkout-accept">{t('checkout.accept')}</Checkbox>
                </Form.Item>
                <Form.Item name="provider" label={t('checkout.provider')}>
                  <Radio.Group
                    options={PAYMENT_PROVIDERS.map((p) => ({ value: p, label: to(`providers.${p}`) }))}
                  />
                </Form.Item>
              </Card>
              {error ? (
                <Alert type="error" message={error} style={{ marginTop: 16 }} data-testid="checkout-error" />
              ) : null}
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                style={{ marginTop: 16 }}
                loading={place.isPending}
                disabled={!terms.data}
                data-testid="checkout-submit"
              >
                {t('checkout.submit')}
              </Button>
            </Form>
          </Space>
        ) : null}
      </QueryState>
    </div>
  );
}
