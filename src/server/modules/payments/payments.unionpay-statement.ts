import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { AppError } from '../../kernel/http/errors.js';
import { type StatementLine, shanghaiCompact } from './payments.gateway.js';

// UnionPay's daily merchant statement (全渠道商户对账文件): the file-transfer answer (txnType 76, fileType 00)
// carries `fileContent`, a zlib-deflated zip, base64; in it, the INN<yyMMdd><nn>ZM_<merId> file holds one
// fixed-width line per transaction (文件接口规范 6.1 ZM 文件): fields of the widths below, GBK, each followed by
// one space. The sandbox writes the same layout, so one parser reads both.

/** Field widths of a ZM line, in order (文件接口规范 6.1; the same array as UnionPay's SDK `parseZMFile`). */
export const ZM_FIELD_WIDTHS = [
  3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2, 4, 32, 1, 21, 15, 1, 15, 32,
  13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 98,
] as const;

/** Positions (0-based) of the fields we reconcile on. */
const F = {
  /** 交易代码: S22 consume, S30 refund (S31 a cancelled consume). */
  txnCode: 0,
  /** 交易传输时间 MMDDhhmmss, Beijing time (the file has no year). */
  transmittedAt: 4,
  /** 交易金额, fen, zero-padded. */
  amount: 6,
  /** 查询流水号 (queryId). */
  queryId: 9,
  /** 商户订单号: our order number, or our refund number on a refund line. */
  orderNo: 11,
  /** 商户手续费: D (charged) or C (returned) and 12 digits of fen. */
  fee: 15,
  /** 清算金额: D/C and 12 digits. */
  settled: 16,
  /** 原交易查询流水号: the original consume of a refund. */
  origQueryId: 26,
  /** 商户代码. */
  merId: 27,
} as const;

export interface UnionpayStatementRow {
  kind: 'payment' | 'refund';
  queryId: string;
  orderNo: string;
  origQueryId: string | null;
  at: Date;
  amountFen: number;
  feeFen: number;
}

function signed(fen: number): string {
  return `${fen < 0 ? 'C' : 'D'}${String(Math.abs(fen)).padStart(12, '0')}`;
}

/** The sandbox's statement: ZM lines as UnionPay writes them (ASCII fields only, so GBK = ASCII here). */
export function renderUnionpayStatement(
  merId: string,
  _day: string,
  rows: readonly UnionpayStatementRow[],
): string {
  const lines = rows.map((r) => {
    const fields: string[] = ZM_FIELD_WIDTHS.map(() => '');
    fields[F.txnCode] = r.kind === 'refund' ? 'S30' : 'S22';
    fields[1] = '00010000'; // 代理机构标识码
    fields[2] = '00010000'; // 发送机构标识码
    fields[3] = r.queryId.slice(-6); // 系统跟踪号
    fields[F.transmittedAt] = shanghaiCompact(r.at).slice(4, 14);
    fields[F.amount] = String(r.amountFen).padStart(12, '0');
    fields[F.queryId] = r.queryId;
    fields[F.orderNo] = r.orderNo;
    fields[F.fee] = signed(r.kind === 'refund' ? -r.feeFen : r.feeFen);
    // The merchant is credited the amount less the fee on a consume and debited the amount on a refund.
    fields[F.settled] = signed(r.kind === 'refund' ? r.amountFen : -(r.amountFen - r.feeFen));
    fields[19] = r.kind === 'refund' ? '04' : '01'; // 交易类型
    fields[21] = '000201'; // 业务类型
    fields[F.origQueryId] = r.origQueryId ?? '';
    fields[F.merId] = merId;
    return fields.map((f, i) => `${f.padEnd(ZM_FIELD_WIDTHS[i] ?? 0, ' ')} `).join('');
  });
  return lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '';
}

const gbk = new TextDecoder('gbk');

/** One line's fields: cut by byte widths (the text is binary-safe latin1), each decoded as GBK and trimmed. */
function fieldsOf(line: string): string[] {
  const bytes = Buffer.from(line, 'latin1');
  const out: string[] = [];
  let at = 0;
  for (const width of ZM_FIELD_WIDTHS) {
    out.push(gbk.decode(bytes.subarray(at, at + width)).trim());
    at += width + 1;
  }
  return out;
}

function fenOf(text: string | undefined, field: string): number {
  const m = /^([CD]?)(\d{1,13})$/.exec(text ?? '');
  if (!m) throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: `UnionPay statement ${field} "${text}"` });
  return m[1] === 'C' ? -Number(m[2]) : Number(m[2]);
}

/**
 * The instant of MMDDhhmmss (Beijing) in the statement of settlement day `day` (yyyy-MM-dd): a line can be
 * from the day before, so a month after the day's month is last year's (a 31 Dec trade in the 1 Jan file).
 */
function instantOf(mmddhhmmss: string, day: string): string {
  if (!/^\d{10}$/.test(mmddhhmmss)) {
    throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: `UnionPay statement time "${mmddhhmmss}"` });
  }
  const year = Number(day.slice(0, 4));
  const month = Number(mmddhhmmss.slice(0, 2));
  const y = month > Number(day.slice(5, 7)) ? year - 1 : year;
  const [mo, d, h, mi, s] = [0, 2, 4, 6, 8].map((i) => mmddhhmmss.slice(i, i + 2));
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`).toISOString();
}

/** Reads ZM lines (latin1 text of the GBK file) of settlement day `day` into statement lines. */
export function parseUnionpayStatement(text: string, day: string): StatementLine[] {
  const lines: StatementLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const f = fieldsOf(line);
    const code = f[F.txnCode];
    // S31 (a consume cancelled the same day) and other codes do not move our money: not reconciled here.
    if (code !== 'S22' && code !== 'S30') continue;
    const refund = code === 'S30';
    const fee = fenOf(f[F.fee], '商户手续费');
    lines.push({
      kind: refund ? 'refund' : 'payment',
      merchantOrderNo: refund ? '' : (f[F.orderNo] ?? ''),
      providerTradeNo: refund ? (f[F.origQueryId] ?? '') : (f[F.queryId] ?? ''),
      refundNo: refund ? (f[F.orderNo] ?? null) : null,
      amountFen: fenOf(f[F.amount], '交易金额'),
      feeFen: Math.abs(fee),
      occurredAt: instantOf(f[F.transmittedAt] ?? '', day),
    });
  }
  return lines;
}

/**
 * The ZM file out of a file-transfer answer: base64 -> inflate (zlib) -> zip -> INN…ZM_<merId>, returned as
 * latin1 text so the fixed byte widths survive (parseUnionpayStatement decodes each field as GBK).
 */
export function unionpayStatementFromFileContent(fileContent: string): string {
  let zip: Uint8Array;
  try {
    zip = new Uint8Array(inflateSync(Buffer.from(fileContent, 'base64')));
  } catch {
    throw new AppError('PAYMENT_GATEWAY_ERROR', { reason: 'UnionPay fileContent is not deflated data' });
  }
  const files = unzipSync(zip);
  const name = Object.keys(files).find((n) => /(^|\/)INN\d{8}ZM_/.test(n));
  if (!name) {
    throw new AppError('PAYMENT_GATEWAY_ERROR', {
      reason: `no INN…ZM_ file in the UnionPay statement (${Object.keys(files).join(', ')})`,
    });
  }
  return Buffer.from(files[name] as Uint8Array).toString('latin1');
}
