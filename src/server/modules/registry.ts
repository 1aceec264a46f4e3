import type { FastifyPluginAsync } from 'fastify';
import { accessoriesRoutes, listingsRoutes, modelRoutes, searchRoutes, seoRoutes } from './catalog/index.js';
import { crmRoutes, devSmsInboxRoutes } from './crm/index.js';
import { dealersRoutes } from './dealers/index.js';
import { identityRoutes } from './identity/index.js';
import { devMailboxRoutes, platformRoutes } from './platform/index.js';

/** A business module's HTTP surface, mounted under `/api/v1/<prefix>` as an encapsulated plugin. */
export interface ModuleRoutes {
  readonly name: string;
  readonly prefix: string;
  readonly routes: FastifyPluginAsync;
  /** Mounted at the site root instead of /api/v1/<prefix> (sitemap.xml, robots.txt). */
  readonly atRoot?: boolean;
}

/** Every module with routes; app.ts mounts them in this order. */
export const moduleRoutes: readonly ModuleRoutes[] = [
  { name: 'identity', prefix: 'identity', routes: identityRoutes },
  { name: 'crm', prefix: 'crm', routes: crmRoutes },
  { name: 'dealers', prefix: 'dealers', routes: dealersRoutes },
  { name: 'catalog-model', prefix: 'catalog', routes: modelRoutes },
  { name: 'catalog-listings', prefix: 'catalog', routes: listingsRoutes },
  { name: 'catalog-accessories', prefix: 'catalog', routes: accessoriesRoutes },
  { name: 'catalog-search', prefix: 'catalog', routes: searchRoutes },
  { name: 'catalog-seo', prefix: '', routes: seoRoutes, atRoot: true },
  // Registers nothing in production: the SMS dev inbox must not exist there.
  { name: 'dev-sms-inbox', prefix: 'dev', routes: devSmsInboxRoutes },
  { name: 'platform', prefix: 'platform', routes: platformRoutes },
  // Registers nothing in production: the dev mailbox (emails) must not exist there.
  { name: 'dev-mailbox', prefix: 'dev', routes: devMailboxRoutes },
];
