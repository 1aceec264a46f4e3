import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfText } from './contracts.pdf-text.testing.js';
import {
  fillPlaceholders,
  placeholderValues,
  renderContractPdf,
  unknownPlaceholders,
} from './contracts.render.js';
import { sampleContractFacts } from './contracts.testing.js';
import { amountInWords } from './contracts.words.js';

const template = {
  title: '汽车买卖合同',
  clauses: [
    {
      heading: '合同当事人',
      body: '出卖人：{{seller.name}}\n买受人：{{buyer.name}}，身份证件号码：{{buyer.idNumber}}',
    },
    {
      heading: '第二条 价款',
      body: '{{price.items}}\n合同总价款：{{price.total}}（大写：{{price.totalInWords}}）',
    },
    { heading: '第三条 {{deposit.kind}}', body: '{{deposit.legalEffect}}\n约定：{{deposit.terms}}' },
  ],
  depositBindingText: '本款项为定金，适用定金罚则。',
  depositRefundableText: '本款项为订金，不适用定金罚则。',
};
const issuedAt = new Date('2026-11-21T02:00:00Z');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('contract PDF', () => {
  it('embeds the Chinese as real text: the buyer’s name, 购车合同 and the clauses come back out of the PDF', async () => {
    const facts = sampleContractFacts({
      buyer: { name: '欧阳晓燕', phoneMasked: '139****0001', idNumberMasked: '320102********4321' },
    });
    const pdf = await renderContractPdf({ template, facts, number: 'HT20261121-000001-01', issuedAt });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    expect(text).toContain('购车合同');
    expect(text).toContain('欧阳晓燕');
    expect(text).toContain('北京比亚迪汽车销售服务有限公司');
    expect(text).toContain('本款项为订金，不适用定金罚则。');
    expect(text).toContain('壹拾玖万壹仟贰佰伍拾元整');
    expect(text).toContain('320102********4321');
  });

  it('embeds only the glyphs used (a subset), so a contract stays small', async () => {
    const pdf = await renderContractPdf({ template, facts: sampleContractFacts(), number: 'HT1', issuedAt });
    // The font files are over 8 MB each; a subset of a few hundred glyphs is a few tens of KB.
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('gives the same bytes (and SHA-256) for the same facts, template and issue time', async () => {
    const facts = sampleContractFacts();
    const a = await renderContractPdf({ template, facts, number: 'HT20261121-000002-01', issuedAt });
    const b = await renderContractPdf({ template, facts, number: 'HT20261121-000002-01', issuedAt });
    expect(sha(a)).toBe(sha(b));
    const later = await renderContractPdf({
      template,
      facts,
      number: 'HT20261121-000002-01',
      issuedAt: new Date(issuedAt.getTime() + 1000),
    });
    expect(sha(later)).not.toBe(sha(a));
  });

  it('states the binding deposit’s legal effect for a 定金 and the refundable one for a 订金', () => {
    const binding = sampleContractFacts({
      deposit: { kind: 'binding', amountFen: 2_000_000, termsText: '定金2万元' },
    });
    const values = placeholderValues({ template, facts: binding, number: 'HT1', issuedAt });
    expect(values['deposit.kind']).toBe('定金');
    expect(values['deposit.legalEffect']).toBe(template.depositBindingText);
    expect(fillPlaceholders('{{deposit.kind}}：{{deposit.amount}}', values)).toBe('定金：¥20,000.00');
    expect(values['issue.date']).toBe('2026年11月21日');
  });

  it('names the placeholders a template may not use', () => {
    expect(unknownPlaceholders('{{buyer.name}} {{buyer.nmae}} {{ price.total }} {{foo}}')).toEqual([
      'buyer.nmae',
      'foo',
    ]);
  });
});

describe('amountInWords', () => {
  it.each([
    [18_980_000, '壹拾捌万玖仟捌佰元整'],
    [10_005_000, '壹拾万零伍拾元整'],
    [100_000_000, '壹佰万元整'],
    [1_000_000_000_00, '壹拾亿元整'],
    [100_000_500, '壹佰万零伍元整'],
    [1050, '壹拾元伍角'],
    [1005, '壹拾元零伍分'],
    [7, '柒分'],
    [0, '零元整'],
    [10_000_010_000, '壹亿零壹佰元整'],
    [1_000_010_000, '壹仟万零壹佰元整'],
  ])('%i fen -> %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });
});
