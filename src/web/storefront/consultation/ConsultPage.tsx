import '../../shared/consultation/i18n.js';
import { Badge, Button, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openConversation, useMyConversations } from '../../shared/hooks/consultations.js';
import { BuyerConversation } from './BuyerConversation.js';

/** /consult: the buyer's (or this browser's) consultations with their history, and a new general one. */
export function ConsultPage() {
  const { t } = useTranslation('consultation');
  const list = useMyConversations();
  const [selected, setSelected] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const current = selected ?? items[0]?.id ?? null;
  return (
    <Row gutter={16} data-testid="consult-page">
      <Col xs={24} md={8}>
        <Card
          title={t('page.title')}
          extra={
            <Button
              size="small"
              type="primary"
              onClick={() =>
                void openConversation(null).then(async (c) => {
                  await list.refetch();
                  setSelected(c.id);
                })
              }
            >
              {t('page.start')}
            </Button>
          }
        >
          {items.length === 0 ? (
            <Empty description={t('page.empty')} />
          ) : (
            <List
              dataSource={items}
              renderItem={(c) => (
                <List.Item
                  onClick={() => setSelected(c.id)}
                  style={{
                    cursor: 'pointer',
                    background: c.id === current ? '#e6f4ff' : undefined,
                    paddingInline: 8,
                  }}
                >
                  <List.Item.Meta
                    title={
                      <Badge count={c.unread} size="small" offset={[8, 0]}>
                        {c.vehicleTitle ?? t('page.general')}
                      </Badge>
                    }
                    description={
                      <>
                        <Tag>{t(`status.${c.status}`)}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {new Date(c.lastMessageAt).toLocaleString()}
                        </Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={16}>
        <Card>
          {current ? <BuyerConversation key={current} conversationId={current} height={480} /> : <Empty />}
        </Card>
      </Col>
    </Row>
  );
}
