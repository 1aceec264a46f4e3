import { createHmac } from 'node:crypto';

/**
 * Aliyun's percent-encoding for RPC signatures (RFC 3986): only A-Z a-z 0-9 - _ . ~ stay as they are,
 * a space becomes %20 (never +), `*` becomes %2A, UTF-8 bytes become %XY with upper-case hex.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonicalized query: parameters sorted by name, each `encode(name)=encode(value)`, joined by `&`. */
export function canonicalizeRpcParams(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

/** StringToSign = METHOD + "&" + encode("/") + "&" + encode(canonicalized query). */
export function rpcStringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizeRpcParams(params))}`;
}

/** Signature (V1.0, HMAC-SHA1) of an Aliyun RPC request: Base64(HMAC-SHA1(secret + "&", StringToSign)). */
export function signRpcRequest(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(rpcStringToSign(method, params), 'utf8')
    .digest('base64');
}

/** `2016-02-23T12:46:24Z`: ISO 8601 UTC to the second, as the RPC `Timestamp` parameter wants it. */
export function rpcTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
