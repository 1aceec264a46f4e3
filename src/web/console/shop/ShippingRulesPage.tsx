import './i18n.js';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api.js';
import { DataTable } from '../../shared/components/DataTable.js';
import { formatTime } from '../../shared/format.js';
import { type TShippingRule, useSaveShippingRule, useShippingRules } from '../../shared/hooks/shop.js';
import { formatFenPlain } from '../../shared/orders/money.js';

// /console/shop/shipping-rules: the shop's shipping-fee rules as data: a fee per province (the default
// for everywhere else) and the amount from which shipping is free.

interface RuleForm {
  province?: string;
  feeYuan: number;
  freeOverYuan?: number | null;
}

export function ShippingRulesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('shopConsole');
  const { message } = App.useApp();
  const rules = useShippingRules();
  const save = useSaveShippingRule();
  const [form] = Form.useForm<RuleForm>();
  const onError = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  return (
    <Card title={t('rulesMenu')} data-testid="shipping-rules">
      <DataTable<TShippingRule>
        rows={rules.data?.items ?? []}
        rowKey={(r) => r.province || 'default'}
        loading={rules.isLoading}
        error={rules.error}
        onRetry={() => void rules.refetch()}
        columns={[
          {
            key: 'province',
            title: t('province'),
            kind: 'title',
            value: (r) => r.province || t('defaultRule'),
          },
          { key: 'fee', title: t('fee'), kind: 'money', value: (r) => formatFenPlain(r.feeFen) },
          {
            key: 'free',
            title: t('freeOver'),
            kind: 'money',
            value: (r) => (r.freeOverFen === null ? t('never') : formatFenPlain(r.freeOverFen)),
          },
          { key: 'updatedAt', title: t('updatedAt'), kind: 'time', value: (r) => formatTime(r.updatedAt) },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TShippingRule) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() =>
                          form.setFieldsValue({
                            province: r.province,
                            feeYuan: r.feeFen / 100,
                            freeOverYuan: r.freeOverFen === null ? null : r.freeOverFen / 100,
                          })
                        }
                      >
                        {t('addRule')}
                      </Button>
                      <Popconfirm
                        title={t('delete')}
                        onConfirm={() => save.mutate({ delete: r.province }, { onError })}
                      >
                        <Button size="small" danger>
                          {t('delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit ? (
        <Form<RuleForm>
          form={form}
          layout="inline"
          style={{ marginTop: 16 }}
          onFinish={(v) =>
            save.mutate(
              {
                province: (v.province ?? '').trim(),
                feeFen: Math.round(v.feeYuan * 100),
                freeOverFen:
                  v.freeOverYuan === null || v.freeOverYuan === undefined
                    ? null
                    : Math.round(v.freeOverYuan * 100),
              },
              { onSuccess: () => void message.success(t('saved')), onError },
            )
          }
        >
          <Form.Item name="province" label={t('province')}>
            <Input style={{ width: 160 }} data-testid="rule-province" />
          </Form.Item>
          <Form.Item name="feeYuan" label={t('fee')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} precision={2} data-testid="rule-fee" />
          </Form.Item>
          <Form.Item name="freeOverYuan" label={t('freeOver')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rule-save">
            {t('save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
