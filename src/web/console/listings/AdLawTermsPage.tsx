import '../../shared/listings/i18n.js';
import { App, Button, Card, Form, Input, Popconfirm, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZAdLawTermInput } from '../../../server/modules/listings/listings.contract.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { Field, KitForm } from '../../shared/components/form-kit.js';
import { formatTime } from '../../shared/format.js';
import { type TAdLawTermOut, useAdLawTermMutations, useAdLawTerms } from '../../shared/hooks/listings.js';
import { useLabels } from '../../shared/labels.js';

/** The ad-law (广告法) term list: data that compliance edits; listing reviews scan against it. */
export function AdLawTermsPage() {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const terms = useAdLawTerms();
  const m = useAdLawTermMutations();
  const [form] = Form.useForm<{ term: string; severity: 'block' | 'warn'; note?: string }>();
  const L = useLabels();
  const severities = L.options('adLawSeverity');
  const fail = (e: Error) => void message.error(e.message);
  return (
    <Card title={t('menu.adlaw')} data-testid="adlaw-terms">
      <KitForm
        form={form}
        schema={ZAdLawTermInput}
        layout="inline"
        guard={false}
        initialValues={{ severity: 'block' }}
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={async (v: { term: string; severity: 'block' | 'warn'; note?: string }) => {
          await m.add.mutateAsync(v);
          form.resetFields();
        }}
      >
        <Field name="term" label={t('adlaw.term')}>
          <Input placeholder={t('adlaw.term')} data-testid="adlaw-new-term" />
        </Field>
        <Field name="severity" label={t('adlaw.severity')}>
          <Select options={severities} style={{ width: 100 }} />
        </Field>
        <Field name="note" label={t('adlaw.note')}>
          <Input placeholder={t('adlaw.note')} />
        </Field>
        <Button type="primary" htmlType="submit" loading={m.add.isPending} data-testid="adlaw-add">
          {t('adlaw.add')}
        </Button>
      </KitForm>
      <DataTable<TAdLawTermOut>
        testId="adlaw-table"
        size="small"
        pageSize={50}
        rows={terms.data ?? []}
        rowKey={(r) => r.term}
        loading={terms.isLoading}
        error={terms.error}
        onRetry={() => void terms.refetch()}
        exportName="ad-law-terms"
        columns={[
          { key: 'term', title: t('adlaw.term'), kind: 'title', value: (r) => r.term, sortable: true },
          {
            key: 'severity',
            title: t('adlaw.severity'),
            value: (r) => L.label('adLawSeverity', r.severity),
            width: 130,
            sortable: true,
            render: (r) => (
              <Select
                size="small"
                value={r.severity}
                options={severities}
                style={{ width: 100 }}
                aria-label={t('adlaw.severity')}
                onChange={(severity) => m.update.mutate({ term: r.term, severity }, { onError: fail })}
              />
            ),
          },
          { key: 'note', title: t('adlaw.note'), value: (r) => r.note ?? '—', width: 240 },
          {
            key: 'createdAt',
            title: t('adlaw.createdAt'),
            kind: 'time',
            value: (r) => formatTime(r.createdAt),
            sortable: true,
            sortValue: (r) => r.createdAt,
          },
          {
            key: 'actions',
            title: t('list.actions'),
            kind: 'actions',
            width: 100,
            render: (r) => (
              <Popconfirm
                title={t('adlaw.confirmDelete')}
                onConfirm={() => m.remove.mutate(r.term, { onError: fail })}
              >
                <Button size="small" danger>
                  {t('adlaw.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
