import { shanghaiDay } from '../../kernel/clock.js';
import { formatCny } from '../../kernel/money.js';
import { startCjkPdf } from '../../kernel/pdf.js';
import type { PurchaseContractFacts } from './contracts.contract.js';
import { CONTRACT_PLACEHOLDERS, type ContractPlaceholder } from './contracts.enums.js';
import type { TemplateClauseJson } from './contracts.schema.js';
import { amountInWords } from './contracts.words.js';

// Renders a purchase contract to PDF from a template version and an order's facts. The output depends on
// nothing else (no clock, no randomness: the creation date is the issue time and the PDF's ID derives from
// its info), so the same facts, template and time give the same bytes and the same SHA-256.

/** The parts of a template version the renderer reads. */
export interface RenderTemplate {
  readonly title: string;
  readonly clauses: readonly TemplateClauseJson[];
  readonly depositBindingText: string;
  readonly depositRefundableText: string;
}

export interface RenderInput {
  readonly template: RenderTemplate;
  readonly facts: PurchaseContractFacts;
  readonly number: string;
  readonly issuedAt: Date;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const KNOWN = new Set<string>(CONTRACT_PLACEHOLDERS);

/** The placeholders a text names that do not exist (a template with any is refused). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !KNOWN.has(name));
}

/** Whether a text names a placeholder. */
export function mentionsPlaceholder(text: string, name: ContractPlaceholder): boolean {
  return [...text.matchAll(PLACEHOLDER)].some((m) => m[1] === name);
}

const NONE = '—';

function chineseDate(at: Date): string {
  const [y, m, d] = shanghaiDay(at).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Every placeholder's text for one contract. */
export function placeholderValues(
  input: Omit<RenderInput, 'template'> & {
    template: Pick<RenderTemplate, 'depositBindingText' | 'depositRefundableText'>;
  },
): Record<ContractPlaceholder, string> {
  const { facts, template } = input;
  const loan = facts.loan ?? null;
  const binding = facts.deposit.kind === 'binding';
  const apr = loan?.aprBps === undefined ? '' : `，年化利率（APR）${(loan.aprBps / 100).toFixed(2)}%`;
  return {
    'contract.number': input.number,
    'order.number': facts.orderNumber,
    'issue.date': chineseDate(input.issuedAt),
    'signed.city': facts.signedCity || NONE,
    'buyer.name': facts.buyer.name,
    'buyer.phone': facts.buyer.phoneMasked || NONE,
    'buyer.idNumber': facts.buyer.idNumberMasked || NONE,
    'seller.name': facts.seller.name,
    'seller.address': facts.seller.address || NONE,
    'seller.licenceNo': facts.seller.licenceNo || NONE,
    'vehicle.kind': facts.vehicle.kind === 'new' ? '新车' : '二手车',
    'vehicle.description': facts.vehicle.description,
    'vehicle.vin': facts.vehicle.vin || '交车时确定，以交车确认单记载为准',
    'vehicle.colour': facts.vehicle.exteriorColour || NONE,
    'vehicle.mileage':
      facts.vehicle.mileageKm === null || facts.vehicle.mileageKm === undefined
        ? NONE
        : `${facts.vehicle.mileageKm.toLocaleString('en-US')} 公里`,
    'vehicle.firstRegistration': facts.vehicle.firstRegistration || NONE,
    'price.items': facts.price.items
      .map((item, i) => `  ${i + 1}. ${item.label}：${formatCny(item.amountFen)}`)
      .join('\n'),
    'price.bare': formatCny(facts.price.bareFen),
    'price.total': formatCny(facts.price.totalFen),
    'price.totalInWords': `人民币${amountInWords(facts.price.totalFen)}`,
    'deposit.kind': binding ? '定金' : '订金',
    'deposit.amount': formatCny(facts.deposit.amountFen),
    'deposit.terms': facts.deposit.termsText || NONE,
    'deposit.legalEffect': binding ? template.depositBindingText : template.depositRefundableText,
    'payment.method': facts.paymentMethod === 'loan' ? '贷款（分期付款）' : '全款',
    'payment.loan': loan
      ? `贷款机构：${loan.lender}，贷款本金${formatCny(loan.principalFen)}，期限${loan.termMonths}个月${apr}；` +
        '贷款合同由乙方与贷款机构另行签订。'
      : '',
    'delivery.place': facts.deliveryPlace || '甲方门店或双方另行书面约定的地点',
  };
}

/** A template text with its placeholders filled in. */
export function fillPlaceholders(text: string, values: Record<ContractPlaceholder, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) =>
    KNOWN.has(name) ? values[name as ContractPlaceholder] : '',
  );
}

/** The contract as PDF bytes (A4, Chinese text embedded as a font subset, page numbers in the footer). */
export function renderContractPdf(input: RenderInput): Promise<Buffer> {
  const values = placeholderValues(input);
  const { doc, done } = startCjkPdf({
    size: 'A4',
    margins: { top: 64, bottom: 72, left: 64, right: 64 },
    bufferPages: true,
    info: {
      Title: `${input.template.title}（${input.number}）`,
      Subject: `购车合同 ${input.number}`,
      Creator: 'Autoyard',
      Producer: 'Autoyard contracts',
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('bold').fontSize(20).text(input.template.title, { align: 'center' });
  doc.moveDown(0.2);
  doc.font('body').fontSize(11).text('（购车合同）', { align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(9).fillColor('#444444');
  doc.text(`合同编号：${input.number}    订单编号：${input.facts.orderNumber}`, { align: 'right' });
  doc.fillColor('#000000').moveDown(0.8);

  for (const clause of input.template.clauses) {
    const heading = fillPlaceholders(clause.heading, values);
    // Keep a heading with its first lines: start a new page when fewer than ~4 lines are left.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 72) doc.addPage();
    doc.font('bold').fontSize(12).text(heading, { width });
    doc.moveDown(0.3);
    doc
      .font('body')
      .fontSize(10.5)
      .text(fillPlaceholders(clause.body, values), { width, lineGap: 4, paragraphGap: 2 });
    doc.moveDown(0.8);
  }

  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing into the bottom margin would start a new page; lift the margin for the footer line only.
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#666666')
      .text(
        `合同编号 ${input.number}  ·  第 ${i + 1} 页 / 共 ${pages.count} 页`,
        doc.page.margins.left,
        doc.page.height - 44,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
