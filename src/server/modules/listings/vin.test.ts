import { describe, expect, it } from 'vitest';
import { isValidVin, normalizeVin, vinCheckDigit, vinProblem, withCheckDigit } from './vin.js';

describe('VIN validation (ISO 3779 / GB 16735)', () => {
  it('accepts the standard worked example 1M8GDM9AXKP042788 whose check digit is X', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true);
  });

  it('accepts a real-format Honda VIN with a numeric check digit', () => {
    expect(isValidVin('1HGCM82633A004352')).toBe(true);
  });

  it('accepts Chinese-market VINs whose check digit is computed (FAW-VW, SAIC-GM, BYD, Geely)', () => {
    for (const body of ['LFV2A21K0D3109734', 'LSGPC52U0AF102554', 'LGXC16DF0M0012345', 'LB37624S0JX123456']) {
      const vin = withCheckDigit(body);
      expect(isValidVin(vin)).toBe(true);
      expect(vin.slice(0, 3)).toBe(body.slice(0, 3));
    }
  });

  it('rejects a VIN with a wrong check digit', () => {
    expect(vinProblem('1M8GDM9A1KP042788')).toBe('check_digit');
  });

  it('rejects I, O and Q and other characters', () => {
    expect(vinProblem('1M8GDM9AXKP04278O')).toBe('characters');
    expect(vinProblem('LFV2A21K6D31097-4')).toBe('characters');
  });

  it('rejects VINs that are not 17 characters', () => {
    expect(vinProblem('1M8GDM9AXKP04278')).toBe('length');
    expect(vinProblem('1M8GDM9AXKP0427888')).toBe('length');
  });

  it('normalizes lower case, spaces and dashes before checking', () => {
    expect(normalizeVin(' 1m8gdm9a-xkp 042788 ')).toBe('1M8GDM9AXKP042788');
  });
});
