import { Alert, Button, Card, DatePicker, Drawer, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_CODES } from '../../../server/modules/pricing/pricing.enums.js';
import { ApiError } from '../../shared/api.js';
import { DataTable, useUrlFilters } from '../../shared/components/DataTable.js';
import { useCities } from '../../shared/hooks/dealers.js';
import { type TRuleVersion, useCreateRuleVersion, useRuleVersions } from '../../shared/hooks/pricing.js';
import { addTranslations } from '../../shared/i18n.js';

// Console: the dated tax and fee rules behind every landed price. A change is a new version from a date
// (today or later); saved versions never change, so a stored quote can always be explained.

const zh = {
  title: '税费规则',
  subtitle: '每次修改都会生成一个从指定日期起生效的新版本；已出具的报价保留当时的版本。',
  code: '规则',
  scope: '适用范围',
  version: '版本',
  effectiveFrom: '生效日期',
  current: '当前生效',
  scheduled: '待生效',
  past: '已被取代',
  description: '说明',
  newVersion: '新建版本',
  params: '参数（JSON）',
  descriptionZh: '中文说明',
  descriptionEn: '英文说明',
  save: '保存新版本',
  national: '全国',
  badJson: '参数不是合法的 JSON',
  codes: {
    purchase_tax: '车辆购置税',
    super_luxury_tax: '超豪华车消费税',
    compulsory_insurance: '交强险',
    vessel_tax: '车船税',
    registration_fee: '上牌费',
    plate_quota: '牌照额度',
    commercial_insurance: '商业险估算',
    optional_services: '可选服务',
    trade_in_subsidy: '以旧换新补贴',
    price_move_review: '异常调价审核',
  },
};
const en: typeof zh = {
  title: 'Tax and fee rules',
  subtitle: 'Every change is a new version from a date; quotes already given keep the version they used.',
  code: 'Rule',
  scope: 'Scope',
  version: 'Version',
  effectiveFrom: 'Effective from',
  current: 'In force',
  scheduled: 'Scheduled',
  past: 'Superseded',
  description: 'Description',
  newVersion: 'New version',
  params: 'Parameters (JSON)',
  descriptionZh: 'Description (Chinese)',
  descriptionEn: 'Description (English)',
  save: 'Save the new version',
  national: 'Nationwide',
  badJson: 'The parameters are not valid JSON',
  codes: {
    purchase_tax: 'Purchase tax',
    super_luxury_tax: 'Super-luxury car tax',
    compulsory_insurance: 'Compulsory insurance',
    vessel_tax: 'Vessel tax',
    registration_fee: 'Registration fee',
    plate_quota: 'Plate quota',
    commercial_insurance: 'Commercial insurance estimate',
    optional_services: 'Optional services',
    trade_in_subsidy: 'Trade-in subsidy',
    price_move_review: 'Abnormal price moves',
  },
};
addTranslations('consolePricing', zh, en);

type Code = (typeof RULE_CODES)[number];

function NewVersionDrawer({ base, onClose }: { base: TRuleVersion; onClose: () => void }) {
  const { t } = useTranslation('consolePricing');
  const create = useCreateRuleVersion();
  const [from, setFrom] = useState<Dayjs>(dayjs().add(1, 'day'));
  const [params, setParams] = useState(JSON.stringify(base.params, null, 2));
  const [descriptionZh, setZh] = useState(base.descriptionZh);
  const [descriptionEn, setEn] = useState(base.descriptionEn);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(params) as Record<string, unknown>;
    } catch {
      setError(t('badJson'));
      return;
    }
    setError(null);
    create.mutate(
      {
        code: base.code,
        scope: base.scope,
        effectiveFrom: from.format('YYYY-MM-DD'),
        params: parsed,
        descriptionZh,
        descriptionEn,
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          const fields =
            e instanceof ApiError
              ? (e.details?.fields as { path: string; message: string }[] | undefined)
              : undefined;
          setError(
            e instanceof ApiError
              ? [e.message, ...(fields ?? []).map((f) => `${f.path}: ${f.message}`)].join('；')
              : String(e),
          );
        },
      },
    );
  };
  return (
    <Drawer
      open
      width={560}
      title={`${t('newVersion')} · ${t(`codes.${base.code}`)}`}
      onClose={onClose}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('effectiveFrom')}</Typography.Text>
        <DatePicker
          value={from}
          onChange={(d) => d && setFrom(d)}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
        <Typography.Text>{t('params')}</Typography.Text>
        <Input.TextArea
          rows={12}
          value={params}
          onChange={(e) => setParams(e.target.value)}
          style={{ fontFamily: 'monospace' }}
          data-testid="rule-params"
        />
        <Typography.Text>{t('descriptionZh')}</Typography.Text>
        <Input.TextArea rows={2} value={descriptionZh} onChange={(e) => setZh(e.target.value)} />
        <Typography.Text>{t('descriptionEn')}</Typography.Text>
        <Input.TextArea rows={2} value={descriptionEn} onChange={(e) => setEn(e.target.value)} />
        {error ? <Alert type="error" showIcon message={error} data-testid="rule-error" /> : null}
        <Button type="primary" onClick={save} loading={create.isPending} data-testid="rule-save">
          {t('save')}
        </Button>
      </Space>
    </Drawer>
  );
}

export function RulesPage({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation('consolePricing');
  const rules = useRuleVersions();
  const cities = useCities().data;
  const [filters, setFilters] = useUrlFilters(['code']);
  const [editing, setEditing] = useState<TRuleVersion | null>(null);
  const en = i18n.language === 'en';
  const rows = useMemo(
    () => (rules.data?.items ?? []).filter((r) => !filters.code || r.code === filters.code),
    [rules.data, filters.code],
  );
  const today = dayjs().format('YYYY-MM-DD');
  const state = (r: TRuleVersion) => (r.current ? 'current' : r.effectiveFrom > today ? 'scheduled' : 'past');
  // A scope is the country, a province or a city: named, never shown as its code.
  const scopeName = (scope: string) => {
    if (scope === 'CN') return t('national');
    const city = cities?.find((c) => c.code === scope);
    if (city) return en ? city.nameEn : city.name;
    const province = cities?.find((c) => c.province.code === scope)?.province;
    return province ? (en ? province.nameEn : province.name) : t('national');
  };
  return (
    <Card title={t('title')} data-testid="pricing-rules">
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <DataTable<TRuleVersion>
        rows={rows}
        rowKey={(r) => r.id}
        loading={rules.isLoading}
        error={rules.error}
        onRetry={() => void rules.refetch()}
        exportName="pricing-rules"
        toolbar={
          <Select<Code>
            allowClear
            aria-label={t('code')}
            placeholder={t('code')}
            style={{ width: 200 }}
            value={(filters.code as Code | undefined) ?? undefined}
            onChange={(code) => setFilters({ code })}
            options={RULE_CODES.map((c) => ({ value: c, label: t(`codes.${c}`) }))}
          />
        }
        columns={[
          { key: 'code', title: t('code'), kind: 'title', value: (r) => t(`codes.${r.code}`) },
          { key: 'scope', title: t('scope'), value: (r) => scopeName(r.scope) },
          { key: 'version', title: t('version'), kind: 'number', value: (r) => r.version },
          {
            key: 'effectiveFrom',
            title: t('effectiveFrom'),
            kind: 'time',
            value: (r) => r.effectiveFrom,
            sortable: true,
          },
          {
            key: 'state',
            title: t('current'),
            kind: 'tag',
            value: (r) => t(state(r)),
            color: (r) => (state(r) === 'current' ? 'green' : state(r) === 'scheduled' ? 'blue' : 'default'),
          },
          {
            key: 'description',
            title: t('description'),
            value: (r) => (en ? r.descriptionEn : r.descriptionZh),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  kind: 'actions' as const,
                  render: (r: TRuleVersion) =>
                    r.current ? (
                      <Button size="small" onClick={() => setEditing(r)} data-testid={`rule-new-${r.code}`}>
                        {t('newVersion')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {editing ? <NewVersionDrawer base={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
