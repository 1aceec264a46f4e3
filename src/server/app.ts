import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authPlugin } from './kernel/auth/auth-plugin.js';
import { guardPlugin } from './kernel/auth/guard.js';
import type { AppContext } from './kernel/context.js';
import { setEventPayloadValidation } from './kernel/events/define.js';
import { controlCharsPlugin } from './kernel/http/control-chars.js';
import { errorHandlerPlugin } from './kernel/http/error-handler.js';
import { idempotencyPlugin } from './kernel/http/idempotency.js';
import { genReqId, loggerOptions } from './kernel/http/logging.js';
import { mutationPlugin } from './kernel/http/mutation-meta.js';
import { rateLimitPlugin } from './kernel/http/rate-limit.js';
import { securityHeadersPlugin } from './kernel/http/security-headers.js';
import { registerWeb } from './kernel/http/web.js';
import { installModules } from './kernel/module.js';
import { resolveBuyerSession } from './modules/crm/index.js';
import { resolveSessionPrincipal } from './modules/identity/index.js';
import { platformModules } from './modules/index.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Fastify app from its dependencies; main.ts listens, tests call `inject()`. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  // Error codes, permissions, subscriptions, jobs and schedules of every module; refuses an inconsistent list.
  installModules(platformModules);
  setEventPayloadValidation(ctx.config.env !== 'production');
  const app = Fastify({
    logger: loggerOptions(ctx.config.logLevel),
    genReqId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only configured proxies may speak for the client (X-Forwarded-For/-Proto); otherwise the socket
    // address is request.ip, whatever headers say. Same in every env so tests exercise it.
    trustProxy: ctx.config.trustedProxies.length > 0 ? [...ctx.config.trustedProxies] : false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin, { config: ctx.config });
  await app.register(cookie);
  // Resolves request.actor from the session cookie or bearer token (onRequest) and checks CSRF. Staff
  // sessions resolve through identity (one query with roles and grants), buyer sessions through crm.
  await app.register(authPlugin, {
    sessions: { lookup: resolveSessionPrincipal, subjects: { buyer: resolveBuyerSession } },
  });
  await app.register(mutationPlugin);
  // Per client IP; in Redis when REDIS_URL is set so every process shares the counters.
  await app.register(rateLimitPlugin, { config: ctx.config });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Autoyard API', version: '1.0.0', description: 'Autoyard platform API (zh-CN first)' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ay_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The spec is always built (app.swagger()); it is served only when API_DOCS allows (off in production).
  if (ctx.config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(guardPlugin);
  // After the guard (401/403 first), before validation: no control character reaches a handler or the database.
  await app.register(controlCharsPlugin);
  // After the guard, so a request is authenticated and authorised before its key is claimed.
  await app.register(idempotencyPlugin);

  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { auth: 'public' },
      schema: {
        hide: true,
        response: {
          200: z.object({ status: z.literal('ready'), backend: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), backend: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await ctx.database.db.execute('select 1');
      } catch {
        return reply.status(503).send({ status: 'unavailable', backend: ctx.database.backend });
      }
      return { status: 'ready' as const, backend: ctx.database.backend };
    },
  );

  for (const mod of platformModules) {
    for (const r of mod.routes ?? []) {
      await app.register(r.plugin, r.atRoot ? {} : { prefix: `/api/v1/${r.prefix}` });
    }
  }

  // The web app (static files + SPA fallback) also installs the JSON 404 for unknown /api paths.
  await registerWeb(app, ctx.config);
  return app;
}
