import { describe, expect, it } from 'vitest';
import {
  amapUrl,
  baiduUrl,
  cardTitle,
  foldHours,
  keySpec,
  seriesWithoutBrand,
  silhouetteOf,
  vehicleName,
} from './present.js';

const nine = (from: string, to: string): [string, string][] => [[from, to]];
const week = (h: [string, string][]) => ({ mon: h, tue: h, wed: h, thu: h, fri: h, sat: h, sun: h });

describe('opening hours', () => {
  it('folds a week of equal days into one line', () => {
    expect(foldHours(week(nine('08:30', '18:00')), 'zh-CN')).toEqual(['周一至周日 08:30-18:00']);
    expect(foldHours(week(nine('08:30', '18:00')), 'en')).toEqual(['Mon–Sun 08:30–18:00']);
  });

  it('groups equal consecutive days and names a closed day', () => {
    const h = {
      ...week(nine('09:00', '18:00')),
      sat: nine('10:00', '17:00'),
      sun: nine('10:00', '17:00'),
    };
    expect(foldHours(h, 'zh-CN')).toEqual(['周一至周五 09:00-18:00', '周六至周日 10:00-17:00']);
    const closedMonday = { ...week(nine('09:00', '18:00')), mon: [] };
    expect(foldHours(closedMonday, 'zh-CN')).toEqual(['周一 休息', '周二至周日 09:00-18:00']);
    expect(foldHours(closedMonday, 'en')).toEqual(['Mon Closed', 'Tue–Sun 09:00–18:00']);
  });
});

describe('map links', () => {
  const store = { name: '朝阳店', address: '北京市朝阳区 1 号', latitude: 39.9, longitude: 116.4 };

  it('opens Amap with a marker at longitude,latitude and the store name', () => {
    const url = new URL(amapUrl(store) ?? '');
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('116.4,39.9');
    expect(url.searchParams.get('name')).toBe('朝阳店');
  });

  it('opens Baidu with latitude,longitude in GCJ-02, title and address', () => {
    const url = new URL(baiduUrl(store) ?? '');
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('location')).toBe('39.9,116.4');
    expect(url.searchParams.get('title')).toBe('朝阳店');
    expect(url.searchParams.get('content')).toBe('北京市朝阳区 1 号');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('coord_type')).toBe('gcj02');
    expect(url.searchParams.get('src')).toBe('autoyard');
  });

  it('gives no link without coordinates', () => {
    expect(amapUrl({ ...store, latitude: null })).toBeNull();
    expect(baiduUrl({ ...store, longitude: null })).toBeNull();
  });
});

describe('card titles', () => {
  const li = {
    brand: { slug: 'lixiang', name: '理想', nameEn: 'Li Auto' },
    series: { id: 's', slug: 'lixiang-l9', name: '理想L9', nameEn: 'Li Auto L9' },
    trimName: '2024款 Max',
    modelYear: 2024,
  };

  it('names the brand once when the series starts with it', () => {
    expect(seriesWithoutBrand('理想L9', ['理想'])).toBe('L9');
    expect(seriesWithoutBrand('问界M7', ['问界'])).toBe('M7');
    expect(seriesWithoutBrand('汉', ['比亚迪'])).toBe('汉');
    expect(seriesWithoutBrand('理想', ['理想'])).toBe('理想');
    expect(vehicleName(li, 'zh-CN')).toBe('理想 L9');
    expect(cardTitle(li, 'zh-CN')).toBe('理想 L9 2024款 Max');
    expect(cardTitle(li, 'en')).toBe('Li Auto L9 2024 Max');
  });
});

describe('key spec and artwork', () => {
  it('shows the range of cars that plug in and the displacement of the others', () => {
    expect(keySpec({ energyType: 'bev', electricRangeKm: 600, displacementL: null })).toEqual({
      kind: 'range',
      km: 600,
    });
    expect(keySpec({ energyType: 'phev', electricRangeKm: 120, displacementL: 1.5 })).toEqual({
      kind: 'range',
      km: 120,
    });
    expect(keySpec({ energyType: 'petrol', electricRangeKm: null, displacementL: 2 })).toEqual({
      kind: 'displacement',
      litres: '2.0',
    });
    expect(keySpec({ energyType: 'hev', electricRangeKm: null, displacementL: null })).toBeNull();
  });

  it('draws each body type with its own silhouette', () => {
    expect(silhouetteOf('suv')).toBe('suv');
    expect(silhouetteOf('mpv')).toBe('mpv');
    expect(silhouetteOf('coupe')).toBe('sports');
    expect(silhouetteOf('convertible')).toBe('sports');
    expect(silhouetteOf('pickup')).toBe('pickup');
  });
});
