import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  alipayStatementFromZip,
  alipayZipEntryName,
  parseAlipayStatement,
  renderAlipayStatement,
} from './payments.alipay.js';

// Alipay's bill download URL serves a zip of GBK-encoded CSV files: the 业务明细 detail and its 汇总 summary.

/** A GBK encoder built from Node's GBK decoder (the test needs to write what Alipay writes). */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Uint8Array.from(bytes);
}

const day = '2026-12-06';
const statement = renderAlipayStatement('2021000000000001', day, [
  {
    kind: 'payment',
    tradeNo: '2026120622001400001234567890',
    merchantOrderNo: 'AY2026120610000012345678',
    subject: '比亚迪 汉 EV 订金',
    createdAt: new Date('2026-12-06T02:00:00Z'),
    finishedAt: new Date('2026-12-06T02:01:00Z'),
    amountFen: 500_000,
    feeFen: 3_000,
    refundNo: null,
  },
  {
    kind: 'refund',
    tradeNo: '2026120622001400001234567890',
    merchantOrderNo: 'AY2026120610000012345678',
    subject: '比亚迪 汉 EV 订金',
    createdAt: new Date('2026-12-06T05:00:00Z'),
    finishedAt: new Date('2026-12-06T05:00:30Z'),
    amountFen: 500_000,
    feeFen: 3_000,
    refundNo: 'RF2026120600001',
  },
]);

describe('Alipay statement archive', () => {
  it('reads the 业务明细 file out of the zip, decoded from GBK, and leaves the 汇总 summary aside', () => {
    const zip = zipSync({
      '20880000000000000156_20261206_业务明细(汇总).csv': gbk(
        '#支付宝业务明细汇总\n门店编号,门店名称,交易订单总笔数\n',
      ),
      '20880000000000000156_20261206_业务明细.csv': gbk(statement),
    });
    const text = alipayStatementFromZip(zip);
    expect(text).toBe(statement);
    const lines = parseAlipayStatement(text);
    expect(lines.map((l) => [l.kind, l.merchantOrderNo, l.amountFen, l.feeFen, l.refundNo])).toEqual([
      ['payment', 'AY2026120610000012345678', 500_000, 3_000, null],
      ['refund', 'AY2026120610000012345678', 500_000, 3_000, 'RF2026120600001'],
    ]);
  });

  it('recognises entry names written in GBK without the UTF-8 flag', () => {
    const mangled = Buffer.from(gbk('2088_20261206_业务明细.csv')).toString('latin1');
    expect(alipayZipEntryName(mangled)).toBe('2088_20261206_业务明细.csv');
    expect(alipayZipEntryName('plain.csv')).toBe('plain.csv');
    expect(alipayZipEntryName('已是中文.csv')).toBe('已是中文.csv');
  });

  it('fails the download with a gateway error when the archive is not a zip or has no detail file', () => {
    const failure = (zip: Uint8Array) => {
      try {
        alipayStatementFromZip(zip);
      } catch (err) {
        return err as { code: string; details: { reason: string } };
      }
      throw new Error('expected a failure');
    };
    expect(failure(gbk('not a zip'))).toMatchObject({ code: 'PAYMENT_GATEWAY_ERROR' });
    expect(failure(gbk('not a zip')).details.reason).toMatch(/zip/);
    expect(failure(zipSync({ 'readme.txt': gbk('空') })).details.reason).toMatch(/业务明细/);
  });
});
