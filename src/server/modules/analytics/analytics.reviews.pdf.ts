import { formatShanghai } from '../../kernel/clock.js';
import { startCjkPdf } from '../../kernel/pdf.js';
import {
  formatReviewChange,
  formatReviewFigure,
  REVIEW_FUNNEL_LABELS,
  REVIEW_METRIC_LABELS,
  reviewChangePercent,
} from './analytics.reviews.contract.js';
import { type ExportLang, type ReviewForExport, reviewTitle } from './analytics.reviews.export.js';

// A review report as PDF: title, summary, the KPI cards with the previous period and the change, the funnel,
// top vehicles and cities. Chinese is set in Noto Sans SC embedded from @embedpdf/fonts-sc (as the contracts
// do): no system font is assumed, and the text stays extractable.

type Align = 'left' | 'right';
interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: Align;
}

export function renderReviewPdf(review: ReviewForExport, lang: ExportLang): Promise<Buffer> {
  const zh = lang === 'zh-CN';
  const title = reviewTitle(review, lang);
  const { doc, done } = startCjkPdf({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: title,
      Creator: 'Autoyard',
      Producer: 'Autoyard analytics',
      CreationDate: review.generatedAt,
      ModDate: review.generatedAt,
    },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const heading = (text: string) => {
    if (doc.y > bottom() - 80) doc.addPage();
    doc.moveDown(0.6).font('bold').fontSize(13).fillColor('#000000').text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };

  /** A simple table: one line per row, columns at fixed x; a new page repeats the header. */
  const table = (columns: readonly Column[], rows: readonly string[][]) => {
    const header = () => {
      let x = left;
      const y = doc.y;
      doc.font('bold').fontSize(9).fillColor('#333333');
      for (const c of columns) {
        doc.text(c.title, x, y, { width: c.width - 6, align: c.align, lineBreak: false });
        x += c.width;
      }
      doc
        .moveTo(left, y + 13)
        .lineTo(left + width, y + 13)
        .strokeColor('#bbbbbb')
        .stroke();
      doc.y = y + 17;
    };
    header();
    doc.font('body').fontSize(9).fillColor('#000000');
    for (const row of rows) {
      if (doc.y > bottom() - 16) {
        doc.addPage();
        header();
        doc.font('body').fontSize(9).fillColor('#000000');
      }
      let x = left;
      const y = doc.y;
      columns.forEach((c, i) => {
        doc.text(row[i] ?? '', x, y, {
          width: c.width - 6,
          align: c.align,
          lineBreak: false,
          ellipsis: true,
        });
        x += c.width;
      });
      doc.y = y + 14;
    }
    doc.x = left;
  };

  doc.font('bold').fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.3);
  const f = review.figures;
  doc
    .font('body')
    .fontSize(9)
    .fillColor('#555555')
    .text(
      zh
        ? `周期 ${review.periodStart} 至 ${review.periodEnd} · 对比周期 ${f.previousRange.from} 至 ${f.previousRange.to} · 生成于 ${formatShanghai(review.generatedAt)}`
        : `Period ${review.periodStart} to ${review.periodEnd} · previous ${f.previousRange.from} to ${f.previousRange.to} · generated ${formatShanghai(review.generatedAt)}`,
      { align: 'center' },
    );

  heading(zh ? '摘要' : 'Summary');
  doc
    .font('body')
    .fontSize(10.5)
    .fillColor('#000000')
    .text(review.summary, left, doc.y, { width, lineGap: 3 });

  heading(zh ? '核心指标' : 'Key figures');
  table(
    [
      { title: zh ? '指标' : 'Metric', width: width * 0.37, align: 'left' },
      { title: zh ? '本期' : 'This period', width: width * 0.23, align: 'right' },
      { title: zh ? '上期' : 'Previous', width: width * 0.23, align: 'right' },
      { title: zh ? '环比' : 'Change', width: width * 0.17, align: 'right' },
    ],
    f.cards.map((c) => {
      const l = REVIEW_METRIC_LABELS[c.metric];
      return [
        zh ? l.zh : l.en,
        formatReviewFigure(c.unit, c.value, lang),
        formatReviewFigure(c.unit, c.previous, lang),
        formatReviewChange(reviewChangePercent(c.value, c.previous)),
      ];
    }),
  );

  if (f.funnel.length > 0) {
    heading(zh ? '转化漏斗' : 'Funnel');
    const first = f.funnel[0]?.count ?? 0;
    table(
      [
        { title: zh ? '阶段' : 'Stage', width: width * 0.5, align: 'left' },
        { title: zh ? '人数' : 'Count', width: width * 0.25, align: 'right' },
        { title: zh ? '占访问' : 'Of visits', width: width * 0.25, align: 'right' },
      ],
      f.funnel.map((s) => {
        const l = REVIEW_FUNNEL_LABELS[s.stage];
        return [
          l ? (zh ? l.zh : l.en) : s.stage,
          s.count.toLocaleString('en-US'),
          first > 0 ? `${((s.count / first) * 100).toFixed(1)}%` : '—',
        ];
      }),
    );
  }

  if (f.topVehicles.length > 0) {
    heading(zh ? '热门车型' : 'Top vehicles');
    table(
      [
        { title: zh ? '车型' : 'Vehicle', width: width * 0.4, align: 'left' },
        { title: zh ? '浏览' : 'Views', width: width * 0.2, align: 'right' },
        { title: zh ? '订单' : 'Orders', width: width * 0.15, align: 'right' },
        { title: zh ? '成交额' : 'GMV', width: width * 0.25, align: 'right' },
      ],
      f.topVehicles.map((v) => [
        v.name,
        v.views.toLocaleString('en-US'),
        v.orders.toLocaleString('en-US'),
        formatReviewFigure('fen', v.gmvFen, lang),
      ]),
    );
  }

  if (f.cities.length > 0) {
    heading(zh ? '城市排行' : 'Cities');
    table(
      [
        { title: zh ? '城市' : 'City', width: width * 0.4, align: 'left' },
        { title: zh ? '访客' : 'Visitors', width: width * 0.2, align: 'right' },
        { title: zh ? '订单' : 'Orders', width: width * 0.15, align: 'right' },
        { title: zh ? '成交额' : 'GMV', width: width * 0.25, align: 'right' },
      ],
      f.cities.map((c) => [
        review.cityNames.get(c.cityCode) ?? c.cityCode,
        c.visitors.toLocaleString('en-US'),
        c.orders.toLocaleString('en-US'),
        formatReviewFigure('fen', c.gmvFen, lang),
      ]),
    );
  }

  doc.end();
  return done;
}
