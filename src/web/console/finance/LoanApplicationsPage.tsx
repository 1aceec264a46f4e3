import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOAN_APPLICATION_STATES } from '../../../server/modules/finance/finance.applications.contract.js';
import { LENDER_CODES } from '../../../server/modules/finance/finance.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable, pagedRows, useUrlFilters } from '../../shared/components/DataTable.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import {
  type LoanQueueFilter,
  type TLoanApplication,
  useLoanQueue,
  useStaffLoanApplication,
  useSyncLoanApplication,
} from '../../shared/hooks/loan-applications.js';
import { useCityName, useCityOptions } from '../../shared/labels.js';
import { bpToPercent, formatFen } from '../../storefront/pricing/money.js';
import './applications.i18n.js';

// Console: 贷款申请 / Loan applications. The queue with filters, and a drawer with the timeline, the masked
// ID number, the lender's reasons and every callback received (verified or not).

const STATE_COLORS: Record<string, string> = {
  submitted: 'default',
  under_review: 'processing',
  approved: 'green',
  rejected: 'red',
  contract_signed: 'blue',
  disbursed: 'success',
  withdrawn: 'default',
};

type State = (typeof LOAN_APPLICATION_STATES)[number];
type Lender = (typeof LENDER_CODES)[number];

function DetailDrawer({ id, canManage, onClose }: { id: string; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation('consoleLoans');
  const { message } = App.useApp();
  const one = useStaffLoanApplication(id);
  const sync = useSyncLoanApplication();
  const cityName = useCityName();
  const a = one.data;
  return (
    <Drawer open width={640} title={t('detail')} onClose={onClose} destroyOnHidden data-testid="loan-drawer">
      <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
        {a ? (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Space>
              <Tag color={STATE_COLORS[a.state]}>{t(`states.${a.state}`)}</Tag>
              {canManage ? (
                <Button
                  size="small"
                  loading={sync.isPending}
                  onClick={() =>
                    sync.mutate(a.id, {
                      onSuccess: () => void message.success(t('synced')),
                      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
                    })
                  }
                  data-testid="loan-sync"
                >
                  {t('sync')}
                </Button>
              ) : null}
            </Space>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('applicant')}>{a.applicant.name}</Descriptions.Item>
              <Descriptions.Item label={t('idNumber')}>
                <span data-testid="loan-id-masked">{a.applicant.idNumberMasked}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('income')}>
                {formatFen(a.applicant.monthlyIncomeFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment')}>
                {t(`employmentTypes.${a.applicant.employmentType}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('city')}>{cityName(a.applicant.cityCode)}</Descriptions.Item>
              <Descriptions.Item label={t('lender')}>{t(`lenders.${a.lenderCode}`)}</Descriptions.Item>
              <Descriptions.Item label={t('lenderRef')}>{a.lenderRef ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('vehicle')}>
                {a.vehicleKind === 'used' ? t('usedCar') : t('newCar')}
                {a.newEnergy ? ` · ${t('newEnergy')}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('principal')}>{formatFen(a.terms.principalFen)}</Descriptions.Item>
              <Descriptions.Item label={t('monthly')}>
                {formatFen(a.terms.monthlyPaymentFen)} · {t('months', { count: a.terms.termMonths })} ·{' '}
                {t('apr')} {bpToPercent(a.terms.aprBp)}%
              </Descriptions.Item>
              <Descriptions.Item label={t('consent')}>
                {t('consentAt', { version: a.consentVersion, at: formatTime(a.consentAt) })}
              </Descriptions.Item>
            </Descriptions>
            {a.reasons.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                message={t('reasons')}
                description={a.reasons.map((r) => `${r.code}: ${r.message}`).join('；')}
              />
            ) : null}
            <Typography.Title level={5}>{t('timeline')}</Typography.Title>
            <Timeline
              items={a.timeline.map((e) => ({
                children: `${formatTime(e.at)} · ${t(`actions.${e.action}`, { defaultValue: e.action })} · ${t(`by.${e.by}`)}`,
              }))}
            />
            <Typography.Title level={5}>{t('callbacks')}</Typography.Title>
            <DataTable
              rows={a.callbacks}
              rowKey={(c) => c.id}
              urlKey={false}
              layout="table"
              size="small"
              columns={[
                { key: 'eventId', title: t('eventId'), value: (c) => c.providerEventId ?? '—' },
                { key: 'status', title: t('state'), value: (c) => c.status ?? '—' },
                { key: 'sequence', title: t('sequence'), kind: 'number', value: (c) => c.sequence },
                {
                  key: 'signature',
                  title: t('signature'),
                  kind: 'tag',
                  value: (c) => (c.signatureVerified ? t('verified') : t('unverified')),
                  color: (c) => (c.signatureVerified ? 'green' : 'red'),
                },
                { key: 'outcome', title: t('outcome'), value: (c) => t(`outcomes.${c.outcome}`) },
                { key: 'deliveries', title: t('deliveries'), kind: 'number', value: (c) => c.deliveries },
                {
                  key: 'received',
                  title: t('received'),
                  kind: 'time',
                  value: (c) => formatTime(c.receivedAt),
                },
              ]}
            />
          </Space>
        ) : null}
      </QueryState>
    </Drawer>
  );
}

export function LoanApplicationsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleLoans');
  const [filters, setFilters] = useUrlFilters(['state', 'lenderCode', 'cityCode', 'from', 'to']);
  const [open, setOpen] = useState<string | null>(null);
  const cityOptions = useCityOptions();
  const cityName = useCityName();
  const query: LoanQueueFilter = {
    state: (filters.state as State | undefined) || undefined,
    lenderCode: (filters.lenderCode as Lender | undefined) || undefined,
    cityCode: filters.cityCode || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
  const list = useLoanQueue(query);
  const rows = list.data?.pages.flatMap((p) => p.items);
  return (
    <Card title={t('title')} data-testid="loan-applications">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <DataTable<TLoanApplication>
        testId="loan-table"
        rows={rows}
        rowKey={(r) => r.id}
        {...pagedRows(list)}
        exportName="loan-applications"
        toolbar={
          <Space wrap>
            <Select<State>
              allowClear
              aria-label={t('state')}
              placeholder={t('state')}
              style={{ width: 140 }}
              value={query.state}
              onChange={(state) => setFilters({ state })}
              options={LOAN_APPLICATION_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))}
              data-testid="loan-filter-state"
            />
            <Select<Lender>
              allowClear
              aria-label={t('lender')}
              placeholder={t('lender')}
              style={{ width: 180 }}
              value={query.lenderCode}
              onChange={(lenderCode) => setFilters({ lenderCode })}
              options={LENDER_CODES.map((c) => ({ value: c, label: t(`lenders.${c}`) }))}
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="search"
              aria-label={t('city')}
              placeholder={t('city')}
              style={{ width: 140 }}
              value={query.cityCode}
              onChange={(cityCode?: string) => setFilters({ cityCode })}
              options={cityOptions}
            />
            <DatePicker.RangePicker
              value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
              onChange={(range) =>
                setFilters({
                  from: range?.[0]?.format('YYYY-MM-DD'),
                  to: range?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          </Space>
        }
        columns={[
          {
            key: 'applicant',
            title: t('applicant'),
            kind: 'title',
            value: (r) => `${r.applicant.name} · ${r.applicant.idNumberMasked}`,
            render: (r) => (
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => setOpen(r.id)}
                data-testid="loan-open"
              >
                {r.applicant.name} · {r.applicant.idNumberMasked}
              </Button>
            ),
          },
          {
            key: 'state',
            title: t('state'),
            kind: 'tag',
            value: (r) => t(`states.${r.state}`),
            color: (r) => STATE_COLORS[r.state],
          },
          { key: 'lender', title: t('lender'), value: (r) => t(`lenders.${r.lenderCode}`) },
          { key: 'city', title: t('city'), value: (r) => cityName(r.applicant.cityCode) },
          {
            key: 'principal',
            title: t('principal'),
            kind: 'money',
            value: (r) => formatFen(r.terms.principalFen),
            sortValue: (r) => r.terms.principalFen,
          },
          {
            key: 'monthly',
            title: t('monthly'),
            kind: 'money',
            value: (r) => formatFen(r.terms.monthlyPaymentFen),
            sortValue: (r) => r.terms.monthlyPaymentFen,
          },
          { key: 'term', title: t('term'), kind: 'number', value: (r) => r.terms.termMonths },
          {
            key: 'submitted',
            title: t('submitted'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortValue: (r) => r.createdAt,
          },
        ]}
      />
      {open ? <DetailDrawer id={open} canManage={canManage} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}
