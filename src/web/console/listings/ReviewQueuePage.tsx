import '../../shared/listings/i18n.js';
import { App, Button, Card, Descriptions, Empty, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime, yuan } from '../../shared/format.js';
import { type TListing, useListingAction, useReviewQueue } from '../../shared/hooks/listings.js';
import { FlagTags, HighlightedText, Muted } from '../../shared/listings/parts.js';

/** Listings waiting for review, oldest first, with ad-law hits marked in the text; approve or reject. */
export function ReviewQueuePage() {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const queue = useReviewQueue();
  const act = useListingAction();
  const [rejecting, setRejecting] = useState<TListing | null>(null);
  const [reason, setReason] = useState('');
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const yn = (b: boolean) => (b ? t('editor.yes') : t('editor.no'));

  const run = (l: TListing, action: 'approve' | 'reject', body: unknown) =>
    act.mutate(
      { id: l.id, action, body },
      {
        onSuccess: () => {
          void message.success(t(`action.${action}`));
          setRejecting(null);
          setReason('');
        },
        onError: (e) => void message.error(e.message),
      },
    );

  return (
    <Card title={t('menu.review')} data-testid="review-queue">
      <QueryState isLoading={queue.isLoading} error={queue.error} onRetry={() => void queue.refetch()}>
        {items.length === 0 ? (
          <Empty description={t('review.empty')} />
        ) : (
          <List<TListing>
            itemLayout="vertical"
            dataSource={items}
            renderItem={(l) => {
              const blocked = l.reviewFlags.some((h) => h.severity === 'block');
              return (
                <List.Item
                  key={l.id}
                  data-testid="review-item"
                  actions={[
                    <Button
                      key="approve"
                      type="primary"
                      size="small"
                      disabled={blocked}
                      title={blocked ? t('review.blocked') : undefined}
                      data-testid="review-approve"
                      onClick={() => run(l, 'approve', {})}
                    >
                      {t('action.approve')}
                    </Button>,
                    <Button
                      key="reject"
                      danger
                      size="small"
                      data-testid="review-reject"
                      onClick={() => setRejecting(l)}
                    >
                      {t('action.reject')}
                    </Button>,
                    blocked ? (
                      <Typography.Text key="b" type="danger">
                        {t('review.blocked')}
                      </Typography.Text>
                    ) : null,
                  ]}
                >
                  <List.Item.Meta
                    title={<HighlightedText text={l.title} field="title" hits={l.reviewFlags} />}
                    description={
                      <Space wrap>
                        <span>{t(`kind.${l.kind}`)}</span>
                        <span>{yuan(l.priceFen)}</span>
                        <span>{l.dealerId}</span>
                        <span>
                          {t('review.submittedAt')} {formatTime(l.updatedAt)}
                        </span>
                        <FlagTags hits={l.reviewFlags} />
                      </Space>
                    }
                  />
                  <Typography.Paragraph>
                    <HighlightedText text={l.description} field="description" hits={l.reviewFlags} />
                  </Typography.Paragraph>
                  {l.used ? (
                    <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                      <Descriptions.Item label="VIN">{l.used.vin}</Descriptions.Item>
                      <Descriptions.Item label={t('editor.mileage')}>
                        {l.used.mileageKm.toLocaleString()}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('inspection.grade')}>
                        {l.inspection
                          ? t('review.report', { score: l.inspection.totalScore, grade: l.inspection.grade })
                          : t('review.noReport')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('editor.usedFacts')}>
                        {t('review.disclosures', {
                          a: yn(l.used.accidentHistory),
                          f: yn(l.used.floodHistory),
                          r: yn(l.used.fireHistory),
                        })}
                      </Descriptions.Item>
                    </Descriptions>
                  ) : (
                    <Muted>
                      {l.trim.brandName} {l.trim.seriesName} {l.trim.name}
                    </Muted>
                  )}
                </List.Item>
              );
            }}
          />
        )}
        {queue.hasNextPage ? (
          <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
            {t('list.more')}
          </Button>
        ) : null}
      </QueryState>
      <Modal
        open={rejecting !== null}
        title={t('review.rejectTitle')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: act.isPending }}
        okText={t('action.reject')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && run(rejecting, 'reject', { reason: reason.trim() })}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('review.rejectReason')}
          value={reason}
          data-testid="review-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
