import { describe, expect, it } from 'vitest';
import { gradeOf, roundScore, type ScoringItem, scoreInspection } from './inspection.js';

const defect = (section: ScoringItem['section'], code: string, deduction: number): ScoringItem => ({
  section,
  code,
  result: 'minor',
  deduction,
});

describe('GB/T 30323 scoring', () => {
  it('gives a clean car 100 points and grade 1', () => {
    const s = scoreInspection([]);
    expect(s.totalScore).toBe(100);
    expect(s.grade).toBe(1);
    expect(s.sectionScores).toEqual({
      body_exterior: 20,
      engine_bay: 20,
      cabin: 10,
      start_up: 20,
      road_test: 15,
      chassis: 15,
    });
  });

  it('subtracts deductions per section and floors a section at 0', () => {
    const s = scoreInspection([
      defect('cabin', 'C01', 7),
      defect('cabin', 'C02', 6),
      defect('chassis', 'H01', 2.5),
    ]);
    expect(s.sectionScores.cabin).toBe(0);
    expect(s.sectionScores.chassis).toBe(12.5);
    expect(s.totalScore).toBe(87.5);
  });

  it('grades 90.0 as 1 and 89.9 as 2', () => {
    expect(scoreInspection([defect('body_exterior', 'B01', 10)]).grade).toBe(1);
    expect(scoreInspection([defect('body_exterior', 'B01', 10.1)]).grade).toBe(2);
  });

  it('rounds to one decimal before grading, so 89.95 counts as 90.0 (grade 1) and 89.5 stays grade 2', () => {
    expect(roundScore(89.95)).toBe(90);
    expect(gradeOf(89.95, false)).toBe(1);
    expect(gradeOf(89.5, false)).toBe(2);
    expect(scoreInspection([defect('road_test', 'D01', 10.05)]).totalScore).toBe(90);
  });

  it('puts the 60, 20 boundaries in the better grade', () => {
    expect(gradeOf(60, false)).toBe(2);
    expect(gradeOf(59.9, false)).toBe(3);
    expect(gradeOf(20, false)).toBe(3);
    expect(gradeOf(19.9, false)).toBe(4);
  });

  it('makes any red-line hit grade 5 whatever the score, and reports its kind', () => {
    const s = scoreInspection([
      { section: 'accident_redline', code: 'R08', result: 'redline', deduction: 0 },
    ]);
    expect(s.totalScore).toBe(100);
    expect(s.grade).toBe(5);
    expect(s.redlineKinds).toEqual(['flood']);
  });
});
