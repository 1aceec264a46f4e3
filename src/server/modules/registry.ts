import type { FastifyPluginAsync } from 'fastify';

/** A business module's HTTP surface, mounted under `/api/v1/<prefix>` as an encapsulated plugin. */
export interface ModuleRoutes {
  readonly name: string;
  readonly prefix: string;
  readonly routes: FastifyPluginAsync;
}

/** Every module with routes; app.ts mounts them in this order. */
export const moduleRoutes: readonly ModuleRoutes[] = [];
