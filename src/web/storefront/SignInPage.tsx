import { Alert, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ZSendSmsCodeRequest, ZSmsSignInRequest } from '../../server/modules/crm/crm.contract.js';
import { LEGAL_VERSIONS } from '../../server/modules/identity/identity.contract.js';
import { ApiError } from '../shared/api.js';
import { applyApiError, zodRule } from '../shared/forms.js';
import { useBuyerSignIn, useSendSmsCode } from '../shared/hooks/crm.js';
import { mergeAfterSignIn } from './catalog/saved.js';

const ZPhone = ZSendSmsCodeRequest.shape.phone;
const ZSmsCode = ZSmsSignInRequest.shape.code;

interface Values {
  phone: string;
  code: string;
  /** The consent box: unticked until the buyer ticks it (PIPL: consent is never pre-given). */
  agree: boolean;
}

/** What the ticked box means: the versions of the two texts in force, recorded with the account. */
export const SIGN_IN_CONSENT = {
  termsVersion: LEGAL_VERSIONS.terms,
  privacyVersion: LEGAL_VERSIONS.privacy,
} as const;

function useCountdown(): [number, (s: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return [left, setLeft];
}

/** Buyer sign-in: phone number + SMS code (60 s resend countdown); API errors shown inline. */
export function SignInPage() {
  const { t } = useTranslation('storefront');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const send = useSendSmsCode();
  const signIn = useBuyerSignIn();
  const [left, setLeft] = useCountdown();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function requestCode() {
    setError(null);
    try {
      await form.validateFields(['phone', 'agree']);
    } catch {
      return;
    }
    const phone = String(form.getFieldValue('phone')).trim();
    send.mutate(
      { phone },
      {
        onSuccess: (res) => {
          setSent(true);
          setLeft(res.cooldownSeconds || 60);
        },
        onError: (e) => {
          const retry = e instanceof ApiError ? e.details?.retryAfterSeconds : undefined;
          if (typeof retry === 'number') setLeft(retry);
          setError(applyApiError(form, e));
        },
      },
    );
  }

  function submit(values: Values) {
    setError(null);
    signIn.mutate(
      { phone: values.phone.trim(), code: values.code.trim(), consent: SIGN_IN_CONSENT },
      {
        onSuccess: async () => {
          // The anonymous favourites and history join the account once, right after sign-in.
          await mergeAfterSignIn();
          const to = params.get('redirect');
          navigate(to?.startsWith('/') && !to.startsWith('//') ? to : '/account', { replace: true });
        },
        onError: (e) => setError(applyApiError(form, e)),
      },
    );
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '24px 0' }}>
      <Card style={{ width: '100%', maxWidth: 400 }} data-testid="buyer-sign-in">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="sign-in-error"
          />
        )}
        {sent && !error && (
          <Alert type="success" showIcon title={t('signIn.sent')} style={{ marginBottom: 16 }} />
        )}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="phone"
            label={t('signIn.phone')}
            rules={[zodRule(ZPhone, t('signIn.phoneInvalid'))]}
          >
            <Input
              size="large"
              inputMode="tel"
              autoComplete="tel"
              maxLength={20}
              placeholder={t('signIn.phonePlaceholder')}
              data-testid="phone-input"
            />
          </Form.Item>
          <Form.Item label={t('signIn.code')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="code" noStyle rules={[zodRule(ZSmsCode, t('signIn.codeInvalid'))]}>
                <Input
                  size="large"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  placeholder={t('signIn.codePlaceholder')}
                  data-testid="code-input"
                />
              </Form.Item>
              <Button
                size="large"
                onClick={() => void requestCode()}
                disabled={left > 0}
                loading={send.isPending}
                data-testid="send-code"
                style={{ minWidth: 128 }}
              >
                {left > 0 ? t('signIn.resend', { s: left }) : t('signIn.getCode')}
              </Button>
            </Space.Compact>
          </Form.Item>
          <Form.Item
            name="agree"
            valuePropName="checked"
            initialValue={false}
            rules={[
              {
                validator: (_r, v) =>
                  v === true ? Promise.resolve() : Promise.reject(new Error(t('signIn.consentRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="consent-checkbox">
              <span style={{ fontSize: 13 }}>
                {t('signIn.consentPrefix')}{' '}
                <Link to="/terms" target="_blank" data-testid="consent-terms">
                  {t('signIn.terms')}
                </Link>{' '}
                {t('signIn.consentAnd')}{' '}
                <Link to="/privacy" target="_blank" data-testid="consent-privacy">
                  {t('signIn.privacy')}
                </Link>
              </span>
            </Checkbox>
          </Form.Item>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            block
            loading={signIn.isPending}
            data-testid="sign-in-submit"
          >
            {t('signIn.submit')}
          </Button>
        </Form>
        {import.meta.env.DEV || location.hostname === '127.0.0.1' || location.hostname === 'localhost' ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('signIn.devHint')} <Link to="/dev/sms">{t('signIn.devInbox')}</Link>
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
