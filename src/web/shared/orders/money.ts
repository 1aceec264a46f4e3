/** ¥ amounts from fen for order screens (zh-CN grouping; the API's numbers are integer fen). */
export function formatFenPlain(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
