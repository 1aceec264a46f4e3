import { defineErrors } from '../../kernel/http/errors.js';

export const CrmErrors = defineErrors({
  SMS_CODE_INVALID: {
    status: 400,
    zh: '验证码错误或已失效，请检查后重试',
    en: 'The verification code is wrong or no longer valid',
    when: 'sign-in with a wrong code, or when no usable code was sent to that phone',
  },
  SMS_CODE_EXPIRED: {
    status: 400,
    zh: '验证码已过期，请重新获取',
    en: 'The verification code has expired; please request a new one',
    when: 'sign-in with the right phone after the code’s 5-minute validity',
  },
  SMS_CODE_ATTEMPTS_EXCEEDED: {
    status: 400,
    zh: '验证码输入错误次数过多，请重新获取',
    en: 'Too many wrong attempts; please request a new code',
    when: 'the latest code already took 5 wrong attempts (even the right code is refused then)',
  },
  SMS_RATE_LIMITED: {
    status: 429,
    zh: '验证码发送过于频繁，请 {retryAfterSeconds} 秒后再试',
    en: 'Codes were requested too often; try again in {retryAfterSeconds} seconds',
    when: 'a second code within 60 seconds, or more than 10 codes in one day, for one phone',
  },
  SMS_SEND_FAILED: {
    status: 503,
    zh: '短信发送失败，请稍后再试',
    en: 'The text message could not be sent; please try again later',
    when: 'the SMS provider refused or did not answer; the code is then unusable',
  },
  CUSTOMER_DISABLED: {
    status: 403,
    zh: '该账号已停用，如有疑问请联系客服',
    en: 'This account is disabled; please contact customer service',
    when: 'a disabled customer signs in with a correct code',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    crm: typeof CrmErrors;
  }
}
