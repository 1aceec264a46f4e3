import type { ANALYTICS_DEVICES } from './analytics.enums.js';

// What the collector keeps of a request: no personal data (PIPL), no bots, a coarse IP and device class.

/** Crawlers, monitors and scripts. Not 'HeadlessChrome': our own browser journeys run in it. */
const BOT_UA =
  /bot\b|spider|crawler|crawl|slurp|baiduspider|googlebot|bingbot|yisouspider|sogou|360spider|haosouspider|bytespider|petalbot|yandex|duckduckbot|semrush|ahrefs|mj12|facebookexternalhit|python-requests|python-urllib|aiohttp|curl\/|wget|go-http-client|okhttp|java\/|libwww|httpclient|node-fetch|axios\/|scrapy|headless(?!chrome)|phantomjs|lighthouse|pingdom|uptimerobot/i;

/** True when the user agent is a crawler or a script (or missing): such batches are accepted and not stored. */
export function isBotUserAgent(ua: string | undefined | null): boolean {
  if (!ua || ua.trim().length < 8) return true;
  return BOT_UA.test(ua);
}

/** The device class of a user agent (tablets before phones: iPad and Android tablets say 'Mobile' less often). */
export function deviceOf(ua: string | undefined | null): (typeof ANALYTICS_DEVICES)[number] {
  const s = ua ?? '';
  if (/iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i.test(s)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|HarmonyOS|MicroMessenger|Windows Phone/i.test(s)) return 'mobile';
  return 'desktop';
}

/** The network of an address, never the address: IPv4 /24 ('1.2.3.0/24'), IPv6 /48 ('2408:8207:1::/48'). */
export function truncateIp(ip: string | undefined | null): string | null {
  if (!ip) return null;
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const addr = v4mapped?.[1] ?? ip;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(addr);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!addr.includes(':')) return null;
  const [head = '', tail] = addr.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'),
          ...tailGroups,
        ];
  const first = groups.slice(0, 3).map((g) => (Number.parseInt(g || '0', 16) || 0).toString(16));
  while (first.length < 3) first.push('0');
  return `${first.join(':')}::/48`;
}

/** Mainland mobile numbers, resident ID numbers, e-mail addresses, bank-card-like digit runs. */
const PERSONAL_VALUE = /1[3-9]\d{9}|\d{17}[\dXx]|\d{15}|[^\s@]+@[^\s@]+\.[^\s@]+|\d{12,19}/;
/** Words in a key that name personal data, whatever its value looks like (camelCase and snake_case split). */
const PERSONAL_KEY_WORDS = new Set([
  'name',
  'phone',
  'mobile',
  'tel',
  'email',
  'mail',
  'idcard',
  'identity',
  'passport',
  'address',
  'addr',
  'wechat',
  'weixin',
  'qq',
  'openid',
  'unionid',
  'plate',
  'vin',
  'password',
  'token',
]);

function isPersonalKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (/phone|email|idcard|id_card|realname|fullname/.test(lower)) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_');
  return words.some((w) => PERSONAL_KEY_WORDS.has(w)) || (words.includes('id') && words.includes('card'));
}

/** Keeps the props that cannot carry personal data; returns what is left and how many were dropped. */
export function stripPersonalProps(
  props: Readonly<Record<string, string | number | boolean | null>> | undefined,
): { props: Record<string, string | number | boolean | null>; stripped: number } {
  const out: Record<string, string | number | boolean | null> = {};
  let stripped = 0;
  for (const [key, value] of Object.entries(props ?? {})) {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    if (isPersonalKey(key) || (text && PERSONAL_VALUE.test(text))) {
      stripped++;
      continue;
    }
    out[key] = value;
  }
  return { props: out, stripped };
}

/** Search text without runs of 7 or more digits (a phone or ID number typed into the search box). */
export function scrubDigits(text: string): string {
  return text
    .replace(/\d[\d\s-]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? '' : run))
    .replace(/\s{2,}/g, ' ')
    .trim();
}
