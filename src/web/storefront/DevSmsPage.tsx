import { Alert, Card, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../shared/components/Results.js';
import { formatTime } from '../shared/format.js';
import { useDevSmsInbox } from '../shared/hooks/crm.js';

/** The development SMS inbox: newest first, refreshed every 2 s, the code shown large. */
export function DevSmsPage() {
  const { t } = useTranslation('storefront');
  const [phone, setPhone] = useState('');
  const filter = /^1[3-9]\d{9}$/.test(phone) ? phone : undefined;
  const inbox = useDevSmsInbox(filter);
  const messages = inbox.data?.messages ?? [];
  return (
    <Card title={t('devSms.title')} data-testid="dev-sms">
      <Alert type="info" showIcon title={t('devSms.hint')} style={{ marginBottom: 12 }} />
      <Input
        allowClear
        inputMode="tel"
        maxLength={11}
        placeholder={t('devSms.filter')}
        value={phone}
        onChange={(e) => setPhone(e.target.value.trim())}
        style={{ maxWidth: 240, marginBottom: 12 }}
        data-testid="dev-sms-filter"
      />
      <QueryState
        isLoading={inbox.isLoading}
        error={inbox.error}
        isEmpty={messages.length === 0}
        emptyText={t('devSms.empty')}
      >
        <List
          dataSource={messages}
          renderItem={(m) => {
            const code = /\d{6}/.exec(m.text)?.[0];
            return (
              <List.Item data-testid="dev-sms-message" data-phone={m.phone}>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong data-testid="dev-sms-phone">
                      {m.phone}
                    </Typography.Text>
                    <Typography.Text type="secondary">{formatTime(m.sentAt)}</Typography.Text>
                  </Space>
                  {code && (
                    <Typography.Text
                      data-testid="dev-sms-code"
                      style={{ fontSize: 32, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}
                    >
                      {code}
                    </Typography.Text>
                  )}
                  <Typography.Text>{m.text}</Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      </QueryState>
    </Card>
  );
}
