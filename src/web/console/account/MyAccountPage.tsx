import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QrCode } from '../../shared/components/QrCode.js';
import { RecoveryCodes } from '../../shared/components/StaffSignIn.js';
import { applyApiError } from '../../shared/forms.js';
import {
  type StaffMe,
  useChangePassword,
  useConfirmTotpSelf,
  useSignOut,
  useStartTotpEnrol,
} from '../../shared/hooks/identity.js';
import { roleLabel } from '../dashboard/DashboardPage.js';

function ChangePassword() {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 360 }}
      onFinish={(v) => {
        setError(null);
        change.mutate(
          { currentPassword: v.currentPassword, newPassword: v.newPassword },
          {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('account.passwordChanged'));
            },
            onError: (e) => setError(applyApiError(form, e)),
          },
        );
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.newPassword')}
        extra={t('staff.passwordHint')}
        rules={[{ required: true, min: 12, message: t('staff.passwordInvalid') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: async (_, value) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('account.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('account.changePassword')}
      </Button>
    </Form>
  );
}

function EnableTotp() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const start = useStartTotpEnrol();
  const confirm = useConfirmTotpSelf();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} />;
  if (!start.data) {
    return (
      <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-start">
        {t('account.enableTotp')}
      </Button>
    );
  }
  return (
    <Space orientation="vertical">
      <QrCode value={start.data.otpauthUri} />
      <div>
        {tc('signIn.secret')}: <code>{start.data.secret}</code>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          confirm.mutate({ code: v.code.trim() }, { onError: (e) => setError(applyApiError(form, e)) })
        }
      >
        <Form.Item
          name="code"
          rules={[{ required: true, pattern: /^\d{6}$/, message: tc('signIn.codeInvalid') }]}
        >
          <Input placeholder={tc('signIn.totpCode')} maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          {tc('signIn.confirmEnrol')}
        </Button>
      </Form>
    </Space>
  );
}

/** My account: profile, change password, enable TOTP, sign out everywhere. */
export function MyAccountPage({ me, signInPath = '/console/sign-in' }: { me: StaffMe; signInPath?: string }) {
  const { t, i18n } = useTranslation('console');
  const { t: tc } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-account">
      <Card title={t('account.profile')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('staff.email')}>{me.email}</Descriptions.Item>
          <Descriptions.Item label={t('staff.displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('staff.roles')}>
            {me.roles.map((r) => (
              <Tag key={r}>{roleLabel(r, i18n.language)}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('account.changePassword')}>
        <ChangePassword />
      </Card>
      <Card title={t('account.totp')}>
        {me.totpEnabled ? <Tag color="green">{t('account.totpEnabled')}</Tag> : <EnableTotp />}
      </Card>
      <Card title={t('account.sessions')}>
        <Popconfirm
          title={t('account.signOutEverywhereHint')}
          onConfirm={() => signOut.mutate(true, { onSettled: () => navigate(signInPath) })}
        >
          <Button danger data-testid="sign-out-everywhere">
            {tc('actions.signOutEverywhere')}
          </Button>
        </Popconfirm>
      </Card>
    </Space>
  );
}
