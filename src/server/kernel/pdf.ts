import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

// PDFs with Chinese text (purchase contracts, review reports): Noto Sans SC (Noto Sans Hans, GB 2312 coverage
// plus common extras, OFL-1.1) from the npm package @embedpdf/fonts-sc, so no system font is assumed and the
// text stays extractable. The package exports only metadata, so the files are found beside its entry point.

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const fontCache = new Map<string, Buffer>();

function cjkFontFile(name: 'Regular' | 'Bold'): Buffer {
  let bytes = fontCache.get(name);
  if (!bytes) {
    bytes = readFileSync(path.join(FONT_DIR, `NotoSansHans-${name}.otf`));
    fontCache.set(name, bytes);
  }
  return bytes;
}

/**
 * A new PDF document with the CJK fonts registered as `body` and `bold`, and a promise of its bytes once
 * the caller calls `doc.end()`.
 */
export function startCjkPdf(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', cjkFontFile('Regular'));
  doc.registerFont('bold', cjkFontFile('Bold'));
  return { doc, done };
}
