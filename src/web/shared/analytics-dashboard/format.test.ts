import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMetricValue,
  metricChange,
  presetRange,
  rangeFromUrl,
  shanghaiToday,
  UNGROUPED_METRICS,
} from './format.js';

describe('how a dashboard figure reads', () => {
  it('shows money in yuan with 万 and 亿 when large, and K/M in English', () => {
    expect(formatMetricValue('fen', 1_234_567_800, 'zh-CN')).toBe('¥1234.57万');
    expect(formatMetricValue('fen', 25_000_000_000, 'zh-CN')).toBe('¥2.5亿');
    expect(formatMetricValue('fen', 899_900, 'zh-CN')).toBe('¥8,999');
    expect(formatMetricValue('fen', 1_234_567_800, 'en')).toBe('¥12.35M');
  });

  it('shows basis points as per cent, seconds as 时分秒, ratios x100 with two decimals, nothing as a dash', () => {
    expect(formatMetricValue('bp', 3_250, 'zh-CN')).toBe('32.50%');
    expect(formatMetricValue('seconds', 200, 'zh-CN')).toBe('3分20秒');
    expect(formatDuration(3_900, 'zh-CN')).toBe('1小时5分');
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatMetricValue('ratio100', 235, 'zh-CN')).toBe('2.35');
    expect(formatMetricValue('count', 12_400, 'zh-CN')).toBe('1.24万');
    expect(formatMetricValue('count', 980, 'zh-CN')).toBe('980');
    expect(formatMetricValue('fen', null, 'zh-CN')).toBe('—');
  });

  it('puts every contract metric in a card group', () => {
    expect(UNGROUPED_METRICS).toEqual([]);
  });
});

describe('the change on the previous period', () => {
  it('is a relative per cent for counts and good news when it rises', () => {
    expect(metricChange('uv', 'count', 12_400, 11_273)).toEqual({
      direction: 'up',
      text: '10%',
      points: false,
      good: true,
    });
  });

  it('is in percentage points for rates, and a falling bounce rate is good news', () => {
    expect(metricChange('bounce_rate', 'bp', 3_250, 3_500)).toEqual({
      direction: 'down',
      text: '2.5',
      points: true,
      good: true,
    });
  });

  it('is bad news when the lead response gets slower or CAC grows', () => {
    expect(metricChange('lead_first_response_seconds', 'seconds', 400, 300).good).toBe(false);
    expect(metricChange('cac', 'fen', 120_000, 100_000).good).toBe(false);
  });

  it('is unknown without a previous figure and flat when equal', () => {
    expect(metricChange('cac', 'fen', 100, null).direction).toBe('none');
    expect(metricChange('orders', 'count', 40, 40).direction).toBe('flat');
  });
});

describe('date ranges (Asia/Shanghai days)', () => {
  it('counts today in Shanghai even late in the UTC evening', () => {
    expect(shanghaiToday(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it('computes the presets from today', () => {
    const today = '2026-03-15';
    expect(presetRange('last7', today)).toEqual({ from: '2026-03-09', to: today });
    expect(presetRange('last30', today)).toEqual({ from: '2026-02-14', to: today });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: today });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last90', today)).toEqual({ from: '2025-12-16', to: today });
    expect(presetRange('thisYear', today)).toEqual({ from: '2026-01-01', to: today });
  });

  it('keeps a valid range from the URL and falls back to the last 30 days otherwise', () => {
    expect(rangeFromUrl('2026-11-01', '2026-11-30', '2026-12-07')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(rangeFromUrl('2026-11-30', '2026-11-01', '2026-12-07')).toEqual({
      from: '2026-11-08',
      to: '2026-12-07',
    });
    expect(rangeFromUrl('yesterday', undefined, '2026-12-07').to).toBe('2026-12-07');
  });
});
