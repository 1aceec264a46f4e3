import './reviews.i18n.js';
import { Alert, Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TDashboard } from '../../../server/modules/analytics/analytics.dashboard.contract.js';
import {
  formatReviewChange,
  formatReviewFigure,
  REVIEW_FUNNEL_LABELS,
  REVIEW_METRIC_LABELS,
  reviewChangePercent,
} from '../../../server/modules/analytics/analytics.reviews.contract.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { reviewExportPath, useReview } from '../../shared/hooks/analytics-reviews.js';
import { pickName } from '../../shared/i18n.js';

// Console: one review report: its summary in the reader's language, the KPI cards with the previous period
// and the change, the funnel, top vehicles and cities, and the CSV / PDF downloads.

export function ReviewDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('consoleReviews');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const review = useReview(id);
  const r = review.data;
  return (
    <QueryState isLoading={review.isLoading} error={review.error} onRetry={() => void review.refetch()}>
      {r ? (
        <Card
          data-testid="review-detail"
          title={
            <Space>
              <span>
                {t(`kind.${r.kind}`)} · {r.title}
              </span>
              <Tag>{t(`status.${r.status}`)}</Tag>
            </Space>
          }
          extra={
            <Space>
              <Link to="/console/analytics/reviews">{t('back')}</Link>
              <Button
                href={reviewExportPath(r.id, 'csv')}
                disabled={r.status !== 'ready'}
                data-testid="review-download-csv"
              >
                {t('downloadCsv')}
              </Button>
              <Button
                type="primary"
                href={reviewExportPath(r.id, 'pdf')}
                disabled={r.status !== 'ready'}
                data-testid="review-download-pdf"
              >
                {t('downloadPdf')}
              </Button>
            </Space>
          }
        >
          {r.status === 'failed' ? (
            <Alert type="error" showIcon message={t('failure')} description={r.failure} />
          ) : null}
          {r.status !== 'ready' || !r.figures ? (
            <Typography.Paragraph type="secondary">{t('notReady')}</Typography.Paragraph>
          ) : (
            <Figures
              figures={r.figures}
              summary={(lang === 'en' ? r.summaryEn : r.summaryZh) ?? ''}
              generatedAt={r.generatedAt}
              lang={lang}
            />
          )}
        </Card>
      ) : null}
    </QueryState>
  );
}

function Figures({
  figures,
  summary,
  generatedAt,
  lang,
}: {
  figures: TDashboard;
  summary: string;
  generatedAt: string | null;
  lang: 'zh-CN' | 'en';
}) {
  const { t } = useTranslation('consoleReviews');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Text type="secondary">
          {t('range', figures.range)} · {t('previousRange', figures.previousRange)} · {t('generatedAt')}{' '}
          {formatTime(generatedAt)}
        </Typography.Text>
        <Typography.Title level={5}>{t('summary')}</Typography.Title>
        <Typography.Paragraph data-testid="review-summary">{summary}</Typography.Paragraph>
      </div>
      <div>
        <Typography.Title level={5}>{t('cards')}</Typography.Title>
        <Table
          data-testid="review-cards"
          size="small"
          pagination={false}
          rowKey="metric"
          dataSource={figures.cards}
          columns={[
            {
              title: t('metric'),
              key: 'metric',
              render: (_, c) => pickName(REVIEW_METRIC_LABELS[c.metric], lang),
            },
            {
              title: t('value'),
              key: 'value',
              align: 'right',
              render: (_, c) => formatReviewFigure(c.unit, c.value, lang),
            },
            {
              title: t('previous'),
              key: 'previous',
              align: 'right',
              render: (_, c) => formatReviewFigure(c.unit, c.previous, lang),
            },
            {
              title: t('change'),
              key: 'change',
              align: 'right',
              render: (_, c) => {
                const change = reviewChangePercent(c.value, c.previous);
                const colour =
                  change === null || change === 0 ? undefined : change > 0 ? '#cf1322' : '#389e0d';
                return <span style={{ color: colour }}>{formatReviewChange(change)}</span>;
              },
            },
          ]}
        />
      </div>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t('funnel')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="stage"
            dataSource={figures.funnel}
            columns={[
              {
                title: t('stage'),
                key: 'stage',
                render: (_, s) => pickName(REVIEW_FUNNEL_LABELS[s.stage], lang) || s.stage,
              },
              {
                title: t('count'),
                key: 'count',
                align: 'right',
                render: (_, s) => s.count.toLocaleString('en-US'),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t('topVehicles')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="seriesId"
            dataSource={figures.topVehicles}
            columns={[
              { title: t('vehicle'), dataIndex: 'name', key: 'name' },
              {
                title: t('views'),
                key: 'views',
                align: 'right',
                render: (_, v) => v.views.toLocaleString('en-US'),
              },
              { title: t('orders'), dataIndex: 'orders', key: 'orders', align: 'right' },
              {
                title: t('gmv'),
                key: 'gmv',
                align: 'right',
                render: (_, v) => formatReviewFigure('fen', v.gmvFen, lang),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t('cities')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="cityCode"
            dataSource={figures.cities}
            columns={[
              { title: t('city'), dataIndex: 'cityCode', key: 'city' },
              {
                title: t('visitors'),
                key: 'visitors',
                align: 'right',
                render: (_, c) => c.visitors.toLocaleString('en-US'),
              },
              { title: t('orders'), dataIndex: 'orders', key: 'orders', align: 'right' },
              {
                title: t('gmv'),
                key: 'gmv',
                align: 'right',
                render: (_, c) => formatReviewFigure('fen', c.gmvFen, lang),
              },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}
