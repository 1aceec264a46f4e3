import './i18n.js';
import { App, Button, Card, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPublishContractTemplateRequest } from '../../../server/modules/contracts/contracts.contract.js';
import { CONTRACT_PLACEHOLDERS } from '../../../server/modules/contracts/contracts.enums.js';
import { QueryState } from '../../shared/components/Results.js';
import { formatTime } from '../../shared/format.js';
import {
  type TContractTemplate,
  useContractTemplates,
  usePublishContractTemplate,
} from '../../shared/hooks/contracts.js';

// Console: purchase contract templates (合同模板), for compliance. The versions, newest first, and an editor
// (title, clauses, consent and deposit wording) that publishes the next version, prefilled from the
// current one. Published versions are read-only: the server refuses to change them.

type FormValues = Omit<TPublishContractTemplateRequest, 'baseVersion'>;

function formValuesOf(t: TContractTemplate): FormValues {
  return {
    title: t.title,
    clauses: t.clauses,
    consentText: t.consentText,
    depositBindingText: t.depositBindingText,
    depositRefundableText: t.depositRefundableText,
    note: '',
  };
}

export function TemplatesPage() {
  const { t } = useTranslation('consoleContracts');
  const list = useContractTemplates();
  const items = list.data?.items ?? [];
  const current = items.find((x) => x.current);
  const [viewing, setViewing] = useState<string | null>(null);
  const shown = items.find((x) => x.id === viewing);
  return (
    <Card title={t('title')} data-testid="contract-templates-page">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Row gutter={16}>
          <Col xs={24} lg={7}>
            <Typography.Title level={5}>{t('versions')}</Typography.Title>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((x) => (
                <Card
                  key={x.id}
                  size="small"
                  data-testid={`template-version-${x.version}`}
                  extra={
                    <Button size="small" type="link" onClick={() => setViewing(x.id)}>
                      {t('view')}
                    </Button>
                  }
                  title={
                    <Space>
                      {t('version', { version: x.version })}
                      {x.current ? <Tag color="green">{t('current')}</Tag> : null}
                    </Space>
                  }
                >
                  <Typography.Text type="secondary">
                    {formatTime(x.publishedAt)} · {x.publishedBy ?? t('system')}
                  </Typography.Text>
                  {x.note ? <Typography.Paragraph type="secondary">{x.note}</Typography.Paragraph> : null}
                </Card>
              ))}
            </Space>
            {shown ? <TemplateView template={shown} /> : null}
          </Col>
          <Col xs={24} lg={17}>
            {current ? <TemplateEditor key={current.id} base={current} /> : null}
          </Col>
        </Row>
      </QueryState>
    </Card>
  );
}

function TemplateView({ template }: { template: TContractTemplate }) {
  const { t } = useTranslation('consoleContracts');
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('version', { version: template.version })}
      data-testid="template-view"
    >
      <Typography.Title level={5}>{template.title}</Typography.Title>
      {template.clauses.map((c) => (
        <div key={c.heading}>
          <Typography.Text strong>{c.heading}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}

function TemplateEditor({ base }: { base: TContractTemplate }) {
  const { t } = useTranslation('consoleContracts');
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const publish = usePublishContractTemplate();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const onFinish = (values: FormValues) =>
    publish.mutate(
      { body: { ...values, note: values.note || null, baseVersion: base.version }, key: idempotencyKey },
      {
        onSuccess: (published) => {
          void message.success(t('published', { version: published.version }));
          setIdempotencyKey(crypto.randomUUID());
        },
        onError: (e: Error) => void message.error(e.message),
      },
    );
  const area = (rows: number) => <Input.TextArea autoSize={{ minRows: rows, maxRows: 16 }} />;
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={formValuesOf(base)}
      onFinish={onFinish}
      data-testid="template-editor"
    >
      <Typography.Title level={5}>{t('editor', { version: base.version })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('placeholders')}：
        {CONTRACT_PLACEHOLDERS.map((p) => (
          <Tag key={p} style={{ marginBottom: 4 }}>{`{{${p}}}`}</Tag>
        ))}
      </Typography.Paragraph>
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, max: 60 }]}>
        <Input data-testid="template-title" />
      </Form.Item>
      <Form.List name="clauses">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={
                  <Button
                    size="small"
                    danger
                    onClick={() => remove(field.name)}
                    data-testid={`clause-remove-${i}`}
                  >
                    {t('removeClause')}
                  </Button>
                }
              >
                <Form.Item
                  name={[field.name, 'heading']}
                  label={t('fields.heading')}
                  rules={[{ required: true, max: 60 }]}
                >
                  <Input data-testid={`clause-heading-${i}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'body']}
                  label={t('fields.body')}
                  rules={[{ required: true, max: 4000 }]}
                >
                  {area(3)}
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ heading: '', body: '' })} data-testid="clause-add">
              {t('addClause')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item
        name="consentText"
        label={t('fields.consentText')}
        rules={[{ required: true, max: 1000 }]}
        style={{ marginTop: 16 }}
      >
        {area(2)}
      </Form.Item>
      <Form.Item
        name="depositBindingText"
        label={t('fields.depositBindingText')}
        rules={[{ required: true, max: 2000 }]}
      >
        {area(3)}
      </Form.Item>
      <Form.Item
        name="depositRefundableText"
        label={t('fields.depositRefundableText')}
        rules={[{ required: true, max: 2000 }]}
      >
        {area(3)}
      </Form.Item>
      <Form.Item name="note" label={t('fields.note')} rules={[{ max: 500 }]}>
        <Input data-testid="template-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="template-publish">
        {t('publish')}
      </Button>
    </Form>
  );
}
