import './i18n.js';
import { PictureOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Image, Input, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TConversationMessage } from '../../../server/modules/leads/leads.consultation.contract.js';
import { chatImageUrl, uploadChatImage } from '../hooks/consultations.js';
import type { ChatSocket } from './useChatSocket.js';

/** A bot or system message in the reader's language. */
export function systemText(
  t: (k: string, o?: Record<string, unknown>) => string,
  m: TConversationMessage,
): string {
  if (!m.systemKind) return m.text ?? '';
  const p = m.systemParams ?? {};
  const position = Number(p.position ?? 1);
  return t(`system.${m.systemKind}`, {
    ...p,
    ahead: Math.max(0, position - 1),
    minutes: Math.max(1, Math.round(Number(p.waitSeconds ?? 0) / 60)),
    preferredTime: p.preferredTime || '—',
  });
}

/** The messages of a conversation and the box to write in (buyer widget, consult page, workspace). */
export function ChatThread({
  conversationId,
  chat,
  side,
  closed,
  height = 360,
}: {
  conversationId: string;
  chat: ChatSocket;
  side: 'buyer' | 'advisor';
  closed: boolean;
  height?: number;
}) {
  const { t } = useTranslation('consultation');
  const [text, setText] = useState('');
  const bottom = useRef<HTMLDivElement>(null);
  const count = chat.messages.length + chat.pending.length;
  useEffect(() => {
    if (count >= 0) bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  const mine = (m: TConversationMessage) => m.sender === side;
  const submit = () => {
    const v = text.trim();
    if (!v) return;
    chat.send({ text: v });
    setText('');
  };
  return (
    <div data-testid="chat-thread" data-state={chat.state}>
      {chat.state !== 'open' && !closed && (
        <Alert
          type="info"
          showIcon
          message={chat.state === 'connecting' ? t('thread.connecting') : t('thread.reconnecting')}
          style={{ marginBottom: 8 }}
        />
      )}
      <div style={{ height, overflowY: 'auto', padding: 8, background: '#f5f5f5', borderRadius: 8 }}>
        {chat.messages.map((m) => {
          const own = mine(m);
          const notice = m.sender === 'system';
          if (notice) {
            return (
              <div
                key={m.seq}
                style={{ textAlign: 'center', margin: '8px 0' }}
                data-testid="chat-notice"
                data-kind={m.systemKind ?? ''}
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {systemText(t, m)}
                </Typography.Text>
              </div>
            );
          }
          const who =
            m.sender === 'bot'
              ? t('senders.bot')
              : m.sender === 'advisor'
                ? (m.senderName ?? t('senders.advisor'))
                : side === 'buyer'
                  ? t('senders.buyer')
                  : t('senders.customer');
          return (
            <div
              key={m.seq}
              data-testid="chat-message"
              data-sender={m.sender}
              style={{ display: 'flex', justifyContent: own ? 'flex-end' : 'flex-start', margin: '6px 0' }}
            >
              <div style={{ maxWidth: '78%' }}>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {who}
                </Typography.Text>
                <div
                  style={{
                    background: own ? '#1677ff' : '#fff',
                    color: own ? '#fff' : undefined,
                    padding: '6px 10px',
                    borderRadius: 8,
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-word',
                  }}
                >
                  {m.imageId ? <Image src={chatImageUrl(m.imageId)} width={160} alt="" /> : null}
                  {m.text ?? (m.systemKind ? systemText(t, m) : null)}
                </div>
                {own && (
                  <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="read-tick">
                    {chat.otherReadSeq >= m.seq ? `✓✓ ${t('thread.read')}` : `✓ ${t('thread.unread')}`}
                  </Typography.Text>
                )}
              </div>
            </div>
          );
        })}
        {chat.pending.map((p) => (
          <div key={p.clientMessageId} style={{ textAlign: 'right', opacity: 0.6, margin: '6px 0' }}>
            <span style={{ background: '#1677ff', color: '#fff', padding: '6px 10px', borderRadius: 8 }}>
              {p.text ?? t('thread.image')}
            </span>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {t('thread.sending')}
              </Typography.Text>
            </div>
          </div>
        ))}
        {chat.otherTyping && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="typing">
            {t('thread.typing')}
          </Typography.Text>
        )}
        <div ref={bottom} />
      </div>
      {closed ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('thread.closed')}
        </Typography.Paragraph>
      ) : (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Upload
            accept="image/jpeg,image/png,image/webp,image/gif"
            showUploadList={false}
            beforeUpload={(file) => {
              void uploadChatImage(conversationId, file).then((imageId) => chat.send({ imageId }));
              return false;
            }}
          >
            <Button icon={<PictureOutlined />} aria-label={t('thread.image')} />
          </Upload>
          <Input
            data-testid="chat-input"
            value={text}
            maxLength={2000}
            placeholder={t('thread.placeholder')}
            onChange={(e) => {
              setText(e.target.value);
              chat.typing();
            }}
            onPressEnter={submit}
          />
          <Button type="primary" icon={<SendOutlined />} onClick={submit} data-testid="chat-send">
            {t('thread.send')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
