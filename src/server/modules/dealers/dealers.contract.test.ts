import { describe, expect, it } from 'vitest';
import {
  ZAddQualificationRequest,
  ZCreateDealerRequest,
  ZOpeningHours,
  ZPhone,
  ZPortalUpdateStoreRequest,
} from './dealers.contract.js';
import { seedUscc } from './dealers.seed.js';
import { SEED_DEALERS } from './dealers.seed-data.js';
import { isValidUscc, usccCheckChar } from './dealers.uscc.js';

const week = (ranges: [string, string][]) => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: ranges,
  sun: [],
});

describe('unified social credit code', () => {
  it('accepts real published codes', () => {
    // BYD Co., Ltd. and Shenzhen Tencent Computer Systems, as printed on their business licences.
    expect(isValidUscc('91440300192317458F')).toBe(true);
    expect(isValidUscc('9144030071526726XG')).toBe(true);
  });

  it('rejects a code whose check character does not match', () => {
    expect(isValidUscc('91440300192317458E')).toBe(false);
    expect(isValidUscc('91440300192317459F')).toBe(false);
  });

  it('rejects codes of the wrong length or with letters outside the alphabet', () => {
    expect(isValidUscc('9144030019231745F')).toBe(false);
    expect(isValidUscc('91440300192317458FF')).toBe(false);
    expect(isValidUscc('9144030019231745OF')).toBe(false);
    expect(usccCheckChar('9144030019231745I')).toBeNull();
  });

  it('gives every seeded dealer a valid and distinct code', () => {
    const codes = SEED_DEALERS.map((d) => seedUscc(d.districtCode, d.id));
    for (const c of codes) expect(isValidUscc(c)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('dealer contracts', () => {
  const dealer = {
    name: '杭州钱塘比亚迪',
    legalName: '杭州钱塘汽车销售服务有限公司',
    uscc: ' 91440300192317458f ',
    brands: ['BYD'],
    cityCode: '330100',
    contactPhone: '13812345678',
  };

  it('normalises a lower-case USCC with spaces to upper case', () => {
    const parsed = ZCreateDealerRequest.parse(dealer);
    expect(parsed.uscc).toBe('91440300192317458F');
  });

  it('rejects a dealer whose USCC check character is wrong', () => {
    const r = ZCreateDealerRequest.safeParse({ ...dealer, uscc: '91440300192317458E' });
    expect(r.success).toBe(false);
  });

  it('accepts mobile, landline and 400 numbers and rejects others', () => {
    for (const ok of ['13812345678', '010-65871288', '0755-86312288', '400-800-8888']) {
      expect(ZPhone.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['12812345678', '1381234567', '65871288', '+8613812345678']) {
      expect(ZPhone.safeParse(bad).success).toBe(false);
    }
  });

  it('accepts split opening hours and rejects overlapping or inverted ranges', () => {
    expect(
      ZOpeningHours.safeParse(
        week([
          ['09:00', '12:00'],
          ['13:30', '18:00'],
        ]),
      ).success,
    ).toBe(true);
    expect(
      ZOpeningHours.safeParse(
        week([
          ['09:00', '13:00'],
          ['12:30', '18:00'],
        ]),
      ).success,
    ).toBe(false);
    expect(ZOpeningHours.safeParse(week([['18:00', '09:00']])).success).toBe(false);
    expect(ZOpeningHours.safeParse(week([['9:00', '18:00']])).success).toBe(false);
  });

  it('rejects a qualification that ends before it starts', () => {
    const r = ZAddQualificationRequest.safeParse({
      kind: 'brand_authorisation',
      number: 'BYD-AUTH-2026-1',
      validFrom: '2026-06-01',
      validUntil: '2026-05-31',
    });
    expect(r.success).toBe(false);
  });

  it('refuses portal store changes that carry any field besides phone, hours and services', () => {
    expect(ZPortalUpdateStoreRequest.safeParse({ phone: '010-65871288' }).success).toBe(true);
    expect(ZPortalUpdateStoreRequest.safeParse({ phone: '010-65871288', dealerId: 'dlr_x' }).success).toBe(
      false,
    );
    expect(ZPortalUpdateStoreRequest.safeParse({}).success).toBe(false);
  });
});
