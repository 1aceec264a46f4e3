import '../../shared/consultation/i18n.js';
import { MessageOutlined } from '@ant-design/icons';
import { Badge, Drawer, FloatButton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openConversation } from '../../shared/hooks/consultations.js';
import { BuyerConversation } from './BuyerConversation.js';

/** The floating chat button on vehicle pages: opens (or resumes) a consultation about this vehicle. */
export function ChatWidget({ listingId }: { listingId: string | null }) {
  const { t } = useTranslation('consultation');
  const [open, setOpen] = useState(false);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const start = () => {
    setOpen(true);
    if (conversationId) return;
    openConversation(listingId)
      .then((c) => setConversationId(c.id))
      .catch(() => setFailed(true));
  };
  return (
    <>
      <FloatButton
        type="primary"
        icon={<MessageOutlined />}
        tooltip={t('widget.open')}
        onClick={start}
        data-testid="chat-widget-button"
        style={{ insetInlineEnd: 24, insetBlockEnd: 96 }}
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={
          <span>
            <Badge status="processing" /> {t('widget.title')}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('widget.subtitle')}
            </Typography.Text>
          </span>
        }
        width={420}
        destroyOnHidden={false}
        data-testid="chat-widget"
      >
        {failed && <Typography.Text type="danger">{t('thread.reconnecting')}</Typography.Text>}
        {conversationId && <BuyerConversation conversationId={conversationId} height={420} />}
      </Drawer>
    </>
  );
}
