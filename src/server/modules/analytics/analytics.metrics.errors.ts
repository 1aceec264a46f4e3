import { defineErrors } from '../../kernel/http/errors.js';

// The measuring core's error codes (dashboard, drill-down, marketing spend).

export const AnalyticsMetricsErrors = defineErrors({
  ANALYTICS_RANGE_TOO_LONG: {
    status: 400,
    zh: '查询的日期范围过长(最长 366 天)',
    en: 'The date range is too long (at most 366 days)',
    when: 'a dashboard or drill-down range spans more than 366 days',
  },
  ANALYTICS_DEALER_FORBIDDEN: {
    status: 403,
    zh: '只能查看本经销商的数据',
    en: 'You can only see your own dealer’s figures',
    when: 'dealer staff asked for another dealer’s dashboard, drill-down or spend',
  },
  ANALYTICS_METRIC_NOT_DRILLABLE: {
    status: 400,
    zh: '该指标没有明细列表',
    en: 'This metric has no list behind it',
    when: 'a drill-down names a metric without a list of facts behind it',
  },
  ANALYTICS_SPEND_NOT_FOUND: {
    status: 404,
    zh: '未找到该营销投入记录',
    en: 'Marketing spend entry not found',
    when: 'no marketing spend entry has that id',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    analyticsMetrics: typeof AnalyticsMetricsErrors;
  }
}
