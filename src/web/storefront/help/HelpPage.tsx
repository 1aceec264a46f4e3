import '../../shared/faq-i18n.js';
import { Alert, Button, Card, Collapse, Empty, Input, Space, Tabs, Typography } from 'antd';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FAQ_CATEGORIES, type FaqCategory } from '../../../server/modules/leads/leads.faq.enums.js';
import { type TAskAnswer, useAskFaq, usePublicFaqs } from '../../shared/hooks/leads-faq.js';

// /help: the published FAQs by category, and a search box that asks the FAQ bot.

/** Answer text with its [text](/path) links (the bot's test-drive link) as router links. */
export function AnswerText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /\[([^\]]+)\]\((\/[^)\s]*)\)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(<Fragment key={`t${last}`}>{text.slice(last, m.index)}</Fragment>);
    parts.push(
      <Link key={`l${m.index}`} to={m[2] ?? '/'}>
        {m[1]}
      </Link>,
    );
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return <span style={{ whiteSpace: 'pre-wrap' }}>{parts}</span>;
}

export function HelpPage() {
  const { t } = useTranslation('faq');
  const [category, setCategory] = useState<FaqCategory>('prices_discounts');
  const faqs = usePublicFaqs(category);
  const ask = useAskFaq();
  const [asked, setAsked] = useState<TAskAnswer | null>(null);
  const [text, setText] = useState('');
  const submit = (value: string) => {
    const q = value.trim();
    if (!q) return;
    ask.mutate({ text: q }, { onSuccess: setAsked });
  };
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="help-page">
      <Typography.Title level={2}>{t('helpTitle')}</Typography.Title>
      <Input.Search
        size="large"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('helpAsk')}
        enterButton={t('helpAskButton')}
        loading={ask.isPending}
        onSearch={submit}
        maxLength={300}
        data-testid="help-ask"
      />
      {asked && (
        <Card style={{ marginTop: 16 }} data-testid="help-answer">
          {asked.answered && asked.answer ? (
            <Space direction="vertical">
              <Typography.Text strong>{asked.question}</Typography.Text>
              <AnswerText text={asked.answer} />
            </Space>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('helpNoAnswer')}</Typography.Text>
              {asked.suggestions.map((s) => (
                <Button
                  key={s.faqId}
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                  onClick={() => {
                    setText(s.question);
                    submit(s.question);
                  }}
                >
                  {s.question}
                </Button>
              ))}
              <Alert type="info" showIcon message={t('helpHuman')} />
            </Space>
          )}
        </Card>
      )}
      <Tabs
        style={{ marginTop: 24 }}
        activeKey={category}
        onChange={(k) => setCategory(k as FaqCategory)}
        items={FAQ_CATEGORIES.map((c) => ({ key: c, label: t(`category.${c}`) }))}
      />
      {faqs.data && faqs.data.items.length === 0 ? (
        <Empty />
      ) : (
        <Collapse
          data-testid="help-faqs"
          items={(faqs.data?.items ?? []).map((f) => ({
            key: f.id,
            label: f.question,
            children: <AnswerText text={f.answer} />,
          }))}
        />
      )}
    </div>
  );
}
