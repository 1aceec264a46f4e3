import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvSafeCell, csvUnescapeCell, toCsvText } from './csv.js';

const PROBES = ['=HYPERLINK("http://evil.example","点我")', "@SUM(1+1)*cmd|' /C calc'!A0"];

describe('csvSafeCell', () => {
  it('quotes cells a spreadsheet would run as a formula: = + - @ tab CR and their fullwidth forms', () => {
    for (const cell of [
      ...PROBES,
      '+1+1',
      '-2+3',
      '-cmd',
      '\t=1',
      '\r=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
    ]) {
      expect(csvSafeCell(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves ordinary text, plain numbers and a lone dash alone', () => {
    for (const cell of [
      '比亚迪 汉 EV',
      'BMW X5',
      '2026款 DM-i',
      '-5',
      '+3.5',
      '-12.25',
      '-',
      '●',
      '○ 2500',
      '',
    ]) {
      expect(csvSafeCell(cell)).toBe(cell);
    }
  });

  it('quotes a cell that already starts with quotes before a trigger, so unescaping gives it back exactly', () => {
    expect(csvSafeCell("'=x")).toBe("''=x");
    for (const cell of [...PROBES, "'=x", "''-1+1", "'-5", "'plain", "'", '-5', '-', '=', "it's =fine"]) {
      expect(csvUnescapeCell(csvSafeCell(cell))).toBe(cell);
    }
  });
});

describe('toCsvText', () => {
  it('writes every cell neutralised and RFC 4180 quoted, and reads back to the neutralised cells', () => {
    const text = toCsvText([
      ['trim_name', 'value'],
      [PROBES[0] ?? '', '-5'],
      [PROBES[1] ?? '', '-'],
    ]);
    const rows = parse(text) as string[][];
    expect(rows).toEqual([
      ['trim_name', 'value'],
      [`'${PROBES[0]}`, '-5'],
      [`'${PROBES[1]}`, '-'],
    ]);
    // No line of the file starts a cell with a formula trigger.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-\D/);
  });
});
