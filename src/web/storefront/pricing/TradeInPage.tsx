import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api.js';
import { useBrand, useBrandIndex, useSeries } from '../../shared/hooks/catalog.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { type TTradeInRequest, useTradeInValuation } from '../../shared/hooks/pricing.js';
import { pickName } from '../../shared/i18n.js';
import './i18n.js';
import { formatFen } from './money.js';

// /tools/trade-in: the buyer values their own car from a short form; the valuation is kept for an order.

interface FormValues {
  brandId?: string;
  seriesId?: string;
  trimId?: string;
  registration?: Dayjs;
  mileageKm?: number;
  cityCode?: string;
  condition: TTradeInRequest['condition'];
  history: ('accident' | 'flood' | 'fire')[];
}

export function TradeInPage() {
  const { t, i18n } = useTranslation('pricing');
  const [form] = Form.useForm<FormValues>();
  const brandId = Form.useWatch('brandId', form);
  const seriesId = Form.useWatch('seriesId', form);
  const brands = useBrandIndex();
  const brand = useBrand(brandId);
  const series = useSeries(seriesId);
  const cities = useCities();
  const value = useTradeInValuation();
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const name = (n: { name: string; nameEn?: string | null }) =>
    lang === 'en' && n.nameEn ? n.nameEn : n.name;

  const submit = (v: FormValues) => {
    if (!v.trimId || !v.registration || v.mileageKm === undefined || !v.cityCode) return;
    setError(null);
    value.mutate(
      {
        trimId: v.trimId,
        firstRegistration: v.registration.format('YYYY-MM'),
        mileageKm: v.mileageKm,
        cityCode: v.cityCode,
        condition: v.condition,
        accident: v.history.includes('accident'),
        flood: v.history.includes('flood'),
        fire: v.history.includes('fire'),
      },
      { onError: (e) => setError(e instanceof ApiError ? e.message : String(e)) },
    );
  };
  const result = value.data;

  return (
    <div style={{ maxWidth: 760, margin: '0 auto', padding: 16 }} data-testid="trade-in-page">
      <Typography.Title level={2}>{t('tradeIn.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('tradeIn.subtitle')}</Typography.Paragraph>
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ condition: 'good', history: [] }}
          onFinish={submit}
          requiredMark
        >
          <Form.Item name="brandId" label={t('tradeIn.brand')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              onChange={() => form.setFieldsValue({ seriesId: undefined, trimId: undefined })}
              options={(brands.data?.initials ?? []).flatMap((g) =>
                g.brands.map((b) => ({ value: b.id, label: name(b) })),
              )}
              data-testid="trade-in-brand"
            />
          </Form.Item>
          <Form.Item name="seriesId" label={t('tradeIn.series')} rules={[{ required: true }]}>
            <Select
              disabled={!brandId}
              onChange={() => form.setFieldsValue({ trimId: undefined })}
              options={(brand.data?.series ?? []).map((s) => ({ value: s.id, label: name(s) }))}
              data-testid="trade-in-series"
            />
          </Form.Item>
          <Form.Item name="trimId" label={t('tradeIn.trim')} rules={[{ required: true }]}>
            <Select
              disabled={!seriesId}
              options={(series.data?.years ?? []).flatMap((y) =>
                y.trims.map((tr) => ({ value: tr.id, label: `${y.modelYear} ${tr.name}` })),
              )}
              data-testid="trade-in-trim"
            />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="registration" label={t('tradeIn.registration')} rules={[{ required: true }]}>
              <DatePicker
                picker="month"
                disabledDate={(d) => d.isAfter(new Date())}
                data-testid="trade-in-registration"
              />
            </Form.Item>
            <Form.Item name="mileageKm" label={t('tradeIn.mileage')} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                max={2_000_000}
                step={1000}
                style={{ width: 180 }}
                data-testid="trade-in-mileage"
              />
            </Form.Item>
            <Form.Item name="cityCode" label={t('tradeIn.city')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 180 }}
                options={(cities.data ?? []).map((c) => ({
                  value: c.code,
                  label: pickName({ zh: c.name, en: c.nameEn }),
                }))}
                data-testid="trade-in-city"
              />
            </Form.Item>
          </Space>
          <Form.Item name="condition" label={t('tradeIn.condition')}>
            <Radio.Group>
              {(['excellent', 'good', 'fair', 'poor'] as const).map((c) => (
                <Radio.Button key={c} value={c}>
                  {t(`tradeIn.${c}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="history">
            <Checkbox.Group
              options={(['accident', 'flood', 'fire'] as const).map((h) => ({
                value: h,
                label: t(`tradeIn.${h}`),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={value.isPending} data-testid="trade-in-submit">
            {t('tradeIn.submit')}
          </Button>
        </Form>
      </Card>
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} /> : null}
      {result ? (
        <Card style={{ marginTop: 16 }} data-testid="trade-in-result">
          <Statistic
            title={t('tradeIn.value')}
            value={formatFen(result.valueFen)}
            data-testid="trade-in-value"
          />
          <Typography.Text type="secondary">
            {t('tradeIn.range', { low: formatFen(result.lowFen), high: formatFen(result.highFen) })}
          </Typography.Text>
          <Typography.Title level={5}>{t('tradeIn.why')}</Typography.Title>
          <ul data-testid="trade-in-steps">
            {result.steps.map((s) => (
              <li key={s.factor}>{s.explanation}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">{t('tradeIn.kept', { id: result.id })}</Typography.Text>
        </Card>
      ) : null}
    </div>
  );
}
