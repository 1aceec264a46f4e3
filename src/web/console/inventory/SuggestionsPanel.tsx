import './i18n.js';
import { App, Button, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '../../../server/modules/inventory/inventory.enums.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import {
  type TReplenishmentSuggestion,
  useComputeSuggestions,
  useDecideSuggestion,
  useSuggestions,
} from '../../shared/hooks/inventory.js';

// The stock board's panels, shared by the console (/console/inventory) and the dealer portal (/dealer/stock):
// the server scopes every answer to the caller (dealer staff see their dealer's stock only).

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

import { trimLabel } from './board.js';

export function SuggestionsPanel({ canManage, canConfigure }: { canManage: boolean; canConfigure: boolean }) {
  const { t } = useTranslation('consoleInventory');
  const { message } = App.useApp();
  const [f, setF] = useUrlFilters(['status'] as const, 'sug_');
  const status = (SUGGESTION_STATUSES as readonly string[]).includes(f.status ?? '')
    ? (f.status as SuggestionStatus)
    : undefined;
  const list = useSuggestions(status ?? (f.status === 'all' ? undefined : 'open'));
  const decide = useDecideSuggestion();
  const compute = useComputeSuggestions();
  const [accepting, setAccepting] = useState<TReplenishmentSuggestion | null>(null);
  const [dismissing, setDismissing] = useState<TReplenishmentSuggestion | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const done = {
    onSuccess: () => {
      void message.success(t('done'));
      setAccepting(null);
      setDismissing(null);
    },
    onError: (e: Error) => void message.error(e.message),
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sugg.formula')}</Typography.Paragraph>
      <DataTable<TReplenishmentSuggestion>
        testId="suggestions"
        urlKey="sug_"
        rows={list.data?.items}
        loading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        rowKey={(r) => r.id}
        rowTestId={(r) => `suggestion-row-${r.id}`}
        exportName="replenishment"
        toolbar={
          <Select
            value={f.status ?? 'open'}
            aria-label={t('status')}
            style={{ width: 130 }}
            options={[
              ...SUGGESTION_STATUSES.map((s) => ({ value: s, label: t(`sugg.statuses.${s}`) })),
              { value: 'all', label: t('sugg.anyStatus') },
            ]}
            onChange={(s: string) => setF({ status: s === 'open' ? undefined : s })}
          />
        }
        extra={
          canConfigure ? (
            <Button
              loading={compute.isPending}
              onClick={() =>
                compute.mutate(undefined, {
                  onSuccess: (r) => void message.success(t('sugg.computed', r)),
                  onError: (e: Error) => void message.error(e.message),
                })
              }
              data-testid="suggestions-compute"
            >
              {t('sugg.compute')}
            </Button>
          ) : undefined
        }
        columns={[
          { key: 'store', title: t('store'), value: (r) => r.location.name, width: 170, sortable: true },
          { key: 'trim', title: t('trim'), kind: 'title', value: (r) => trimLabel(r.trim) },
          { key: 'sold', title: t('sugg.sold30d'), kind: 'number', value: (r) => r.sold30d },
          { key: 'avg', title: t('sugg.avgDaily'), kind: 'number', value: (r) => r.avgDailySales.toFixed(2) },
          { key: 'lead', title: t('sugg.leadTime'), kind: 'number', value: (r) => r.leadTimeDays },
          { key: 'buffer', title: t('sugg.buffer'), kind: 'number', value: (r) => r.bufferUnits },
          { key: 'safety', title: t('sugg.safety'), kind: 'number', value: (r) => r.safetyStock },
          {
            key: 'stock',
            title: t('sugg.stock'),
            kind: 'number',
            value: (r) => `${r.available} + ${r.inTransit}`,
          },
          {
            key: 'suggested',
            title: t('sugg.suggested'),
            kind: 'number',
            value: (r) => r.suggestedQuantity,
            sortable: true,
            render: (r) => <Typography.Text strong>{r.suggestedQuantity}</Typography.Text>,
          },
          {
            key: 'status',
            title: t('status'),
            kind: 'tag',
            value: (r) =>
              r.status === 'accepted'
                ? `${t('sugg.statuses.accepted')} ${r.acceptedQuantity ?? ''}`
                : r.status === 'dismissed'
                  ? `${t('sugg.statuses.dismissed')}：${r.dismissReason ?? ''}`
                  : t('sugg.statuses.open'),
            color: (r) => (r.status === 'open' ? 'blue' : r.status === 'accepted' ? 'green' : 'default'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TReplenishmentSuggestion) =>
                    r.actions.length > 0 ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          type="primary"
                          data-testid={`suggestion-accept-${r.id}`}
                          onClick={() => {
                            setQuantity(r.suggestedQuantity);
                            setAccepting(r);
                          }}
                        >
                          {t('sugg.accept')}
                        </Button>
                        <Button
                          size="small"
                          data-testid={`suggestion-dismiss-${r.id}`}
                          onClick={() => {
                            setReason('');
                            setDismissing(r);
                          }}
                        >
                          {t('sugg.dismiss')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={accepting !== null}
        title={t('sugg.acceptTitle')}
        confirmLoading={decide.isPending}
        onCancel={() => setAccepting(null)}
        okButtonProps={{ disabled: !quantity }}
        onOk={() =>
          accepting &&
          decide.mutate({ id: accepting.id, action: 'accept', quantity: quantity ?? undefined }, done)
        }
      >
        <Typography.Paragraph>
          {accepting ? `${accepting.location.name} · ${trimLabel(accepting.trim)}` : ''}
        </Typography.Paragraph>
        <Space>
          <span>{t('sugg.quantity')}</span>
          <InputNumber
            min={1}
            max={100_000}
            precision={0}
            value={quantity}
            onChange={(v) => setQuantity(v)}
            aria-label={t('sugg.quantity')}
            data-testid="suggestion-quantity"
          />
        </Space>
      </Modal>
      <Modal
        open={dismissing !== null}
        title={t('sugg.dismissTitle')}
        confirmLoading={decide.isPending}
        onCancel={() => setDismissing(null)}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => dismissing && decide.mutate({ id: dismissing.id, action: 'dismiss', reason }, done)}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          placeholder={t('sugg.reason')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="suggestion-reason"
        />
      </Modal>
    </>
  );
}

/** Template download and an upload that shows the counts or every bad row (row, column, code, message). */
