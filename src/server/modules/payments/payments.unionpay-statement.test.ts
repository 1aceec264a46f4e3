import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createUnionpayGateway, unionpaySigned, unionpayVerify } from './payments.unionpay.js';
import {
  parseUnionpayStatement,
  renderUnionpayStatement,
  unionpayStatementFromFileContent,
} from './payments.unionpay-statement.js';

// A ZM line written field by field from the 文件接口规范 6.1 table (name, width, value), independently of the
// renderer: GBK bytes, each field padded to its width and followed by one space.
const MER_ID = '777290058110048';
function zmLine(values: Record<string, string | Buffer>): Buffer {
  const table: [string, number][] = [
    ['交易代码', 3],
    ['代理机构标识码', 11],
    ['发送机构标识码', 11],
    ['系统跟踪号', 6],
    ['交易传输时间', 10],
    ['帐号', 19],
    ['交易金额', 12],
    ['商户类别', 4],
    ['终端类型', 2],
    ['查询流水号', 21],
    ['支付方式旧', 2],
    ['商户订单号', 32],
    ['支付卡类型', 2],
    ['原始交易的系统跟踪号', 6],
    ['原始交易日期时间', 10],
    ['商户手续费', 13],
    ['结算金额', 13],
    ['支付方式', 4],
    ['集团商户代码', 15],
    ['交易类型', 2],
    ['交易子类', 2],
    ['业务类型', 6],
    ['帐号类型', 2],
    ['账单类型', 4],
    ['账单号码', 32],
    ['交互方式', 1],
    ['原交易查询流水号', 21],
    ['商户代码', 15],
    ['分账入账方式', 1],
    ['二级商户代码', 15],
    ['二级商户简称', 32],
    ['二级商户分账入账金额', 13],
    ['清算净额', 13],
    ['终端号', 8],
    ['商户自定义域', 32],
    ['优惠金额', 13],
    ['发票金额', 13],
    ['分期付款附加手续费', 12],
    ['分期付款期数', 2],
    ['交易介质', 1],
    ['原始交易订单号', 32],
    ['保留使用', 98],
  ];
  const parts = table.map(([name, width]) => {
    const v = values[name] ?? '';
    const bytes = Buffer.isBuffer(v) ? v : Buffer.from(v, 'latin1');
    return Buffer.concat([bytes, Buffer.alloc(width - bytes.length, 0x20), Buffer.from(' ')]);
  });
  return Buffer.concat(parts);
}

const consume = zmLine({
  交易代码: 'S22',
  交易传输时间: '1121100000',
  交易金额: '000000500000',
  查询流水号: '112611211000051234567',
  商户订单号: 'AY2026112110000012345678',
  商户手续费: 'D000000002500',
  结算金额: 'C000000497500',
  商户代码: MER_ID,
  // 汽车之家 in GBK: 8 bytes for 4 characters, so byte widths (not characters) must decide where fields end.
  二级商户简称: Buffer.from('c6fbb3b5d6aebcd2', 'hex'),
  保留使用: '',
});
const refund = zmLine({
  交易代码: 'S30',
  交易传输时间: '1231235959',
  交易金额: '000000100000',
  查询流水号: '123112312359591234567',
  商户订单号: 'RF2026123123595900000001',
  商户手续费: 'C000000000500',
  原交易查询流水号: '112611211000051234567',
  商户代码: MER_ID,
});

describe('UnionPay statement (全渠道商户对账文件, ZM lines)', () => {
  it('reads a consume and a refund from fixed-width GBK lines, with the year of the settlement day', () => {
    const text = Buffer.concat([consume, Buffer.from('\r\n'), refund, Buffer.from('\r\n')]).toString(
      'latin1',
    );
    expect(parseUnionpayStatement(text, '2027-01-01')).toEqual([
      {
        kind: 'payment',
        merchantOrderNo: 'AY2026112110000012345678',
        providerTradeNo: '112611211000051234567',
        refundNo: null,
        amountFen: 500_000,
        feeFen: 2500,
        // November is after January: last year's (2026) line; 10:00 Beijing = 02:00 UTC.
        occurredAt: '2026-11-21T02:00:00.000Z',
      },
      {
        kind: 'refund',
        merchantOrderNo: '',
        providerTradeNo: '112611211000051234567',
        refundNo: 'RF2026123123595900000001',
        amountFen: 100_000,
        feeFen: 500,
        occurredAt: '2026-12-31T15:59:59.000Z',
      },
    ]);
  });

  it('refuses a line whose amount is not digits (a shifted layout) rather than misreading it', () => {
    const broken = Buffer.concat([Buffer.from('S22 '), consume.subarray(3)]).toString('latin1');
    expect(() => parseUnionpayStatement(broken, '2026-11-21')).toThrow();
  });

  it("writes the sandbox's statement in the same layout the parser reads", () => {
    const text = renderUnionpayStatement(MER_ID, '2026-11-21', [
      {
        kind: 'payment',
        queryId: '112611211000051234567',
        orderNo: 'AY2026112110000012345678',
        origQueryId: null,
        at: new Date('2026-11-21T02:00:00Z'),
        amountFen: 500_000,
        feeFen: 2500,
      },
    ]);
    expect(text.split('\r\n')[0]?.length).toBe(consume.length);
    expect(parseUnionpayStatement(text, '2026-11-21')).toEqual(
      parseUnionpayStatement(consume.toString('latin1'), '2026-11-21'),
    );
  });

  it('takes the ZM file out of a file-transfer answer (base64 of a deflated zip), leaving the ZME file aside', () => {
    const zip = zipSync({
      [`INN26112101ZM_${MER_ID}`]: new Uint8Array(consume),
      [`INN26112101ZME_${MER_ID}`]: new Uint8Array(Buffer.from('S22 error lines\r\n')),
    });
    const fileContent = deflateSync(Buffer.from(zip)).toString('base64');
    const text = unionpayStatementFromFileContent(fileContent);
    expect(parseUnionpayStatement(text, '2026-11-21')).toHaveLength(1);
    expect(() => unionpayStatementFromFileContent(Buffer.from('not deflated').toString('base64'))).toThrow();
  });
});

describe('the real UnionPay adapter downloads the statement from the file gateway', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unionpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = (
    k: { export: (o: { type: 'spki' | 'pkcs8'; format: 'pem' }) => string | Buffer },
    t: 'spki' | 'pkcs8',
  ) => String(k.export({ type: t, format: 'pem' }));
  const received: Record<string, string>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      received.push(fields);
      const ok = unionpayVerify(fields, pem(merchant.publicKey, 'spki')) && fields.settleDate === '1121';
      const zip = zipSync({ [`INN26112101ZM_${MER_ID}`]: new Uint8Array(consume) });
      const answer = unionpaySigned(
        ok
          ? {
              respCode: '00',
              respMsg: 'success',
              fileName: 'INN26112101ZM.zip',
              fileContent: deflateSync(Buffer.from(zip)).toString('base64'),
            }
          : { respCode: '98', respMsg: '文件不存在' },
        '69629715588',
        pem(unionpay.privateKey, 'pkcs8'),
      );
      res.end(new URLSearchParams(answer).toString());
    });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('signs a txnType 76 request for the settlement day and reads the answer it verifies', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const gateway = createUnionpayGateway(
      {
        merId: MER_ID,
        certId: '69629715588',
        merchantPrivateKey: pem(merchant.privateKey, 'pkcs8'),
        unionpayPublicKey: pem(unionpay.publicKey, 'spki'),
        gateway: `http://127.0.0.1:${port}`,
        fileGateway: `http://127.0.0.1:${port}`,
      },
      'http://127.0.0.1',
    );
    const text = await gateway.downloadStatement('2026-11-21', new Date('2026-11-22T01:00:00Z'));
    expect(received[0]).toMatchObject({
      txnType: '76',
      txnSubType: '01',
      fileType: '00',
      settleDate: '1121',
      merId: MER_ID,
    });
    expect(gateway.parseStatement(text, '2026-11-21')).toEqual([
      expect.objectContaining({ kind: 'payment', amountFen: 500_000, feeFen: 2500 }),
    ]);
    // A day whose file is not ready (98) fails the run; reconciliation retries it.
    await expect(gateway.downloadStatement('2026-11-22', new Date('2026-11-23T01:00:00Z'))).rejects.toThrow();
  });
});
