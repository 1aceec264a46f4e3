import { describe, expect, it } from 'vitest';
import { DEFAULT_AD_LAW_TERMS, hasBlockingHit, scanAdLaw } from './adlaw.js';

describe('ad-law wording scan', () => {
  it('finds every occurrence with its field and position', () => {
    const hits = scanAdLaw(
      { title: '全网最低价 汉EV', description: '本店第一台，绝对无事故，也是第一批交付' },
      DEFAULT_AD_LAW_TERMS,
    );
    expect(hits).toEqual([
      { term: '全网最低', severity: 'block', field: 'title', position: 0, length: 4 },
      { term: '最', severity: 'block', field: 'title', position: 2, length: 1 },
      { term: '第一', severity: 'block', field: 'description', position: 2, length: 2 },
      { term: '绝对', severity: 'block', field: 'description', position: 6, length: 2 },
      { term: '无事故', severity: 'warn', field: 'description', position: 8, length: 3 },
      { term: '第一', severity: 'block', field: 'description', position: 14, length: 2 },
    ]);
    expect(hasBlockingHit(hits)).toBe(true);
  });

  it('matches Latin letters case-insensitively', () => {
    const hits = scanAdLaw({ title: 'NO.1 best', description: '' }, [{ term: 'no.1', severity: 'warn' }]);
    expect(hits).toHaveLength(1);
  });

  it('finds nothing in compliant wording', () => {
    const hits = scanAdLaw(
      {
        title: '2023款 比亚迪汉 EV 冠军版 605KM 尊贵型 | 1.8万公里 | 一手车',
        description: '个人一手车，按时保养',
      },
      DEFAULT_AD_LAW_TERMS,
    );
    expect(hits).toEqual([]);
  });
});
