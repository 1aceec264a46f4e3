import { defineErrors } from '../../kernel/http/errors.js';

export const RiskErrors = defineErrors({
  RISK_CASE_NOT_FOUND: {
    status: 404,
    zh: '未找到该风控案件',
    en: 'Risk case not found',
    when: 'no risk case has that id',
  },
  RISK_RULE_NOT_FOUND: {
    status: 404,
    zh: '未找到该风控规则',
    en: 'Risk rule not found',
    when: 'a velocity rule name the platform does not know',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    risk: typeof RiskErrors;
  }
}
