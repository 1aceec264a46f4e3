import type { RuleCode, RuleParams } from './pricing.rules.js';

/**
 * The rule versions a new database starts with (production too: they are law, not demo data). Sources:
 * DOMAIN.md "Rules and numbers" (purchase tax and NEV relief, 财政部 税务总局 工信部公告2023年第10号; the
 * super-luxury tax notice of 2025-07; 交强险 premiums; provincial 车船税 tables; the 2026 以旧换新 notice).
 * Finance staff add later versions in the console.
 */
export interface InitialRuleVersion<C extends RuleCode = RuleCode> {
  code: C;
  scope: string;
  effectiveFrom: string;
  params: RuleParams<C>;
  description: { zh: string; en: string };
}

const VAT = 1300;
const BANDS_NORTH = [300, 420, 480, 900, 1920, 3480, 5280].map((y) => y * 100);
const BANDS_GUANGDONG = [180, 360, 420, 720, 1800, 3000, 4500].map((y) => y * 100);

function v<C extends RuleCode>(
  code: C,
  scope: string,
  effectiveFrom: string,
  params: RuleParams<C>,
  zh: string,
  en: string,
): InitialRuleVersion<C> {
  return { code, scope, effectiveFrom, params, description: { zh, en } };
}

export const INITIAL_RULE_VERSIONS: readonly InitialRuleVersion[] = [
  v(
    'purchase_tax',
    'CN',
    '2014-09-01',
    { rateBp: 1000, vatBp: VAT, nevRelief: { shareBp: 10_000, capFen: null, minPhevRangeKm: 50 } },
    '车辆购置税：不含税价（车价÷1.13）×10%；列入免征目录的新能源车免征',
    'Vehicle purchase tax: 10% of the price without VAT (price ÷ 1.13); catalogue NEVs exempt',
  ),
  v(
    'purchase_tax',
    'CN',
    '2024-01-01',
    { rateBp: 1000, vatBp: VAT, nevRelief: { shareBp: 10_000, capFen: 3_000_000, minPhevRangeKm: 43 } },
    '车辆购置税：车价÷1.13×10%；2024-2025年目录内新能源车免征，每辆最多免3万元',
    'Vehicle purchase tax: price ÷ 1.13 × 10%; catalogue NEVs bought 2024-2025 exempt up to CNY 30,000',
  ),
  v(
    'purchase_tax',
    'CN',
    '2026-01-01',
    { rateBp: 1000, vatBp: VAT, nevRelief: { shareBp: 5000, capFen: 1_500_000, minPhevRangeKm: 100 } },
    '车辆购置税：车价÷1.13×10%；2026-2027年目录内新能源车减半，每辆最多减1.5万元（插混、增程需纯电续航≥100km）',
    'Vehicle purchase tax: price ÷ 1.13 × 10%; catalogue NEVs bought 2026-2027 pay half, relief up to CNY 15,000 (PHEV/EREV need ≥ 100 km electric range)',
  ),
  v(
    'purchase_tax',
    'CN',
    '2028-01-01',
    { rateBp: 1000, vatBp: VAT, nevRelief: null },
    '车辆购置税：车价÷1.13×10%',
    'Vehicle purchase tax: price ÷ 1.13 × 10%',
  ),
  v(
    'super_luxury_tax',
    'CN',
    '2016-12-01',
    { thresholdExVatFen: 130_000_000, rateBp: 1000, vatBp: VAT },
    '超豪华小汽车消费税：不含增值税零售价≥130万元的新车，按零售价10%征收，含在车价内',
    'Super-luxury car consumption tax: new cars from CNY 1.3M retail without VAT pay 10%, included in the price',
  ),
  v(
    'super_luxury_tax',
    'CN',
    '2025-07-20',
    { thresholdExVatFen: 90_000_000, rateBp: 1000, vatBp: VAT },
    '超豪华小汽车消费税：不含增值税零售价≥90万元的新车（各类动力），按全部不含税零售价10%征收，含在车价内；二手车不征',
    'Super-luxury car consumption tax: new cars (any power) from CNY 900,000 retail without VAT pay 10% of the whole amount, included in the price; used cars exempt',
  ),
  v(
    'compulsory_insurance',
    'CN',
    '2008-02-01',
    { underSixSeatsFen: 95_000, sixSeatsOrMoreFen: 110_000 },
    '交强险（家庭自用车首年）：6座以下950元，6座及以上1100元',
    'Compulsory traffic insurance (private car, first year): CNY 950 under 6 seats, CNY 1,100 for 6 seats or more',
  ),
  v(
    'vessel_tax',
    'CN',
    '2012-01-01',
    { bandsFen: BANDS_NORTH, exemptEnergies: ['bev', 'fcev'] },
    '车船税（年）按排量：1.0L及以下300元，1.0-1.6L 420元，1.6-2.0L 480元，2.0-2.5L 900元，2.5-3.0L 1920元，3.0-4.0L 3480元，4.0L以上5280元；纯电动、燃料电池乘用车不征',
    'Vessel tax per year by displacement: up to 1.0 L CNY 300, 1.0-1.6 L 420, 1.6-2.0 L 480, 2.0-2.5 L 900, 2.5-3.0 L 1,920, 3.0-4.0 L 3,480, over 4.0 L 5,280; battery-electric and fuel-cell cars exempt',
  ),
  v(
    'vessel_tax',
    '440000',
    '2012-01-01',
    { bandsFen: BANDS_GUANGDONG, exemptEnergies: ['bev', 'fcev'] },
    '广东省车船税（年）：1.0L及以下180元，1.0-1.6L 360元，1.6-2.0L 420元，2.0-2.5L 720元，2.5-3.0L 1800元，3.0-4.0L 3000元，4.0L以上4500元；纯电动不征',
    'Guangdong vessel tax per year: up to 1.0 L CNY 180, 1.0-1.6 L 360, 1.6-2.0 L 420, 2.0-2.5 L 720, 2.5-3.0 L 1,800, 3.0-4.0 L 3,000, over 4.0 L 4,500; battery-electric exempt',
  ),
  v(
    'registration_fee',
    'CN',
    '2020-01-01',
    { amountFen: 50_000 },
    '上牌费（含行驶证、号牌工本费）：500元',
    'Registration and plate fee: CNY 500',
  ),
  v(
    'plate_quota',
    '310100',
    '2026-01-01',
    { amountFen: 9_400_000, exemptEnergies: ['bev', 'fcev'] },
    '上海私车额度（拍牌）参考成交价约9.4万元；纯电动车免费绿牌',
    'Shanghai private plate quota (auction), about CNY 94,000; battery-electric cars get a free green plate',
  ),
  v(
    'commercial_insurance',
    'CN',
    '2020-09-19',
    {
      damageBaseFen: 50_000,
      damageRateBp: 100,
      nevDamageRateBp: 125,
      thirdPartyFen: {
        '1000000': 110_000,
        '1500000': 122_000,
        '2000000': 132_000,
        '3000000': 147_000,
        '5000000': 175_000,
      },
      sixSeatsExtraBp: 1000,
      driverSeatRateBp: 42,
      passengerSeatRateBp: 27,
    },
    '商业险估算（2020年车险综改后）：车损险=500元+车价×1.0%（新能源1.25%），三者险按保额，座位险按每座保额×费率；以保险公司报价为准',
    'Commercial insurance estimate (after the 2020 reform): vehicle damage CNY 500 + 1.0% of the price (NEV 1.25%), third-party by amount, seat cover by amount per seat; insurers quote the final premium',
  ),
  v(
    'optional_services',
    'CN',
    '2026-01-01',
    {
      plateServiceFen: 80_000,
      extendedWarrantyRateBp: 150,
      extendedWarrantyMinFen: 300_000,
      platformFeeFen: 0,
    },
    '可选服务：代办上牌800元；延保（2年/6万公里）车价1.5%，最低3000元',
    'Optional services: plate registration service CNY 800; extended warranty (2 years / 60,000 km) 1.5% of the price, at least CNY 3,000',
  ),
  v(
    'trade_in_subsidy',
    'CN',
    '2026-01-01',
    {
      options: [
        { mode: 'scrap', newCar: 'nev', rateBp: 1200, capFen: 2_000_000 },
        { mode: 'scrap', newCar: 'petrol_up_to_2l', rateBp: 1000, capFen: 1_500_000 },
        { mode: 'replace', newCar: 'nev', rateBp: 800, capFen: 1_500_000 },
        { mode: 'replace', newCar: 'petrol_up_to_2l', rateBp: 600, capFen: 1_300_000 },
      ],
      until: '2026-12-31',
    },
    '2026年汽车以旧换新补贴：报废旧车购新能源车补车价12%（最高2万元），购2.0L及以下燃油车10%（最高1.5万元）；置换购新能源车8%（最高1.5万元），购2.0L及以下燃油车6%（最高1.3万元）',
    '2026 trade-in subsidy: scrap and buy an NEV 12% of the price (up to CNY 20,000), petrol up to 2.0 L 10% (up to 15,000); replace and buy an NEV 8% (up to 15,000), petrol up to 2.0 L 6% (up to 13,000)',
  ),

  v(
    'price_move_review',
    'CN',
    '2026-01-01',
    { shareBp: 2000 },
    '异常调价：24小时内价格变动超过20%的车源进入审核队列',
    'Abnormal price moves: a listing whose price moves more than 20% within 24 hours goes to the review queue',
  ),
];
