import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  CREDIT_CHECK_CONSENT,
  EMPLOYMENT_TYPES,
  isValidIdNumber,
  type TCreateLoanApplicationRequest,
} from '../../../server/modules/finance/finance.applications.contract.js';
import { LENDER_CODES } from '../../../server/modules/finance/finance.enums.js';
import { applyApiError } from '../../shared/forms.js';
import { useMe } from '../../shared/hooks/identity.js';
import { useApplyForLoan } from '../../shared/hooks/loan-applications.js';
import { useLoanQuote } from '../../shared/hooks/pricing.js';
import { useCityOptions } from '../../shared/labels.js';
import { bpToPercent, formatFen } from '../pricing/money.js';
import './i18n.js';

// /finance/apply: the buyer's loan application. Reached from /tools/loan with the chosen plan in the URL
// (price, downPct, term, method, rate) or from a vehicle page (`?listingId=`).

interface FormValues {
  lenderCode: (typeof LENDER_CODES)[number];
  priceYuan: number;
  downPaymentYuan: number;
  termMonths: number;
  method: TCreateLoanApplicationRequest['method'];
  ratePct: number;
  vehicleKind: 'new' | 'used';
  newEnergy: boolean;
  name: string;
  idNumber: string;
  incomeYuan: number;
  employmentType: (typeof EMPLOYMENT_TYPES)[number];
  cityCode: string;
  consent: boolean;
}

const toFen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);
const num = (v: string | null, fallback: number) =>
  v !== null && Number.isFinite(Number(v)) ? Number(v) : fallback;

/** The link from a calculator plan to this page (the plan travels in the URL). */
export function applyLink(plan: {
  priceYuan: number;
  downPct: number;
  termMonths: number;
  method: string;
  ratePct: number;
  listingId?: string;
}): string {
  const q = new URLSearchParams({
    price: String(plan.priceYuan),
    downPct: String(plan.downPct),
    term: String(plan.termMonths),
    method: plan.method,
    rate: String(plan.ratePct),
    ...(plan.listingId ? { listingId: plan.listingId } : {}),
  });
  return `/finance/apply?${q.toString()}`;
}

/** The "apply" button beside a calculator plan (only annual-rate plans: a lender quotes its own rate). */
export function ApplyForLoanLink(props: Parameters<typeof applyLink>[0]) {
  const { t } = useTranslation('loanApply');
  return (
    <Link to={applyLink(props)} data-testid="loan-apply-link">
      {t('apply.fromCalculator')}
    </Link>
  );
}

export function LoanApplicationPage() {
  const { t, i18n } = useTranslation('loanApply');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const apply = useApplyForLoan();
  const cityOptions = useCityOptions();
  const [form] = Form.useForm<FormValues>();
  // One key per visit: a double tap or a retry after a network error makes one application.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const listingId = params.get('listingId') ?? undefined;
  const priceYuan = num(params.get('price'), 200_000);
  const initial = useMemo<Partial<FormValues>>(
    () => ({
      lenderCode: 'cmb',
      priceYuan,
      downPaymentYuan: Math.round((priceYuan * num(params.get('downPct'), 30)) / 100),
      termMonths: num(params.get('term'), 36),
      method: params.get('method') === 'equal_principal' ? 'equal_principal' : 'equal_instalment',
      ratePct: num(params.get('rate'), 3.5),
      vehicleKind: 'new',
      newEnergy: false,
      employmentType: 'salaried',
      consent: false,
    }),
    [params, priceYuan],
  );
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const quoteRequest = useMemo(() => {
    const v = { ...initial, ...values };
    const principalFen = toFen(v.priceYuan) - toFen(v.downPaymentYuan);
    if (principalFen <= 0 || !v.termMonths || v.termMonths < 12 || v.termMonths > 60) return null;
    return {
      principalFen,
      termMonths: v.termMonths,
      method: v.method ?? 'equal_instalment',
      annualRateBp: Math.round((v.ratePct ?? 0) * 100),
      feesFen: 0,
    };
  }, [values, initial]);
  const quote = useLoanQuote(quoteRequest);
  const buyer = me.data?.me?.kind === 'buyer';

  const submit = (v: FormValues) => {
    setError(null);
    const body: TCreateLoanApplicationRequest = {
      ...(listingId ? { listingId } : {}),
      lenderCode: v.lenderCode,
      vehicleKind: v.vehicleKind,
      newEnergy: v.newEnergy,
      priceFen: toFen(v.priceYuan),
      downPaymentFen: toFen(v.downPaymentYuan),
      termMonths: v.termMonths,
      method: v.method,
      annualRateBp: Math.round(v.ratePct * 100),
      feesFen: 0,
      applicant: {
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        monthlyIncomeFen: toFen(v.incomeYuan),
        employmentType: v.employmentType,
        cityCode: v.cityCode,
      },
      consent: { version: CREDIT_CHECK_CONSENT.version, accepted: true },
    };
    apply.mutate(
      { body, key: idempotencyKey },
      {
        onSuccess: (created) => navigate(`/account/loans/${created.id}`),
        onError: (e) => setError(applyApiError(form, e)),
      },
    );
  };

  if (!me.isLoading && !buyer) {
    return (
      <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
        <Alert
          type="info"
          showIcon
          message={t('apply.signInFirst')}
          action={
            <Link to={`/sign-in?redirect=${encodeURIComponent(location.pathname + location.search)}`}>
              {t('apply.signIn')}
            </Link>
          }
          data-testid="loan-apply-sign-in"
        />
      </div>
    );
  }

  const consentText = i18n.language === 'en' ? CREDIT_CHECK_CONSENT.en : CREDIT_CHECK_CONSENT.zh;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="loan-apply">
      <Typography.Title level={2}>{t('apply.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('apply.subtitle')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Card title={t('apply.vehicle')} style={{ marginBottom: 16 }}>
          {listingId ? (
            <Typography.Paragraph type="secondary">
              {t('apply.listing', { id: listingId })}
            </Typography.Paragraph>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="lenderCode" label={t('apply.lender')} rules={[{ required: true }]}>
                <Select
                  options={LENDER_CODES.map((c) => ({ value: c, label: t(`lenders.${c}`) }))}
                  data-testid="loan-apply-lender"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="priceYuan" label={t('apply.price')} rules={[{ required: true }]}>
                <InputNumber min={1000} max={100_000_000} step={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="downPaymentYuan" label={t('apply.downPayment')} rules={[{ required: true }]}>
                <InputNumber min={0} step={1000} style={{ width: '100%' }} data-testid="loan-apply-down" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="termMonths" label={t('apply.term')} rules={[{ required: true }]}>
                <Select options={[12, 24, 36, 48, 60].map((n) => ({ value: n, label: String(n) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="ratePct" label={t('apply.rate')} rules={[{ required: true }]}>
                <InputNumber min={0} max={36} step={0.05} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="method" label={t('apply.method')}>
                <Radio.Group>
                  <Radio value="equal_instalment">{t('methods.equal_instalment')}</Radio>
                  <Radio value="equal_principal">{t('methods.equal_principal')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            {listingId ? null : (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="vehicleKind" label={t('apply.vehicleKind')}>
                    <Radio.Group>
                      <Radio value="new">{t('apply.newCar')}</Radio>
                      <Radio value="used">{t('apply.usedCar')}</Radio>
                    </Radio.Group>
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="newEnergy" label={t('apply.newEnergy')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          {quote.data ? (
            <Row gutter={16}>
              <Col xs={8}>
                <Statistic title={t('apply.principal')} value={formatFen(quoteRequest?.principalFen ?? 0)} />
              </Col>
              <Col xs={8}>
                <Statistic
                  title={t('apply.monthly')}
                  value={formatFen(quote.data.firstPaymentFen)}
                  data-testid="loan-apply-monthly"
                />
              </Col>
              <Col xs={8}>
                <Statistic title={t('apply.apr')} value={`${bpToPercent(quote.data.aprBp)}%`} />
              </Col>
            </Row>
          ) : null}
        </Card>
        <Card title={t('apply.applicant')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('apply.name')}
                rules={[{ required: true, min: 2, max: 30, message: tc('validation.invalid') }]}
              >
                <Input autoComplete="name" data-testid="loan-apply-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="idNumber"
                label={t('apply.idNumber')}
                extra={t('apply.idNumberHint')}
                rules={[
                  { required: true, message: tc('validation.required') },
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (v && !isValidIdNumber(v.trim())) throw new Error(tc('validation.invalid'));
                    },
                  },
                ]}
              >
                <Input maxLength={18} autoComplete="off" data-testid="loan-apply-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="incomeYuan" label={t('apply.income')} rules={[{ required: true }]}>
                <InputNumber min={0} step={1000} style={{ width: '100%' }} data-testid="loan-apply-income" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="employmentType" label={t('apply.employment')} rules={[{ required: true }]}>
                <Select options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: t(`employment.${e}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="cityCode" label={t('apply.city')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="search"
                  options={cityOptions}
                  data-testid="loan-apply-city"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('apply.consentTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph
            style={{ background: 'rgba(0,0,0,0.03)', padding: 12, borderRadius: 6 }}
            data-testid="loan-apply-consent-text"
          >
            {consentText}
          </Typography.Paragraph>
          <Form.Item
            name="consent"
            valuePropName="checked"
            rules={[
              {
                validator: async (_r, v: boolean) => {
                  if (!v) throw new Error(t('apply.consentRequired'));
                },
              },
            ]}
          >
            <Checkbox data-testid="loan-apply-consent">{t('apply.consentCheck')}</Checkbox>
          </Form.Item>
        </Card>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="loan-apply-submit">
            {t('apply.submit')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
