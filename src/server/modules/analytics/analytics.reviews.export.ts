import { formatShanghai } from '../../kernel/clock.js';
import { toCsvText } from '../../kernel/csv.js';
import type { TDashboard } from './analytics.dashboard.contract.js';
import type { ReviewKind } from './analytics.enums.js';
import {
  REVIEW_FUNNEL_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_METRIC_LABELS,
  reviewChangePercent,
} from './analytics.reviews.contract.js';
import { periodLabel } from './analytics.reviews.periods.js';

// What a ready review report exports: the same sections in the CSV and the PDF, in the request's language.

export type ExportLang = 'zh-CN' | 'en';

/** A ready report as the exports read it. */
export interface ReviewForExport {
  readonly kind: ReviewKind;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly generatedAt: Date;
  readonly figures: TDashboard;
  readonly summary: string;
  /** City names by code (the figures carry codes only). */
  readonly cityNames: ReadonlyMap<string, string>;
}

export function reviewTitle(
  review: Pick<ReviewForExport, 'kind' | 'periodStart' | 'periodEnd'>,
  lang: ExportLang,
): string {
  const kind = REVIEW_KIND_LABELS[review.kind];
  const period = periodLabel(review.kind, { start: review.periodStart, end: review.periodEnd }, lang);
  return lang === 'zh-CN' ? `复盘${kind.zh}：${period}` : `${kind.en} review: ${period}`;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The report as CSV rows (raw numbers: money in yuan with 2 decimals, shares in basis points as stored). */
export function reviewCsvRows(review: ReviewForExport, lang: ExportLang): string[][] {
  const zh = lang === 'zh-CN';
  const f = review.figures;
  const rows: string[][] = [
    [reviewTitle(review, lang)],
    [zh ? '周期' : 'Period', review.periodStart, review.periodEnd],
    [zh ? '对比周期' : 'Previous period', f.previousRange.from, f.previousRange.to],
    [zh ? '生成时间' : 'Generated', formatShanghai(review.generatedAt)],
    [zh ? '摘要' : 'Summary', review.summary],
    [],
    zh
      ? ['指标代码', '指标', '单位', '本期', '上期', '环比(%)']
      : ['Metric', 'Name', 'Unit', 'This period', 'Previous period', 'Change (%)'],
  ];
  for (const c of f.cards) {
    const change = reviewChangePercent(c.value, c.previous);
    const label = REVIEW_METRIC_LABELS[c.metric];
    rows.push([
      c.metric,
      zh ? label.zh : label.en,
      c.unit,
      c.value === null ? '' : String(c.value),
      c.previous === null ? '' : String(c.previous),
      change === null ? '' : change.toFixed(1),
    ]);
  }
  rows.push([], zh ? ['漏斗阶段', '人数'] : ['Funnel stage', 'Count']);
  for (const s of f.funnel) {
    const label = REVIEW_FUNNEL_LABELS[s.stage];
    rows.push([label ? (zh ? label.zh : label.en) : s.stage, String(s.count)]);
  }
  rows.push(
    [],
    zh ? ['热门车型', '浏览', '订单', '成交额(元)'] : ['Top vehicles', 'Views', 'Orders', 'GMV (CNY)'],
  );
  for (const v of f.topVehicles) rows.push([v.name, String(v.views), String(v.orders), yuan(v.gmvFen)]);
  rows.push(
    [],
    zh
      ? ['城市', '城市代码', '访客', '订单', '成交额(元)']
      : ['City', 'City code', 'Visitors', 'Orders', 'GMV (CNY)'],
  );
  for (const c of f.cities) {
    rows.push([
      review.cityNames.get(c.cityCode) ?? c.cityCode,
      c.cityCode,
      String(c.visitors),
      String(c.orders),
      yuan(c.gmvFen),
    ]);
  }
  rows.push(
    [],
    zh
      ? ['渠道', '访客', '订单', '成交额(元)', '投入(元)']
      : ['Channel', 'Visitors', 'Orders', 'GMV (CNY)', 'Spend (CNY)'],
  );
  for (const c of f.channels) {
    rows.push([c.channel, String(c.visitors), String(c.orders), yuan(c.gmvFen), yuan(c.spendFen)]);
  }
  return rows;
}

/** The CSV text with a BOM, so Excel opens the UTF-8 Chinese correctly. */
export function reviewCsv(review: ReviewForExport, lang: ExportLang): string {
  return `\ufeff${toCsvText(reviewCsvRows(review, lang))}`;
}
