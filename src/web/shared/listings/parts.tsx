import './i18n.js';
import { App, Button, type ButtonProps, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
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
      {listing.status === 'listed' ? <ChangePriceButton listing={listing} size={size} /> : null}
    </Space>
  );
}

/** 调价: a new price for a car on sale, with the reason kept in the audit log. */
function ChangePriceButton({ listing, size }: { listing: TListing; size: 'small' | 'middle' }) {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const act = useListingAction();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ priceYuan: number; reason?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    act.mutate(
      {
        id: listing.id,
        action: 'price',
        body: {
          priceFen: Math.round(v.priceYuan * 100),
          version: listing.version,
          reason: v.reason || undefined,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('price.done'));
          setOpen(false);
        },
        onError: (e) => void message.error(e.message),
      },
    );
  };
  return (
    <>
      <Button size={size} data-testid="listing-change-price" onClick={() => setOpen(true)}>
        {t('price.change')}
      </Button>
      <Modal
        open={open}
        title={t('price.title')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={act.isPending}
        okButtonProps={{ 'data-testid': 'change-price-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('price.current', { price: `¥${(listing.priceFen / 100).toLocaleString('zh-CN')}` })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ priceYuan: listing.priceFen / 100 }}>
          <Form.Item name="priceYuan" label={t('price.newPrice')} rules={[{ required: true }]}>
            <InputNumber min={1} step={1000} style={{ width: '100%' }} data-testid="change-price-input" />
          </Form.Item>
          <Form.Item name="reason" label={t('price.reason')}>
            <Input maxLength={500} data-testid="change-price-reason" />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('price.note')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

export function Muted({ children }: { children: React.ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
