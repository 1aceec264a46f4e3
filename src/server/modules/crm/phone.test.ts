import { describe, expect, it } from 'vitest';
import { maskMainlandPhone, normalizePhone } from './phone.js';

describe('mainland mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    [' 199 0000 1111 ', '19900001111'],
    ['(138) 1234-5678', '13812345678'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '12812345678',
    '1381234567',
    '138123456789',
    '23812345678',
    '+1 415 555 0100',
    '１３８１２３４５６７８',
    'abc',
    '',
  ])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('masks the middle four digits', () => {
    expect(maskMainlandPhone('13812345678')).toBe('138****5678');
  });
});
