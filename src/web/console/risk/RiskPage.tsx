import './i18n.js';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRiskDecisionRequest } from '../../../server/modules/risk/risk.contract.js';
import {
  RISK_CASE_STATUSES,
  type RiskCaseStatus,
  type RiskDecision,
} from '../../../server/modules/risk/risk.enums.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { formatTime, yuan } from '../../shared/format.js';
import {
  type TRiskCase,
  type TRiskRule,
  useDecideRiskCase,
  useRiskCases,
  useRiskRules,
  useUpdateRiskRule,
} from '../../shared/hooks/risk.js';

// Console: risk review (风控). The queue of open cases, oldest first, with the rule, the order, the signals
// and how long each has waited; a person clears or rejects each once with a note. The second tab holds the
// velocity rules with their editable limits, windows and switches.

const FILTERS = ['status'] as const;
const STATUS_COLOURS: Record<RiskCaseStatus, string> = { open: 'orange', cleared: 'green', rejected: 'red' };

function isStatus(v: string | undefined): v is RiskCaseStatus {
  return v !== undefined && (RISK_CASE_STATUSES as readonly string[]).includes(v);
}

/** Minutes waited, shown in the largest unit that fits. */
function useAge() {
  const { t } = useTranslation('consoleRisk');
  return (iso: string) => {
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
    if (minutes < 60) return t('minutes', { count: minutes });
    if (minutes < 48 * 60) return t('hours', { count: Math.floor(minutes / 60) });
    return t('days', { count: Math.floor(minutes / 1440) });
  };
}

function windowText(minutes: number, t: (k: string, o?: Record<string, unknown>) => string) {
  if (minutes % 1440 === 0) return t('days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('hours', { count: minutes / 60 });
  return t('minutes', { count: minutes });
}

function Signals({ c }: { c: TRiskCase }) {
  const { t } = useTranslation('consoleRisk');
  return (
    <Space orientation="vertical" size={0}>
      {c.flags.map((f) => (
        <Typography.Text key={f.rule} type="danger">
          {t(`rules.${f.rule}`)}：
          {t('flag', { count: f.count, limit: f.limit, window: windowText(f.windowMinutes, t) })}
        </Typography.Text>
      ))}
      {c.signals ? (
        <Typography.Text type="secondary">
          {t('phone')} {c.signals.phoneMasked} · {t('device')} {c.signals.deviceId ?? '—'} · {t('ip')}{' '}
          {c.signals.ip ?? '—'} · {t('amount')} {yuan(c.signals.amountFen)}
        </Typography.Text>
      ) : null}
      {!c.signals && Object.keys(c.details).length > 0 ? (
        <Typography.Text type="secondary">
          {Object.entries(c.details)
            .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
            .join(' · ')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function DecideDialog({
  c,
  decision,
  onClose,
}: {
  c: TRiskCase;
  decision: RiskDecision;
  onClose: () => void;
}) {
  const { t } = useTranslation('consoleRisk');
  const { message } = App.useApp();
  const decide = useDecideRiskCase();
  // One key per opened dialog: a retried submit replays the first answer instead of deciding twice.
  const [key] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ note: string }>();
  const submit = async () => {
    const { note } = await form.validateFields();
    const body: TRiskDecisionRequest = { decision, note };
    decide.mutate(
      { id: c.id, body, key },
      {
        onSuccess: () => {
          void message.success(t('decided'));
          onClose();
        },
        onError: (e: Error) => void message.error(e.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t('decideTitle', { action: t(decision === 'cleared' ? 'clear' : 'reject'), order: c.orderId })}
      okText={t(decision === 'cleared' ? 'clear' : 'reject')}
      okButtonProps={{ danger: decision === 'rejected', 'data-testid': 'risk-decide-submit' } as ButtonProps}
      confirmLoading={decide.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('note')}
          rules={[{ required: true, whitespace: true, message: t('noteRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={t('notePlaceholder')} data-testid="risk-decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CasesTab() {
  const { t } = useTranslation('consoleRisk');
  const [f, setF] = useUrlFilters(FILTERS);
  // The queue shows open cases unless the reviewer asks for another status.
  const status = f.status === 'all' ? undefined : isStatus(f.status) ? f.status : 'open';
  const list = useRiskCases(status);
  const age = useAge();
  const [deciding, setDeciding] = useState<{ c: TRiskCase; decision: RiskDecision } | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <DataTable<TRiskCase>
        testId="risk-cases"
        rows={items}
        rowKey={(r) => r.id}
        rowTestId={(r) => `risk-case-${r.id}`}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        toolbar={
          <Select
            value={status ?? 'all'}
            aria-label={t('status')}
            style={{ width: 140 }}
            options={[
              ...RISK_CASE_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
              { value: 'all', label: t('anyStatus') },
            ]}
            onChange={(s: string) => setF({ status: s === 'open' ? undefined : s })}
            data-testid="risk-filter-status"
          />
        }
        columns={[
          {
            key: 'rule',
            title: t('rule'),
            kind: 'tag',
            value: (r) => t(`rules.${r.rule}`),
            color: () => 'volcano',
            width: 170,
          },
          {
            key: 'order',
            title: t('order'),
            kind: 'title',
            value: (r) => r.orderId,
            render: (r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text code>{r.orderId}</Typography.Text>
                {r.subjectType !== 'order' ? (
                  <Typography.Text type="secondary">
                    {t(`subjects.${r.subjectType}`)} {r.subjectId}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'signals',
            title: t('signals'),
            value: () => '',
            render: (r) => <Signals c={r} />,
            width: 360,
          },
          {
            key: 'age',
            title: t('age'),
            kind: 'number',
            value: (r) => (r.status === 'open' ? age(r.createdAt) : formatTime(r.createdAt)),
            sortValue: (r) => r.createdAt,
          },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) => t(`statuses.${r.status}`),
            color: (r) => STATUS_COLOURS[r.status],
          },
          {
            key: 'decision',
            title: t('decision'),
            kind: 'actions',
            render: (r) =>
              r.status === 'open' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    data-testid={`risk-clear-${r.id}`}
                    onClick={() => setDeciding({ c: r, decision: 'cleared' })}
                  >
                    {t('clear')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`risk-reject-${r.id}`}
                    onClick={() => setDeciding({ c: r, decision: 'rejected' })}
                  >
                    {t('reject')}
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {r.decidedByName ?? ''} {r.decisionNote ?? ''}
                </Typography.Text>
              ),
          },
        ]}
      />
      {deciding ? (
        <DecideDialog c={deciding.c} decision={deciding.decision} onClose={() => setDeciding(null)} />
      ) : null}
    </>
  );
}

function EditRuleDialog({ rule, onClose }: { rule: TRiskRule; onClose: () => void }) {
  const { t } = useTranslation('consoleRisk');
  const { message } = App.useApp();
  const update = useUpdateRiskRule();
  const [form] = Form.useForm<{ limit: number; windowMinutes: number; enabled: boolean }>();
  const submit = async () => {
    const body = await form.validateFields();
    update.mutate(
      { rule: rule.rule, body },
      {
        onSuccess: () => {
          void message.success(t('saved'));
          onClose();
        },
        onError: (e: Error) => void message.error(e.message),
      },
    );
  };
  return (
    <Modal
      open
      title={t('editTitle', { rule: t(`rules.${rule.rule}`) })}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'risk-rule-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ limit: rule.limit, windowMinutes: rule.windowMinutes, enabled: rule.enabled }}
      >
        <Form.Item name="limit" label={t('limit')} extra={t('limitHelp')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} precision={0} data-testid="risk-rule-limit" />
        </Form.Item>
        <Form.Item name="windowMinutes" label={t('window')} rules={[{ required: true }]}>
          <InputNumber min={1} max={43_200} precision={0} data-testid="risk-rule-window" />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch data-testid="risk-rule-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RulesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('consoleRisk');
  const rules = useRiskRules();
  const [editing, setEditing] = useState<TRiskRule | null>(null);
  return (
    <>
      <DataTable<TRiskRule>
        testId="risk-rules"
        rows={rules.data?.items}
        rowKey={(r) => r.rule}
        rowTestId={(r) => `risk-rule-${r.rule}`}
        loading={rules.isLoading}
        error={rules.error}
        onRetry={() => void rules.refetch()}
        columns={[
          { key: 'rule', title: t('rule'), kind: 'title', value: (r) => t(`rules.${r.rule}`) },
          { key: 'signal', title: t('signal'), value: (r) => t(`signalNames.${r.signal}`), width: 110 },
          { key: 'limit', title: t('limit'), kind: 'number', value: (r) => r.limit },
          { key: 'window', title: t('window'), kind: 'number', value: (r) => windowText(r.windowMinutes, t) },
          {
            key: 'enabled',
            title: t('enabled'),
            kind: 'tag',
            value: (r) => t(r.enabled ? 'on' : 'off'),
            color: (r) => (r.enabled ? 'green' : 'default'),
          },
          { key: 'updatedAt', title: t('updatedAt'), kind: 'time', value: (r) => formatTime(r.updatedAt) },
          ...(canManage
            ? [
                {
                  key: 'edit',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TRiskRule) => (
                    <Button
                      size="small"
                      data-testid={`risk-rule-edit-${r.rule}`}
                      onClick={() => setEditing(r)}
                    >
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <EditRuleDialog rule={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

export function RiskPage({ canManageRules }: { canManageRules: boolean }) {
  const { t } = useTranslation('consoleRisk');
  return (
    <Card title={t('title')} data-testid="risk-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'cases', label: t('tabs.cases'), children: <CasesTab /> },
          { key: 'rules', label: t('tabs.rules'), children: <RulesTab canManage={canManageRules} /> },
        ]}
      />
    </Card>
  );
}
