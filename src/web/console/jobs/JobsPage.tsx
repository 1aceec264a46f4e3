import { App, Button, Card, Col, Popconfirm, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable, fetchAllPages, pagedRows } from '../../shared/components/DataTable.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useStaffMe } from '../../shared/hooks/identity.js';
import {
  type JobItem,
  type JobStats,
  useJobAction,
  useJobStats,
  useJobs,
} from '../../shared/hooks/platform.js';
import { useLabels } from '../../shared/labels.js';

type ByName = JobStats['byName'][number];

/** Job statistics and the dead-letter list with retry / discard. */
export function JobsPage() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffMe();
  const canManage = Boolean(me?.permissions.includes('jobs.manage'));
  const stats = useJobStats();
  const dead = useJobs('dead');
  const action = useJobAction();
  const items = dead.data?.pages.flatMap((p) => p.items) ?? [];
  const L = useLabels();
  const statusLabel = (s: string) => L.label('jobStatus', s);
  const run = (id: string, a: 'retry' | 'discard') =>
    action.mutate(
      { id, action: a },
      {
        onSuccess: () => void message.success(tc('states.done')),
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="jobs-page">
      <Card title={t('jobs.stats')}>
        <QueryState isLoading={stats.isLoading} error={stats.error}>
          <Row gutter={[16, 16]} data-testid="job-stats">
            {Object.entries(stats.data?.totals ?? {}).map(([status, n]) => (
              <Col key={status} xs={12} sm={8} md={6} lg={4}>
                <Statistic title={statusLabel(status)} value={n} />
              </Col>
            ))}
          </Row>
          {(stats.data?.byName.length ?? 0) > 0 && (
            <div style={{ marginTop: 16 }}>
              <DataTable<ByName>
                testId="job-stats-by-name"
                urlKey="stats_"
                size="small"
                rows={stats.data?.byName ?? []}
                rowKey={(r) => r.name}
                columns={[
                  {
                    key: 'name',
                    title: t('jobs.name'),
                    kind: 'title',
                    value: (r) => L.jobName(r.name),
                    sortable: true,
                  },
                  ...Object.keys(stats.data?.totals ?? {}).map(
                    (status): DataColumn<ByName> => ({
                      key: status,
                      title: statusLabel(status),
                      kind: 'number',
                      value: (r) => r.counts[status as keyof ByName['counts']] ?? 0,
                      sortable: true,
                    }),
                  ),
                ]}
              />
            </div>
          )}
        </QueryState>
      </Card>
      <Card
        title={t('jobs.dead')}
        extra={<Button onClick={() => void dead.refetch()}>{tc('actions.refresh')}</Button>}
        id="dead-letters"
      >
        <DataTable<JobItem>
          testId="dead-jobs"
          size="small"
          rows={items}
          rowKey={(r) => r.id}
          {...pagedRows(dead)}
          exportName="dead-letter-jobs"
          exportRows={() => fetchAllPages<JobItem>('/platform/jobs', { status: 'dead' })}
          emptyText={t('jobs.noDead')}
          columns={[
            {
              key: 'name',
              title: t('jobs.name'),
              kind: 'title',
              value: (r) => L.jobName(r.name),
              sortable: true,
            },
            {
              key: 'attempts',
              title: t('jobs.attempts'),
              kind: 'number',
              value: (r) => `${r.attempts} / ${r.maxAttempts}`,
            },
            {
              key: 'lastError',
              title: t('jobs.lastError'),
              value: (r) => r.lastError ?? '—',
              width: 320,
            },
            {
              key: 'createdAt',
              title: t('jobs.createdAt'),
              kind: 'time',
              value: (r) => formatTime(r.createdAt),
              sortable: true,
              sortValue: (r) => r.createdAt,
            },
            {
              key: 'finishedAt',
              title: t('jobs.finishedAt'),
              kind: 'time',
              value: (r) => formatTime(r.finishedAt),
              sortable: true,
              sortValue: (r) => r.finishedAt ?? '',
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('staff.actions'),
                    kind: 'actions' as const,
                    width: 150,
                    render: (r: JobItem) => (
                      <Space>
                        <Button size="small" onClick={() => run(r.id, 'retry')} data-testid="job-retry">
                          {t('jobs.retry')}
                        </Button>
                        <Popconfirm title={t('jobs.confirmDiscard')} onConfirm={() => run(r.id, 'discard')}>
                          <Button size="small" danger>
                            {t('jobs.discard')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
