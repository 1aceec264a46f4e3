import '../../shared/faq-i18n.js';
import {
  App,
  Button,
  Card,
  Col,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import {
  type TFaqStats,
  type TUnansweredList,
  useAddFaqSynonym,
  useFaqSettings,
  useFaqStats,
  useSaveFaqSettings,
  useUnansweredQuestions,
} from '../../shared/hooks/leads-faq.js';
import { type FaqDraft, FaqEditModal } from './FaqEditModal.js';

// /console/faq/stats: the bot's deflection rate against the 80% goal, a trend by day, the threshold, and
// the questions it could not answer with one-click "add as FAQ" / "add as phrasing".

type Unanswered = TUnansweredList['items'][number];
type Day = TFaqStats['byDay'][number];

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);

export function FaqStatsPage() {
  const { t } = useTranslation('faq');
  const { message } = App.useApp();
  const [days, setDays] = useState(30);
  const stats = useFaqStats(days);
  const unanswered = useUnansweredQuestions();
  const settings = useFaqSettings();
  const saveSettings = useSaveFaqSettings();
  const addSynonym = useAddFaqSynonym();
  const [threshold, setThreshold] = useState<number | null>(null);
  const [draft, setDraft] = useState<FaqDraft | null>(null);
  useEffect(() => {
    if (settings.data) setThreshold(settings.data.threshold);
  }, [settings.data]);
  const onError = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const s = stats.data;
  const goal = s?.goal ?? 0.8;
  const rate = s?.deflectionRate ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="faq-stats">
      <Card
        title={t('statsMenu')}
        extra={
          <Segmented
            value={days}
            onChange={(v) => setDays(Number(v))}
            options={[7, 30, 90].map((n) => ({ value: n, label: t('days', { n }) }))}
          />
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Statistic title={t('deflection')} value={pct(rate)} />
            <Progress
              percent={rate === null ? 0 : Math.round(rate * 100)}
              success={{ percent: Math.round(goal * 100) }}
              status={rate !== null && rate >= goal ? 'success' : 'normal'}
            />
            <Typography.Text type="secondary">{t('goal', { goal: Math.round(goal * 100) })}</Typography.Text>
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('conversations')} value={s?.conversations ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('deflected')} value={s?.deflected ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('questions')} value={s?.questions ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('answered')} value={s?.answeredQuestions ?? 0} />
          </Col>
        </Row>
        <Space style={{ marginTop: 16 }} wrap>
          <Typography.Text>{t('threshold')}</Typography.Text>
          <InputNumber
            min={0.05}
            max={0.95}
            step={0.05}
            value={threshold}
            onChange={(v) => setThreshold(v)}
          />
          <Button
            disabled={threshold === null || threshold === settings.data?.threshold}
            loading={saveSettings.isPending}
            onClick={() =>
              threshold !== null &&
              saveSettings.mutateAsync(threshold).then(() => void message.success(t('saved')), onError)
            }
          >
            {t('save')}
          </Button>
          <Typography.Text type="secondary">{t('thresholdHelp')}</Typography.Text>
        </Space>
      </Card>
      <Card title={t('trend')}>
        <DataTable<Day>
          rows={[...(s?.byDay ?? [])].reverse().filter((d) => d.questions > 0 || d.conversations > 0)}
          rowKey={(d) => d.day}
          loading={stats.isLoading}
          error={stats.error}
          onRetry={() => void stats.refetch()}
          urlKey={false}
          emptyText={t('noData')}
          columns={[
            { key: 'day', title: t('day'), kind: 'title', value: (d) => d.day },
            {
              key: 'rate',
              title: t('deflection'),
              value: (d) => pct(d.deflectionRate),
              render: (d) => (
                <Progress
                  size="small"
                  style={{ width: 160 }}
                  percent={d.deflectionRate === null ? 0 : Math.round(d.deflectionRate * 100)}
                  success={{ percent: Math.round(goal * 100) }}
                  format={() => pct(d.deflectionRate)}
                />
              ),
            },
            { key: 'conversations', title: t('conversations'), value: (d) => String(d.conversations) },
            { key: 'deflected', title: t('deflected'), value: (d) => String(d.deflected) },
            { key: 'questions', title: t('questions'), value: (d) => String(d.questions) },
            { key: 'answered', title: t('answered'), value: (d) => String(d.answeredQuestions) },
          ]}
        />
      </Card>
      <Card title={t('unanswered')}>
        <DataTable<Unanswered>
          rows={unanswered.data?.items ?? []}
          rowKey={(r) => r.normalized}
          loading={unanswered.isLoading}
          error={unanswered.error}
          onRetry={() => void unanswered.refetch()}
          urlKey="unanswered"
          testId="faq-unanswered"
          emptyText={t('noData')}
          columns={[
            { key: 'text', title: t('question'), kind: 'title', value: (r) => r.text },
            { key: 'count', title: t('count'), value: (r) => String(r.count), sortValue: (r) => r.count },
            {
              key: 'lastAsked',
              title: t('lastAsked'),
              kind: 'time',
              value: (r) => formatTime(r.lastAskedAt),
            },
            { key: 'best', title: t('bestGuess'), value: (r) => r.bestFaqQuestion ?? '–' },
            {
              key: 'actions',
              title: '',
              kind: 'actions',
              render: (r) => (
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDraft({ faq: null, question: r.text, fromQuestion: r.text })}
                  >
                    {t('addAsFaq')}
                  </Button>
                  {r.bestFaqId && (
                    <Button
                      size="small"
                      loading={addSynonym.isPending}
                      onClick={() =>
                        r.bestFaqId &&
                        addSynonym
                          .mutateAsync({ id: r.bestFaqId, synonym: r.text, fromQuestion: r.text })
                          .then(() => void message.success(t('saved')), onError)
                      }
                    >
                      {t('addAsSynonym')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <FaqEditModal draft={draft} onClose={() => setDraft(null)} />
    </Space>
  );
}
