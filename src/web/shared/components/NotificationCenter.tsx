import { Badge, Button, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../format.js';
import { useMarkNotificationRead, useNotifications } from '../hooks/platform.js';
import { QueryState } from './Results.js';

/** The in-app notification centre (buyers and staff see only their own; the API scopes it). */
export function NotificationCenter() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const mark = useMarkNotificationRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="notification-center">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Switch
            size="small"
            checked={unreadOnly}
            onChange={setUnreadOnly}
            data-testid="notifications-unread-only"
          />
          <span>{t('notifications.unreadOnly')}</span>
        </Space>
        <Button
          size="small"
          onClick={() => mark.mutate('all')}
          loading={mark.isPending}
          data-testid="notifications-read-all"
          disabled={items.every((n) => n.readAt)}
        >
          {t('actions.markAllRead')}
        </Button>
      </Space>
      <QueryState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={items.length === 0}
        onRetry={() => void list.refetch()}
        emptyText={t('notifications.empty')}
      >
        <List
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              actions={[
                n.readAt ? (
                  <Typography.Text type="secondary" key="read">
                    {t('notifications.read')}
                  </Typography.Text>
                ) : (
                  <Button key="mark" type="link" size="small" onClick={() => mark.mutate(n.id)}>
                    {t('actions.markRead')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Badge status="processing" />}
                    {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {list.hasNextPage && (
          <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('actions.loadMore')}
          </Button>
        )}
      </QueryState>
    </div>
  );
}
