import '../../shared/listings/i18n.js';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import { type TAdLawTermOut, useAdLawTermMutations, useAdLawTerms } from '../../shared/hooks/listings.js';

/** The ad-law (广告法) term list: data that compliance edits; listing reviews scan against it. */
export function AdLawTermsPage() {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const terms = useAdLawTerms();
  const m = useAdLawTermMutations();
  const [form] = Form.useForm<{ term: string; severity: 'block' | 'warn'; note?: string }>();
  const severities = [
    { value: 'block', label: t('adlaw.block') },
    { value: 'warn', label: t('adlaw.warn') },
  ];
  const fail = (e: Error) => void message.error(e.message);
  return (
    <Card title={t('menu.adlaw')} data-testid="adlaw-terms">
      <Form
        form={form}
        layout="inline"
        initialValues={{ severity: 'block' }}
        style={{ marginBottom: 16 }}
        onFinish={(v) => m.add.mutate(v, { onSuccess: () => form.resetFields(), onError: fail })}
      >
        <Form.Item name="term" rules={[{ required: true, max: 30 }]}>
          <Input placeholder={t('adlaw.term')} data-testid="adlaw-new-term" />
        </Form.Item>
        <Form.Item name="severity">
          <Select options={severities} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder={t('adlaw.note')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.add.isPending} data-testid="adlaw-add">
          {t('adlaw.add')}
        </Button>
      </Form>
      <QueryState isLoading={terms.isLoading} error={terms.error} onRetry={() => void terms.refetch()}>
        <Table<TAdLawTermOut>
          rowKey="term"
          size="small"
          pagination={{ pageSize: 50 }}
          dataSource={terms.data ?? []}
          columns={[
            { title: t('adlaw.term'), dataIndex: 'term' },
            {
              title: t('adlaw.severity'),
              dataIndex: 'severity',
              render: (v: 'block' | 'warn', r) => (
                <Select
                  size="small"
                  value={v}
                  options={severities}
                  style={{ width: 100 }}
                  onChange={(severity) => m.update.mutate({ term: r.term, severity }, { onError: fail })}
                />
              ),
            },
            { title: t('adlaw.note'), dataIndex: 'note' },
            { title: t('adlaw.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '',
              key: 'x',
              render: (_, r) => (
                <Space>
                  <Popconfirm
                    title={t('adlaw.confirmDelete')}
                    onConfirm={() => m.remove.mutate(r.term, { onError: fail })}
                  >
                    <Button size="small" danger>
                      {t('adlaw.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
