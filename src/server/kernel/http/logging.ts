import type { FastifyServerOptions } from 'fastify';
import { newId } from '../ids.js';

/** Masks a mainland mobile number for logs and lists: 13812341234 -> 138****1234. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

const SECRET_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.code',
  '*.totpCode',
  '*.recoveryCode',
  '*.token',
  '*.idCardNumber',
];

/** pino options: request ids, secrets removed, phone numbers masked. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [...SECRET_PATHS, '*.phone', '*.mobile'],
      censor: (value: unknown, path: string[]) => {
        const key = path[path.length - 1];
        if ((key === 'phone' || key === 'mobile') && typeof value === 'string') return maskPhone(value);
        return '[redacted]';
      },
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a caller's x-request-id when it is well-formed, otherwise makes one. */
export function genReqId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  if (typeof incoming === 'string' && REQUEST_ID.test(incoming)) return incoming;
  return newId('req');
}
