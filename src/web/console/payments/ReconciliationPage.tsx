import './i18n.js';
import { App, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ONLINE_PROVIDERS, type OnlineProvider } from '../../../server/modules/payments/payments.enums.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { formatTime, yuan } from '../../shared/format.js';
import {
  type TReconMismatch,
  type TReconRun,
  useReconRun,
  useReconRuns,
  useRunReconciliation,
} from '../../shared/hooks/payments.js';

// Console: reconciliation (对账). The daily runs of each gateway's statement against our books, their
// mismatches, a CSV of them, and "reconcile now" for a day.

const RUN_COLOURS: Record<TReconRun['status'], string> = {
  running: 'blue',
  matched: 'green',
  mismatched: 'orange',
  failed: 'red',
};

function Mismatches({ runId }: { runId: string }) {
  const { t } = useTranslation('consolePayments');
  const run = useReconRun(runId);
  return (
    <DataTable<TReconMismatch>
      testId={`recon-mismatches-${runId}`}
      rows={run.data?.mismatches}
      rowKey={(m) => m.id}
      loading={run.isLoading}
      error={run.error}
      urlKey={false}
      size="small"
      columns={[
        {
          key: 'kind',
          title: t('recon.kind'),
          kind: 'tag',
          value: (m) => t(`recon.kinds.${m.kind}`),
          color: () => 'orange',
        },
        {
          key: 'merchantOrderNo',
          title: t('merchantOrderNo'),
          value: (m) => m.merchantOrderNo || '—',
          width: 220,
        },
        { key: 'refundNo', title: t('recon.refundNo'), value: (m) => m.refundNo ?? '—', width: 220 },
        {
          key: 'ours',
          title: t('recon.ours'),
          kind: 'money',
          value: (m) => (m.oursFen === null ? '—' : yuan(m.oursFen)),
        },
        {
          key: 'theirs',
          title: t('recon.theirs'),
          kind: 'money',
          value: (m) => (m.theirsFen === null ? '—' : yuan(m.theirsFen)),
        },
        { key: 'detail', title: t('recon.detail'), kind: 'title', value: (m) => m.detail },
      ]}
    />
  );
}

export function ReconciliationPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consolePayments');
  const { message } = App.useApp();
  const runs = useReconRuns();
  const start = useRunReconciliation();
  const [day, setDay] = useState(() =>
    new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10),
  );
  const [provider, setProvider] = useState<OnlineProvider | undefined>(undefined);
  return (
    <Card title={t('recon.title')} data-testid="reconciliation-page">
      <Typography.Paragraph type="secondary">{t('recon.subtitle')}</Typography.Paragraph>
      <DataTable<TReconRun>
        testId="recon-runs"
        rows={runs.data?.items}
        rowKey={(r) => r.id}
        rowTestId={(r) => `recon-row-${r.id}`}
        loading={runs.isLoading}
        error={runs.error}
        onRetry={() => void runs.refetch()}
        urlKey="rc"
        toolbar={
          canManage ? (
            <Space>
              <Input
                type="date"
                aria-label={t('recon.day')}
                value={day}
                onChange={(e) => setDay(e.target.value)}
                style={{ width: 160 }}
                data-testid="recon-day"
              />
              <Select
                allowClear
                value={provider}
                placeholder={t('anyProvider')}
                aria-label={t('provider')}
                style={{ width: 140 }}
                options={ONLINE_PROVIDERS.map((p) => ({ value: p, label: t(`providers.${p}`) }))}
                onChange={(p?: OnlineProvider) => setProvider(p)}
              />
              <Button
                type="primary"
                loading={start.isPending}
                data-testid="recon-run-now"
                onClick={() =>
                  start.mutate(
                    { day, provider },
                    {
                      onSuccess: () => void message.success(t('recon.started')),
                      onError: (e: Error) => void message.error(e.message),
                    },
                  )
                }
              >
                {t('recon.runNow')}
              </Button>
            </Space>
          ) : undefined
        }
        expandable={{ render: (r) => <Mismatches runId={r.id} />, canExpand: (r) => r.mismatchCount > 0 }}
        columns={[
          { key: 'day', title: t('recon.day'), kind: 'title', value: (r) => r.day, sortable: true },
          { key: 'provider', title: t('provider'), value: (r) => t(`providers.${r.provider}`) },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(`recon.statuses.${r.status}`),
            color: (r) => RUN_COLOURS[r.status],
          },
          { key: 'lines', title: t('recon.lines'), kind: 'number', value: (r) => r.statementLines },
          { key: 'matched', title: t('recon.matched'), kind: 'number', value: (r) => r.matchedLines },
          { key: 'mismatches', title: t('recon.mismatches'), kind: 'number', value: (r) => r.mismatchCount },
          {
            key: 'startedAt',
            title: t('recon.startedAt'),
            kind: 'time',
            value: (r) => formatTime(r.startedAt),
            sortValue: (r) => r.startedAt,
          },
          {
            key: 'actions',
            title: '',
            kind: 'actions',
            render: (r) =>
              r.mismatchCount > 0 ? (
                <Button
                  size="small"
                  href={`/api/v1/payments/staff/reconciliation/runs/${encodeURIComponent(r.id)}/mismatches.csv`}
                  data-testid={`recon-csv-${r.id}`}
                >
                  {t('recon.exportCsv')}
                </Button>
              ) : r.error ? (
                <Typography.Text type="danger">{r.error}</Typography.Text>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
