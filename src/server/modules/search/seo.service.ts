import type { AppContext } from '../../kernel/context.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import type { HeadTags } from '../../kernel/http/web.js';
import { searchCaches } from './search.caches.js';
import type { TVehicleDetail } from './search.contract.js';
import { sitemapRows } from './search.repository.js';

// SEO for crawlers that do not run JavaScript: head tags (title, description, canonical, JSON-LD) for
// vehicle and search pages, /sitemap.xml and /robots.txt.

const BODY_SCHEMA: Record<string, string> = {
  sedan: 'Sedan',
  hatchback: 'Hatchback',
  suv: 'SUV',
  mpv: 'Minivan',
  coupe: 'Coupe',
  wagon: 'Station wagon',
  pickup: 'Pickup truck',
  convertible: 'Convertible',
};
const FUEL_SCHEMA: Record<string, string> = {
  petrol: 'Gasoline',
  diesel: 'Diesel',
  hev: 'Hybrid',
  phev: 'Plug-in hybrid',
  erev: 'Extended-range electric',
  bev: 'Electric',
  fcev: 'Hydrogen',
};

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

function absolute(publicUrl: string, url: string): string {
  return /^https?:\/\//.test(url) ? url : `${base(publicUrl)}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** The canonical storefront URL of a vehicle. */
export function vehicleUrl(publicUrl: string, id: string): string {
  return `${base(publicUrl)}/vehicles/${encodeURIComponent(id)}`;
}

/** schema.org Car with its Offer (price in yuan, CNY, availability) and the selling AutoDealer. */
export function buildVehicleJsonLd(d: TVehicleDetail, publicUrl: string): Record<string, unknown> {
  const v = d.vehicle;
  const url = vehicleUrl(publicUrl, v.id);
  const car: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Car',
    name: v.title,
    url,
    brand: { '@type': 'Brand', name: v.brand.name },
    model: v.series.name,
    vehicleConfiguration: v.trimName,
    vehicleModelDate: String(v.modelYear),
    bodyType: BODY_SCHEMA[v.bodyType] ?? v.bodyType,
    fuelType: FUEL_SCHEMA[v.energyType] ?? v.energyType,
    vehicleSeatingCapacity: v.seats,
    itemCondition: v.kind === 'used' ? 'https://schema.org/UsedCondition' : 'https://schema.org/NewCondition',
    mileageFromOdometer: { '@type': 'QuantitativeValue', value: v.mileageKm, unitCode: 'KMT' },
    offers: {
      '@type': 'Offer',
      url,
      price: (v.priceFen / 100).toFixed(2),
      priceCurrency: 'CNY',
      availability: v.status === 'listed' ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      ...(d.store
        ? {
            seller: {
              '@type': 'AutoDealer',
              name: d.store.name,
              ...(d.store.phone ? { telephone: d.store.phone } : {}),
              address: { '@type': 'PostalAddress', streetAddress: d.store.address, addressCountry: 'CN' },
              ...(d.store.latitude !== null && d.store.longitude !== null
                ? {
                    geo: {
                      '@type': 'GeoCoordinates',
                      latitude: d.store.latitude,
                      longitude: d.store.longitude,
                    },
                  }
                : {}),
            },
          }
        : {}),
    },
  };
  const images = d.gallery.filter((m) => m.kind === 'image').map((m) => absolute(publicUrl, m.url));
  if (images.length > 0) car.image = images;
  if (d.description) car.description = d.description.slice(0, 500);
  if (d.used) {
    car.vehicleIdentificationNumber = d.used.vin;
    car.dateVehicleFirstRegistered = d.used.firstRegistrationDate;
    car.numberOfPreviousOwners = d.used.ownersCount;
  }
  return car;
}

function wan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(2))}万`;
}

/** Head tags of a vehicle page. */
export function vehicleHead(d: TVehicleDetail, _publicUrl: string): HeadTags {
  const v = d.vehicle;
  const facts =
    v.kind === 'used'
      ? `${v.firstRegistrationDate?.slice(0, 4) ?? ''}年上牌, 表显${Number((v.mileageKm / 10_000).toFixed(2))}万公里`
      : `厂商指导价${wan(v.guidePriceFen)}`;
  return {
    title: `${v.title} 售价${wan(v.priceFen)} - Autoyard`,
    description: `${v.kind === 'used' ? '二手' : '新车'}${v.brand.name}${v.series.name} ${v.trimName}, 售价${wan(v.priceFen)}, ${facts}${d.store ? `, ${d.store.name}` : ''}`,
    canonicalUrl: d.canonicalUrl,
    jsonLd: [d.jsonLd],
  };
}

/** Head tags of a search landing page (/search?brand=byd&series=byd-han): canonical keeps brand and series only. */
export async function searchHead(
  ctx: AppContext,
  query: URLSearchParams,
  publicUrl: string,
): Promise<HeadTags> {
  const dict = await searchCaches(ctx).dictionary.get(ctx.database.db);
  const brand = query.get('brand');
  const seriesSlug = query.get('series');
  const brandOk = brand && /^[a-z0-9-]+$/.test(brand) && dict.brandNames.has(brand) ? brand : null;
  const seriesOk =
    seriesSlug && /^[a-z0-9-]+$/.test(seriesSlug) && dict.seriesNames.has(seriesSlug) ? seriesSlug : null;
  const params = new URLSearchParams();
  if (brandOk) params.set('brand', brandOk);
  if (seriesOk) params.set('series', seriesOk);
  const name = [
    brandOk ? dict.brandNames.get(brandOk) : null,
    seriesOk ? dict.seriesNames.get(seriesOk) : null,
  ]
    .filter(Boolean)
    .join(' ');
  const qs = params.toString();
  return {
    title: name
      ? `${name}报价_${name}新车二手车在售车源 - Autoyard`
      : '找车 - 新车二手车报价与在售车源 - Autoyard',
    description: name
      ? `${name}新车与二手车在售车源、价格、参数配置与门店信息, 支持按价格、能源类型、城市筛选。`
      : '按品牌、价格、车身类型、能源类型、城市筛选新车与二手车, 查看参数、价格与检测报告。',
    canonicalUrl: `${base(publicUrl)}/search${qs ? `?${qs}` : ''}`,
  };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** /sitemap.xml: every listed vehicle plus brand and series landing pages, with lastmod. */
export async function sitemapXml(db: DbHandle, publicUrl: string): Promise<string> {
  const { vehicles, series } = await sitemapRows(db);
  const urls: string[] = [];
  const add = (loc: string, lastmod: string | null) =>
    urls.push(
      `  <url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`,
    );
  add(`${base(publicUrl)}/`, null);
  const brandLastmod = new Map<string, string>();
  for (const s of series) {
    const lm = new Date(s.updatedAt).toISOString();
    const prev = brandLastmod.get(s.brandSlug);
    if (!prev || prev < lm) brandLastmod.set(s.brandSlug, lm);
  }
  for (const [brand, lm] of brandLastmod)
    add(`${base(publicUrl)}/search?brand=${encodeURIComponent(brand)}`, lm);
  for (const s of series) {
    add(
      `${base(publicUrl)}/search?brand=${encodeURIComponent(s.brandSlug)}&series=${encodeURIComponent(s.seriesSlug)}`,
      new Date(s.updatedAt).toISOString(),
    );
  }
  for (const v of vehicles) add(vehicleUrl(publicUrl, v.id), v.updatedAt.toISOString());
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** /robots.txt: crawl the storefront, not the console, dealer portal, API or account pages. */
export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /console',
    'Disallow: /dealer',
    'Disallow: /api',
    'Disallow: /account',
    `Sitemap: ${base(publicUrl)}/sitemap.xml`,
    '',
  ].join('\n');
}

/** Whether an error means "no such vehicle" (the head falls back to the plain page). */
export function isNotFound(e: unknown): boolean {
  return e instanceof AppError && e.code === 'VEHICLE_NOT_FOUND';
}
