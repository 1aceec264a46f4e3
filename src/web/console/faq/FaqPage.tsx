import '../../shared/faq-i18n.js';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAQ_CATEGORIES, FAQ_STATUSES } from '../../../server/modules/leads/leads.faq.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import { type TFaq, useArchiveFaq, useFaqs } from '../../shared/hooks/leads-faq.js';
import { type FaqDraft, FaqEditModal } from './FaqEditModal.js';

// /console/faq: the FAQ library the bot answers from (question, phrasings, answer with live data, category).

const STATUS_COLOURS = { published: 'green', draft: 'default', archived: 'orange' } as const;

export function FaqPage() {
  const { t } = useTranslation('faq');
  const { message } = App.useApp();
  const [category, setCategory] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>('published');
  const [q, setQ] = useState<string | undefined>();
  const faqs = useFaqs({ category, status, q });
  const archive = useArchiveFaq();
  const [draft, setDraft] = useState<FaqDraft | null>(null);
  return (
    <Card
      title={t('menu')}
      data-testid="faq-library"
      extra={
        <Button type="primary" onClick={() => setDraft({ faq: null })} data-testid="faq-add">
          {t('add')}
        </Button>
      }
    >
      <DataTable<TFaq>
        rows={faqs.data?.items ?? []}
        rowKey={(r) => r.id}
        loading={faqs.isLoading}
        error={faqs.error}
        onRetry={() => void faqs.refetch()}
        urlKey="faq"
        exportName="faq"
        toolbar={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('allCategories')}
              style={{ width: 160 }}
              value={category}
              onChange={setCategory}
              options={FAQ_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
            <Select
              allowClear
              placeholder={t('allStatuses')}
              style={{ width: 120 }}
              value={status}
              onChange={setStatus}
              options={FAQ_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
            <Input.Search
              allowClear
              placeholder={t('search')}
              onSearch={(v) => setQ(v || undefined)}
              style={{ width: 220 }}
            />
          </Space>
        }
        columns={[
          { key: 'question', title: t('question'), kind: 'title', value: (r) => r.question },
          {
            key: 'category',
            title: t('categoryLabel'),
            kind: 'tag',
            value: (r) => t(`category.${r.category}`),
          },
          { key: 'synonyms', title: t('synonyms'), kind: 'tags', values: (r) => r.synonyms },
          {
            key: 'status',
            title: t('statusLabel'),
            kind: 'tag',
            value: (r) => t(`status.${r.status}`),
            render: (r) => <Tag color={STATUS_COLOURS[r.status]}>{t(`status.${r.status}`)}</Tag>,
          },
          { key: 'updatedAt', title: t('updatedAt'), kind: 'time', value: (r) => formatTime(r.updatedAt) },
          {
            key: 'actions',
            title: '',
            kind: 'actions',
            render: (r) => (
              <Space>
                <Button size="small" onClick={() => setDraft({ faq: r })}>
                  {t('edit')}
                </Button>
                {r.status !== 'archived' && (
                  <Popconfirm
                    title={t('archiveConfirm')}
                    onConfirm={() =>
                      archive
                        .mutateAsync(r.id)
                        .catch((e) => void message.error(e instanceof ApiError ? e.message : String(e)))
                    }
                  >
                    <Button size="small" danger>
                      {t('archive')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FaqEditModal draft={draft} onClose={() => setDraft(null)} />
    </Card>
  );
}
