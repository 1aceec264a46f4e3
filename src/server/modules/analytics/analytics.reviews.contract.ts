import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../kernel/http/page.contract.js';
import { type DashboardMetric, ZDashboard } from './analytics.dashboard.contract.js';
import { REVIEW_KINDS, REVIEW_STATUSES } from './analytics.enums.js';

// Request and response schemas of /api/v1/analytics/reviews (the scheduled review reports, 复盘): they
// validate, type and document each route, and the console imports them.

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZReviewKind = z.enum(REVIEW_KINDS);
export const ZReviewStatus = z.enum(REVIEW_STATUSES);

/** A report as listed: what period, whose, and whether its figures are there. */
export const ZReview = z.object({
  id: z.string(),
  kind: ZReviewKind,
  periodStart: ZDay,
  periodEnd: ZDay,
  /** The period's name in the request's language (2026年第49周 / 2026 W49). */
  title: z.string(),
  /** null: platform-wide. */
  dealerId: z.string().nullable(),
  status: ZReviewStatus,
  generatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReview = z.infer<typeof ZReview>;

/** A report with its figures (a dashboard snapshot, previous period included) and written summaries. */
export const ZReviewDetail = ZReview.extend({
  figures: ZDashboard.nullable(),
  summaryZh: z.string().nullable(),
  summaryEn: z.string().nullable(),
  /** Why the last generation failed (status failed). */
  failure: z.string().nullable(),
});
export type TReviewDetail = z.infer<typeof ZReviewDetail>;

export const ZReviewPage = ZPage(ZReview);
export const ZReviewListQuery = ZPageQuery.extend({ kind: ZReviewKind.optional() });
export type TReviewListQuery = z.infer<typeof ZReviewListQuery>;
export const ZReviewIdParams = z.object({ id: z.string().min(1).max(64) });
/** A download link carries its language (a plain link sends the browser's Accept-Language, not the app's). */
export const ZReviewExportQuery = z.object({ lang: z.enum(['zh-CN', 'en']).optional() });

/** (Re)generate the report of the period of `kind` starting on `periodStart` (must have ended). */
export const ZGenerateReviewRequest = z.object({ kind: ZReviewKind, periodStart: ZDay });
export type TGenerateReviewRequest = z.infer<typeof ZGenerateReviewRequest>;

export const ZReviewKindParams = z.object({ kind: ZReviewKind });

/** The kinds the signed-in staff member receives by email. */
export const ZMyReviewSubscriptions = z.object({ kinds: z.array(ZReviewKind) });
export type TMyReviewSubscriptions = z.infer<typeof ZMyReviewSubscriptions>;

/** One staff member's subscription, for managers. */
export const ZReviewSubscription = z.object({
  staffAccountId: z.string(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  kind: ZReviewKind,
  lang: z.enum(['zh-CN', 'en']),
  createdAt: z.string(),
});
export const ZReviewSubscriptionList = z.object({ items: z.array(ZReviewSubscription) });

/** The metrics' names as the reports print them (docs/metrics.md holds their definitions). */
export const REVIEW_METRIC_LABELS: Record<DashboardMetric, { zh: string; en: string }> = {
  uv: { zh: '访客数(UV)', en: 'Visitors (UV)' },
  pv: { zh: '浏览量(PV)', en: 'Page views (PV)' },
  visit_depth: { zh: '访问深度', en: 'Visit depth' },
  bounce_rate: { zh: '跳出率', en: 'Bounce rate' },
  avg_session_seconds: { zh: '平均访问时长', en: 'Avg. session length' },
  registration_rate: { zh: '注册转化率', en: 'Registration rate' },
  consultation_rate: { zh: '咨询转化率', en: 'Consultation rate' },
  order_rate: { zh: '下单转化率', en: 'Order rate' },
  payment_rate: { zh: '支付转化率', en: 'Payment rate' },
  orders: { zh: '订单数', en: 'Orders' },
  gmv: { zh: '成交额(GMV)', en: 'GMV' },
  average_order_value: { zh: '客单价', en: 'Average order value' },
  gross_margin: { zh: '毛利', en: 'Gross margin' },
  gross_margin_rate: { zh: '毛利率', en: 'Gross margin rate' },
  refunds: { zh: '退款', en: 'Refunds' },
  deposit_forfeits: { zh: '定金没收', en: 'Deposit forfeits' },
  new_users: { zh: '新增用户', en: 'New users' },
  dau: { zh: '日活(DAU)', en: 'DAU' },
  wau: { zh: '周活(WAU)', en: 'WAU' },
  mau: { zh: '月活(MAU)', en: 'MAU' },
  repurchase_rate: { zh: '复购率', en: 'Repurchase rate' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  marketing_spend: { zh: '营销投入', en: 'Marketing spend' },
  cac: { zh: '获客成本(CAC)', en: 'CAC' },
  roi: { zh: '投资回报率(ROI)', en: 'ROI' },
  inventory_turnover: { zh: '库存周转', en: 'Inventory turnover' },
  aged_stock: { zh: '库龄超期车辆', en: 'Aged stock' },
  shipping_48h_rate: { zh: '48小时发货率', en: '48 h shipping rate' },
  lead_first_response_seconds: { zh: '线索首次响应时长', en: 'Lead first response' },
  sla_compliance: { zh: 'SLA达标率', en: 'SLA compliance' },
  bot_deflection: { zh: '机器人解决率', en: 'Bot deflection' },
  testdrive_show_rate: { zh: '试驾到店率', en: 'Test-drive show rate' },
};

export const REVIEW_KIND_LABELS: Record<(typeof REVIEW_KINDS)[number], { zh: string; en: string }> = {
  daily: { zh: '日报', en: 'Daily' },
  weekly: { zh: '周报', en: 'Weekly' },
  monthly: { zh: '月报', en: 'Monthly' },
  quarterly: { zh: '季报', en: 'Quarterly' },
  yearly: { zh: '年报', en: 'Yearly' },
};

export const REVIEW_FUNNEL_LABELS: Record<string, { zh: string; en: string }> = {
  visit: { zh: '访问', en: 'Visit' },
  vehicle_view: { zh: '浏览车型', en: 'Vehicle view' },
  consultation_or_test_drive: { zh: '咨询或试驾', en: 'Consultation or test drive' },
  order: { zh: '下单', en: 'Order' },
  deposit_paid: { zh: '支付定金', en: 'Deposit paid' },
  delivered: { zh: '交付', en: 'Delivered' },
};

/**
 * A figure as people read it: counts with separators, money in yuan (万 above ten thousand in Chinese),
 * basis points as percent, seconds as minutes and seconds, ratios x100 as decimals. "—" for no data.
 */
export function formatReviewFigure(
  unit: 'count' | 'fen' | 'bp' | 'seconds' | 'ratio100',
  value: number | null,
  lang: 'zh-CN' | 'en',
): string {
  if (value === null) return '—';
  switch (unit) {
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'fen': {
      const yuan = value / 100;
      if (lang === 'zh-CN' && Math.abs(yuan) >= 10_000) {
        return `¥${(yuan / 10_000).toLocaleString('en-US', { maximumFractionDigits: 2 })}万`;
      }
      return `¥${yuan.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
    }
    case 'bp':
      return `${(value / 100).toFixed(2)}%`;
    case 'seconds': {
      const s = Math.round(value);
      if (s < 60) return lang === 'zh-CN' ? `${s}秒` : `${s}s`;
      const m = Math.floor(s / 60);
      return lang === 'zh-CN' ? `${m}分${s % 60}秒` : `${m}m ${s % 60}s`;
    }
    case 'ratio100':
      return (value / 100).toFixed(2);
  }
}

/** The change against the previous period in percent (one decimal), or null when it cannot be said. */
export function reviewChangePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10;
}

/** A change as "+12.0%" / "-3.5%" / "—". */
export function formatReviewChange(change: number | null): string {
  if (change === null) return '—';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}
