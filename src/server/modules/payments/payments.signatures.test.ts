import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  alipayAnswer,
  alipayFormBody,
  alipaySdk,
  alipaySignNotification,
  parseAlipayStatement,
  renderAlipayStatement,
  verifyAlipayNotification,
} from './payments.alipay.js';
import { fenToYuanText, yuanTextToFen } from './payments.gateway.js';
import { unionpaySigned, unionpayVerify, verifyUnionpayNotification } from './payments.unionpay.js';
import { parseUnionpayStatement, renderUnionpayStatement } from './payments.unionpay-statement.js';
import {
  parseWechatStatement,
  renderWechatStatement,
  verifyWechatNotification,
  wechatAnswer,
  wechatAuthorization,
  wechatDecrypt,
  wechatSign,
  wechatSignedNotification,
  wechatVerify,
} from './payments.wechat.js';

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

describe('Alipay RSA2 notifications (alipay-sdk checkNotifySign)', () => {
  // A real TRADE_SUCCESS notification and the Alipay public key that verifies it, as published in
  // alipay-sdk's own test suite (alipay/alipay-sdk-nodejs-all, test/alipay.test.ts, "verify sign should
  // delete sign_type"). fund_bill_list is form-posted as JSON text.
  const ALIPAY_PUBLIC_KEY =
    'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqObrdC7hrgAVM98tK0nv3hSQRGGKT4lBsQjHiGjeYZjOPIPHR5knm2jnnz/YGIXIofVHkA/tAlBAd5DrY7YpvI4tP5EONLtZKC2ghBMx7McI2wRD0xiqzxOQr1FuhZGJ8/AUokBzJrzY+aGX2xcOrxFYRlFilvVLTXg4LWjR1tdPkO6+i7wQZAIVMClPkwVRZEbaERRHlKqTzv2gGv5rDU8gRoe1LeaN+6BlbTqHWkQcNCUNrA8C6l17XAXGKDsm/9TFWwO8EPHHHCaQdjtV5/FdcWIt+L8SR1ss7EXTjYDFtxcKVv9rEoY1lX8T4mX+GbXfZHraG5NCF1+XioL5JwIDAQAB';
  const documented: Record<string, string> = {
    gmt_create: '2019-08-15 15:56:22',
    charset: 'utf-8',
    seller_email: 'z97-yuquerevenue@service.aliyun.com',
    subject: '语雀空间 500人规模',
    sign: 'QfTb8tqE1BMhS5qAnXtvsF3/jBkEvu9q9en0pdbBUDDjvKycZhQb7h8GDs4FKfi049PynaNuatxSgLb/nLWZpXyyh0LEWdK2S6Ri7nPwrVgOs08zugLO20vOQz44y3ti2Ncm8/wZts1Fr2gZ7pShnVX3d1B50hbsXnObT1r/U8ONNQjWXd0HIul4TG+Q3fm3svmSvFEy0WnzuhcyHPX5Gm4ELNctL6Qd5YniGJFNcc7kopHYtI/XD9YCKCH6Ct02rzUs9i11C9CsadtZn+WhxF26Dqt9sGEFajkJ8cxUTLi8+VCpLHsgPE8P0y095uQcDdK0YjCh4x7wVSov+lrmOQ==',
    buyer_id: '2088102534368455',
    invoice_amount: '0.10',
    notify_id: '2019081500222155624068450559358070',
    fund_bill_list: '[{"amount":"0.10","fundChannel":"ALIPAYACCOUNT"}]',
    notify_type: 'trade_status_sync',
    trade_status: 'TRADE_SUCCESS',
    receipt_amount: '0.10',
    buyer_pay_amount: '0.10',
    sign_type: 'RSA2',
    app_id: '2019073166072302',
    seller_id: '2088531891668739',
    gmt_payment: '2019-08-15 15:56:24',
    notify_time: '2019-08-15 15:56:25',
    version: '1.0',
    out_trade_no: '20190815155618536-564-57',
    total_amount: '0.10',
    trade_no: '2019081522001468450512505578',
    auth_app_id: '2019073166072302',
    buyer_logon_id: 'xud***@126.com',
    point_amount: '0.00',
  };
  const app = pair();
  const sdk = alipaySdk({
    appId: '2019073166072302',
    appPrivateKey: app.privateKey,
    alipayPublicKey: ALIPAY_PUBLIC_KEY,
  });

  it('verifies the documented notification posted as a form and reads its trade in fen', () => {
    const check = verifyAlipayNotification(sdk, '2019073166072302', alipayFormBody(documented));
    expect(check).toMatchObject({
      ok: true,
      eventId: '2019081500222155624068450559358070',
      trade: { state: 'paid', merchantOrderNo: '20190815155618536-564-57', amountFen: 10, currency: 'CNY' },
    });
  });

  it('refuses the documented notification with its amount changed (the signature no longer holds)', () => {
    const check = verifyAlipayNotification(
      sdk,
      '2019073166072302',
      alipayFormBody({ ...documented, total_amount: '1000.10' }),
    );
    expect(check).toMatchObject({
      ok: false,
      problem: 'bad_signature',
      claimedEventId: documented.notify_id,
    });
  });

  it('refuses a genuine notification addressed to another app', () => {
    expect(verifyAlipayNotification(sdk, '2021000000000001', alipayFormBody(documented))).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
  });

  it('signs as Alipay does so that alipay-sdk verifies it, and answers plain success/fail', () => {
    const platform = pair();
    const own = alipaySdk({
      appId: '2021000000000001',
      appPrivateKey: app.privateKey,
      alipayPublicKey: platform.publicKey,
    });
    const signed = alipaySignNotification(
      {
        notify_id: 'n1',
        app_id: '2021000000000001',
        out_trade_no: 'AY2026112110000012345678',
        trade_status: 'TRADE_SUCCESS',
        total_amount: '5000.00',
        subject: '比亚迪 汉 EV 定金',
      },
      platform.privateKey,
    );
    expect(verifyAlipayNotification(own, '2021000000000001', alipayFormBody(signed))).toMatchObject({
      ok: true,
      trade: { amountFen: 500_000 },
    });
    expect(alipayAnswer(true)).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'success',
    });
    expect(alipayAnswer(false).body).toBe('fail');
  });

  it('writes and reads the 业务明细 statement, refunds negative', () => {
    const text = renderAlipayStatement('2021000000000001', '2026-11-21', [
      {
        tradeNo: '2026112122001468450512505578',
        merchantOrderNo: 'AY2026112110000012345678',
        kind: 'payment',
        subject: '比亚迪 汉 EV 定金',
        createdAt: new Date('2026-11-21T02:00:00Z'),
        finishedAt: new Date('2026-11-21T02:01:00Z'),
        amountFen: 500_000,
        feeFen: 3000,
        refundNo: null,
      },
      {
        tradeNo: '2026112122001468450512505578',
        merchantOrderNo: 'AY2026112110000012345678',
        kind: 'refund',
        subject: '比亚迪 汉 EV 定金',
        createdAt: new Date('2026-11-21T05:00:00Z'),
        finishedAt: new Date('2026-11-21T05:00:00Z'),
        amountFen: 100_000,
        feeFen: 0,
        refundNo: 'RF2026112113000087654321',
      },
    ]);
    expect(text).toContain('支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间');
    expect(text).toContain(',-1000.00,');
    expect(parseAlipayStatement(text)).toEqual([
      expect.objectContaining({
        kind: 'payment',
        amountFen: 500_000,
        feeFen: 3000,
        merchantOrderNo: 'AY2026112110000012345678',
      }),
      expect.objectContaining({ kind: 'refund', amountFen: 100_000, refundNo: 'RF2026112113000087654321' }),
    ]);
  });
});

describe('WeChat Pay API v3', () => {
  // Vectors from WeChat Pay's official Go SDK (wechatpay-apiv3/wechatpay-go, utils/sign_test.go and
  // utils/aes_test.go): SHA256withRSA of "source" under its published test key, and an AEAD_AES_GCM
  // ciphertext of "Hello World" (its test key is 16 bytes; the cipher follows the key length).
  const GO_SDK_TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd
fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7
6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1
FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR
0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW
3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm
LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km
OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4
C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN
0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF
+cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y
gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam
AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi
hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2
6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ
WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT
D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/
aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2
ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V
YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV
BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC
EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h
Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq
+RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/
jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe
BDa+8mDLkWu5nHEhOxy2JJZl
-----END PRIVATE KEY-----`;
  const GO_SDK_SIGNATURE =
    'BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==';

  it('signs with SHA256withRSA exactly as the official SDK does', () => {
    expect(wechatSign('source', GO_SDK_TEST_KEY)).toBe(GO_SDK_SIGNATURE);
  });

  it('decrypts the official AEAD_AES_GCM vector and refuses a wrong key', () => {
    expect(
      wechatDecrypt(
        'testAPIv3Key0000',
        'wCq51qZv4Yfg',
        'Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8',
        'FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC',
      ),
    ).toBe('Hello World');
    expect(() =>
      wechatDecrypt(
        'testAPIv3Key1111',
        'wCq51qZv4Yfg',
        'Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8',
        'FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC',
      ),
    ).toThrow();
  });

  it('builds the WECHATPAY2-SHA256-RSA2048 Authorization header over method, path, time, nonce and body', () => {
    const header = wechatAuthorization(
      {
        mchId: '1900009191',
        serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
        merchantPrivateKey: GO_SDK_TEST_KEY,
      },
      'POST',
      '/v3/pay/transactions/native',
      '{"a":1}',
      1554208460,
      '593BEC0C930BF1AFEB40B4A08C8FB242',
    );
    const signature = /signature="([^"]+)"/.exec(header)?.[1] ?? '';
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="[^"]+",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/,
    );
    expect(signature).toBe(
      wechatSign(
        'POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n',
        GO_SDK_TEST_KEY,
      ),
    );
  });

  const platform = pair();
  const keys = {
    mchId: '1900000109',
    appId: 'wxd678efh567hg6787',
    serialNo: 'MERCHANT',
    merchantPrivateKey: pair().privateKey,
    apiV3Key: '0123456789abcdef0123456789abcdef',
    platformPublicKey: platform.publicKey,
    platformPrivateKey: platform.privateKey,
    platformSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  };
  const at = new Date('2026-11-21T02:00:00Z');
  const transaction = {
    appid: keys.appId,
    mchid: keys.mchId,
    out_trade_no: 'AY2026112110000012345678',
    transaction_id: '4200000985202611211234567890',
    trade_type: 'NATIVE',
    trade_state: 'SUCCESS',
    success_time: '2026-11-21T10:00:05+08:00',
    amount: { total: 500_000, currency: 'CNY' },
  };

  it('verifies, decrypts and reads a signed notification', () => {
    const n = wechatSignedNotification(keys, 'EV-2018022511223320873', transaction, at);
    expect(verifyWechatNotification(keys, n.body, n.headers, at)).toMatchObject({
      ok: true,
      eventId: 'EV-2018022511223320873',
      trade: { state: 'paid', amountFen: 500_000, providerTradeNo: '4200000985202611211234567890' },
    });
    expect(
      wechatVerify(
        `${n.headers['wechatpay-timestamp']}\n${n.headers['wechatpay-nonce']}\n${n.body}\n`,
        n.headers['wechatpay-signature'] ?? '',
        platform.publicKey,
      ),
    ).toBe(true);
  });

  it('refuses a changed body, an unknown serial and a replay older than five minutes', () => {
    const n = wechatSignedNotification(keys, 'EV-1', transaction, at);
    expect(verifyWechatNotification(keys, n.body.replace('EV-1', 'EV-2'), n.headers, at)).toMatchObject({
      ok: false,
      problem: 'bad_signature',
    });
    expect(
      verifyWechatNotification(keys, n.body, { ...n.headers, 'wechatpay-serial': 'OTHER' }, at),
    ).toMatchObject({ ok: false, problem: 'bad_signature' });
    expect(verifyWechatNotification(keys, n.body, n.headers, new Date(at.getTime() + 301_000))).toMatchObject(
      { ok: false, detail: 'timestamp too old' },
    );
  });

  it('answers 204 on success and 4xx JSON {"code":"FAIL"} on failure', () => {
    expect(wechatAnswer(true)).toMatchObject({ status: 204, body: '' });
    const fail = wechatAnswer(false, '签名错误');
    expect(fail.status).toBe(400);
    expect(JSON.parse(fail.body)).toEqual({ code: 'FAIL', message: '签名错误' });
  });

  it('writes and reads the backtick-prefixed 交易账单', () => {
    const text = renderWechatStatement(keys, [
      {
        at,
        transactionId: '4200000985202611211234567890',
        merchantOrderNo: 'AY2026112110000012345678',
        kind: 'payment',
        amountFen: 500_000,
        totalFen: 500_000,
        feeFen: 3000,
        refundNo: null,
        providerRefundId: null,
        subject: '理想 L6 定金',
      },
    ]);
    expect(text.split('\r\n')[1]).toMatch(/^`2026-11-21 10:00:00,`wxd678efh567hg6787,`1900000109,/);
    expect(parseWechatStatement(text)).toEqual([
      expect.objectContaining({
        kind: 'payment',
        amountFen: 500_000,
        feeFen: 3000,
        merchantOrderNo: 'AY2026112110000012345678',
      }),
    ]);
  });
});

describe('UnionPay ACP 5.1.0 (signMethod 01)', () => {
  const merchant = pair();
  const params = {
    version: '5.1.0',
    encoding: 'UTF-8',
    txnType: '01',
    txnSubType: '01',
    bizType: '000201',
    merId: '777290058110048',
    orderId: 'AY2026112110000012345678',
    txnAmt: '500000',
    currencyCode: '156',
    respCode: '00',
    queryId: '112611211000051234567',
    accessType: '0',
  };

  it('signs SHA256withRSA over the hex SHA-256 of the sorted key=value string and verifies it', () => {
    const signed = unionpaySigned(params, '69629715588', merchant.privateKey);
    expect(signed).toMatchObject({ certId: '69629715588', signMethod: '01' });
    expect(unionpayVerify(signed, merchant.publicKey)).toBe(true);
    expect(unionpayVerify({ ...signed, txnAmt: '500001' }, merchant.publicKey)).toBe(false);
  });

  it('reads a signed consume notification and refuses a forged one', () => {
    const signed = unionpaySigned(params, '69629715588', merchant.privateKey);
    const body = new URLSearchParams(signed).toString();
    expect(
      verifyUnionpayNotification({ merId: '777290058110048', unionpayPublicKey: merchant.publicKey }, body),
    ).toMatchObject({
      ok: true,
      eventId: '112611211000051234567:01:00',
      trade: { state: 'paid', amountFen: 500_000, currency: 'CNY' },
    });
    const forged = unionpaySigned(params, '69629715588', pair().privateKey);
    expect(
      verifyUnionpayNotification(
        { merId: '777290058110048', unionpayPublicKey: merchant.publicKey },
        new URLSearchParams(forged).toString(),
      ),
    ).toMatchObject({ ok: false, problem: 'bad_signature' });
  });

  it('writes and reads its statement', () => {
    const text = renderUnionpayStatement('777290058110048', '2026-11-21', [
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
    expect(parseUnionpayStatement(text, '2026-11-21')).toEqual([
      expect.objectContaining({
        kind: 'payment',
        amountFen: 500_000,
        feeFen: 2500,
        merchantOrderNo: 'AY2026112110000012345678',
      }),
    ]);
  });
});

describe('amounts as gateways write them', () => {
  it('turns yuan text into fen and back without floating point', () => {
    expect(yuanTextToFen('0.10')).toBe(10);
    expect(yuanTextToFen('1234567.8')).toBe(123_456_780);
    expect(yuanTextToFen('-1000.00')).toBe(-100_000);
    expect(yuanTextToFen('1e3')).toBeNull();
    expect(fenToYuanText(123_456_789)).toBe('1234567.89');
    expect(fenToYuanText(-5)).toBe('-0.05');
  });
});
