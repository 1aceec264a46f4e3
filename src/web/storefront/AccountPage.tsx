import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ZUpdateCustomerProfileRequest } from '../../server/modules/crm/crm.contract.js';
import { NotificationCenter } from '../shared/components/NotificationCenter.js';
import { PageSpin, QueryState } from '../shared/components/Results.js';
import { formatTime } from '../shared/format.js';
import { applyApiError, zodRule } from '../shared/forms.js';
import { useBuyerProfile, useUpdateBuyerProfile } from '../shared/hooks/crm.js';
import { useCities } from '../shared/hooks/dealers.js';
import { useMe, useSignOut } from '../shared/hooks/identity.js';
import { cityName } from './CitySelector.js';

const ZNickname = ZUpdateCustomerProfileRequest.shape.nickname;

function ProfileCard() {
  const { t, i18n } = useTranslation('storefront');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const profile = useBuyerProfile(true);
  const cities = useCities();
  const update = useUpdateBuyerProfile();
  const [form] = Form.useForm<{ nickname?: string; cityCode?: string }>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (profile.data) {
      form.setFieldsValue({
        nickname: profile.data.nickname ?? '',
        cityCode: profile.data.cityCode ?? undefined,
      });
    }
  }, [profile.data, form]);
  return (
    <Card title={t('account.profile')} data-testid="profile-card">
      <QueryState isLoading={profile.isLoading} error={profile.error} onRetry={() => void profile.refetch()}>
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('account.phone')}>
            <span data-testid="profile-phone">{profile.data?.phoneMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('account.since')}>
            {formatTime(profile.data?.createdAt)}
          </Descriptions.Item>
        </Descriptions>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setError(null);
            update.mutate(
              { nickname: v.nickname?.trim() || undefined, cityCode: v.cityCode },
              {
                onSuccess: () => void message.success(tc('states.saved')),
                onError: (e) => setError(applyApiError(form, e)),
              },
            );
          }}
        >
          <Form.Item
            name="nickname"
            label={t('account.nickname')}
            rules={[zodRule(ZNickname, tc('validation.invalid'))]}
          >
            <Input
              maxLength={20}
              placeholder={t('account.nicknamePlaceholder')}
              data-testid="profile-nickname"
            />
          </Form.Item>
          <Form.Item name="cityCode" label={t('account.city')}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="profile-city"
              options={(cities.data ?? []).map((c) => ({ value: c.code, label: cityName(c, i18n.language) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
            {tc('actions.save')}
          </Button>
        </Form>
      </QueryState>
    </Card>
  );
}

/** The buyer's account: profile, notification centre, sign out (here or everywhere). */
export function AccountPage() {
  const { t } = useTranslation('storefront');
  const { t: tc } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (me.isLoading) return <PageSpin />;
  if (me.data?.me?.kind !== 'buyer') return <Navigate to="/sign-in?redirect=/account" replace />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="account-page">
      <ProfileCard />
      <Card title={tc('notifications.title')} id="notifications">
        <NotificationCenter />
      </Card>
      <Card title={t('account.security')}>
        <Space wrap>
          <Button
            onClick={() => signOut.mutate(false, { onSettled: () => navigate('/') })}
            data-testid="sign-out"
          >
            {tc('actions.signOut')}
          </Button>
          <Popconfirm
            title={t('account.signOutEverywhereHint')}
            onConfirm={() => signOut.mutate(true, { onSettled: () => navigate('/') })}
          >
            <Button danger data-testid="sign-out-everywhere">
              {tc('actions.signOutEverywhere')}
            </Button>
          </Popconfirm>
        </Space>
      </Card>
    </Space>
  );
}
