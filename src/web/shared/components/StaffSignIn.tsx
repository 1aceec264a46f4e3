import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyApiError, zodRule } from '../forms.js';
import {
  identityKeys,
  resetSessionData,
  type StaffSignInResult,
  useStaffSignIn,
  useTotpEnrolConfirm,
  useTotpVerify,
} from '../hooks/identity.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { QrCode } from './QrCode.js';

const ZEmail = z.email().max(254);
const ZCode = z.string().regex(/^\d{6}$/);

type Step =
  | { kind: 'password' }
  | { kind: 'totp'; challengeId: string; recovery: boolean }
  | { kind: 'enrol'; challengeId: string; secret: string; otpauthUri: string }
  | { kind: 'recovery-codes'; codes: string[] };

/**
 * Staff sign-in for the console and the dealer portal: email + password, then the TOTP step (code or
 * recovery code) or the first-time enrolment (QR code, then the recovery codes shown once).
 */
export function StaffSignIn({ area, onSignedIn }: { area: 'console' | 'dealer'; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [passwordForm] = Form.useForm<{ email: string; password: string }>();
  const [codeForm] = Form.useForm<{ code?: string; recoveryCode?: string }>();
  const signIn = useStaffSignIn();
  const verify = useTotpVerify();
  const enrol = useTotpEnrolConfirm();

  function finish() {
    resetSessionData(qc);
    void qc.invalidateQueries({ queryKey: identityKeys.me() }).then(onSignedIn);
  }

  function handle(result: StaffSignInResult) {
    setError(null);
    codeForm.resetFields();
    if (result.status === 'signed_in') {
      if ('recoveryCodes' in result && result.recoveryCodes.length > 0) {
        setStep({ kind: 'recovery-codes', codes: result.recoveryCodes });
        return;
      }
      finish();
    } else if (result.status === 'totp_required') {
      setStep({ kind: 'totp', challengeId: result.challengeId, recovery: false });
    } else {
      setStep({
        kind: 'enrol',
        challengeId: result.challengeId,
        secret: result.secret,
        otpauthUri: result.otpauthUri,
      });
    }
  }

  const title = area === 'dealer' ? t('signIn.dealerTitle') : t('signIn.staffTitle');

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <Card
        style={{ width: '100%', maxWidth: 420 }}
        title={
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span data-testid="staff-sign-in-title">
              {t('brandShort')} · {title}
            </span>
            <LanguageSwitch />
          </Space>
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="sign-in-error"
          />
        )}
        {step.kind === 'password' && (
          <Form
            form={passwordForm}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              signIn.mutate(
                { email: v.email.trim(), password: v.password },
                { onSuccess: handle, onError: (e) => setError(applyApiError(passwordForm, e)) },
              )
            }
          >
            <Form.Item
              name="email"
              label={t('signIn.email')}
              rules={[
                { required: true, message: t('signIn.emailInvalid') },
                zodRule(ZEmail, t('signIn.emailInvalid')),
              ]}
            >
              <Input autoComplete="username" inputMode="email" data-testid="staff-email" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signIn.password')}
              rules={[{ required: true, message: t('signIn.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" data-testid="staff-password" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={signIn.isPending}
              data-testid="staff-sign-in-submit"
            >
              {t('signIn.submit')}
            </Button>
          </Form>
        )}
        {step.kind === 'totp' && (
          <Form
            form={codeForm}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              verify.mutate(
                step.recovery
                  ? { challengeId: step.challengeId, recoveryCode: v.recoveryCode?.trim() }
                  : { challengeId: step.challengeId, code: v.code?.trim() },
                { onSuccess: handle, onError: (e) => setError(applyApiError(codeForm, e)) },
              )
            }
          >
            <Typography.Title level={5}>{t('signIn.totpTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('signIn.totpHint')}</Typography.Paragraph>
            {step.recovery ? (
              <Form.Item
                name="recoveryCode"
                label={t('signIn.recoveryCode')}
                rules={[{ required: true, message: t('signIn.recoveryRequired') }]}
              >
                <Input autoComplete="one-time-code" data-testid="totp-recovery-code" />
              </Form.Item>
            ) : (
              <Form.Item
                name="code"
                label={t('signIn.totpCode')}
                rules={[zodRule(ZCode, t('signIn.codeInvalid'))]}
              >
                <Input
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  data-testid="totp-code"
                />
              </Form.Item>
            )}
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={verify.isPending}
                data-testid="totp-submit"
              >
                {t('signIn.verify')}
              </Button>
              <Button
                type="link"
                block
                onClick={() => {
                  setError(null);
                  setStep({ ...step, recovery: !step.recovery });
                }}
              >
                {step.recovery ? t('signIn.useTotp') : t('signIn.useRecovery')}
              </Button>
            </Space>
          </Form>
        )}
        {step.kind === 'enrol' && (
          <Form
            form={codeForm}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              enrol.mutate(
                { challengeId: step.challengeId, code: v.code?.trim() ?? '' },
                { onSuccess: handle, onError: (e) => setError(applyApiError(codeForm, e)) },
              )
            }
          >
            <Typography.Title level={5}>{t('signIn.enrolTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('signIn.enrolHint')}</Typography.Paragraph>
            <div style={{ textAlign: 'center', marginBottom: 12 }}>
              <QrCode value={step.otpauthUri} />
            </div>
            <Typography.Paragraph>
              {t('signIn.secret')}:{' '}
              <Typography.Text code copyable data-testid="totp-secret">
                {step.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {step.otpauthUri}
            </Typography.Paragraph>
            <Form.Item
              name="code"
              label={t('signIn.totpCode')}
              rules={[zodRule(ZCode, t('signIn.codeInvalid'))]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="totp-code" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={enrol.isPending}
              data-testid="totp-enrol-submit"
            >
              {t('signIn.confirmEnrol')}
            </Button>
          </Form>
        )}
        {step.kind === 'recovery-codes' && <RecoveryCodes codes={step.codes} onDone={finish} />}
      </Card>
    </div>
  );
}

/** The recovery codes, shown once after TOTP enrolment. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone?: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="recovery-codes">
      <Typography.Title level={5}>{t('signIn.recoveryTitle')}</Typography.Title>
      <Alert type="warning" showIcon title={t('signIn.recoveryHint')} style={{ marginBottom: 12 }} />
      <List
        size="small"
        bordered
        dataSource={codes}
        renderItem={(c) => (
          <List.Item>
            <Typography.Text code copyable>
              {c}
            </Typography.Text>
          </List.Item>
        )}
      />
      {onDone && (
        <Button type="primary" block style={{ marginTop: 16 }} onClick={onDone} data-testid="recovery-done">
          {t('signIn.recoveryDone')}
        </Button>
      )}
    </div>
  );
}
