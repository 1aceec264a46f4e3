import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Mutation } from '../mutation.js';
import { resolveLang } from './lang.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who, when, from where and in which language: built once per request, passed to services as is. */
    readonly mutation: Mutation;
  }
}

const built = new WeakMap<FastifyRequest, Mutation>();

/** Decorates every request with its `Mutation`, built on first use (after auth resolved the actor). */
export const mutationPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('mutation', {
    getter(this: FastifyRequest): Mutation {
      let m = built.get(this);
      if (!m) {
        m = {
          actor: this.actor,
          at: app.ctx.clock.now(),
          requestId: this.id,
          ip: this.ip,
          lang: resolveLang(this.headers['accept-language']),
        };
        built.set(this, m);
      }
      return m;
    },
  });
});
