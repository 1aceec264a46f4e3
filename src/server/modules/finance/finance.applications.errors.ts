import { defineErrors } from '../../kernel/http/errors.js';

export const LoanApplicationErrors = defineErrors({
  LOAN_APPLICATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该贷款申请',
    en: 'Loan application not found',
    when: 'no application has that id, it belongs to another buyer, or a lender calls back about one we do not know',
  },
  LOAN_CONSENT_OUTDATED: {
    status: 422,
    zh: '授权书已更新，请阅读最新版本后重新确认',
    en: 'The authorisation text has changed; read the current version and accept it again',
    when: 'an application or contract signature accepts a consent version that is not the current one',
  },
  LOAN_LISTING_NOT_FOUND: {
    status: 422,
    zh: '该车源不存在或已下架，无法申请贷款',
    en: 'This vehicle does not exist or is no longer listed; no loan can be applied for',
    when: 'an application names a listing that is unknown or not listed',
  },
  LENDER_NOT_AVAILABLE: {
    status: 422,
    zh: '{lender} 暂未开通线上贷款申请',
    en: '{lender} does not take online loan applications yet',
    when: 'the chosen lender has no adapter in this environment (production without a real integration)',
  },
  LENDER_SIGNATURE_INVALID: {
    status: 401,
    zh: '回调签名校验失败',
    en: 'The callback signature is invalid',
    when: 'a lender callback lacks the signature headers or its HMAC does not match',
  },
  LENDER_CALLBACK_EXPIRED: {
    status: 401,
    zh: '回调时间戳已过期',
    en: 'The callback timestamp is too old',
    when: 'a lender callback is signed with a timestamp more than 5 minutes away from now',
  },
  LENDER_CALLBACK_MALFORMED: {
    status: 400,
    zh: '回调内容格式有误',
    en: 'The callback body is malformed',
    when: 'a correctly signed lender callback does not have the fields the protocol requires',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    financeApplications: typeof LoanApplicationErrors;
  }
}
