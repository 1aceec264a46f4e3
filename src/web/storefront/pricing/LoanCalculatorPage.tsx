import {
  Alert,
  Card,
  Col,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Slider,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENERGY_TYPES } from '../../../server/modules/catalog/catalog.enums.js';
import { type TLoanQuoteRequest, type TLoanQuoteResponse, useLoanQuote } from '../../shared/hooks/pricing.js';
import { ApplyForLoanLink } from '../finance/LoanApplicationPage.js';
import './i18n.js';
import { useTrackCalculation } from '../../shared/analytics/tracker.js';
import { bpToPercent, formatFen } from './money.js';
import { PlanComparison } from './PlanComparison.js';

// /tools/loan: the loan calculator with its schedule and APR, and two plans beside full payment.

const TERMS = [12, 24, 36, 48, 60] as const;

export interface LoanPlanInput {
  downPct: number;
  termMonths: number;
  method: TLoanQuoteRequest['method'];
  rateKind: 'annual' | 'flat';
  ratePct: number;
  feesYuan: number;
}

/** The API request for a plan on a car price (yuan), or null when it cannot be asked (nothing borrowed). */
export function loanRequest(priceYuan: number, plan: LoanPlanInput): TLoanQuoteRequest | null {
  const priceFen = Math.round(priceYuan * 100);
  const downFen = Math.round((priceFen * plan.downPct) / 100);
  const principalFen = priceFen - downFen;
  const feesFen = Math.round(plan.feesYuan * 100);
  if (principalFen <= 0 || feesFen >= principalFen) return null;
  const rateBp = Math.round(plan.ratePct * 100);
  return {
    principalFen,
    termMonths: plan.termMonths,
    method: plan.method,
    feesFen,
    ...(plan.rateKind === 'annual' ? { annualRateBp: rateBp } : { flatRateBp: rateBp }),
  };
}

function PlanForm({
  plan,
  onChange,
  testId,
}: {
  plan: LoanPlanInput;
  onChange: (p: LoanPlanInput) => void;
  testId: string;
}) {
  const { t } = useTranslation('pricing');
  const set = (patch: Partial<LoanPlanInput>) => onChange({ ...plan, ...patch });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Typography.Text>
        {t('loan.downPct')}: {plan.downPct}%
      </Typography.Text>
      <Slider
        min={0}
        max={90}
        step={5}
        value={plan.downPct}
        onChange={(v) => set({ downPct: v })}
        aria-label={t('loan.downPct')}
      />
      <Typography.Text>{t('loan.term')}</Typography.Text>
      <Segmented
        options={TERMS.map((n) => ({ label: String(n), value: n }))}
        value={plan.termMonths}
        onChange={(v) => set({ termMonths: Number(v) })}
        data-testid={`${testId}-term`}
      />
      <Radio.Group value={plan.method} onChange={(e) => set({ method: e.target.value })}>
        <Radio value="equal_instalment">{t('loan.equal_instalment')}</Radio>
        <Radio value="equal_principal">{t('loan.equal_principal')}</Radio>
      </Radio.Group>
      <Radio.Group value={plan.rateKind} onChange={(e) => set({ rateKind: e.target.value })}>
        <Radio value="annual">{t('loan.annual')}</Radio>
        <Radio value="flat">{t('loan.flat')}</Radio>
      </Radio.Group>
      <Space wrap>
        <InputNumber
          addonBefore={t('loan.ratePct')}
          min={0}
          max={36}
          step={0.05}
          value={plan.ratePct}
          onChange={(v) => set({ ratePct: v ?? 0 })}
          data-testid={`${testId}-rate`}
        />
        <InputNumber
          addonBefore={t('loan.fees')}
          min={0}
          step={100}
          value={plan.feesYuan}
          onChange={(v) => set({ feesYuan: v ?? 0 })}
        />
      </Space>
    </Space>
  );
}

function PlanResult({ quote, plan }: { quote: TLoanQuoteResponse | undefined; plan: LoanPlanInput }) {
  const { t } = useTranslation('pricing');
  if (!quote) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('loan.monthly')}
            value={formatFen(quote.firstPaymentFen)}
            data-testid="loan-monthly"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('loan.apr')} value={`${bpToPercent(quote.aprBp)}%`} data-testid="loan-apr" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('loan.interest')} value={formatFen(quote.totalInterestFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('loan.totalPaid')} value={formatFen(quote.totalPaidFen)} />
        </Col>
      </Row>
      <Typography.Text type="secondary">
        {t('loan.firstLast', {
          first: formatFen(quote.firstPaymentFen),
          last: formatFen(quote.lastPaymentFen),
        })}
      </Typography.Text>
      {plan.rateKind === 'flat' ? (
        <Alert
          type="warning"
          showIcon
          message={t('loan.flatWarning', { flat: plan.ratePct, apr: bpToPercent(quote.aprBp) })}
          data-testid="loan-flat-warning"
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('loan.aprHint')}
      </Typography.Text>
    </Space>
  );
}

const DEFAULT_PLAN: LoanPlanInput = {
  downPct: 30,
  termMonths: 36,
  method: 'equal_instalment',
  rateKind: 'annual',
  ratePct: 3.5,
  feesYuan: 0,
};

export function LoanCalculatorPage() {
  const { t } = useTranslation('pricing');
  const [priceYuan, setPriceYuan] = useState(200_000);
  const [energy, setEnergy] = useState<(typeof ENERGY_TYPES)[number]>('bev');
  const [used, setUsed] = useState(false);
  const [planA, setPlanA] = useState<LoanPlanInput>(DEFAULT_PLAN);
  const [planB, setPlanB] = useState<LoanPlanInput>({
    ...DEFAULT_PLAN,
    downPct: 20,
    termMonths: 36,
    rateKind: 'flat',
    ratePct: 3,
  });
  const reqA = useMemo(() => loanRequest(priceYuan, planA), [priceYuan, planA]);
  const reqB = useMemo(() => loanRequest(priceYuan, planB), [priceYuan, planB]);
  const a = useLoanQuote(reqA);
  const b = useLoanQuote(reqB);
  useTrackCalculation('loan_calculation', a.data ? JSON.stringify([reqA, reqB]) : null, {
    termMonths: planA.termMonths,
    downPct: planA.downPct,
  });
  const [shown, setShown] = useState<'a' | 'b'>('a');
  const schedule = (shown === 'a' ? a.data : b.data)?.schedule ?? [];
  const priceFen = Math.round(priceYuan * 100);
  const compareRows = [
    { key: 'full', name: t('loan.fullPay'), upfront: priceFen, monthly: null, total: priceFen },
    ...(
      [
        ['a', t('loan.planA'), planA, a.data],
        ['b', t('loan.planB'), planB, b.data],
      ] as const
    ).map(([key, name, plan, q]) => {
      const down = Math.round((priceFen * plan.downPct) / 100);
      return {
        key,
        name,
        upfront: down + Math.round(plan.feesYuan * 100),
        monthly: q?.firstPaymentFen ?? null,
        total: q ? down + q.totalPaidFen : null,
        apr: q?.aprBp,
      };
    }),
  ];
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }} data-testid="loan-calculator">
      <Typography.Title level={2}>{t('loan.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('loan.subtitle')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <InputNumber
          addonBefore={t('loan.price')}
          min={10_000}
          max={10_000_000}
          step={1000}
          value={priceYuan}
          onChange={(v) => setPriceYuan(v ?? 0)}
          style={{ width: '100%', maxWidth: 360 }}
          data-testid="loan-price"
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            value={energy}
            onChange={setEnergy}
            style={{ width: 160 }}
            aria-label={t('plans.energy')}
            data-testid="loan-energy"
            options={ENERGY_TYPES.map((e) => ({ value: e, label: t(`plans.energies.${e}`) }))}
          />
          <Space>
            <Switch checked={used} onChange={setUsed} data-testid="loan-used" />
            {t('plans.used')}
          </Space>
        </Space>
      </Card>
      <div style={{ marginBottom: 16 }}>
        <PlanComparison priceFen={Math.round(priceYuan * 100)} energy={energy} used={used} />
      </div>
      <Row gutter={[16, 16]}>
        {(
          [
            ['a', t('loan.planA'), planA, setPlanA, a.data],
            ['b', t('loan.planB'), planB, setPlanB, b.data],
          ] as const
        ).map(([key, title, plan, set, data]) => (
          <Col xs={24} md={12} key={key}>
            <Card
              title={title}
              extra={plan.rateKind === 'annual' ? <ApplyForLoanLink priceYuan={priceYuan} {...plan} /> : null}
            >
              <PlanForm plan={plan} onChange={set} testId={`loan-plan-${key}`} />
              <div style={{ marginTop: 16 }}>
                <PlanResult quote={data} plan={plan} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('loan.compare')} style={{ marginTop: 16 }} data-testid="loan-compare">
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: true }}
          dataSource={compareRows}
          columns={[
            { title: '', dataIndex: 'name' },
            { title: t('loan.upfront'), dataIndex: 'upfront', render: (v: number) => formatFen(v) },
            {
              title: t('loan.monthly'),
              dataIndex: 'monthly',
              render: (v: number | null) => (v === null ? '—' : formatFen(v)),
            },
            {
              title: t('loan.apr'),
              dataIndex: 'apr',
              render: (v: number | undefined) => (v === undefined ? '—' : `${bpToPercent(v)}%`),
            },
            {
              title: t('loan.totalCost'),
              dataIndex: 'total',
              render: (v: number | null) => (v === null ? '—' : formatFen(v)),
            },
          ]}
        />
      </Card>
      <Card
        title={t('loan.schedule')}
        style={{ marginTop: 16 }}
        extra={
          <Segmented
            options={[
              { label: t('loan.planA'), value: 'a' },
              { label: t('loan.planB'), value: 'b' },
            ]}
            value={shown}
            onChange={(v) => setShown(v as 'a' | 'b')}
          />
        }
      >
        <Table
          size="small"
          rowKey="n"
          data-testid="loan-schedule"
          scroll={{ x: true }}
          pagination={{ pageSize: 12, showSizeChanger: false }}
          dataSource={schedule}
          columns={[
            { title: t('loan.n'), dataIndex: 'n' },
            { title: t('loan.payment'), dataIndex: 'paymentFen', render: (v: number) => formatFen(v) },
            {
              title: t('loan.principalPart'),
              dataIndex: 'principalFen',
              render: (v: number) => formatFen(v),
            },
            { title: t('loan.interestPart'), dataIndex: 'interestFen', render: (v: number) => formatFen(v) },
            { title: t('loan.balance'), dataIndex: 'balanceFen', render: (v: number) => formatFen(v) },
          ]}
        />
      </Card>
    </div>
  );
}
