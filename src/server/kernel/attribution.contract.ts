import { z } from 'zod';

// Where a visitor came from: shared by leads, test drives, orders and analytics (browser-safe: zod only).

/** The marketing channel behind a visit, from UTM parameters and the referrer. */
export const TRAFFIC_CHANNELS = ['seo', 'sem', 'social', 'kol', 'partner', 'direct'] as const;
export type TrafficChannel = (typeof TRAFFIC_CHANNELS)[number];

/**
 * How a visitor reached us, carried by every contact that makes or updates a lead (consultations, test-drive
 * bookings, …). The web client reads UTM parameters and document.referrer at landing and sends them along.
 */
export const ZTrafficSource = z.object({
  channel: z.enum(TRAFFIC_CHANNELS).default('direct'),
  utmSource: z.string().max(100).nullable().default(null),
  utmMedium: z.string().max(100).nullable().default(null),
  utmCampaign: z.string().max(100).nullable().default(null),
  referrer: z.string().max(500).nullable().default(null),
});
export type TTrafficSource = z.infer<typeof ZTrafficSource>;

/** Referrer hosts of social networks (a visit from them is 'social' unless UTM says otherwise). */
const SOCIAL_REFERRERS =
  /(^|\.)(weibo\.com|weibo\.cn|douyin\.com|iesdouyin\.com|xiaohongshu\.com|xhslink\.com|weixin\.qq\.com|wx\.qq\.com|bilibili\.com|b23\.tv|zhihu\.com)$/;
/** Referrer hosts of search engines (organic: 'seo'). */
const SEARCH_REFERRERS = /(^|\.)(baidu\.com|sogou\.com|so\.com|bing\.com|google\.[a-z.]+|sm\.cn)$/;

/** The host of a referrer URL (lower case), or null when it is not a URL. */
export function referrerHostOf(referrer: string | null | undefined): string | null {
  if (!referrer) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(referrer.trim());
  return m?.[1] ? m[1].toLowerCase().slice(0, 253) : null;
}

/**
 * The marketing channel of a visit, one rule for the browser and the server: paid UTM mediums first
 * (cpc/ppc/sem -> sem, kol/influencer -> kol, partner/affiliate/cps -> partner, social -> social), then the
 * referrer (social networks -> social, search engines -> seo), else direct.
 */
export function classifyTrafficChannel(input: {
  utmSource?: string | null | undefined;
  utmMedium?: string | null | undefined;
  referrer?: string | null | undefined;
}): TrafficChannel {
  const medium = (input.utmMedium ?? '').trim().toLowerCase();
  const source = (input.utmSource ?? '').trim().toLowerCase();
  if (/\b(cpc|ppc|sem|paid)\b|paid_search|paidsearch/.test(medium)) return 'sem';
  if (/\b(kol|influencer)\b/.test(medium)) return 'kol';
  if (/\b(partner|affiliate|cps)\b/.test(medium)) return 'partner';
  if (/\bsocial\b/.test(medium)) return 'social';
  const host = referrerHostOf(input.referrer);
  if (host && SOCIAL_REFERRERS.test(host)) return 'social';
  if (/^(weibo|douyin|xiaohongshu|xhs|weixin|wechat|bilibili|zhihu)$/.test(source)) return 'social';
  if (host && SEARCH_REFERRERS.test(host)) return 'seo';
  return 'direct';
}
