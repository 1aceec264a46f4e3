import type { DashboardMetric, TDashboard, TMetricCard } from './analytics.dashboard.contract.js';
import type { ReviewKind } from './analytics.enums.js';
import {
  formatReviewChange,
  formatReviewFigure,
  REVIEW_METRIC_LABELS,
  reviewChangePercent,
} from './analytics.reviews.contract.js';
import { periodLabel, type ReviewPeriod } from './analytics.reviews.periods.js';

// The short written summary of a review report, generated from its figures: the headline trade and traffic
// numbers with their change against the previous period, then the biggest movers up and down. Written in
// zh-CN and en at generation time and stored with the report (the email and the PDF print it as is).

/** The figures a reader looks at first, in this order. */
const HEADLINE: readonly DashboardMetric[] = ['orders', 'gmv', 'uv', 'order_rate'];

/** How many movers each way are named. */
const MOVERS = 3;

type Lang = 'zh-CN' | 'en';

function label(metric: DashboardMetric, lang: Lang): string {
  const l = REVIEW_METRIC_LABELS[metric];
  return lang === 'zh-CN' ? l.zh : l.en;
}

function headline(card: TMetricCard, lang: Lang): string {
  const value = formatReviewFigure(card.unit, card.value, lang);
  const change = reviewChangePercent(card.value, card.previous);
  const unit = lang === 'zh-CN' && card.metric === 'orders' ? ' 单' : '';
  const name = label(card.metric, lang);
  if (change === null) return `${name} ${value}${unit}`;
  return lang === 'zh-CN'
    ? `${name} ${value}${unit}，环比 ${formatReviewChange(change)}`
    : `${name} ${value} (${formatReviewChange(change)} vs previous period)`;
}

/** The cards whose change can be said, biggest rise first. */
function movers(cards: readonly TMetricCard[]): { metric: DashboardMetric; change: number }[] {
  const out: { metric: DashboardMetric; change: number }[] = [];
  for (const c of cards) {
    const change = reviewChangePercent(c.value, c.previous);
    if (change !== null && change !== 0) out.push({ metric: c.metric, change });
  }
  return out.sort((a, b) => b.change - a.change || a.metric.localeCompare(b.metric));
}

/** The summary of a report's figures in one language. */
export function summarizeReview(
  kind: ReviewKind,
  period: ReviewPeriod,
  figures: TDashboard,
  lang: Lang,
): string {
  const zh = lang === 'zh-CN';
  const title = periodLabel(kind, period, lang);
  const withData = figures.cards.filter((c) => c.value !== null);
  if (withData.length === 0) {
    return zh ? `${title}：本期暂无数据。` : `${title}: no data for this period.`;
  }
  const parts: string[] = [];
  for (const metric of HEADLINE) {
    const card = figures.cards.find((c) => c.metric === metric);
    if (card && card.value !== null) parts.push(headline(card, lang));
  }
  const sentences = [zh ? `${title}：${parts.join('；')}。` : `${title}: ${parts.join('; ')}.`];
  const moved = movers(figures.cards);
  const up = moved.filter((m) => m.change > 0).slice(0, MOVERS);
  const down = moved
    .filter((m) => m.change < 0)
    .reverse()
    .slice(0, MOVERS);
  const list = (ms: typeof moved) =>
    ms.map((m) => `${label(m.metric, lang)} ${formatReviewChange(m.change)}`).join(zh ? '、' : ', ');
  if (up.length > 0) sentences.push(zh ? `增幅最大：${list(up)}。` : `Biggest rises: ${list(up)}.`);
  if (down.length > 0) sentences.push(zh ? `降幅最大：${list(down)}。` : `Biggest falls: ${list(down)}.`);
  const top = figures.topVehicles[0];
  if (top) {
    sentences.push(
      zh
        ? `最受关注车型：${top.name}（浏览 ${top.views.toLocaleString('en-US')}，订单 ${top.orders}）。`
        : `Top vehicle: ${top.name} (${top.views.toLocaleString('en-US')} views, ${top.orders} orders).`,
    );
  }
  return sentences.join(zh ? '' : ' ');
}
