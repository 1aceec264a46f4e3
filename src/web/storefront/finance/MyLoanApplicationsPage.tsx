import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  List,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { LOAN_CONTRACT_CONSENT } from '../../../server/modules/finance/finance.applications.contract.js';
import { ApiError } from '../../shared/api.js';
import { PageSpin, QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useMe } from '../../shared/hooks/identity.js';
import {
  type TLoanApplicationDetail,
  useLoanApplicationAction,
  useMyLoanApplication,
  useMyLoanApplications,
} from '../../shared/hooks/loan-applications.js';
import { formatFen } from '../pricing/money.js';
import { STATE_COLORS } from './i18n.js';

// /account/loans: the buyer's loan applications; /account/loans/:id one of them with its progress,
// the lender's reasons, and the contract signature or withdrawal when they are possible.

function Detail({ application }: { application: TLoanApplicationDetail }) {
  const { t, i18n } = useTranslation('loanApply');
  const { message } = App.useApp();
  const act = useLoanApplicationAction();
  const [signing, setSigning] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const a = application;
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  return (
    <Card
      title={
        <Space>
          {t(`lenders.${a.lenderCode}`)}
          <Tag color={STATE_COLORS[a.state]} data-testid="loan-state">
            {t(`states.${a.state}`)}
          </Tag>
        </Space>
      }
      data-testid="loan-detail"
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('mine.principal')}>{formatFen(a.terms.principalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('mine.monthly')}>
          {formatFen(a.terms.monthlyPaymentFen)} × {t('mine.term', { count: a.terms.termMonths })}
        </Descriptions.Item>
        <Descriptions.Item label={t('mine.idNumber')}>{a.applicant.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label={t('mine.submittedAt')}>{formatTime(a.createdAt)}</Descriptions.Item>
        {a.lenderRef ? (
          <Descriptions.Item label={t('mine.lenderRef')}>{a.lenderRef}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {a.reasons.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          message={t('mine.reasons')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="loan-reasons">
              {a.reasons.map((r) => (
                <li key={r.code}>{r.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('mine.timeline')}
      </Typography.Title>
      <Timeline
        data-testid="loan-timeline"
        items={a.timeline.map((e) => ({
          children: (
            <Space direction="vertical" size={0}>
              <Typography.Text>{t(`actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(e.at)} · {t(`by.${e.by}`)}
              </Typography.Text>
            </Space>
          ),
        }))}
      />
      {['submitted', 'under_review'].includes(a.state) ? (
        <Typography.Paragraph type="secondary">{t('mine.refreshing')}</Typography.Paragraph>
      ) : null}
      <Space wrap>
        {a.buyerActions.includes('sign_contract') ? (
          <Button type="primary" onClick={() => setSigning(true)} data-testid="loan-sign">
            {t('mine.signContract')}
          </Button>
        ) : null}
        {a.buyerActions.includes('withdraw') ? (
          <Popconfirm
            title={t('mine.withdrawConfirm')}
            onConfirm={() => act.mutate({ id: a.id, action: 'withdraw', body: {} }, { onError: fail })}
          >
            <Button danger loading={act.isPending} data-testid="loan-withdraw">
              {t('mine.withdraw')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      <Modal
        open={signing}
        title={t('mine.contractTitle')}
        okButtonProps={{ disabled: !accepted, loading: act.isPending }}
        onCancel={() => setSigning(false)}
        onOk={() =>
          act.mutate(
            {
              id: a.id,
              action: 'sign-contract',
              body: { consent: { version: LOAN_CONTRACT_CONSENT.version, accepted: true } },
            },
            { onSuccess: () => setSigning(false), onError: fail },
          )
        }
      >
        <Typography.Paragraph>
          {i18n.language === 'en' ? LOAN_CONTRACT_CONSENT.en : LOAN_CONTRACT_CONSENT.zh}
        </Typography.Paragraph>
        <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)}>
          {t('mine.contractCheck')}
        </Checkbox>
      </Modal>
    </Card>
  );
}

function DetailById({ id }: { id: string }) {
  const one = useMyLoanApplication(id);
  return (
    <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
      {one.data ? <Detail application={one.data} /> : null}
    </QueryState>
  );
}

export function MyLoanApplicationsPage() {
  const { t } = useTranslation('loanApply');
  const { id } = useParams();
  const me = useMe();
  const buyer = me.data?.me?.kind === 'buyer';
  const list = useMyLoanApplications(buyer);
  if (me.isLoading) return <PageSpin />;
  if (!buyer) return <Navigate to="/sign-in?redirect=/account/loans" replace />;
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="my-loans">
      <Typography.Title level={2}>{t('mine.title')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        {id ? <DetailById id={id} /> : null}
        <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
          {items.length === 0 ? (
            <Empty description={t('mine.empty')}>
              <Link to="/tools/loan">{t('mine.applyNow')}</Link>
            </Empty>
          ) : (
            <List
              dataSource={items}
              renderItem={(a) => (
                <List.Item
                  key={a.id}
                  data-testid="my-loan-row"
                  extra={<Tag color={STATE_COLORS[a.state]}>{t(`states.${a.state}`)}</Tag>}
                >
                  <List.Item.Meta
                    title={<Link to={`/account/loans/${a.id}`}>{t(`lenders.${a.lenderCode}`)}</Link>}
                    description={`${formatFen(a.terms.principalFen)} · ${formatFen(a.terms.monthlyPaymentFen)} × ${t(
                      'mine.term',
                      { count: a.terms.termMonths },
                    )} · ${formatTime(a.createdAt)}`}
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Space>
    </div>
  );
}
