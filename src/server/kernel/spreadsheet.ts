import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvUnescapeCell } from './csv.js';

// Reading an uploaded import file, CSV or XLSX, into rows of strings: one reader for every import (the model
// database's trims, vehicle units, accessory stock), so they all accept the same files the same way.

/**
 * Reads CSV or XLSX (told apart by the bytes: an XLSX is a zip) into rows of cell texts, the header first.
 * CSV: UTF-8 with or without a BOM, `#` lines skipped (our templates document their columns that way), the
 * quote our writer puts before formula-like cells dropped. XLSX: the first sheet. Null when unreadable.
 */
export async function readSpreadsheet(bytes: Buffer): Promise<string[][] | null> {
  const isZip =
    bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  try {
    if (!isZip) {
      const parsed = parse(bytes, {
        bom: true,
        comment: '#',
        comment_no_infix: true,
        skip_empty_lines: true,
        relax_column_count: true,
      }) as string[][];
      return parsed.map((row) => row.map(csvUnescapeCell));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return null;
    const table: string[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      table[rowNumber - 1] = cells;
    });
    for (let i = 0; i < table.length; i++) table[i] ??= [];
    return table;
  } catch {
    return null;
  }
}

/** A cell as the text a person typed. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // A date typed into Excel arrives as a Date: keep its calendar day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return String(v.result ?? '');
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}
