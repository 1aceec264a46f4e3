// Reads the text of a PDF the way a viewer does (pdf.js): proves the Chinese is real text mapped to Unicode,
// not shapes. Test-only (pdfjs-dist is a dev dependency).

/** The text of every page, items joined without separators (CJK lines wrap mid-word). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await document.destroy();
  return pages.join('\n');
}
