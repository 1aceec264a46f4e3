import { defineErrors } from '../../kernel/http/errors.js';

export const AnalyticsErrors = defineErrors({
  REVIEW_NOT_FOUND: {
    status: 404,
    zh: '未找到该复盘报告',
    en: 'Review report not found',
    when: 'no review report has that id (or it is outside the caller’s scope)',
  },
  REVIEW_PERIOD_INVALID: {
    status: 400,
    zh: '周期起始日与报告类型不符（周报从周一开始，月报从1日开始，季报从1、4、7、10月1日开始，年报从1月1日开始）',
    en: 'No period of that kind starts on that day (weeks start on Monday, months on the 1st, quarters in Jan/Apr/Jul/Oct, years on 1 Jan)',
    when: 'a generate request names a periodStart that does not start a period of its kind',
  },
  REVIEW_PERIOD_OPEN: {
    status: 400,
    zh: '该周期尚未结束，结束后才能生成复盘报告',
    en: 'That period has not ended yet; its review can be generated once it has',
    when: 'a generate request names a period whose last day is today or later (Asia/Shanghai)',
  },
  REVIEW_NOT_READY: {
    status: 409,
    zh: '复盘报告尚未生成完成，暂不能导出',
    en: 'The review report is not ready yet and cannot be exported',
    when: 'a CSV or PDF export of a report that is generating or failed',
  },
  REVIEWS_PLATFORM_ONLY: {
    status: 403,
    zh: '复盘报告为平台级经营数据，经销商账号不可查看',
    en: 'Review reports cover the whole platform; dealer staff cannot see them',
    when: 'dealer staff call a review report route (their own numbers are on the dealer dashboard)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    analytics: typeof AnalyticsErrors;
  }
}
