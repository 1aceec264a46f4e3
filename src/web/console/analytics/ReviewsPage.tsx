import './reviews.i18n.js';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REVIEW_KINDS, type ReviewKind } from '../../../server/modules/analytics/analytics.enums.js';
import { ApiError } from '../../shared/api.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import {
  type TReview,
  useGenerateReview,
  useMyReviewSubscriptions,
  useReviews,
  useToggleReviewSubscription,
} from '../../shared/hooks/analytics-reviews.js';

// Console: the review reports (复盘), newest period first, filtered by kind; a switch per kind to receive
// them by email; managers (analytics.manage) can (re)generate the report of an ended period.

const STATUS_COLOURS = { generating: 'processing', ready: 'success', failed: 'error' } as const;

export function ReviewsPage({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation('consoleReviews');
  const [kind, setKind] = useState<ReviewKind | 'all'>('all');
  const list = useReviews(kind === 'all' ? undefined : kind);
  const items = list.data?.items ?? [];
  const canManage = permissions.includes('analytics.manage');
  return (
    <Card title={t('title')} data-testid="reviews-page" extra={canManage ? <GenerateButton /> : null}>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Subscriptions />
      <Segmented
        data-testid="reviews-kind"
        style={{ margin: '12px 0' }}
        value={kind}
        onChange={(v) => setKind(v as ReviewKind | 'all')}
        options={[
          { value: 'all', label: t('all') },
          ...REVIEW_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
        ]}
      />
      <QueryState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={items.length === 0}
        emptyText={t('empty')}
        onRetry={() => void list.refetch()}
      >
        <Table<TReview>
          rowKey="id"
          size="middle"
          dataSource={items}
          pagination={false}
          columns={[
            {
              title: t('period'),
              key: 'period',
              render: (_, r) => (
                <Link to={`/console/analytics/reviews/${r.id}`} data-testid={`review-${r.id}`}>
                  {r.title}
                </Link>
              ),
            },
            { title: t('kindColumn'), key: 'kind', render: (_, r) => t(`kind.${r.kind}`) },
            {
              title: t('statusColumn'),
              key: 'status',
              render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{t(`status.${r.status}`)}</Tag>,
            },
            { title: t('generatedAt'), key: 'generatedAt', render: (_, r) => formatTime(r.generatedAt) },
          ]}
        />
      </QueryState>
    </Card>
  );
}

function Subscriptions() {
  const { t } = useTranslation('consoleReviews');
  const mine = useMyReviewSubscriptions();
  const toggle = useToggleReviewSubscription();
  const on = new Set(mine.data?.kinds ?? []);
  return (
    <Space wrap data-testid="review-subscriptions">
      <Typography.Text strong>{t('subscribe')}</Typography.Text>
      {REVIEW_KINDS.map((k) => (
        <Space key={k} size={4}>
          <Switch
            size="small"
            data-testid={`review-subscribe-${k}`}
            checked={on.has(k)}
            loading={mine.isLoading || (toggle.isPending && toggle.variables?.kind === k)}
            onChange={(checked) => toggle.mutate({ kind: k, on: checked })}
          />
          <span>{t(`kind.${k}`)}</span>
        </Space>
      ))}
    </Space>
  );
}

function GenerateButton() {
  const { t } = useTranslation('consoleReviews');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ kind: ReviewKind; periodStart: string }>();
  const generate = useGenerateReview();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await generate.mutateAsync(values);
      message.success(t('generated'));
      setOpen(false);
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <>
      <Button type="primary" data-testid="review-generate" onClick={() => setOpen(true)}>
        {t('generate')}
      </Button>
      <Modal
        open={open}
        title={t('generate')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={generate.isPending}
        okButtonProps={{ 'data-testid': 'review-generate-submit' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'daily' }}>
          <Form.Item name="kind" label={t('generateKind')} rules={[{ required: true }]}>
            <Select options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="periodStart"
            label={t('generateStart')}
            extra={t('generateStartHelp')}
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
          >
            <Input placeholder="2026-12-01" data-testid="review-generate-start" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
