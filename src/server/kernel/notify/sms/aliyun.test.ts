import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AliyunSmsProvider } from './aliyun.js';
import { canonicalizeRpcParams, percentEncode, rpcStringToSign, signRpcRequest } from './aliyun-signer.js';
import { type SmsMessage, SmsSendError } from './sms.js';

describe('Aliyun RPC signer', () => {
  // Aliyun's published worked example (ECS DescribeRegions, signature V1.0).
  const example = {
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('reproduces the documented DescribeRegions signature with the Timestamp parameter', () => {
    const params = { ...example, Timestamp: '2016-02-23T12:46:24Z' };
    expect(rpcStringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signRpcRequest('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('reproduces the older copy of the example that spells the parameter TimeStamp', () => {
    const params = { ...example, TimeStamp: '2016-02-23T12:46:24Z' };
    expect(signRpcRequest('GET', params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('percent-encodes space as %20, * as %2A, leaves ~ alone and encodes UTF-8 bytes in upper-case hex', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('汽车')).toBe('%E6%B1%BD%E8%BD%A6');
    expect(percentEncode('{"code":"123456"}')).toBe('%7B%22code%22%3A%22123456%22%7D');
  });

  it('sorts parameters by name and leaves Signature out of the canonical query', () => {
    expect(canonicalizeRpcParams({ b: '2', Signature: 'x', a: '1 2', A: '0' })).toBe('A=0&a=1%202&b=2');
  });
});

// ---- a local fake of the Aliyun SMS API that verifies signatures like the real one ----

const SECRET = 'fake-access-key-secret';
type Behaviour =
  | { kind: 'ok' }
  | { kind: 'code'; code: string; message: string; status?: number }
  | { kind: 'hang' };

interface FakeAliyun {
  server: Server;
  endpoint: string;
  behaviours: Behaviour[];
  requests: Record<string, string>[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function startFakeAliyun(): Promise<FakeAliyun> {
  const fake: FakeAliyun = { server: createServer(), endpoint: '', behaviours: [], requests: [] };
  const nonces = new Set<string>();
  let n = 0;
  fake.server.on('request', async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const params = Object.fromEntries(form.entries());
    fake.requests.push(params);
    const requestId = `FAKE-${++n}`;
    const { Signature, ...unsigned } = params;
    if (req.method !== 'POST' || !Signature || signRpcRequest('POST', unsigned, SECRET) !== Signature) {
      answer(res, 400, {
        RequestId: requestId,
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
      });
      return;
    }
    if (nonces.has(params.SignatureNonce ?? '')) {
      answer(res, 400, { RequestId: requestId, Code: 'SignatureNonceUsed', Message: 'nonce used' });
      return;
    }
    nonces.add(params.SignatureNonce ?? '');
    const behaviour = fake.behaviours.shift() ?? { kind: 'ok' };
    if (behaviour.kind === 'hang') return; // never answers: the client must time out
    if (behaviour.kind === 'code') {
      answer(res, behaviour.status ?? 200, {
        RequestId: requestId,
        Code: behaviour.code,
        Message: behaviour.message,
      });
      return;
    }
    answer(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `9006197469364984^${n}` });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/`;
  return fake;
}

const message: SmsMessage = {
  phone: '13812345678',
  templateKey: 'auth.sms_code',
  params: { code: '482913', minutes: '5' },
  text: '【Autoyard】您的验证码是482913，5分钟内有效。请勿泄露给他人。',
};

function provider(fake: FakeAliyun, secret = SECRET): AliyunSmsProvider {
  return new AliyunSmsProvider({
    accessKeyId: 'LTAI5tFakeKeyId',
    accessKeySecret: secret,
    signName: '汽车之家优选',
    templates: { 'auth.sms_code': { templateCode: 'SMS_465320001', params: ['code'] } },
    endpoint: fake.endpoint,
    timeoutMs: 300,
    maxAttempts: 3,
    backoffMs: 10,
  });
}

describe('Aliyun SMS provider against a local fake API', () => {
  let fake: FakeAliyun;
  beforeAll(async () => {
    fake = await startFakeAliyun();
  });
  afterAll(async () => {
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  });
  beforeEach(() => {
    fake.behaviours.length = 0;
    fake.requests.length = 0;
  });

  it('sends a correctly signed SendSms request and returns the BizId', async () => {
    const result = await provider(fake).send(message);
    expect(result.providerMessageId).toMatch(/^9006197469364984\^/);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      PhoneNumbers: '13812345678',
      SignName: '汽车之家优选',
      TemplateCode: 'SMS_465320001',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      RegionId: 'cn-hangzhou',
    });
    expect(JSON.parse(sent?.TemplateParam ?? '')).toEqual({ code: '482913' });
    expect(sent?.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('fails permanently, without retrying, when Aliyun answers a business error code', async () => {
    fake.behaviours.push({
      kind: 'code',
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: '触发号码天级流控Permits:10',
    });
    const err = await provider(fake)
      .send(message)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect(err).toMatchObject({ providerCode: 'isv.BUSINESS_LIMIT_CONTROL', retryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('is refused with SignatureDoesNotMatch when signed with the wrong secret', async () => {
    const err = await provider(fake, 'not-the-secret')
      .send(message)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ providerCode: 'SignatureDoesNotMatch', retryable: false });
  });

  it('retries after a timeout with a fresh nonce and succeeds', async () => {
    fake.behaviours.push({ kind: 'hang' });
    const result = await provider(fake).send(message);
    expect(result.providerMessageId).toBeTruthy();
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.SignatureNonce).not.toBe(fake.requests[1]?.SignatureNonce);
  });

  it('gives up with a retryable error after the last attempt when the provider keeps failing', async () => {
    for (let i = 0; i < 3; i++)
      fake.behaviours.push({ kind: 'code', code: 'isp.SYSTEM_ERROR', message: 'busy' });
    const err = await provider(fake)
      .send(message)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ providerCode: 'isp.SYSTEM_ERROR', retryable: true });
    expect(fake.requests).toHaveLength(3);
  });
});
