import './i18n.js';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TConversation,
  useAdvisors,
  useConversationAction,
  useHistory,
  useMyAdvisorProfile,
  useSetAvailability,
  useWorkspace,
} from '../hooks/consultations.js';
import { ChatThread } from './ChatThread.js';
import { useChatSocket } from './useChatSocket.js';

function minutesSince(iso: string | null): number {
  return iso ? Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000)) : 0;
}

/** The advisor workspace (console and dealer portal): availability, the queue and my conversations, the live chat. */
export function AdvisorWorkspace() {
  const { t } = useTranslation('consultation');
  const profile = useMyAdvisorProfile();
  const ws = useWorkspace();
  const setAvailability = useSetAvailability();
  const [selected, setSelected] = useState<string | null>(null);
  const queue = ws.data?.queue ?? [];
  const mine = ws.data?.mine ?? [];
  const current = [...mine, ...queue].find((c) => c.id === selected) ?? null;
  const row = (c: TConversation) => (
    <List.Item
      key={c.id}
      data-testid="workspace-conversation"
      data-id={c.id}
      onClick={() => setSelected(c.id)}
      style={{ cursor: 'pointer', background: c.id === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
    >
      <List.Item.Meta
        title={
          <Badge count={c.unread} size="small" offset={[8, 0]}>
            {c.contactName ?? t('workspace.anonymous')} · {c.vehicleTitle ?? '—'}
          </Badge>
        }
        description={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workspace.waiting', {
              minutes: minutesSince(c.status === 'queued' ? c.queuedAt : c.lastMessageAt),
            })}
          </Typography.Text>
        }
      />
    </List.Item>
  );
  return (
    <div data-testid="advisor-workspace">
      <Card
        title={t('workspace.title')}
        extra={
          profile.data ? (
            <Space>
              <Typography.Text>{t('workspace.availability')}</Typography.Text>
              <Segmented
                data-testid="availability"
                value={profile.data.availability}
                options={(['online', 'busy', 'offline'] as const).map((a) => ({
                  value: a,
                  label: t(`workspace.${a}`),
                }))}
                onChange={(v) =>
                  setAvailability.mutate(v as 'online' | 'busy' | 'offline', {
                    onSuccess: () => void profile.refetch(),
                  })
                }
              />
            </Space>
          ) : null
        }
      >
        {profile.data === null && <Alert type="info" showIcon message={t('workspace.notAdvisor')} />}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Typography.Title level={5}>
              {t('workspace.mine')} ({mine.length})
            </Typography.Title>
            {mine.length === 0 ? (
              <Empty description={t('workspace.empty')} />
            ) : (
              <List dataSource={mine} renderItem={row} />
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('workspace.queue')} ({queue.length})
            </Typography.Title>
            {queue.length === 0 ? (
              <Empty description={t('workspace.empty')} />
            ) : (
              <List dataSource={queue} renderItem={row} />
            )}
          </Col>
          <Col xs={24} md={16}>
            {current ? (
              <LiveConversation key={current.id} c={current} me={profile.data?.accountId ?? null} />
            ) : (
              <Empty description={t('workspace.pick')} />
            )}
          </Col>
        </Row>
      </Card>
    </div>
  );
}

function LiveConversation({ c, me }: { c: TConversation; me: string | null }) {
  const { t } = useTranslation('consultation');
  const history = useHistory(c.id);
  const action = useConversationAction(c.id);
  const advisors = useAdvisors();
  const [transferTo, setTransferTo] = useState<string | null>(null);
  const chat = useChatSocket(
    c.id,
    'advisor',
    history.data ? { messages: history.data.items, otherReadSeq: c.buyerReadSeq } : undefined,
  );
  const mineNow = c.status === 'active' && c.advisorAccountId === me;
  return (
    <div data-testid="live-conversation">
      <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('workspace.buyer')}>
          {c.contactName ?? t('workspace.anonymous')} {c.contactPhone ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.vehicle')}>
          {c.listingId ? <a href={`/vehicles/${c.listingId}`}>{c.vehicleTitle ?? c.listingId}</a> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.source')}>
          {c.source.channel}
          {c.source.utmSource ? ` / ${c.source.utmSource}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="">
          <Tag>{t(`status.${c.status}`)}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 8 }}>
        {c.status === 'queued' && (
          <Button
            type="primary"
            data-testid="workspace-accept"
            onClick={() => action.mutate({ action: 'accept' })}
          >
            {t('actions.accept')}
          </Button>
        )}
        {mineNow && (
          <>
            <Select
              style={{ width: 180 }}
              placeholder={t('workspace.transferTo')}
              value={transferTo}
              onChange={setTransferTo}
              options={(advisors.data ?? [])
                .filter((a) => a.accountId !== me && a.availability === 'online')
                .map((a) => ({ value: a.accountId, label: a.displayName }))}
            />
            <Button
              disabled={!transferTo}
              onClick={() => action.mutate({ action: 'transfer', body: { toAccountId: transferTo } })}
            >
              {t('actions.transfer')}
            </Button>
            <Button danger onClick={() => action.mutate({ action: 'close' })}>
              {t('actions.close')}
            </Button>
          </>
        )}
      </Space>
      <ChatThread
        conversationId={c.id}
        chat={chat}
        side="advisor"
        closed={c.status === 'closed' || !mineNow}
        height={420}
      />
    </div>
  );
}
