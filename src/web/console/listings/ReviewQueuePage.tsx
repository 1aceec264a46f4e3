import '../../shared/listings/i18n.js';
import { App, Button, Card, Descriptions, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, pagedRows } from '../../shared/components/DataTable.js';
import { formatTime, yuan } from '../../shared/format.js';
import { useStaffMe } from '../../shared/hooks/identity.js';
import { type TListing, useListingAction, useReviewQueue } from '../../shared/hooks/listings.js';
import { useCityName, useDealerName, useLabels } from '../../shared/labels.js';
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
  const L = useLabels();
  const me = useStaffMe();
  const cityName = useCityName();
  const dealerName = useDealerName(Boolean(me?.permissions.includes('reference.read')));

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

  const details = (l: TListing) => (
    <>
      <Typography.Paragraph>
        <HighlightedText text={l.description} field="description" hits={l.reviewFlags} />
      </Typography.Paragraph>
      {l.used ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('editor.vin')}>{l.used.vin}</Descriptions.Item>
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
    </>
  );

  return (
    <Card title={t('menu.review')} data-testid="review-queue">
      <DataTable<TListing>
        testId="review-table"
        rows={items}
        rowKey={(r) => r.id}
        rowTestId={() => 'review-item'}
        {...pagedRows(queue)}
        emptyText={t('review.empty')}
        exportName="review-queue"
        expandable={{ render: details }}
        columns={[
          {
            key: 'title',
            title: t('list.title'),
            kind: 'title',
            value: (l) => l.title,
            render: (l) => <HighlightedText text={l.title} field="title" hits={l.reviewFlags} />,
          },
          { key: 'kind', title: t('editor.kind'), kind: 'tag', value: (l) => L.label('listingKind', l.kind) },
          { key: 'price', title: t('list.price'), kind: 'money', value: (l) => yuan(l.priceFen) },
          { key: 'dealer', title: t('list.dealer'), value: (l) => dealerName(l.dealerId) },
          { key: 'city', title: t('list.city'), value: (l) => cityName(l.cityCode) },
          {
            key: 'grade',
            title: t('inspection.grade'),
            value: (l) =>
              l.kind === 'new'
                ? '—'
                : l.inspection
                  ? t('review.report', { score: l.inspection.totalScore, grade: l.inspection.grade })
                  : t('review.noReport'),
          },
          {
            key: 'flags',
            title: t('list.flags'),
            kind: 'tags',
            values: (l) => [...new Set(l.reviewFlags.map((h) => h.term))],
            render: (l) => <FlagTags hits={l.reviewFlags} />,
          },
          {
            key: 'submittedAt',
            title: t('review.submittedAt'),
            kind: 'time',
            value: (l) => formatTime(l.updatedAt),
            sortValue: (l) => l.updatedAt,
            sortable: true,
          },
          {
            key: 'actions',
            title: t('list.actions'),
            kind: 'actions',
            render: (l) => {
              const blocked = l.reviewFlags.some((h) => h.severity === 'block');
              return (
                <Space wrap size={4}>
                  <Tooltip title={blocked ? t('review.blocked') : undefined}>
                    <Button
                      type="primary"
                      size="small"
                      disabled={blocked}
                      data-testid="review-approve"
                      onClick={() => run(l, 'approve', {})}
                    >
                      {t('action.approve')}
                    </Button>
                  </Tooltip>
                  <Button danger size="small" data-testid="review-reject" onClick={() => setRejecting(l)}>
                    {t('action.reject')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
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
