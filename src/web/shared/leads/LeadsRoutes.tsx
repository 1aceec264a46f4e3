import './i18n.js';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { TRAFFIC_CHANNELS } from '../../../server/kernel/attribution.contract.js';
import { ADVISOR_AVAILABILITIES } from '../../../server/modules/leads/leads.advisors.enums.js';
import {
  LEAD_LOST_REASONS,
  LEAD_SLA_STATES,
  LEAD_SOURCE_KINDS,
  LEAD_STATUSES,
  type LeadLostReason,
  type LeadSlaState,
  type LeadStatus,
} from '../../../server/modules/leads/leads.enums.js';
import { ApiError } from '../api.js';
import { DataTable, pagedRows, useUrlFilters } from '../components/DataTable.js';
import { QueryState } from '../components/Results.js';
import { formatTime } from '../format.js';
import {
  type TAdvisor,
  type TLead,
  useAdvisors,
  useLead,
  useLeadCall,
  useLeadNote,
  useLeadReport,
  useLeadStatus,
  useLeads,
  useLeadTaskWrite,
  useLogPhoneCall,
  useReassignLead,
  useSaveAdvisor,
  useSaveSlaSettings,
  useSetMyAvailability,
  useSlaSettings,
} from '../hooks/leads.js';

// The lead screens of the console and the dealer portal (the API scopes dealer staff to their dealer and
// advisors to their own leads): the workspace sorted by urgency with live SLA timers, one lead's detail,
// the SLA settings, the reports and the advisor roster.

const STATUS_COLOURS: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  test_drive: 'purple',
  negotiating: 'orange',
  won: 'green',
  lost: 'default',
};
const SLA_COLOURS: Record<LeadSlaState, string> = {
  pending: 'default',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  breached: 'volcano',
};

function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

function span(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}h ${m % 60}m` : `${m}m`;
}

/** The first-response timer: counts down while open, red once overdue; the state once answered. */
export function SlaTimer({
  lead,
  now,
}: {
  lead: Pick<TLead, 'slaDueAt' | 'respondedAt' | 'slaState'>;
  now: number;
}) {
  const { t } = useTranslation('leads');
  if (lead.respondedAt) return <Tag color={SLA_COLOURS[lead.slaState]}>{t(`sla.${lead.slaState}`)}</Tag>;
  const left = new Date(lead.slaDueAt).getTime() - now;
  if (left < 0)
    return (
      <Typography.Text type="danger" strong data-testid="sla-overdue">
        {t('overdueBy', { time: span(left) })}
      </Typography.Text>
    );
  return (
    <Typography.Text type={left < 2 * 3600_000 ? 'warning' : undefined}>
      {t('left', { time: span(left) })}
    </Typography.Text>
  );
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function LogCallButton({ basePath }: { basePath: string }) {
  const { t } = useTranslation('leads');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{
    phone: string;
    name?: string;
    note?: string;
    direction: 'inbound' | 'outbound';
  }>();
  const log = useLogPhoneCall();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="log-call">
        {t('logCall')}
      </Button>
      <Modal
        open={open}
        title={t('logCall')}
        onCancel={() => setOpen(false)}
        confirmLoading={log.isPending}
        onOk={() =>
          void form.validateFields().then((v) =>
            log.mutate(
              { phone: v.phone, name: v.name || null, note: v.note || null, direction: v.direction },
              {
                onSuccess: (d) => {
                  setOpen(false);
                  form.resetFields();
                  navigate(`${basePath}/${d.lead.id}`);
                },
                onError: (e) => void message.error(errorText(e)),
              },
            ),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={{ direction: 'inbound' }}>
          <Form.Item name="phone" label={t('field.phone')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="direction" label={t('field.direction')}>
            <Select
              options={[
                { value: 'inbound', label: t('inbound') },
                { value: 'outbound', label: t('outbound') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('field.note')}>
            <Input.TextArea maxLength={2000} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Workspace({ basePath, isManager }: { basePath: string; isManager: boolean }) {
  const { t } = useTranslation('leads');
  const now = useNow();
  const [filters, setFilters] = useUrlFilters(['scope', 'status', 'sourceKind', 'channel', 'sla', 'q']);
  const scope = isManager ? (filters.scope ?? 'all') : 'mine';
  const list = useLeads({
    status: filters.status,
    sourceKind: filters.sourceKind,
    channel: filters.channel,
    sla: filters.sla,
    q: filters.q,
    owner: scope === 'mine' ? 'me' : undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items);
  const opts = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Card
      title={t('menu')}
      extra={
        <Space wrap>
          <Link to={`${basePath}/sla`} data-testid="lead-sla-settings">
            {t('slaMenu')}
          </Link>
          <LogCallButton basePath={basePath} />
        </Space>
      }
    >
      {isManager && (
        <Tabs
          activeKey={scope}
          onChange={(k) => setFilters({ scope: k })}
          items={[
            { key: 'all', label: t('all') },
            { key: 'mine', label: t('mine') },
          ]}
        />
      )}
      <DataTable<TLead>
        testId="leads-table"
        rows={rows}
        rowKey={(r) => r.id}
        {...pagedRows(list)}
        toolbar={
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('search')}
              defaultValue={filters.q}
              onSearch={(q) => setFilters({ q })}
              style={{ width: 180 }}
            />
            <Select
              allowClear
              placeholder={t('field.status')}
              style={{ width: 120 }}
              value={filters.status}
              onChange={(v) => setFilters({ status: v })}
              options={opts(LEAD_STATUSES, 'status')}
            />
            <Select
              allowClear
              placeholder={t('field.source')}
              style={{ width: 130 }}
              value={filters.sourceKind}
              onChange={(v) => setFilters({ sourceKind: v })}
              options={opts(LEAD_SOURCE_KINDS, 'source')}
            />
            <Select
              allowClear
              placeholder={t('field.channel')}
              style={{ width: 120 }}
              value={filters.channel}
              onChange={(v) => setFilters({ channel: v })}
              options={opts(TRAFFIC_CHANNELS, 'channel')}
            />
            <Select
              allowClear
              placeholder={t('field.sla')}
              style={{ width: 120 }}
              value={filters.sla}
              onChange={(v) => setFilters({ sla: v })}
              options={opts(LEAD_SLA_STATES, 'sla')}
            />
          </Space>
        }
        columns={[
          {
            key: 'name',
            title: t('field.name'),
            kind: 'title',
            value: (r) => `${r.name ?? '—'} ${r.phone}`,
            render: (r) => <Link to={`${basePath}/${r.id}`}>{`${r.name ?? '—'} · ${r.phone}`}</Link>,
          },
          {
            key: 'sla',
            title: t('field.sla'),
            value: (r) => t(`sla.${r.slaState}`),
            render: (r) => <SlaTimer lead={r} now={now} />,
          },
          {
            key: 'status',
            title: t('field.status'),
            kind: 'tag',
            value: (r) => t(`status.${r.status}`),
            color: (r) => STATUS_COLOURS[r.status],
          },
          { key: 'source', title: t('field.source'), value: (r) => t(`source.${r.lastSourceKind}`) },
          { key: 'channel', title: t('field.channel'), value: (r) => t(`channel.${r.firstSource.channel}`) },
          { key: 'owner', title: t('field.owner'), value: (r) => r.ownerName ?? t('unassigned') },
          { key: 'due', title: t('field.due'), kind: 'time', value: (r) => formatTime(r.slaDueAt) },
          {
            key: 'lastContact',
            title: t('field.lastContact'),
            kind: 'time',
            value: (r) => formatTime(r.lastContactAt),
          },
        ]}
      />
    </Card>
  );
}

function StatusActions({ id, actions }: { id: string; actions: string[] }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const status = useLeadStatus(id);
  const [lose, setLose] = useState(false);
  const [win, setWin] = useState(false);
  const [reason, setReason] = useState<LeadLostReason | undefined>();
  const [note, setNote] = useState('');
  const [orderId, setOrderId] = useState('');
  const onError = (e: unknown) => void message.error(errorText(e));
  return (
    <Space wrap>
      {actions.map((a) => (
        <Button
          key={a}
          danger={a === 'lose'}
          type={a === 'win' ? 'primary' : 'default'}
          data-testid={`lead-action-${a}`}
          loading={status.isPending}
          onClick={() => {
            if (a === 'lose') setLose(true);
            else if (a === 'win') setWin(true);
            else
              status.mutate({ action: a as 'contact' | 'test_drive' | 'negotiate' | 'reopen' }, { onError });
          }}
        >
          {t(`action.${a}`)}
        </Button>
      ))}
      <Modal
        open={lose}
        title={t('action.lose')}
        okButtonProps={{ disabled: !reason || note.trim() === '', danger: true }}
        onCancel={() => setLose(false)}
        onOk={() =>
          reason &&
          status.mutate({ action: 'lose', reason, note }, { onSuccess: () => setLose(false), onError })
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('field.reason')} required>
            <Select
              value={reason}
              onChange={setReason}
              options={LEAD_LOST_REASONS.map((r) => ({ value: r, label: t(`lost.${r}`) }))}
              data-testid="lost-reason"
            />
          </Form.Item>
          <Form.Item label={t('field.note')} required>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              rows={3}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={win}
        title={t('action.win')}
        okButtonProps={{ disabled: orderId.trim() === '' }}
        onCancel={() => setWin(false)}
        onOk={() =>
          status.mutate(
            { action: 'win', orderId: orderId.trim() },
            { onSuccess: () => setWin(false), onError },
          )
        }
      >
        <Input
          placeholder={t('field.orderId')}
          value={orderId}
          onChange={(e) => setOrderId(e.target.value)}
        />
      </Modal>
    </Space>
  );
}

function LeadDetail({ isManager }: { isManager: boolean }) {
  const { t } = useTranslation('leads');
  const { id = '' } = useParams();
  const now = useNow();
  const { message } = App.useApp();
  const one = useLead(id);
  const note = useLeadNote(id);
  const call = useLeadCall(id);
  const reassign = useReassignLead(id);
  const tasks = useLeadTaskWrite(id);
  const advisors = useAdvisors();
  const [noteText, setNoteText] = useState('');
  const [callNote, setCallNote] = useState('');
  const [taskTitle, setTaskTitle] = useState('');
  const [taskDue, setTaskDue] = useState<Dayjs | null>(null);
  const onError = (e: unknown) => void message.error(errorText(e));
  const d = one.data;
  return (
    <QueryState isLoading={one.isLoading} error={one.error} onRetry={() => void one.refetch()}>
      {d && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card
              title={`${d.lead.name ?? '—'} · ${d.lead.phone}`}
              extra={<Tag color={STATUS_COLOURS[d.lead.status]}>{t(`status.${d.lead.status}`)}</Tag>}
            >
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('field.sla')}>
                  <SlaTimer lead={d.lead} now={now} />
                </Descriptions.Item>
                <Descriptions.Item label={t('field.due')}>{formatTime(d.lead.slaDueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('field.owner')}>
                  {d.lead.ownerName ?? t('unassigned')}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.source')}>
                  {t(`source.${d.lead.firstSourceKind}`)} · {t(`channel.${d.lead.firstSource.channel}`)}
                  {d.lead.firstSource.utmCampaign ? ` · ${d.lead.firstSource.utmCampaign}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.consent')}>
                  {d.lead.consentToContact
                    ? `${t('yes')} · ${formatTime(d.lead.consentAt)} · ${d.lead.consentSourceKind ? t(`source.${d.lead.consentSourceKind}`) : ''}`
                    : t('no')}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.dealer')}>
                  {d.lead.dealerId ?? t('platform')}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.vehicles')} span={2}>
                  {d.lead.vehicles.length === 0
                    ? '—'
                    : d.lead.vehicles.map((v) => (
                        <Tag key={`${v.listingId}-${v.trimId}-${v.seriesId}`}>
                          {v.listingId ?? v.trimId ?? v.seriesId ?? v.brandId}
                        </Tag>
                      ))}
                </Descriptions.Item>
                {d.lead.lostReason && (
                  <Descriptions.Item label={t('field.reason')} span={2}>
                    {t(`lost.${d.lead.lostReason}`)} · {d.lead.lostNote}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <StatusActions id={id} actions={d.actions} />
              {isManager && (
                <Space style={{ marginTop: 12 }}>
                  <Select
                    style={{ width: 200 }}
                    placeholder={t('reassign')}
                    value={undefined}
                    onChange={(advisorAccountId: string) =>
                      reassign.mutate({ advisorAccountId }, { onError })
                    }
                    options={(advisors.data?.items ?? [])
                      .filter((a) => !d.lead.dealerId || a.dealerId === d.lead.dealerId)
                      .map((a) => ({ value: a.accountId, label: a.displayName }))}
                  />
                </Space>
              )}
            </Card>
            <Card title={t('field.timeline')} style={{ marginTop: 16 }}>
              <Timeline
                items={d.timeline.map((a) => ({
                  color: a.kind === 'sla_breach' ? 'red' : a.kind === 'status_change' ? 'green' : 'blue',
                  children: (
                    <div data-testid="lead-activity">
                      <Typography.Text strong>{t(`activity.${a.kind}`)}</Typography.Text>{' '}
                      {a.sourceKind ? <Tag>{t(`source.${a.sourceKind}`)}</Tag> : null}
                      {a.kind === 'status_change' && typeof a.data.to === 'string' ? (
                        <Tag color={STATUS_COLOURS[a.data.to as LeadStatus]}>{t(`status.${a.data.to}`)}</Tag>
                      ) : null}
                      <Typography.Text type="secondary"> {formatTime(a.at)}</Typography.Text>
                      {a.body ? <div>{a.body}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('logCallOnLead')}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={callNote}
                  onChange={(e) => setCallNote(e.target.value)}
                  placeholder={t('field.note')}
                  maxLength={2000}
                />
                <Button
                  loading={call.isPending}
                  onClick={() =>
                    call.mutate(
                      { direction: 'outbound', reached: true, note: callNote.trim() || null },
                      { onSuccess: () => setCallNote(''), onError },
                    )
                  }
                >
                  {t('logCallOnLead')}
                </Button>
              </Space.Compact>
            </Card>
            <Card title={t('addNote')} style={{ marginTop: 16 }}>
              <Input.TextArea
                value={noteText}
                onChange={(e) => setNoteText(e.target.value)}
                rows={3}
                maxLength={2000}
              />
              <Button
                style={{ marginTop: 8 }}
                disabled={noteText.trim() === ''}
                loading={note.isPending}
                onClick={() => note.mutate({ body: noteText }, { onSuccess: () => setNoteText(''), onError })}
              >
                {t('addNote')}
              </Button>
            </Card>
            <Card title={t('field.tasks')} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.tasks}
                columns={[
                  { key: 'title', title: t('field.title'), dataIndex: 'title' },
                  {
                    key: 'due',
                    title: t('field.dueAt'),
                    render: (_, r) => (
                      <Typography.Text
                        type={!r.done && new Date(r.dueAt).getTime() < now ? 'danger' : undefined}
                      >
                        {formatTime(r.dueAt)}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'done',
                    title: t('done'),
                    render: (_, r) => (
                      <Switch
                        size="small"
                        checked={r.done}
                        onChange={(done) => tasks.mutate({ op: 'update', taskId: r.id, done }, { onError })}
                      />
                    ),
                  },
                  {
                    key: 'delete',
                    title: '',
                    render: (_, r) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() => tasks.mutate({ op: 'delete', taskId: r.id }, { onError })}
                      >
                        {t('delete')}
                      </Button>
                    ),
                  },
                ]}
              />
              <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                <Input
                  value={taskTitle}
                  onChange={(e) => setTaskTitle(e.target.value)}
                  placeholder={t('field.title')}
                  maxLength={200}
                />
                <DatePicker showTime value={taskDue} onChange={setTaskDue} />
                <Button
                  disabled={taskTitle.trim() === '' || !taskDue}
                  onClick={() =>
                    taskDue &&
                    tasks.mutate(
                      { op: 'create', title: taskTitle, dueAt: taskDue.toISOString() },
                      {
                        onSuccess: () => {
                          setTaskTitle('');
                          setTaskDue(null);
                        },
                        onError,
                      },
                    )
                  }
                >
                  {t('addTask')}
                </Button>
              </Space.Compact>
            </Card>
          </Col>
        </Row>
      )}
    </QueryState>
  );
}

function SlaSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const settings = useSlaSettings();
  const save = useSaveSlaSettings();
  const [hours, setHours] = useState<Record<string, number>>({});
  useEffect(() => {
    if (settings.data) setHours(Object.fromEntries(settings.data.items.map((i) => [i.sourceKind, i.hours])));
  }, [settings.data]);
  const def = settings.data?.defaultHours ?? 24;
  return (
    <Card title={t('slaMenu')}>
      <QueryState isLoading={settings.isLoading} error={settings.error}>
        <Typography.Paragraph type="secondary">{t('defaultHours', { hours: def })}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={LEAD_SOURCE_KINDS.map((kind) => ({ kind }))}
          columns={[
            { key: 'kind', title: t('field.source'), render: (_, r) => t(`source.${r.kind}`) },
            {
              key: 'hours',
              title: t('field.hours'),
              render: (_, r) => (
                <InputNumber
                  min={1}
                  max={720}
                  disabled={!canEdit}
                  value={hours[r.kind] ?? def}
                  onChange={(v) => setHours((h) => ({ ...h, [r.kind]: Number(v ?? def) }))}
                />
              ),
            },
          ]}
        />
        {canEdit && (
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  items: LEAD_SOURCE_KINDS.map((sourceKind) => ({
                    sourceKind,
                    hours: hours[sourceKind] ?? def,
                  })),
                },
                {
                  onSuccess: () => void message.success(t('saved')),
                  onError: (e) => void message.error(errorText(e)),
                },
              )
            }
          >
            {t('save')}
          </Button>
        )}
      </QueryState>
    </Card>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Reports() {
  const { t } = useTranslation('leads');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const report = useLeadReport(from, to);
  const r = report.data;
  const mins = (n: number | null) => (n === null ? '—' : t('report.minutes', { n: Math.round(n) }));
  const conversion = (
    title: string,
    rows: NonNullable<typeof r>['byAdvisor'],
    label: (k: string, l: string | null) => string,
  ) => (
    <Card title={title} size="small">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'key', title: '', render: (_, x) => label(x.key, x.label) },
          { key: 'leads', title: t('report.leads'), dataIndex: 'leads', align: 'right' },
          { key: 'won', title: t('report.won'), dataIndex: 'won', align: 'right' },
          { key: 'rate', title: t('report.rate'), align: 'right', render: (_, x) => pct(x.rate) },
        ]}
      />
    </Card>
  );
  return (
    <Card
      title={t('reportsMenu')}
      extra={
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      }
    >
      <QueryState isLoading={report.isLoading} error={report.error}>
        {r && (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Row gutter={16}>
              <Col xs={12} md={4}>
                <Statistic title={t('report.leads')} value={r.leads} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('report.median')} value={mins(r.firstResponse.medianMinutes)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('report.p90')} value={mins(r.firstResponse.p90Minutes)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('report.compliance')} value={pct(r.sla.compliance)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic
                  title={t('report.showRate')}
                  value={pct(r.testDrives.showRate)}
                  suffix={
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                    >{`${t('report.shown')} ${r.testDrives.shown} / ${t('report.noShow')} ${r.testDrives.noShow}`}</Typography.Text>
                  }
                />
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                {conversion(
                  t('report.byAdvisor'),
                  r.byAdvisor,
                  (k, l) => l ?? (k === 'unassigned' ? t('unassigned') : k),
                )}
              </Col>
              <Col xs={24} md={12}>
                {conversion(t('report.byChannel'), r.byChannel, (k) => t(`channel.${k}`))}
              </Col>
            </Row>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}

function Advisors({ canManage, dealerId }: { canManage: boolean; dealerId: string | null }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const list = useAdvisors();
  const save = useSaveAdvisor();
  const mine = useSetMyAvailability();
  const [editing, setEditing] = useState<TAdvisor | null>(null);
  const [form] = Form.useForm<{
    displayName: string;
    storeId: string;
    cityCode: string;
    maxConversations: number;
    managerAccountId: string;
  }>();
  const onError = (e: unknown) => void message.error(errorText(e));
  const advisorOptions = useMemo(
    () => (list.data?.items ?? []).map((a) => ({ value: a.accountId, label: a.displayName })),
    [list.data],
  );
  return (
    <Card
      title={t('advisorsMenu')}
      extra={
        <Space>
          {t('myAvailability')}
          <Select
            style={{ width: 100 }}
            placeholder={t('myAvailability')}
            onChange={(v: (typeof ADVISOR_AVAILABILITIES)[number]) => mine.mutate(v, { onError })}
            options={ADVISOR_AVAILABILITIES.map((a) => ({ value: a, label: t(`availability.${a}`) }))}
          />
        </Space>
      }
    >
      <DataTable<TAdvisor>
        testId="advisors-table"
        rows={list.data?.items}
        rowKey={(r) => r.accountId}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        columns={[
          { key: 'name', title: t('field.displayName'), kind: 'title', value: (r) => r.displayName },
          { key: 'dealer', title: t('field.dealer'), value: (r) => r.dealerId ?? t('platform') },
          { key: 'store', title: t('field.store'), value: (r) => r.storeId ?? '—' },
          { key: 'city', title: t('field.city'), value: (r) => r.cityCode ?? '—' },
          {
            key: 'availability',
            title: t('myAvailability'),
            kind: 'tag',
            value: (r) => t(`availability.${r.availability}`),
            color: (r) =>
              r.availability === 'online' ? 'green' : r.availability === 'busy' ? 'orange' : 'default',
          },
          {
            key: 'manager',
            title: t('field.manager'),
            value: (r) =>
              advisorOptions.find((o) => o.value === r.managerAccountId)?.label ?? r.managerAccountId ?? '—',
          },
          {
            key: 'max',
            title: t('field.maxConversations'),
            kind: 'number',
            value: (r) => r.maxConversations,
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TAdvisor) => (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        form.setFieldsValue({
                          displayName: r.displayName,
                          storeId: r.storeId ?? '',
                          cityCode: r.cityCode ?? '',
                          maxConversations: r.maxConversations,
                          managerAccountId: r.managerAccountId ?? '',
                        });
                      }}
                    >
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.displayName}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() =>
          void form.validateFields().then((v) => {
            if (!editing) return;
            save.mutate(
              {
                accountId: editing.accountId,
                body: {
                  displayName: v.displayName,
                  dealerId: dealerId ?? editing.dealerId,
                  storeId: v.storeId || null,
                  cityCode: v.cityCode || null,
                  brandIds: editing.brandIds,
                  managerAccountId: v.managerAccountId || null,
                  maxConversations: v.maxConversations,
                },
              },
              { onSuccess: () => setEditing(null), onError },
            );
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="storeId" label={t('field.store')}>
            <Input />
          </Form.Item>
          <Form.Item name="cityCode" label={t('field.city')} rules={[{ pattern: /^(\d{6})?$/ }]}>
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item name="managerAccountId" label={t('field.manager')}>
            <Select allowClear options={advisorOptions} />
          </Form.Item>
          <Form.Item name="maxConversations" label={t('field.maxConversations')}>
            <InputNumber min={1} max={50} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/**
 * `<base>` the workspace, `<base>/:id` a lead, `<base>/sla` the response-time settings, `<base>/reports`,
 * `<base>/advisors` the roster: the console's (/console/leads) and the dealer portal's (/dealer/leads).
 */
export function LeadsRoutes({
  basePath,
  permissions,
  dealerId,
}: {
  basePath: string;
  permissions: readonly string[];
  dealerId: string | null;
}) {
  const isManager = permissions.includes('leads.assign');
  return (
    <Routes>
      <Route index element={<Workspace basePath={basePath} isManager={isManager} />} />
      <Route path="sla" element={<SlaSettings canEdit={permissions.includes('leads.settings.manage')} />} />
      <Route path="reports" element={<Reports />} />
      <Route
        path="advisors"
        element={<Advisors canManage={permissions.includes('leads.advisors.manage')} dealerId={dealerId} />}
      />
      <Route path=":id" element={<LeadDetail isManager={isManager} />} />
    </Routes>
  );
}
