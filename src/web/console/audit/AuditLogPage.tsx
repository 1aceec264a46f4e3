import { Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { type AuditEntry, type AuditFilter, useAuditLog } from '../../shared/hooks/platform.js';

function show(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Field-by-field before/after of one audit row; only changed fields are listed. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('console');
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  if (keys.length === 0) return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      data-testid="audit-diff"
      dataSource={keys.map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }))}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180 },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: string) => (
            <Typography.Text delete type="danger">
              {v}
            </Typography.Text>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: string) => <Typography.Text type="success">{v}</Typography.Text>,
        },
      ]}
    />
  );
}

/** The audit log: who did what, when, with before/after; filters by actor, action, entity and dates. */
export function AuditLogPage() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(filter);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const text = (key: 'actor' | 'action' | 'entityType' | 'entityId', width = 160) => (
    <Input
      allowClear
      placeholder={t(`audit.${key}`)}
      style={{ width }}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value.trim() || undefined }))}
      onPressEnter={() => setFilter(draft)}
      data-testid={`audit-filter-${key}`}
    />
  );
  return (
    <Card title={t('menu.audit')} data-testid="audit-log">
      <Space wrap style={{ marginBottom: 16 }}>
        {text('actor')}
        {text('action')}
        {text('entityType')}
        {text('entityId', 200)}
        <DatePicker.RangePicker
          showTime
          onChange={(range) =>
            setDraft((d) => ({
              ...d,
              from: range?.[0]?.toISOString() ?? undefined,
              to: range?.[1]?.toISOString() ?? undefined,
            }))
          }
        />
        <Button type="primary" onClick={() => setFilter(draft)} data-testid="audit-search">
          {tc('actions.search')}
        </Button>
      </Space>
      <QueryState isLoading={log.isLoading} error={log.error} onRetry={() => void log.refetch()}>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={items}
          expandable={{ expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} /> }}
          columns={[
            {
              title: t('audit.occurredAt'),
              dataIndex: 'occurredAt',
              width: 170,
              render: (v: string) => formatTime(v),
            },
            {
              title: t('audit.actor'),
              dataIndex: 'actorLabel',
              render: (v: string | null, r) => (
                <Space size={4}>
                  <Tag>{r.actorKind}</Tag>
                  {v ?? '—'}
                </Space>
              ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => <Tag color="blue">{v}</Tag>,
            },
            { title: t('audit.entityType'), dataIndex: 'entityType' },
            { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string | null) => v ?? '—' },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
        {log.hasNextPage && (
          <Button
            block
            style={{ marginTop: 12 }}
            onClick={() => void log.fetchNextPage()}
            loading={log.isFetchingNextPage}
          >
            {tc('actions.loadMore')}
          </Button>
        )}
      </QueryState>
    </Card>
  );
}
