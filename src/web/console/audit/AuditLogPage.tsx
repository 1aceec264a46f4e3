import { Button, Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, fetchAllPages, pagedRows, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import { type AuditEntry, type AuditFilter, useAuditLog } from '../../shared/hooks/platform.js';
import { useLabels } from '../../shared/labels.js';

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

const FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type TextKey = 'actor' | 'action' | 'entityType' | 'entityId';

/** The audit log: who did what, when, with before/after; filters (kept in the URL) by actor, action, entity and dates. */
export function AuditLogPage() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const L = useLabels();
  const [filter, setFilter] = useUrlFilters(FILTER_KEYS);
  const [draft, setDraft] = useState<AuditFilter>(filter);
  useEffect(() => setDraft(filter), [filter]);
  const log = useAuditLog(filter);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const apply = () => setFilter({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])), ...draft });
  const text = (key: TextKey, width = 160) => (
    <Input
      allowClear
      placeholder={t(`audit.${key}`)}
      aria-label={t(`audit.${key}`)}
      style={{ width }}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value.trim() || undefined }))}
      onPressEnter={apply}
      data-testid={`audit-filter-${key}`}
    />
  );
  const actor = (r: AuditEntry) => `${L.label('actorKind', r.actorKind)} ${r.actorLabel ?? ''}`.trim();
  return (
    <Card title={t('menu.audit')} data-testid="audit-log">
      <DataTable<AuditEntry>
        testId="audit-table"
        rows={items}
        rowKey={(r) => r.id}
        size="small"
        {...pagedRows(log)}
        exportName="audit-log"
        exportRows={() => fetchAllPages<AuditEntry>('/platform/audit', filter)}
        toolbar={
          <>
            {text('actor')}
            {text('action')}
            {text('entityType')}
            {text('entityId', 200)}
            <DatePicker.RangePicker
              showTime
              aria-label={t('audit.range')}
              onChange={(range) =>
                setDraft((d) => ({
                  ...d,
                  from: range?.[0]?.toISOString() ?? undefined,
                  to: range?.[1]?.toISOString() ?? undefined,
                }))
              }
            />
            <Button type="primary" onClick={apply} data-testid="audit-search">
              {tc('actions.search')}
            </Button>
          </>
        }
        expandable={{
          render: (r) => (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {t('audit.entityId')}: {r.entityId ?? '—'} · {t('audit.requestId')}: {r.requestId ?? '—'}
              </Typography.Text>
              <AuditDiff before={r.before} after={r.after} />
            </Space>
          ),
        }}
        columns={[
          {
            key: 'occurredAt',
            title: t('audit.occurredAt'),
            kind: 'time',
            value: (r) => formatTime(r.occurredAt),
            sortable: true,
            sortValue: (r) => r.occurredAt,
          },
          { key: 'action', title: t('audit.action'), kind: 'title', value: (r) => L.auditAction(r.action) },
          { key: 'actor', title: t('audit.actor'), value: actor, width: 220 },
          { key: 'entityType', title: t('audit.entityType'), value: (r) => L.entityType(r.entityType) },
          { key: 'ip', title: t('audit.ip'), value: (r) => r.ip ?? '—', width: 140 },
        ]}
      />
    </Card>
  );
}
