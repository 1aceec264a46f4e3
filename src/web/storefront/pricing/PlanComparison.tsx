import { Alert, Card, Col, Empty, Row, Select, Slider, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ENERGY_TYPES } from '../../../server/modules/catalog/catalog.enums.js';
import {
  type TFinancePlansRequest,
  type TProductOffer,
  useFinancePlans,
} from '../../shared/hooks/finance-products.js';
import { pickName } from '../../shared/i18n.js';
import './i18n.js';
import './plans.i18n.js';
import { bpToPercent, formatFen } from './money.js';

// The partner lenders' products for one car and a side-by-side comparison of two loan plans and full
// payment. A component of its own so the vehicle page can show it too: it needs only the price, the energy
// type, new or used, and (for brand-limited offers) the brand.

type Energy = (typeof ENERGY_TYPES)[number];

export interface PlanComparisonProps {
  priceFen: number;
  energy: Energy;
  used: boolean;
  /** Catalog brand slug; without it brand-limited offers are shown with their condition. */
  brand?: string;
}

interface Choice {
  productId: string;
  termMonths: number;
  downPct: number;
}

/** The smallest whole percent at or above a product's minimum share. */
const minPct = (offer: TProductOffer) => Math.ceil(offer.minDownPaymentBp / 100);

/** The down payment in fen for a share of the price, never under the product's minimum. */
export function downPaymentFor(priceFen: number, offer: TProductOffer, downPct: number): number {
  return Math.max(offer.minDownPaymentFen, Math.ceil((priceFen * downPct) / 100));
}

/** The default pair to compare: the cheapest plan overall, then the cheapest of another product. */
export function defaultChoices(offers: readonly TProductOffer[]): [Choice | null, Choice | null] {
  const pairs = offers
    .flatMap((o) => o.plans.map((p) => ({ o, p })))
    .sort((a, b) => a.p.totalCostFen - b.p.totalCostFen);
  const first = pairs[0];
  if (!first) return [null, null];
  const second = pairs.find((x) => x.o.productId !== first.o.productId) ?? pairs[1];
  const choice = (x: typeof first | undefined): Choice | null =>
    x ? { productId: x.o.productId, termMonths: x.p.termMonths, downPct: minPct(x.o) } : null;
  return [choice(first), choice(second)];
}

function rateText(offer: TProductOffer, t: (k: string, o?: Record<string, unknown>) => string): string {
  const rates = offer.plans.map((p) => p.rateBp);
  if (rates.length === 0) return '—';
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const range = lo === hi ? `${bpToPercent(lo)}%` : `${bpToPercent(lo)}%–${bpToPercent(hi)}%`;
  return t(offer.rateKind === 'flat' ? 'plans.flatRate' : 'plans.annualRate', { range });
}

function ProductList({ offers }: { offers: readonly TProductOffer[] }) {
  const { t, i18n } = useTranslation('pricing');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Table<TProductOffer>
      size="small"
      rowKey="productId"
      pagination={false}
      scroll={{ x: true }}
      dataSource={[...offers]}
      data-testid="finance-products"
      onRow={(o) =>
        ({ 'data-testid': `finance-product-${o.productId}` }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('plans.product'),
          render: (_v, o) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{pickName(o.name, lang)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`plans.lenders.${o.lenderCode}`)}
              </Typography.Text>
              <Space size={4} wrap>
                {o.subsidised ? <Tag color="red">{t('plans.subsidisedTag')}</Tag> : null}
                {o.rateKind === 'flat' ? <Tag color="orange">{t('plans.flatTag')}</Tag> : null}
                {o.brands.length > 0 ? (
                  <Tag>
                    {t('plans.brandsOnly', { brands: o.brands.map((b) => b.toUpperCase()).join(' / ') })}
                  </Tag>
                ) : null}
              </Space>
            </Space>
          ),
        },
        { title: t('plans.rate'), render: (_v, o) => rateText(o, t) },
        {
          title: t('plans.terms'),
          render: (_v, o) => o.plans.map((p) => p.termMonths).join(' / ') || '—',
        },
        {
          title: t('plans.minDown'),
          render: (_v, o) => `${formatFen(o.minDownPaymentFen)} (${bpToPercent(o.minDownPaymentBp)}%)`,
        },
        {
          title: t('plans.aprRange'),
          render: (_v, o) => {
            const aprs = o.plans.map((p) => p.aprBp);
            if (aprs.length === 0) return '—';
            const lo = Math.min(...aprs);
            const hi = Math.max(...aprs);
            return lo === hi ? `${bpToPercent(lo)}%` : `${bpToPercent(lo)}%–${bpToPercent(hi)}%`;
          },
        },
      ]}
    />
  );
}

function PlanPicker({
  label,
  offers,
  choice,
  onChange,
  priceFen,
  testId,
}: {
  label: string;
  offers: readonly TProductOffer[];
  choice: Choice;
  onChange: (c: Choice) => void;
  priceFen: number;
  testId: string;
}) {
  const { t, i18n } = useTranslation('pricing');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const offer = offers.find((o) => o.productId === choice.productId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      <Select
        style={{ width: '100%' }}
        value={choice.productId}
        aria-label={t('plans.product')}
        data-testid={`${testId}-product`}
        options={offers.map((o) => ({ value: o.productId, label: pickName(o.name, lang) }))}
        onChange={(productId) => {
          const next = offers.find((o) => o.productId === productId);
          if (!next) return;
          const terms = next.plans.map((p) => p.termMonths);
          onChange({
            productId,
            termMonths: terms.includes(choice.termMonths) ? choice.termMonths : (terms.at(-1) ?? 12),
            downPct: Math.max(choice.downPct, minPct(next)),
          });
        }}
      />
      <Select
        style={{ width: '100%' }}
        value={choice.termMonths}
        aria-label={t('plans.term')}
        data-testid={`${testId}-term`}
        options={(offer?.plans ?? []).map((p) => ({
          value: p.termMonths,
          label: t('plans.months', { count: p.termMonths }),
        }))}
        onChange={(termMonths) => onChange({ ...choice, termMonths })}
      />
      {offer ? (
        <>
          <Typography.Text>
            {t('plans.downPayment')}: {choice.downPct}% ·{' '}
            {formatFen(downPaymentFor(priceFen, offer, choice.downPct))}
          </Typography.Text>
          <Slider
            min={minPct(offer)}
            max={90}
            value={choice.downPct}
            onChange={(downPct) => onChange({ ...choice, downPct })}
            aria-label={t('plans.downPayment')}
          />
        </>
      ) : null}
    </Space>
  );
}

/** One chosen plan, asked of the server for exactly that product, term and down payment. */
function useChosenPlan(base: TFinancePlansRequest, choice: Choice | null, offers: readonly TProductOffer[]) {
  const offer = choice ? offers.find((o) => o.productId === choice.productId) : undefined;
  const req =
    choice && offer
      ? {
          ...base,
          productId: choice.productId,
          termMonths: choice.termMonths,
          downPaymentFen: downPaymentFor(base.priceFen, offer, choice.downPct),
        }
      : null;
  const q = useFinancePlans(req);
  const answer = q.data?.products[0];
  return { offer: answer, plan: answer?.plans[0], error: q.error, downPaymentFen: req?.downPaymentFen };
}

type Column = 'a' | 'b' | 'full';
interface Metric {
  key: string;
  label: string;
  values: Record<Column, string>;
}

/** Applicable products for a car, two chosen loan plans and full payment side by side. */
export function PlanComparison({ priceFen, energy, used, brand }: PlanComparisonProps) {
  const { t, i18n } = useTranslation('pricing');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const base: TFinancePlansRequest = useMemo(
    () => ({ priceFen, energy, used, ...(brand ? { brand } : {}) }),
    [priceFen, energy, used, brand],
  );
  const all = useFinancePlans(priceFen >= 100_00 ? base : null);
  const offers = useMemo(() => (all.data?.products ?? []).filter((o) => o.plans.length > 0), [all.data]);
  const [choiceA, setA] = useState<Choice | null>(null);
  const [choiceB, setB] = useState<Choice | null>(null);

  // A new car (or its first answer) starts from the cheapest plans; a choice still on offer is kept.
  useEffect(() => {
    const [a, b] = defaultChoices(offers);
    const keep = (c: Choice | null, fallback: Choice | null) =>
      c &&
      offers.some((o) => o.productId === c.productId && o.plans.some((p) => p.termMonths === c.termMonths))
        ? c
        : fallback;
    setA((c) => keep(c, a));
    setB((c) => keep(c, b));
  }, [offers]);

  const a = useChosenPlan(base, choiceA, offers);
  const b = useChosenPlan(base, choiceB, offers);

  if (all.error) {
    return <Alert type="error" showIcon message={t('plans.error', { message: all.error.message })} />;
  }
  if (!all.isLoading && offers.length === 0) {
    return (
      <Card title={t('plans.title')} data-testid="plan-comparison">
        <Empty description={t('plans.none')} />
      </Card>
    );
  }

  const totals: Record<Column, number | undefined> = {
    a: a.plan?.totalCostFen,
    b: b.plan?.totalCostFen,
    full: priceFen,
  };
  const known = (Object.entries(totals) as [Column, number | undefined][]).filter(
    (e): e is [Column, number] => e[1] !== undefined,
  );
  // Every option at the lowest total is marked (a 0% offer without fees ties with full payment).
  const lowest = Math.min(...known.map((e) => e[1]));
  const cheapest = new Set(known.filter((e) => e[1] === lowest).map((e) => e[0]));
  const dash = '—';
  const loanValues = (x: typeof a, f: (p: NonNullable<typeof a.plan>) => string): string =>
    x.plan ? f(x.plan) : dash;
  const metrics: Metric[] = [
    {
      key: 'product',
      label: t('plans.product'),
      values: {
        a: a.offer ? pickName(a.offer.name, lang) : dash,
        b: b.offer ? pickName(b.offer.name, lang) : dash,
        full: t('plans.fullPayment'),
      },
    },
    {
      key: 'down',
      label: t('plans.downPayment'),
      values: {
        a: a.downPaymentFen !== undefined ? formatFen(a.downPaymentFen) : dash,
        b: b.downPaymentFen !== undefined ? formatFen(b.downPaymentFen) : dash,
        full: formatFen(priceFen),
      },
    },
    {
      key: 'monthly',
      label: t('plans.monthly'),
      values: {
        a: loanValues(a, (p) => formatFen(p.firstPaymentFen)),
        b: loanValues(b, (p) => formatFen(p.firstPaymentFen)),
        full: dash,
      },
    },
    {
      key: 'term',
      label: t('plans.term'),
      values: {
        a: loanValues(a, (p) => t('plans.months', { count: p.termMonths })),
        b: loanValues(b, (p) => t('plans.months', { count: p.termMonths })),
        full: dash,
      },
    },
    {
      key: 'interest',
      label: t('plans.interest'),
      values: {
        a: loanValues(a, (p) => formatFen(p.totalInterestFen)),
        b: loanValues(b, (p) => formatFen(p.totalInterestFen)),
        full: formatFen(0),
      },
    },
    {
      key: 'fees',
      label: t('plans.fees'),
      values: {
        a: loanValues(a, (p) => formatFen(p.feesFen)),
        b: loanValues(b, (p) => formatFen(p.feesFen)),
        full: formatFen(0),
      },
    },
    {
      key: 'apr',
      label: t('plans.apr'),
      values: {
        a: loanValues(a, (p) => `${bpToPercent(p.aprBp)}%`),
        b: loanValues(b, (p) => `${bpToPercent(p.aprBp)}%`),
        full: dash,
      },
    },
    {
      key: 'subsidy',
      label: t('plans.subsidy'),
      values: {
        a: loanValues(a, (p) => (p.subsidyFen > 0 ? formatFen(p.subsidyFen) : dash)),
        b: loanValues(b, (p) => (p.subsidyFen > 0 ? formatFen(p.subsidyFen) : dash)),
        full: dash,
      },
    },
    {
      key: 'total',
      label: t('plans.totalCost'),
      values: {
        a: loanValues(a, (p) => formatFen(p.totalCostFen)),
        b: loanValues(b, (p) => formatFen(p.totalCostFen)),
        full: formatFen(priceFen),
      },
    },
  ];
  const head = (col: Column, title: string) => (
    <Space size={4} data-testid={`plan-head-${col}`}>
      {title}
      {cheapest.has(col) ? (
        <Tag color="green" data-testid="plan-cheapest">
          {t('plans.cheapest')}
        </Tag>
      ) : null}
    </Space>
  );
  const cell = (col: Column) => ({
    style: cheapest.has(col) ? { background: '#f6ffed', fontWeight: 600 } : undefined,
  });
  const planError = (x: typeof a) =>
    x.error ? <Alert type="error" showIcon message={x.error.message} /> : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('plans.title')} data-testid="plan-products" loading={all.isLoading}>
        <ProductList offers={offers} />
      </Card>
      <Card title={t('plans.compare')} data-testid="plan-comparison">
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {(
            [
              ['a', t('plans.planA'), choiceA, setA, a],
              ['b', t('plans.planB'), choiceB, setB, b],
            ] as const
          ).map(([key, label, choice, set, result]) => (
            <Col xs={24} md={12} key={key}>
              {choice ? (
                <PlanPicker
                  label={label}
                  offers={offers}
                  choice={choice}
                  onChange={set}
                  priceFen={priceFen}
                  testId={`plan-pick-${key}`}
                />
              ) : null}
              {planError(result)}
            </Col>
          ))}
        </Row>
        <Table<Metric>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={metrics}
          data-testid="plan-table"
          onRow={(m) => ({ 'data-testid': `plan-row-${m.key}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '', dataIndex: 'label', width: 140 },
            { title: head('a', t('plans.planA')), render: (_v, m) => m.values.a, onCell: () => cell('a') },
            { title: head('b', t('plans.planB')), render: (_v, m) => m.values.b, onCell: () => cell('b') },
            {
              title: head('full', t('plans.fullPayment')),
              render: (_v, m) => m.values.full,
              onCell: () => cell('full'),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('plans.note')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
