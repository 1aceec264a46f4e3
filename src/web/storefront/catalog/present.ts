import { useEffect } from 'react';
import type { TVehicleCard } from '../../../server/modules/search/search.contract.js';

// Pure presentation rules of the storefront's vehicle pages and cards: titles, key spec, opening hours,
// map links. Kept free of React so each rule has a unit test.

type Lang = 'zh-CN' | 'en';
type Card = Pick<TVehicleCard, 'brand' | 'series' | 'trimName' | 'modelYear'>;

/** A series name without its brand in front: 理想L9 → L9 under 理想, 问界M7 → M7 under 问界. */
export function seriesWithoutBrand(series: string, brands: readonly string[]): string {
  const s = series.trim();
  for (const b of brands) {
    const brand = b.trim();
    if (!brand || s.length <= brand.length) continue;
    if (s.toLowerCase().startsWith(brand.toLowerCase())) {
      const rest = s.slice(brand.length).replace(/^[\s\-·]+/, '');
      if (rest) return rest;
    }
  }
  return s;
}

/** "理想 L9" / "Li Auto L9": brand once, then the series without the brand repeated. */
export function vehicleName(v: Card, lang: Lang): string {
  const en = lang === 'en';
  const brand = en ? (v.brand.nameEn ?? v.brand.name) : v.brand.name;
  const series = en ? (v.series.nameEn ?? v.series.name) : v.series.name;
  const brands = [v.brand.name, v.brand.nameEn ?? ''];
  return `${brand} ${seriesWithoutBrand(series, brands)}`;
}

/** The trim line under the name: "2024款 Max" / "2024 Max" (the year once, even when the trim repeats it). */
export function trimLine(v: Card, lang: Lang): string {
  const trim = v.trimName.replace(/^\s*\d{4}\s*款?\s*/, '').trim();
  const year = lang === 'en' ? String(v.modelYear) : `${v.modelYear}款`;
  return trim ? `${year} ${trim}` : year;
}

/** The card's title: name and trim, never the brand twice. */
export function cardTitle(v: Card, lang: Lang): string {
  return `${vehicleName(v, lang)} ${trimLine(v, lang)}`;
}

const PLUG_IN = new Set(['bev', 'phev', 'erev']);

/**
 * The one spec a card shows: the CLTC electric range for cars that plug in, the engine displacement for
 * petrol, diesel and hybrids; null when the data is missing.
 */
export function keySpec(
  v: Pick<TVehicleCard, 'energyType' | 'electricRangeKm' | 'displacementL'>,
): { kind: 'range'; km: number } | { kind: 'displacement'; litres: string } | null {
  if (PLUG_IN.has(v.energyType) || v.energyType === 'fcev') {
    return v.electricRangeKm ? { kind: 'range', km: v.electricRangeKm } : null;
  }
  if (v.displacementL) return { kind: 'displacement', litres: v.displacementL.toFixed(1) };
  return null;
}

/** Body types that have their own drawing; the others borrow the closest. */
export type Silhouette = 'suv' | 'sedan' | 'mpv' | 'hatchback' | 'pickup' | 'sports' | 'wagon';

export function silhouetteOf(bodyType: string): Silhouette {
  switch (bodyType) {
    case 'suv':
    case 'mpv':
    case 'hatchback':
    case 'pickup':
    case 'wagon':
    case 'sedan':
      return bodyType;
    case 'coupe':
    case 'convertible':
      return 'sports';
    default:
      return 'sedan';
  }
}

export const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof WEEK)[number];
const DAY_ZH: Record<Day, string> = {
  mon: '周一',
  tue: '周二',
  wed: '周三',
  thu: '周四',
  fri: '周五',
  sat: '周六',
  sun: '周日',
};
const DAY_EN: Record<Day, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/**
 * Opening hours folded into lines: equal consecutive days share one line ("周一至周五 09:00-18:00",
 * "周六至周日 10:00-17:00"; all equal gives "周一至周日 08:30-18:00"; "Mon–Sun 08:30–18:00" in English).
 */
export function foldHours(hours: Record<string, [string, string][]>, lang: Lang): string[] {
  const en = lang === 'en';
  const names = en ? DAY_EN : DAY_ZH;
  const dash = en ? '–' : '-';
  const closed = en ? 'Closed' : '休息';
  const text = (d: Day) => {
    const ranges = hours[d] ?? [];
    return ranges.length === 0 ? closed : ranges.map(([a, b]) => `${a}${dash}${b}`).join(', ');
  };
  const lines: string[] = [];
  let start = 0;
  for (let i = 1; i <= WEEK.length; i++) {
    const first = WEEK[start] as Day;
    const day = WEEK[i];
    if (day !== undefined && text(day) === text(first)) continue;
    const last = WEEK[i - 1] as Day;
    const span = first === last ? names[first] : `${names[first]}${en ? '–' : '至'}${names[last]}`;
    lines.push(`${span} ${text(first)}`);
    start = i;
  }
  return lines;
}

interface Place {
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

/** Amap's web marker (opens the app on a phone): https://uri.amap.com/marker?position=LNG,LAT&name=… */
export function amapUrl(p: Place): string | null {
  if (p.latitude === null || p.longitude === null) return null;
  const q = new URLSearchParams({
    position: `${p.longitude},${p.latitude}`,
    name: p.name,
    src: 'autoyard',
    coordinate: 'gaode',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${q.toString()}`;
}

/** Baidu Maps' web marker; the stored coordinates are GCJ-02 (what Amap uses), so Baidu is told so. */
export function baiduUrl(p: Place): string | null {
  if (p.latitude === null || p.longitude === null) return null;
  const q = new URLSearchParams({
    location: `${p.latitude},${p.longitude}`,
    title: p.name,
    content: p.address,
    output: 'html',
    coord_type: 'gcj02',
    src: 'autoyard',
  });
  return `https://api.map.baidu.com/marker?${q.toString()}`;
}

/** Sets the browser tab's title while a page is shown ("找车 - Autoyard"), restoring the previous one after. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} - Autoyard`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
