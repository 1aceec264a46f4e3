import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
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
import type { AppContext } from './context.js';
import { authPlugin } from './kernel/auth/auth-plugin.js';
import { guardPlugin } from './kernel/auth/guard.js';
import { errorHandlerPlugin } from './kernel/http/error-handler.js';
import { idempotencyPlugin } from './kernel/http/idempotency.js';
import { genReqId, loggerOptions } from './kernel/http/logging.js';
import { registerWeb } from './kernel/http/web.js';
import { moduleRoutes } from './modules/registry.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Fastify app from its dependencies; main.ts listens, tests call `inject()`. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config.logLevel),
    genReqId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: ctx.config.env === 'production',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorHandlerPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Resolves request.actor from the session cookie or bearer token (onRequest) and checks CSRF.
  await app.register(authPlugin);
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: () => {
      const err = new Error('rate limited') as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });
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
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(guardPlugin);
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

  for (const mod of moduleRoutes) {
    await app.register(mod.routes, mod.atRoot ? {} : { prefix: `/api/v1/${mod.prefix}` });
  }

  // The web app (static files + SPA fallback) also installs the JSON 404 for unknown /api paths.
  await registerWeb(app, ctx.config);
  return app;
}
