import './i18n.js';
import { App, Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAdLawHit } from '../../../server/modules/listings/listings.contract.js';
import { type ListingActionName, type TListing, useListingAction } from '../hooks/listings.js';

const STATUS_COLOURS: Record<TListing['status'], string> = {
  draft: 'default',
  in_review: 'processing',
  listed: 'green',
  rejected: 'red',
  delisted: 'orange',
};

export function StatusTag({ status }: { status: TListing['status'] }) {
  const { t } = useTranslation('listings');
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="listing-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** The text with each ad-law hit of this field marked (red for block, orange for warn). */
export function HighlightedText({
  text,
  field,
  hits,
}: {
  text: string;
  field: TAdLawHit['field'];
  hits: readonly TAdLawHit[];
}) {
  const own = hits.filter((h) => h.field === field).sort((a, b) => a.position - b.position);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const h of own) {
    if (h.position < at) continue; // overlapping hit (最 inside 全网最低): the longer one is already marked
    if (h.position > at) parts.push(text.slice(at, h.position));
    parts.push(
      <mark
        key={`${h.position}-${h.term}`}
        data-testid="adlaw-hit"
        title={h.term}
        style={{ background: h.severity === 'block' ? '#ffccc7' : '#ffe7ba', padding: '0 2px' }}
      >
        {text.slice(h.position, h.position + h.length)}
      </mark>,
    );
    at = h.position + h.length;
  }
  parts.push(text.slice(at));
  return <span>{parts}</span>;
}

export function FlagTags({ hits }: { hits: readonly TAdLawHit[] }) {
  const terms = [...new Map(hits.map((h) => [h.term, h])).values()];
  return (
    <Space size={4} wrap>
      {terms.map((h) => (
        <Tag key={h.term} color={h.severity === 'block' ? 'red' : 'orange'}>
          {h.term}
        </Tag>
      ))}
    </Space>
  );
}

/** The lifecycle buttons the author may use in the listing's current state. */
export function AuthorActions({ listing, size = 'small' }: { listing: TListing; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const act = useListingAction();
  const actions: ListingActionName[] =
    listing.status === 'draft'
      ? ['submit']
      : listing.status === 'listed'
        ? ['delist']
        : listing.status === 'delisted'
          ? ['relist']
          : [];
  return (
    <Space size={4}>
      {actions.map((a) => (
        <Button
          key={a}
          size={size}
          data-testid={`listing-${a}`}
          loading={act.isPending}
          onClick={() =>
            act.mutate(
              { id: listing.id, action: a },
              {
                onSuccess: () => void message.success(t(`action.${a}`)),
                onError: (e) => void message.error(e.message),
              },
            )
          }
        >
          {t(`action.${a}`)}
        </Button>
      ))}
    </Space>
  );
}

export function Muted({ children }: { children: React.ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
