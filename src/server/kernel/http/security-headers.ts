import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';

/** 180 days; sent only on HTTPS responses (a browser ignores it over HTTP anyway, and proxies may cache). */
export const HSTS_VALUE = 'max-age=15552000; includeSubDomains';

/** The WebSocket origin of the site itself: ws://host:port for http, wss://host for https. */
export function webSocketOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin;
}

/**
 * Helmet's headers with our CSP, plus Strict-Transport-Security only for requests that came over HTTPS
 * (`request.protocol`, which believes X-Forwarded-Proto only from a trusted proxy).
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  await app.register(helmet, {
    hsts: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        // Bare ws:/wss: would let a page open sockets to any host; only our own origin is allowed.
        connectSrc: ["'self'", webSocketOrigin(opts.config.publicUrl)],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
  });
});
