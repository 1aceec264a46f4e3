import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HeadRenderer } from '../../kernel/http/web.js';
import { ZListingId } from './search.contract.js';
import { getVehicleDetail } from './search.detail.js';
import { isNotFound, robotsTxt, searchHead, sitemapXml, vehicleHead } from './seo.service.js';

/** Server-injected head tags for /vehicles/:id and /search pages (crawlers see them without JavaScript). */
export const searchHeadRenderer: HeadRenderer = async (request, pathname) => {
  const ctx = request.server.ctx;
  const vehicle = /^\/vehicles\/([^/]+)$/.exec(pathname);
  if (vehicle) {
    const id = ZListingId.safeParse(decodeURIComponent(vehicle[1] ?? ''));
    if (!id.success) return null;
    try {
      const detail = await getVehicleDetail(ctx, id.data, null, { recordView: false });
      return vehicleHead(detail, ctx.config.publicUrl);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }
  if (pathname === '/search') {
    const qs = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    return searchHead(ctx, new URLSearchParams(qs), ctx.config.publicUrl);
  }
  return null;
};

/** /sitemap.xml and /robots.txt: mounted at the site root, not under /api. */
export const seoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sitemap.xml',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['seo'],
        summary: 'Sitemap: listed vehicles, brand and series pages',
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const xml = await sitemapXml(app.ctx.database.db, app.ctx.config.publicUrl);
      return reply
        .header('cache-control', 'public, max-age=600')
        .type('application/xml; charset=utf-8')
        .send(xml);
    },
  );

  app.get(
    '/robots.txt',
    {
      config: { auth: 'public' },
      schema: { tags: ['seo'], summary: 'Crawler rules', response: { 200: z.string() } },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .type('text/plain; charset=utf-8')
        .send(robotsTxt(app.ctx.config.publicUrl)),
  );
};
