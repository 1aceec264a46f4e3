import '../../shared/consultation/i18n.js';
import { Alert, Button, Checkbox, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatThread } from '../../shared/consultation/ChatThread.js';
import { useChatSocket } from '../../shared/consultation/useChatSocket.js';
import { useConversation, useConversationAction, useHistory } from '../../shared/hooks/consultations.js';

type FormKind = 'contact' | 'callback' | null;

/** One conversation as the buyer sees it: the thread, the queue position, hand-off, contact and callback. */
export function BuyerConversation({ conversationId, height }: { conversationId: string; height?: number }) {
  const { t } = useTranslation('consultation');
  const conv = useConversation(conversationId, true);
  const history = useHistory(conversationId);
  const action = useConversationAction(conversationId);
  const [form, setForm] = useState<FormKind>(null);
  const c = conv.data;
  const chat = useChatSocket(
    conversationId,
    'buyer',
    history.data && c ? { messages: history.data.items, otherReadSeq: c.advisorReadSeq } : undefined,
    () => void conv.refetch(),
  );
  const callbackOffered = chat.messages.some((m) => m.systemKind === 'callback_offered');
  const closed = c?.status === 'closed';
  return (
    <div data-testid="buyer-conversation" data-status={c?.status ?? ''}>
      {c?.status === 'queued' && c.queuePosition !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="queue-position"
          message={t('queue.position', {
            position: c.queuePosition,
            minutes: Math.max(1, Math.round((c.estimatedWaitSeconds ?? 0) / 60)),
          })}
        />
      )}
      <ChatThread conversationId={conversationId} chat={chat} side="buyer" closed={closed} height={height} />
      {!closed && (
        <Space wrap style={{ marginTop: 8 }}>
          {c?.status === 'bot' && (
            <Button
              size="small"
              data-testid="chat-handoff"
              loading={action.isPending}
              onClick={() => action.mutate({ action: 'handoff' })}
            >
              {t('actions.handoff')}
            </Button>
          )}
          <Button size="small" onClick={() => setForm(form === 'contact' ? null : 'contact')}>
            {t('actions.contact')}
          </Button>
          {(callbackOffered || c?.status === 'queued') && (
            <Button
              size="small"
              data-testid="chat-callback"
              onClick={() => setForm(form === 'callback' ? null : 'callback')}
            >
              {t('actions.callback')}
            </Button>
          )}
          <Button size="small" danger onClick={() => action.mutate({ action: 'close' })}>
            {t('actions.close')}
          </Button>
        </Space>
      )}
      {form && (
        <Form
          layout="vertical"
          size="small"
          style={{ marginTop: 8 }}
          initialValues={{ consentToContact: true }}
          onFinish={(v: {
            name: string;
            phone: string;
            preferredTime?: string;
            consentToContact: boolean;
          }) => {
            const body =
              form === 'callback'
                ? {
                    name: v.name,
                    phone: v.phone,
                    preferredTime: v.preferredTime ?? null,
                    consentToContact: v.consentToContact,
                  }
                : { name: v.name, phone: v.phone, consentToContact: v.consentToContact };
            action.mutate({ action: form, body }, { onSuccess: () => setForm(null) });
          }}
        >
          <Form.Item name="name" label={t('form.name')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('form.phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('form.phoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          {form === 'callback' && (
            <Form.Item name="preferredTime" label={t('form.preferredTime')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="consentToContact" valuePropName="checked">
            <Checkbox>{t('form.consent')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.isPending}>
            {t('form.submit')}
          </Button>
        </Form>
      )}
    </div>
  );
}
