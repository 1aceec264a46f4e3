import { App, Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { useStaffMe } from '../../shared/hooks/identity.js';
import { type JobItem, useJobAction, useJobStats, useJobs } from '../../shared/hooks/platform.js';

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
  const statusLabel = (s: string) => {
    const key = `jobs.status.${s}`;
    const label = t(key);
    return label === key ? s : label;
  };
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
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey="name"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={stats.data?.byName ?? []}
              columns={[
                { title: t('jobs.name'), dataIndex: 'name' },
                ...Object.keys(stats.data?.totals ?? {}).map((status) => ({
                  title: statusLabel(status),
                  key: status,
                  render: (_: unknown, r: { counts: Partial<Record<string, number>> }) =>
                    r.counts[status] ?? 0,
                })),
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Card
        title={t('jobs.dead')}
        extra={<Button onClick={() => void dead.refetch()}>{tc('actions.refresh')}</Button>}
      >
        <QueryState isLoading={dead.isLoading} error={dead.error} onRetry={() => void dead.refetch()}>
          <Table<JobItem>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={items}
            data-testid="dead-jobs"
            columns={[
              { title: t('jobs.name'), dataIndex: 'name', render: (v: string) => <Tag>{v}</Tag> },
              {
                title: t('jobs.attempts'),
                key: 'attempts',
                render: (_, r) => `${r.attempts} / ${r.maxAttempts}`,
              },
              {
                title: t('jobs.lastError'),
                dataIndex: 'lastError',
                render: (v: string | null) => (
                  <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>
                    {v ?? '—'}
                  </Typography.Text>
                ),
              },
              { title: t('jobs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
              {
                title: t('jobs.finishedAt'),
                dataIndex: 'finishedAt',
                render: (v: string | null) => formatTime(v),
              },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'actions',
                      render: (_: unknown, r: JobItem) => (
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
          {dead.hasNextPage && (
            <Button block style={{ marginTop: 12 }} onClick={() => void dead.fetchNextPage()}>
              {tc('actions.loadMore')}
            </Button>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
