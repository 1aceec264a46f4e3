import { Alert, Button, Card, Checkbox, Select, Slider, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { THIRD_PARTY_AMOUNTS } from '../../../server/modules/pricing/pricing.enums.js';
import { ApiError } from '../../shared/api.js';
import {
  type TQuotePreview,
  type TQuoteRequest,
  useListingQuote,
  useSaveQuote,
} from '../../shared/hooks/pricing.js';
import './i18n.js';
import { useTrackCalculation } from '../../shared/analytics/tracker.js';
import { bpToPercent, formatFen } from './money.js';

// The landed price on the vehicle page: every line with its rule, full payment or loan, the buyer's
// insurance and service choices. Each change recomputes the quote (debounced, nothing stored); the buyer
// saves one to get a quote number that keeps its rule versions.

const TERMS = [12, 24, 36, 48, 60] as const;

interface Choices {
  mode: 'full' | 'loan';
  vehicleDamage: boolean;
  thirdPartyAmountYuan: number;
  seatYuan: number;
  plateService: boolean;
  extendedWarranty: boolean;
  plateQuota: boolean;
  tradeIn: 'scrap' | 'replace' | null;
  downPct: number;
  termMonths: number;
}

/** The quote request for the buyer's choices (loan at the platform's reference rate of 3.5%). */
export function quoteRequest(listingId: string, cityCode: string | null, c: Choices): TQuoteRequest {
  return {
    listingId,
    ...(cityCode ? { cityCode } : {}),
    insurance: {
      vehicleDamage: c.vehicleDamage,
      thirdPartyAmountYuan: c.thirdPartyAmountYuan,
      driverSeatYuan: c.seatYuan,
      passengerSeatYuan: c.seatYuan,
    },
    services: {
      plateService: c.plateService,
      extendedWarranty: c.extendedWarranty,
      plateQuota: c.plateQuota,
    },
    tradeIn: c.tradeIn,
    ...(c.mode === 'loan'
      ? {
          loan: {
            downPaymentBp: c.downPct * 100,
            termMonths: c.termMonths,
            method: 'equal_instalment' as const,
            annualRateBp: 350,
            feesFen: 0,
          },
        }
      : {}),
  };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

function Lines({ quote }: { quote: TQuotePreview }) {
  const { t } = useTranslation('pricing');
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="price-lines">
      <tbody>
        {quote.lines.map((line) => (
          <tr
            key={line.code}
            data-testid={`price-line-${line.code}`}
            style={{ borderBottom: '1px solid #f0f0f0' }}
          >
            <td style={{ padding: '6px 0' }}>
              <div>{t(`lines.${line.code}`)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('breakdown.rule', { description: line.rule.description, version: line.rule.version })}
              </Typography.Text>
              {line.parts?.length ? (
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {line.parts
                    .map((p) => `${t(`parts.${p.code}`, { defaultValue: p.code })} ${formatFen(p.amountFen)}`)
                    .join(' · ')}
                </div>
              ) : null}
            </td>
            <td style={{ padding: '6px 0', textAlign: 'right', whiteSpace: 'nowrap', verticalAlign: 'top' }}>
              {line.includedInPrice ? `${t('breakdown.included')} ` : ''}
              {formatFen(line.amountFen)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PriceBreakdown({
  listingId,
  cityCode,
  used,
}: {
  listingId: string;
  cityCode: string | null;
  used: boolean;
}) {
  const { t } = useTranslation('pricing');
  const [choices, setChoices] = useState<Choices>({
    mode: 'full',
    vehicleDamage: true,
    thirdPartyAmountYuan: 2_000_000,
    seatYuan: 10_000,
    plateService: false,
    extendedWarranty: false,
    plateQuota: false,
    tradeIn: null,
    downPct: 30,
    termMonths: 36,
  });
  const set = (patch: Partial<Choices>) => setChoices((c) => ({ ...c, ...patch }));
  const debounced = useDebounced(choices, 300);
  const req = useMemo(() => quoteRequest(listingId, cityCode, debounced), [listingId, cityCode, debounced]);
  const quote = useListingQuote(req);
  const q = quote.data;
  useTrackCalculation(
    'price_calculation',
    q ? JSON.stringify(debounced) : null,
    { mode: debounced.mode, termMonths: debounced.termMonths },
    { listingId, cityCode: cityCode ?? undefined },
    true,
  );
  const save = useSaveQuote();
  const saved = save.data && req && save.variables === req ? save.data : null;
  const terms = used ? TERMS.filter((n) => n <= 36) : TERMS;
  const minDown = used ? 30 : 0;

  return (
    <Card title={t('breakdown.title')} id="landed-price" data-testid="price-breakdown">
      <Tabs
        activeKey={choices.mode}
        onChange={(k) => set({ mode: k as Choices['mode'] })}
        items={[
          { key: 'full', label: t('breakdown.full') },
          { key: 'loan', label: t('breakdown.loan') },
        ]}
      />
      {choices.mode === 'loan' ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Typography.Text>
            {t('breakdown.downPayment')}: {choices.downPct}%
          </Typography.Text>
          <Slider
            min={minDown}
            max={90}
            step={5}
            value={Math.max(minDown, choices.downPct)}
            onChange={(v) => set({ downPct: v })}
            aria-label={t('breakdown.downPayment')}
            data-testid="loan-down-slider"
          />
          <Select
            aria-label={t('breakdown.term')}
            value={Math.min(choices.termMonths, terms.at(-1) ?? 36)}
            onChange={(v) => set({ termMonths: v })}
            options={terms.map((n) => ({ value: n, label: t('breakdown.months', { count: n }) }))}
            style={{ width: 160 }}
            data-testid="loan-term-select"
          />
          {used ? <Typography.Text type="secondary">{t('breakdown.usedRule')}</Typography.Text> : null}
        </Space>
      ) : null}
      {quote.error ? (
        <Alert
          type="error"
          showIcon
          message={t('breakdown.error', {
            message: quote.error instanceof ApiError ? quote.error.message : String(quote.error),
          })}
        />
      ) : null}
      {q ? (
        <>
          <Lines quote={q} />
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12, fontSize: 18 }}>
            <strong>{t('breakdown.total')}</strong>
            <strong data-testid="landed-total">{formatFen(q.totalFen)}</strong>
          </div>
          {q.loan ? (
            <div data-testid="loan-summary" style={{ marginTop: 12 }}>
              {(
                [
                  ['monthly', formatFen(q.loan.firstPaymentFen), 'loan-monthly'],
                  ['apr', `${bpToPercent(q.loan.aprBp)}%`, 'loan-apr'],
                  ['upfront', formatFen(q.loan.upfrontFen), 'loan-upfront'],
                  ['interest', formatFen(q.loan.totalInterestFen), 'loan-interest'],
                  ['totalCost', formatFen(q.loan.totalCostFen), 'loan-total-cost'],
                ] as const
              ).map(([key, value, testId]) => (
                <div key={key} style={{ display: 'flex', justifyContent: 'space-between' }}>
                  <span>{t(`breakdown.${key}`)}</span>
                  <span data-testid={testId}>{value}</span>
                </div>
              ))}
              <Link to="/tools/loan">{t('breakdown.loanTool')}</Link>
            </div>
          ) : null}
          {saved ? (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, marginTop: 8 }}
              data-testid="saved-quote"
            >
              {t('breakdown.quoteId', { id: saved.id, date: saved.date })}
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              {t('breakdown.rulesOf', { date: q.date })}{' '}
              <Button
                size="small"
                loading={save.isPending}
                disabled={!req}
                onClick={() => req && save.mutate(req)}
                data-testid="save-quote"
              >
                {t('breakdown.saveQuote')}
              </Button>
            </Typography.Paragraph>
          )}
        </>
      ) : null}
      <Typography.Title level={5}>{t('breakdown.insurance')}</Typography.Title>
      <Space wrap>
        <Checkbox checked={choices.vehicleDamage} onChange={(e) => set({ vehicleDamage: e.target.checked })}>
          {t('breakdown.vehicleDamage')}
        </Checkbox>
        <Select
          aria-label={t('breakdown.thirdParty')}
          value={choices.thirdPartyAmountYuan}
          onChange={(v) => set({ thirdPartyAmountYuan: v })}
          style={{ width: 150 }}
          data-testid="third-party-select"
          options={THIRD_PARTY_AMOUNTS.map((a) => ({
            value: a,
            label:
              a === 0
                ? t('breakdown.none')
                : t('breakdown.amount', { wan: a / 10_000, millions: a / 1_000_000 }),
          }))}
        />
        <Select
          aria-label={t('breakdown.seats')}
          value={choices.seatYuan}
          onChange={(v) => set({ seatYuan: v })}
          style={{ width: 150 }}
          options={[0, 10_000, 20_000, 50_000].map((a) => ({
            value: a,
            label:
              a === 0
                ? t('breakdown.none')
                : t('breakdown.amount', { wan: a / 10_000, millions: a / 1_000_000 }),
          }))}
        />
      </Space>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('breakdown.services')}
      </Typography.Title>
      <Space wrap>
        <Checkbox checked={choices.plateService} onChange={(e) => set({ plateService: e.target.checked })}>
          {t('breakdown.plateService')}
        </Checkbox>
        <Checkbox
          checked={choices.extendedWarranty}
          onChange={(e) => set({ extendedWarranty: e.target.checked })}
        >
          {t('breakdown.extendedWarranty')}
        </Checkbox>
        <Checkbox checked={choices.plateQuota} onChange={(e) => set({ plateQuota: e.target.checked })}>
          {t('breakdown.plateQuota')}
        </Checkbox>
      </Space>
      {!used ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('breakdown.tradeIn')}
          </Typography.Title>
          <Select<'none' | 'scrap' | 'replace'>
            aria-label={t('breakdown.tradeIn')}
            value={choices.tradeIn ?? 'none'}
            onChange={(v) => set({ tradeIn: v === 'none' ? null : v })}
            style={{ width: 180 }}
            options={[
              { value: 'none', label: t('breakdown.tradeInNone') },
              { value: 'scrap', label: t('breakdown.tradeInScrap') },
              { value: 'replace', label: t('breakdown.tradeInReplace') },
            ]}
          />{' '}
          <Link to="/tools/trade-in">{t('tradeIn.title')}</Link>
        </>
      ) : null}
    </Card>
  );
}
