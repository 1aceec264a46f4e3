import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from './spreadsheet.js';

describe('readSpreadsheet', () => {
  it('reads CSV with a BOM, skips # lines and drops the quote before formula-like cells', async () => {
    const csv = "\uFEFFvin,colour,cost\n# 列说明\nLGXCE4CB0S0000001,时空灰,'=1+1\n";
    expect(await readSpreadsheet(Buffer.from(csv, 'utf8'))).toEqual([
      ['vin', 'colour', 'cost'],
      ['LGXCE4CB0S0000001', '时空灰', '=1+1'],
    ]);
  });

  it('reads the first XLSX sheet: rich text as its text, a date as its calendar day, blank rows kept', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('stock');
    ws.addRow(['vin', 'colour', 'entered']);
    ws.addRow([]);
    ws.addRow([
      'LGXCE4CB0S0000002',
      { richText: [{ text: '星空' }, { text: '黑' }] },
      new Date('2026-11-30T00:00:00Z'),
    ]);
    const table = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(table).toEqual([
      ['vin', 'colour', 'entered'],
      ['', '', ''],
      ['LGXCE4CB0S0000002', '星空黑', '2026-11-30'],
    ]);
  });

  it('answers null for bytes that are neither', async () => {
    expect(await readSpreadsheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });
});
