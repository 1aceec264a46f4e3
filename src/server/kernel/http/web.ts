import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { sendError } from './error-handler.js';

/** Where `npm run build:web` (vite build) writes the web app. */
export const WEB_ROOT = path.resolve('dist/web');

const HASHED_ASSET = /^\/assets\//;
const HAS_EXTENSION = /\.[a-z0-9]+$/i;

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Autoyard</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6">
<h1>Autoyard</h1>
<p>网页应用尚未构建。请运行 <code>npm run build:web</code>（或使用 <code>npm start</code>，它会自动构建），然后刷新本页。</p>
<p>The web app has not been built yet. Run <code>npm run build:web</code> (or start with <code>npm start</code>,
which builds it), then reload this page.</p>
<p>API: <a href="/api/docs">/api/docs</a></p>
</body></html>`;

/**
 * Whether a request is a page of the single-page app (answered with index.html): a GET or HEAD for any
 * path outside /api that is not a file (no extension), e.g. `/`, `/cars/x`, `/console/staff`.
 */
export function isAppRoute(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0] ?? '/';
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  if (pathname === '/health' || pathname === '/ready') return false;
  return !HAS_EXTENSION.test(pathname);
}

/** Tags a module wants in the <head> of an app page (SEO): plain values, escaped here. */
export interface HeadTags {
  readonly title: string;
  readonly description?: string;
  readonly canonicalUrl?: string;
  /** schema.org objects, each serialised into a `<script type="application/ld+json">`. */
  readonly jsonLd?: readonly Record<string, unknown>[];
}

/** Returns head tags for an app page it knows (by path), or null to leave the page as built. */
export type HeadRenderer = (request: FastifyRequest, pathname: string) => Promise<HeadTags | null>;

const headRenderers: HeadRenderer[] = [];

/** Adds a module's SEO head renderer (`installModules` does, from the module's `headRenderers`). */
export function registerHeadRenderer(renderer: HeadRenderer): void {
  headRenderers.push(renderer);
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that cannot close its <script> element or open a comment (`<`, `>`, `&`, U+2028/9 escaped). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Replaces the page's title and description and adds canonical + JSON-LD before </head>. */
export function injectHead(html: string, head: HeadTags): string {
  let out = html.replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(head.title)}</title>`);
  const tags: string[] = [];
  if (head.description !== undefined) {
    out = out.replace(/<meta\s+name="description"[^>]*>\s*/i, '');
    tags.push(`<meta name="description" content="${escapeHtml(head.description)}" />`);
  }
  if (head.canonicalUrl) tags.push(`<link rel="canonical" href="${escapeHtml(head.canonicalUrl)}" />`);
  for (const obj of head.jsonLd ?? []) {
    tags.push(`<script type="application/ld+json">${jsonForScript(obj)}</script>`);
  }
  return out.replace(/<\/head>/i, () => `${tags.join('\n')}\n</head>`);
}

async function renderHead(request: FastifyRequest): Promise<HeadTags | null> {
  const pathname = request.url.split('?')[0] ?? '/';
  for (const renderer of headRenderers) {
    try {
      const head = await renderer(request, pathname);
      if (head) return head;
    } catch (err) {
      // SEO is best effort: the page still works without its head tags.
      request.log.warn({ err }, 'head renderer failed');
    }
  }
  return null;
}

/** Dev-only pages (the SMS inbox) that production must not serve. */
function isDevOnly(url: string): boolean {
  const pathname = url.split('?')[0] ?? '/';
  return pathname === '/dev' || pathname.startsWith('/dev/');
}

/**
 * Serves the built web app from dist/web: hashed assets with immutable cache headers, index.html (never
 * cached) for every app route, and the JSON error shape for unknown /api paths and missing files.
 * Registered after the module routes; it installs the app's not-found handler.
 */
export async function registerWeb(
  app: FastifyInstance,
  config: Pick<Config, 'env'>,
  root: string = WEB_ROOT,
): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: true,
      index: false,
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: (reply, filePath) => {
        const rel = `/${path.relative(root, filePath).split(path.sep).join('/')}`;
        reply.header(
          'cache-control',
          HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  const production = config.env === 'production';
  const indexHtml = built ? readFileSync(path.join(root, 'index.html'), 'utf8') : MISSING_BUILD_PAGE;
  const serveApp = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppRoute(request.method, request.url) || (production && isDevOnly(request.url))) {
      return sendError(request, reply, 'NOT_FOUND');
    }
    const head = headRenderers.length > 0 ? await renderHead(request) : null;
    if (!built || head) {
      return reply
        .status(200)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(head ? injectHead(indexHtml, head) : indexHtml);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  };
  // The static wildcard does not answer the bare root (index: false), so `/` gets its own route.
  app.get('/', { schema: { hide: true } }, serveApp);
  app.setNotFoundHandler(serveApp);
}
