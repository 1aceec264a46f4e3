import { describe, expect, it } from 'vitest';
import {
  ageOn,
  idNumberBirthDate,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  ZCreateLoanApplicationRequest,
} from './finance.applications.contract.js';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check character by hand: 110105194912310021 -> sum 167, 167 mod 11 = 2 -> X', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it.each([
    ['440305199003071236', true],
    ['440305199003071234', false], // wrong check digit
    ['440305199002301236', false], // 30 February
    ['44030519900307123', false], // 17 characters
    ['040305199003071236', false], // region cannot start with 0
    ['4403051990030712X6', false],
  ])('%s is valid: %s', (id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid);
  });

  it('masks all but the region code and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('440305199003071236')).toHaveLength(18);
  });

  it('reads the birth date and the age in whole years', () => {
    expect(idNumberBirthDate('440305199003071236')).toBe('1990-03-07');
    expect(ageOn('1990-03-07', '2026-03-06')).toBe(35);
    expect(ageOn('1990-03-07', '2026-03-07')).toBe(36);
  });

  it('refuses an application whose ID number fails its check digit, naming the field', () => {
    const result = ZCreateLoanApplicationRequest.safeParse({
      lenderCode: 'cmb',
      priceFen: 20_000_000,
      downPaymentFen: 4_000_000,
      termMonths: 36,
      method: 'equal_instalment',
      annualRateBp: 400,
      applicant: {
        name: '王建国',
        idNumber: '440305199003071234',
        monthlyIncomeFen: 1_500_000,
        employmentType: 'salaried',
        cityCode: '440300',
      },
      consent: { version: 'credit-check-2026-01', accepted: true },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['applicant.idNumber']);
  });
});
