import { describe, expect, it } from 'vitest';
import {
  isClosed,
  isoWeekOf,
  lastClosedPeriod,
  periodContaining,
  periodLabel,
  periodStartingOn,
  previousPeriod,
} from './analytics.reviews.periods.js';

describe('review periods', () => {
  it('takes "yesterday" in Asia/Shanghai: 16:30 UTC is already the next day in Beijing', () => {
    // 2026-12-07 16:30 UTC = 2026-12-08 00:30 Beijing: yesterday is the 7th.
    expect(lastClosedPeriod('daily', new Date('2026-12-07T16:30:00Z'))).toEqual({
      start: '2026-12-07',
      end: '2026-12-07',
    });
    // 15:59 UTC is still the 7th in Beijing: yesterday is the 6th.
    expect(lastClosedPeriod('daily', new Date('2026-12-07T15:59:59Z'))).toEqual({
      start: '2026-12-06',
      end: '2026-12-06',
    });
  });

  it('runs ISO weeks Monday to Sunday, across a year end', () => {
    expect(periodContaining('weekly', '2026-12-09')).toEqual({ start: '2026-12-07', end: '2026-12-13' });
    expect(periodContaining('weekly', '2026-12-13')).toEqual({ start: '2026-12-07', end: '2026-12-13' });
    expect(periodContaining('weekly', '2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    // 2026-12-28 is in ISO week 53 of 2026; 2025-12-29 starts week 1 of 2026.
    expect(isoWeekOf('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2025-12-29')).toEqual({ year: 2026, week: 1 });
    // Monday 2026-12-07 01:00 Beijing: last week is 11-30..12-06.
    expect(lastClosedPeriod('weekly', new Date('2026-12-06T17:00:00Z'))).toEqual({
      start: '2026-11-30',
      end: '2026-12-06',
    });
  });

  it('knows month lengths, leap Februaries, quarters and years', () => {
    expect(periodContaining('monthly', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodContaining('monthly', '2027-02-10')).toEqual({ start: '2027-02-01', end: '2027-02-28' });
    expect(periodContaining('quarterly', '2026-11-15')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodContaining('yearly', '2026-06-30')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    // 1 January 2027 01:00 Beijing closes December, Q4 and 2026 at once.
    const newYear = new Date('2026-12-31T17:00:00Z');
    expect(lastClosedPeriod('monthly', newYear)).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(lastClosedPeriod('quarterly', newYear)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(lastClosedPeriod('yearly', newYear)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(previousPeriod('quarterly', { start: '2027-01-01', end: '2027-03-31' })).toEqual({
      start: '2026-10-01',
      end: '2026-12-31',
    });
  });

  it('accepts only days that start a period of the kind', () => {
    expect(periodStartingOn('weekly', '2026-12-07')).not.toBeNull();
    expect(periodStartingOn('weekly', '2026-12-08')).toBeNull();
    expect(periodStartingOn('monthly', '2026-12-02')).toBeNull();
    expect(periodStartingOn('quarterly', '2026-11-01')).toBeNull();
    expect(periodStartingOn('quarterly', '2026-10-01')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodStartingOn('yearly', '2026-02-01')).toBeNull();
    expect(periodStartingOn('daily', '2026-02-30')).toBeNull();
  });

  it('calls a period closed only once its last Beijing day is over', () => {
    const week = { start: '2026-11-30', end: '2026-12-06' };
    expect(isClosed(week, new Date('2026-12-06T15:59:59Z'))).toBe(false);
    expect(isClosed(week, new Date('2026-12-06T16:00:00Z'))).toBe(true);
  });

  it('names periods for people in both languages', () => {
    const q = { start: '2026-10-01', end: '2026-12-31' };
    expect(periodLabel('quarterly', q, 'zh-CN')).toBe('2026年第4季度');
    expect(periodLabel('quarterly', q, 'en')).toBe('2026 Q4');
    expect(periodLabel('weekly', { start: '2026-12-28', end: '2027-01-03' }, 'en')).toBe(
      '2026 W53 (2026-12-28 to 2027-01-03)',
    );
    expect(periodLabel('daily', { start: '2026-12-07', end: '2026-12-07' }, 'zh-CN')).toBe('2026年12月7日');
  });
});
