import { Alert, Button, Card, Checkbox, Form, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  SEAT_COVER_AMOUNTS,
  THIRD_PARTY_AMOUNTS,
} from '../../../server/modules/insurance/insurance.enums.js';
import { ApiError } from '../../shared/api.js';
import { formatTime } from '../../shared/format.js';
import {
  type TCoverages,
  type TCreateQuoteRequest,
  type TInsuranceChoice,
  type TPlan,
  type TVehicleFacts,
  useChoosePlan,
  useInsuranceChoices,
  useInsuranceQuote,
} from '../../shared/hooks/insurance.js';
import { currentLang } from '../../shared/i18n.js';
import { useIsBuyer } from '../catalog/saved.js';
import { formatFen } from '../pricing/money.js';
import './i18n.js';

// Insurance plans of the partner insurers side by side for a listing or any car: the buyer picks coverages,
// compares each insurer's lines and total (the lowest marked) and, signed in, keeps one plan for an order.

export const DEFAULT_COVERAGES: TCoverages = {
  vehicleDamage: true,
  thirdPartyAmountYuan: 2_000_000,
  driverSeatYuan: 10_000,
  passengerSeatYuan: 10_000,
  nevCharging: true,
};

const NEV = new Set(['bev', 'phev', 'erev', 'fcev']);

export type InsurancePlansProps =
  | { listingId: string; cityCode?: string; vehicle?: undefined }
  | { vehicle: TVehicleFacts; listingId?: undefined; cityCode?: undefined };

/** The quote request for a listing or a described car with the coverages chosen. */
export function insuranceQuoteRequest(
  props: InsurancePlansProps,
  coverages: TCoverages,
): TCreateQuoteRequest {
  return props.listingId !== undefined
    ? { listingId: props.listingId, ...(props.cityCode ? { cityCode: props.cityCode } : {}), coverages }
    : { vehicle: props.vehicle, coverages };
}

function insurerName(p: { insurerNameZh: string; insurerNameEn: string }): string {
  return currentLang() === 'en' ? p.insurerNameEn : p.insurerNameZh;
}

function useAmountLabel() {
  const { t } = useTranslation('insurance');
  return (yuanAmount: number) =>
    yuanAmount === 0
      ? t('coverages.none')
      : t('coverages.amount', { wan: yuanAmount / 10_000, yuan: yuanAmount.toLocaleString('en-US') });
}

function CoverageForm({
  value,
  onChange,
  nev,
}: {
  value: TCoverages;
  onChange: (next: TCoverages) => void;
  nev: boolean;
}) {
  const { t } = useTranslation('insurance');
  const amount = useAmountLabel();
  const set = (patch: Partial<TCoverages>) => onChange({ ...value, ...patch });
  return (
    <Form layout="inline" style={{ rowGap: 8 }} data-testid="insurance-coverages">
      <Form.Item label={t('coverages.vehicleDamage')}>
        <Switch
          checked={value.vehicleDamage}
          onChange={(vehicleDamage) => set({ vehicleDamage })}
          data-testid="insurance-vehicle-damage"
        />
      </Form.Item>
      <Form.Item label={t('coverages.thirdParty')}>
        <Select
          style={{ width: 130 }}
          value={value.thirdPartyAmountYuan}
          onChange={(thirdPartyAmountYuan) => set({ thirdPartyAmountYuan })}
          options={THIRD_PARTY_AMOUNTS.map((a) => ({ value: a, label: amount(a) }))}
          data-testid="insurance-third-party"
        />
      </Form.Item>
      <Form.Item label={t('coverages.driverSeat')}>
        <Select
          style={{ width: 110 }}
          value={value.driverSeatYuan}
          onChange={(driverSeatYuan) => set({ driverSeatYuan })}
          options={SEAT_COVER_AMOUNTS.map((a) => ({ value: a, label: amount(a) }))}
          data-testid="insurance-driver-seat"
        />
      </Form.Item>
      <Form.Item label={t('coverages.passengerSeat')}>
        <Select
          style={{ width: 110 }}
          value={value.passengerSeatYuan}
          onChange={(passengerSeatYuan) => set({ passengerSeatYuan })}
          options={SEAT_COVER_AMOUNTS.map((a) => ({ value: a, label: amount(a) }))}
          data-testid="insurance-passenger-seat"
        />
      </Form.Item>
      {nev ? (
        <Form.Item>
          <Checkbox checked={value.nevCharging} onChange={(e) => set({ nevCharging: e.target.checked })}>
            {t('coverages.nevCharging')}
          </Checkbox>
        </Form.Item>
      ) : null}
    </Form>
  );
}

type Row = { key: string; label: string; cells: Record<string, string> };

function PlanTable({
  plans,
  onChoose,
  choosing,
  chosenInsurer,
  signedIn,
}: {
  plans: TPlan[];
  onChoose: (plan: TPlan) => void;
  choosing: string | null;
  chosenInsurer: string | null;
  signedIn: boolean;
}) {
  const { t } = useTranslation('insurance');
  const location = useLocation();
  const codes = useMemo(() => {
    const seen: string[] = [];
    for (const p of plans) for (const l of p.lines) if (!seen.includes(l.code)) seen.push(l.code);
    return seen;
  }, [plans]);
  const rows: Row[] = [
    ...codes.map((code) => ({
      key: code,
      label: t(`lines.${code}`),
      cells: Object.fromEntries(
        plans.map((p) => {
          const line = p.lines.find((l) => l.code === code);
          return [p.insurerCode, line ? formatFen(line.premiumFen) : t('plans.notCovered')];
        }),
      ),
    })),
    {
      key: 'total',
      label: t('plans.total'),
      cells: Object.fromEntries(
        plans.map((p) => [
          p.insurerCode,
          p.totalFen === null ? t(`plans.${p.status}`) : formatFen(p.totalFen),
        ]),
      ),
    },
  ];
  const signInTo = `/sign-in?redirect=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <Table<Row>
      size="small"
      pagination={false}
      scroll={{ x: true }}
      rowKey="key"
      dataSource={rows}
      data-testid="insurance-plan-table"
      rowClassName={(r) => (r.key === 'total' ? 'insurance-total-row' : '')}
      columns={[
        { key: 'label', title: t('plans.coverage'), dataIndex: 'label', fixed: 'left', width: 150 },
        ...plans.map((p) => ({
          key: p.insurerCode,
          align: 'right' as const,
          onHeaderCell: () => ({
            'data-testid': `plan-${p.insurerCode}`,
            'data-status': p.status,
            'data-cheapest': p.cheapest,
            style: p.cheapest ? { background: '#f6ffed' } : undefined,
          }),
          onCell: () => ({ style: p.cheapest ? { background: '#f6ffed' } : undefined }),
          title: (
            <Space direction="vertical" size={2} align="end">
              <Typography.Text strong>{insurerName(p)}</Typography.Text>
              {p.cheapest ? <Tag color="green">{t('plans.cheapest')}</Tag> : null}
              {p.status !== 'quoted' ? <Tag>{t(`plans.${p.status}`)}</Tag> : null}
            </Space>
          ),
          render: (_: unknown, r: Row) =>
            r.key === 'total' ? (
              <Space direction="vertical" size={4} align="end">
                <Typography.Text strong data-testid={`plan-total-${p.insurerCode}`}>
                  {r.cells[p.insurerCode]}
                </Typography.Text>
                {p.status === 'quoted' ? (
                  signedIn ? (
                    <Button
                      size="small"
                      type={chosenInsurer === p.insurerCode ? 'default' : 'primary'}
                      disabled={chosenInsurer === p.insurerCode}
                      loading={choosing === p.insurerCode}
                      onClick={() => onChoose(p)}
                      data-testid={`plan-choose-${p.insurerCode}`}
                    >
                      {chosenInsurer === p.insurerCode ? t('plans.chosen') : t('plans.choose')}
                    </Button>
                  ) : (
                    <Link to={signInTo} data-testid={`plan-sign-in-${p.insurerCode}`}>
                      {t('plans.signIn')}
                    </Link>
                  )
                ) : null}
              </Space>
            ) : (
              r.cells[p.insurerCode]
            ),
        })),
      ]}
    />
  );
}

function ChoiceCard({ choice }: { choice: TInsuranceChoice }) {
  const { t } = useTranslation('insurance');
  return (
    <Alert
      type="success"
      showIcon
      data-testid="insurance-choice"
      message={t('choice.title')}
      description={
        <Space direction="vertical" size={0}>
          <Typography.Text strong>
            {t('choice.summary', { insurer: insurerName(choice), total: formatFen(choice.totalFen) })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('choice.saved', { id: choice.id })}</Typography.Text>
          <Typography.Text type="secondary">
            {t('choice.chosenAt', { time: formatTime(choice.chosenAt) })}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/** Coverages, the insurers' plans side by side, and the buyer's stored pick; for a listing or any car. */
export function InsurancePlans(props: InsurancePlansProps) {
  const { t } = useTranslation('insurance');
  const [coverages, setCoverages] = useState<TCoverages>(DEFAULT_COVERAGES);
  const signedIn = useIsBuyer();
  const request = insuranceQuoteRequest(props, coverages);
  const quote = useInsuranceQuote(request);
  const choices = useInsuranceChoices(signedIn);
  const choose = useChoosePlan();
  const [chooseError, setChooseError] = useState<string | null>(null);
  const q = quote.data;
  const nev = NEV.has(q?.vehicle.energy ?? props.vehicle?.energy ?? '');
  // The buyer's latest pick for this car (a listing), or their latest at all on the calculator.
  const latest =
    choices.data?.items.find((c) =>
      props.listingId !== undefined ? c.listingId === props.listingId : true,
    ) ?? null;
  const chosenHere = latest && q && latest.quoteId === q.id ? latest.insurerCode : null;
  const missing = (q?.plans ?? []).filter((p) => p.status !== 'quoted');
  return (
    <Card title={t('plans.title')} data-testid="insurance-plans">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text strong>{t('coverages.title')}</Typography.Text>
        <CoverageForm value={coverages} onChange={setCoverages} nev={nev} />
        {quote.error ? (
          <Alert
            type="warning"
            showIcon
            data-testid="insurance-error"
            message={t('plans.error', {
              message: quote.error instanceof ApiError ? quote.error.message : String(quote.error),
            })}
            action={
              <Button size="small" onClick={() => void quote.refetch()}>
                {t('plans.retry')}
              </Button>
            }
          />
        ) : null}
        {q?.plans.some((p) => p.sandbox) ? (
          <Alert type="info" showIcon message={t('plans.sandbox')} data-testid="insurance-sandbox" />
        ) : null}
        {missing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="insurance-missing"
            message={t('plans.missing', { names: missing.map(insurerName).join('、') })}
            action={
              <Button size="small" onClick={() => void quote.refetch()}>
                {t('plans.retry')}
              </Button>
            }
          />
        ) : null}
        {q ? (
          <PlanTable
            plans={q.plans}
            signedIn={signedIn}
            chosenInsurer={chosenHere}
            choosing={choose.isPending ? (choose.variables?.insurerCode ?? null) : null}
            onChoose={(plan) => {
              setChooseError(null);
              choose.mutate(
                { quoteId: q.id, insurerCode: plan.insurerCode },
                { onError: (e) => setChooseError(e instanceof ApiError ? e.message : String(e)) },
              );
            }}
          />
        ) : (
          <Table loading size="small" dataSource={[]} />
        )}
        {q ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plans.validUntil', { date: formatTime(q.validUntil) })}
            {nev ? ` ${t('plans.nevNote')}` : ''}
          </Typography.Text>
        ) : null}
        {chooseError ? (
          <Alert type="error" showIcon message={chooseError} data-testid="insurance-choose-error" />
        ) : null}
        {latest ? <ChoiceCard choice={latest} /> : null}
      </Space>
    </Card>
  );
}
