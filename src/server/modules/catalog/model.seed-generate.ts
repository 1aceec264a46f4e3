// The demo catalogue, generated: every trim of the seed series with its parameter sheet, colours, option
// packages and artwork, deterministic (same input, same rows). model.seed.ts writes it to the database.
import type { NewMediaRow, NewTrimRow, optionPackages, trimColours } from './catalog.schema.js';
import type { TParameterValue } from './model.contract.js';
import type * as repo from './model.repository.js';
import {
  SEED_BRANDS,
  SEED_PARAMETERS,
  SEED_SERIES,
  type SeedBrand,
  type SeedSeries,
} from './model.seed-data.js';
import { artUrl } from './model.shared.js';
import { checkValue, factsFromSheet } from './model.sheet.js';
import { trimIdFor } from './model.trims.js';

export const SEEDED_AT = new Date('2026-01-05T02:00:00Z');

const SEGMENT_RANK = { A00: 0, A0: 1, A: 2, B: 3, C: 4, D: 5 } as const;
const SEGMENT_ZH = {
  A00: '微型车',
  A0: '小型车',
  A: '紧凑型车',
  B: '中型车',
  C: '中大型车',
  D: '大型车',
} as const;
const ENERGY_ZH = {
  petrol: '汽油',
  diesel: '柴油',
  hev: '油电混合',
  phev: '插电式混合动力',
  erev: '增程式',
  bev: '纯电动',
  fcev: '氢燃料电池',
} as const;

/** Small deterministic hash -> [0, 1). */
function unit(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 2246822519) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;
const round = (v: number, step: number) => Math.round(v / step) * step;
const fixed = (v: number, digits: number) => Number(v.toFixed(digits));

export const brandId = (slug: string) => `brd_${slug.replace(/-/g, '_')}`;
export const seriesId = (slug: string) => `ser_${slug.replace(/-/g, '_')}`;

/** One generated trim: its row, its sheet, colours, packages and media. */
export interface GeneratedTrim {
  row: NewTrimRow;
  values: Record<string, TParameterValue>;
  colours: (typeof trimColours.$inferInsert)[];
  packages: (typeof optionPackages.$inferInsert)[];
  media: NewMediaRow[];
}

function defaultGrades(s: SeedSeries): string[] {
  switch (s.energy) {
    case 'bev':
      return ['标准续航版', '长续航版', '长续航智驾版', '旗舰版'];
    case 'phev':
      return ['领先型', '超越型', '尊贵型', '旗舰型'];
    case 'erev':
      return ['Pro', 'Max', 'Ultra'];
    case 'hev':
      return ['舒适版', '豪华版', '尊贵版', '旗舰版'];
    default:
      return ['舒适型', '豪华型', '尊贵型', '旗舰型'];
  }
}

function powertrainLabel(s: SeedSeries, rangeKm: number): string {
  const e = s.pt.engine;
  const turbo = e ? e[1] / e[0] > 68 : false;
  switch (s.energy) {
    case 'bev':
      return `${rangeKm}km`;
    case 'phev':
      return s.brand === 'byd' ? `DM-i ${rangeKm}KM` : `${rangeKm}km PHEV`;
    case 'erev':
      return `增程 ${rangeKm}km`;
    case 'hev':
      return `双擎 ${e?.[0].toFixed(1)}L`;
    default:
      return `${e?.[0].toFixed(1)}${turbo ? 'T' : 'L'}`;
  }
}

/** Every feature parameter, the "richness" it needs to be standard and its option price in yuan. */
const FEATURES: [string, number, number][] = [
  ['battery.v2l', 0.45, 0],
  ['chassis.air_suspension', 0.86, 12000],
  ['chassis.adaptive_damping', 0.72, 6000],
  ['passive_safety.front_airbags', 0, 0],
  ['passive_safety.side_airbags', 0.1, 0],
  ['passive_safety.curtain_airbags', 0.15, 0],
  ['passive_safety.knee_airbag', 0.6, 0],
  ['passive_safety.center_airbag', 0.78, 0],
  ['passive_safety.tpms', 0, 0],
  ['passive_safety.isofix', 0, 0],
  ['passive_safety.esc', 0, 0],
  ['driver_assistance.acc', 0.35, 3000],
  ['driver_assistance.lka', 0.3, 2000],
  ['driver_assistance.aeb', 0.2, 0],
  ['driver_assistance.bsd', 0.45, 2000],
  ['driver_assistance.auto_parking', 0.6, 5000],
  ['driver_assistance.camera_360', 0.4, 3000],
  ['driver_assistance.highway_noa', 0.62, 8000],
  ['driver_assistance.city_noa', 0.8, 20000],
  ['exterior.power_tailgate', 0.4, 3000],
  ['exterior.hidden_door_handles', 0.55, 0],
  ['exterior.roof_rails', 0.3, 1500],
  ['exterior.keyless_entry', 0.2, 0],
  ['exterior.remote_start', 0.35, 0],
  ['interior.steering_heating', 0.6, 1000],
  ['interior.hud', 0.68, 4000],
  ['interior.wireless_charging', 0.35, 800],
  ['interior.digital_key', 0.45, 0],
  ['interior.ambient_light', 0.45, 1200],
  ['seats.driver_power', 0.3, 2000],
  ['seats.front_heating', 0.35, 1500],
  ['seats.front_ventilation', 0.55, 2500],
  ['seats.front_massage', 0.75, 4000],
  ['seats.rear_heating', 0.7, 1500],
  ['seats.second_row_power', 0.85, 5000],
  ['infotainment.carplay', 0.2, 0],
  ['infotainment.voice', 0.1, 0],
  ['infotainment.ota', 0.2, 0],
  ['infotainment.network', 0.25, 0],
  ['infotainment.rear_screen', 0.9, 8000],
  ['lights.drl', 0, 0],
  ['lights.adaptive_high_beam', 0.5, 2500],
  ['lights.auto_headlights', 0.15, 0],
  ['lights.headlight_leveling', 0.1, 0],
  ['climate.rear_vents', 0.2, 0],
  ['climate.heat_pump', 0.4, 3000],
  ['climate.pm25', 0.25, 0],
  ['climate.fridge', 0.82, 3000],
  ['climate.fragrance', 0.65, 1000],
];

const EXTERIOR_COLOURS: [string, string, string, number][] = [
  ['珍珠白', 'Pearl White', '#f2f1ec', 0],
  ['曜夜黑', 'Midnight Black', '#15171a', 0],
  ['星云灰', 'Nebula Grey', '#6f747b', 0],
  ['极光蓝', 'Aurora Blue', '#2b5c9e', 2000],
  ['青山绿', 'Jade Green', '#3f6b5a', 3000],
];
const INTERIOR_COLOURS: [string, string, string, number][] = [
  ['乌木黑', 'Ebony Black', '#1d1d1f', 0],
  ['燕麦色', 'Oat Beige', '#d8c6a5', 0],
  ['琥珀棕', 'Amber Brown', '#7a4a2b', 3000],
];

/** Builds the trims of one series deterministically (newest model year, plus older ones for some series). */
export function generateTrims(s: SeedSeries, brand: SeedBrand, index: number): GeneratedTrim[] {
  const grades = s.grades ?? defaultGrades(s);
  const out: GeneratedTrim[] = [];
  const years: { year: number; grades: string[]; markup: number }[] = [{ year: s.year, grades, markup: 1 }];
  // Every other series still sells part of the previous model year (a little dearer, as older stock is).
  if (index % 2 === 0) years.push({ year: s.year - 1, grades: grades.slice(0, 2), markup: 1.03 });
  for (const y of years) {
    y.grades.forEach((grade, i) => {
      const n = grades.length;
      const f = n === 1 ? 0 : i / (n - 1);
      out.push(generateTrim(s, brand, grade, f, y.year, y.markup));
    });
  }
  return out;
}

function generateTrim(
  s: SeedSeries,
  brand: SeedBrand,
  grade: string,
  f: number,
  year: number,
  markup: number,
): GeneratedTrim {
  const sid = seriesId(s.slug);
  const pt = s.pt;
  const priceWan = lerp(s.priceWan[0], s.priceWan[1], f) * markup;
  // Chinese guide prices end in 8 (12.98万): round to 0.1万 and take 200 yuan off, except at both ends.
  const priceYuan =
    (f === 0 || f === 1) && markup === 1 ? Math.round(priceWan * 10000) : round(priceWan * 10000, 1000) - 200;
  const rangeKm = pt.rangeKm ? round(lerp(pt.rangeKm[0], pt.rangeKm[1], f), 5) : 0;
  const label = powertrainLabel(s, rangeKm);
  const name = s.grades ? `${year}款 ${grade}` : `${year}款 ${label} ${grade}`;
  const id = trimIdFor(sid, year, name);
  const h = (salt: string) => unit(`${id}:${salt}`);

  const isIce = s.energy === 'petrol' || s.energy === 'diesel' || s.energy === 'hev';
  const hasEngine = Boolean(pt.engine);
  const hasBattery = Boolean(pt.batteryKwh);
  const motorKw = pt.motorKw ? round(lerp(pt.motorKw[0], pt.motorKw[1], f), 1) : 0;
  const engineKw = pt.engine ? pt.engine[1] : 0;
  const maxPowerKw =
    s.energy === 'petrol' || s.energy === 'diesel'
      ? engineKw
      : s.energy === 'hev'
        ? Math.round(engineKw + motorKw * 0.4)
        : motorKw;
  const torque = isIce && s.energy !== 'hev' ? (pt.engine?.[2] ?? 0) : round(motorKw * 1.8 + 60, 5);
  const accel = fixed(lerp(pt.accel[0], pt.accel[1], f), 1);
  const battery = pt.batteryKwh ? fixed(lerp(pt.batteryKwh[0], pt.batteryKwh[1], f), 1) : 0;
  const dualMotor = s.energy !== 'hev' && motorKw >= 280;
  const seg = SEGMENT_RANK[s.segment];
  const priceScore = Math.min(1, Math.max(0, Math.log(priceWan / 5) / Math.log(60 / 5)));
  const nevBonus = ['bev', 'phev', 'erev'].includes(s.energy) && brand.country === 'CN' ? 0.18 : 0;
  const rich = Math.min(1, 0.4 * f + 0.6 * priceScore + nevBonus);
  const [len, wid, hei, wb] = s.dims;

  const v: Record<string, TParameterValue> = {};
  const num = (key: string, value: number) => {
    v[key] = { type: 'number', value };
  };
  const txt = (key: string, value: string) => {
    v[key] = { type: 'text', value };
  };

  // basic
  txt('basic.level', SEGMENT_ZH[s.segment]);
  txt('basic.energy', ENERGY_ZH[s.energy]);
  txt('basic.launch_date', `${year - 1}.${String(3 + Math.floor(h('m') * 9)).padStart(2, '0')}`);
  num('basic.max_power_kw', maxPowerKw);
  num('basic.max_torque_nm', torque);
  num('basic.acceleration_s', accel);
  num(
    'basic.top_speed_kmh',
    Math.min(265, round(s.energy === 'bev' ? 150 + motorKw * 0.22 : 170 + maxPowerKw * 0.25, 5)),
  );
  if (hasEngine && pt.fuel) num('basic.fuel_consumption_l', fixed(pt.fuel + f * 0.4, 1));
  if (hasBattery) num('basic.power_consumption_kwh', fixed(11.5 + seg * 0.8 + f * 0.9, 1));
  txt('basic.warranty', brand.country === 'CN' ? '6年或15万公里' : '3年或10万公里');
  // body
  num('body.length_mm', len);
  num('body.width_mm', wid);
  num('body.height_mm', hei);
  num('body.wheelbase_mm', wb);
  num('body.front_track_mm', round(wid * 0.85, 1));
  num('body.curb_weight_kg', round(len * 0.3 + battery * 6.5 + (s.body === 'suv' ? 120 : 0) + f * 60, 5));
  txt(
    'body.structure',
    {
      sedan: '4门5座三厢车',
      hatchback: '5门两厢车',
      suv: '5门SUV',
      mpv: '5门MPV',
      coupe: '2门轿跑车',
      wagon: '5门猎装车',
      pickup: '4门皮卡',
      convertible: '2门敞篷车',
    }[s.body],
  );
  num(
    'body.doors',
    s.body === 'coupe' || s.body === 'convertible' ? 2 : s.body === 'sedan' || s.body === 'pickup' ? 4 : 5,
  );
  num('body.seats', s.seats);
  num(
    'body.trunk_l',
    {
      sedan: 480,
      hatchback: 310,
      suv: 560,
      mpv: 800,
      coupe: 380,
      wagon: 620,
      pickup: 1000,
      convertible: 280,
    }[s.body] +
      seg * 10,
  );
  if (hasEngine) num('body.fuel_tank_l', s.energy === 'erev' ? 55 + seg * 2 : 45 + seg * 4);
  // engine
  if (pt.engine) {
    const [disp, kw, nm] = pt.engine;
    const turbo = kw / disp > 68;
    txt(
      'engine.model',
      `${brand.nameEn.slice(0, 3).toUpperCase()}${Math.round(disp * 10)}${turbo ? 'T' : 'N'}D`,
    );
    num('engine.displacement_l', disp);
    txt('engine.intake', turbo ? '涡轮增压' : '自然吸气');
    num('engine.cylinders', disp < 1.6 && brand.country === 'CN' ? 4 : disp < 1.3 ? 3 : 4);
    num('engine.max_hp', Math.round(kw * 1.36));
    num('engine.max_power_kw', kw);
    num('engine.max_torque_nm', nm);
    txt('engine.fuel_grade', turbo && seg >= 3 ? '95号' : '92号');
    txt('engine.emission', '国VI');
  }
  // motor
  if (motorKw > 0) {
    txt('motor.type', s.energy === 'bev' && dualMotor ? '前感应/异步 后永磁/同步' : '永磁/同步');
    num('motor.total_power_kw', motorKw);
    num('motor.total_torque_nm', round(motorKw * 1.8 + 60, 5));
    if (dualMotor) {
      num('motor.front_power_kw', round(motorKw * 0.4, 1));
      num('motor.rear_power_kw', round(motorKw * 0.6, 1));
    } else if (seg >= 3 && s.energy === 'bev') {
      num('motor.rear_power_kw', motorKw);
    } else {
      num('motor.front_power_kw', motorKw);
    }
    num('motor.count', dualMotor ? 2 : 1);
    txt('motor.layout', dualMotor ? '前置+后置' : seg >= 3 && s.energy === 'bev' ? '后置' : '前置');
  }
  // battery
  if (hasBattery) {
    const lfp = s.energy !== 'bev' || battery < 80 || brand.slug === 'byd';
    txt('battery.type', lfp ? '磷酸铁锂电池' : '三元锂电池');
    txt('battery.brand', brand.slug === 'byd' ? '弗迪' : h('cell') < 0.6 ? '宁德时代' : '中创新航');
    num('battery.capacity_kwh', battery);
    num('battery.cltc_range_km', rangeKm);
    num('battery.fast_charge_min', round(s.energy === 'bev' ? 28 - f * 10 : 30, 1));
    num('battery.fast_charge_kw', round(s.energy === 'bev' ? 100 + seg * 40 + f * 60 : 40 + seg * 10, 5));
    num('battery.slow_charge_h', fixed(battery / 6.6 + 0.5, 1));
    txt('battery.warranty', brand.country === 'CN' ? '首任车主不限年限/里程' : '8年或16万公里');
  }
  // transmission
  const gearbox = pt.gearbox ?? '电动车单速变速箱';
  txt('transmission.short_name', gearbox);
  txt(
    'transmission.type',
    gearbox.includes('双离合')
      ? '双离合变速箱(DCT)'
      : gearbox.includes('CVT')
        ? '无级变速箱(CVT)'
        : gearbox.includes('手自一体')
          ? '手自一体变速箱(AT)'
          : '固定齿比变速箱',
  );
  num('transmission.gears', Number(/(\d+)挡/.exec(gearbox)?.[1] ?? 1));
  // chassis
  const awd = dualMotor || (isIce && seg >= 3 && f === 1);
  txt(
    'chassis.drive',
    awd ? (hasBattery ? '双电机四驱' : '前置四驱') : s.energy === 'bev' && seg >= 3 ? '后置后驱' : '前置前驱',
  );
  if (awd) txt('chassis.awd_type', hasBattery ? '电动四驱' : '适时四驱');
  txt('chassis.front_suspension', seg >= 4 ? '双叉臂式独立悬架' : '麦弗逊式独立悬架');
  txt(
    'chassis.rear_suspension',
    seg <= 1 ? '扭力梁式非独立悬架' : seg >= 4 ? '五连杆式独立悬架' : '多连杆式独立悬架',
  );
  txt('chassis.steering', '电动助力');
  txt('chassis.body_structure', '承载式');
  // wheels and brakes
  const rim = Math.min(21, 15 + seg + Math.round(f * 2));
  const tyreWidth = 185 + seg * 15 + Math.round(f) * 10;
  const aspect = rim >= 20 ? 40 : rim >= 19 ? 45 : rim >= 18 ? 55 : 60;
  txt('wheels_brakes.front_brake', '通风盘式');
  txt('wheels_brakes.rear_brake', seg >= 2 ? '通风盘式' : '盘式');
  txt('wheels_brakes.parking_brake', '电子驻车');
  txt('wheels_brakes.front_tyre', `${tyreWidth}/${aspect} R${rim}`);
  txt('wheels_brakes.rear_tyre', `${tyreWidth + (seg >= 4 && awd ? 20 : 0)}/${aspect} R${rim}`);
  txt('wheels_brakes.spare_tyre', hasBattery ? '无' : '非全尺寸');
  // features: standard / optional (with price) / none by richness
  const optionScale = 0.7 + priceScore;
  for (const [key, need, priceYuanBase] of FEATURES) {
    if (key === 'battery.v2l' && !hasBattery) continue;
    if (key === 'climate.heat_pump' && !hasBattery) continue;
    const jitter = (h(key) - 0.5) * 0.12;
    const score = rich + jitter;
    if (score >= need) v[key] = { type: 'feature', value: 'standard' };
    else if (priceYuanBase > 0 && score >= need - 0.15) {
      v[key] = {
        type: 'feature',
        value: 'optional',
        optionPriceFen: round(priceYuanBase * optionScale, 100) * 100,
      };
    } else v[key] = { type: 'feature', value: 'none' };
  }
  num('driver_assistance.lidar_count', rich >= 0.85 && nevBonus > 0 ? 1 : 0);
  txt(
    'driver_assistance.chip',
    rich >= 0.8
      ? brand.slug === 'nio'
        ? '神玑NX9031'
        : brand.slug === 'xpeng'
          ? '图灵芯片'
          : 'NVIDIA DRIVE Orin-X'
      : rich >= 0.5
        ? '地平线征程6'
        : 'Mobileye EyeQ4',
  );
  txt('exterior.sunroof', rich >= 0.55 ? '全景天幕' : rich >= 0.3 ? '电动天窗' : '无');
  num('exterior.rim_size', rim);
  txt('interior.steering_material', rich >= 0.4 ? '真皮' : '塑料');
  num('interior.instrument_size', rich >= 0.45 ? 10.25 : 7);
  txt('seats.material', rich >= 0.75 ? 'Nappa真皮' : rich >= 0.4 ? '仿皮' : '织物');
  txt('seats.layout', s.seats === 7 ? '2+3+2' : s.seats === 6 ? '2+2+2' : s.seats === 4 ? '2+2' : '2+3');
  num('infotainment.screen_size', fixed(10.1 + rich * 5.6, 1));
  txt('infotainment.chip', rich >= 0.6 ? '高通骁龙8295' : rich >= 0.35 ? '高通骁龙8155' : '芯擎龙鹰一号');
  num('infotainment.speakers', Math.round(6 + rich * 17));
  if (rich >= 0.7) txt('infotainment.audio_brand', brand.country === 'DE' ? 'Harman Kardon' : 'Dynaudio');
  txt('lights.low_beam', 'LED');
  txt('lights.high_beam', 'LED');
  txt('climate.ac_control', rich >= 0.3 ? '自动空调' : '手动空调');
  num('climate.zones', rich >= 0.8 ? 3 : rich >= 0.4 ? 2 : 1);

  // Validate the generated sheet against the dictionary shape (a mistake here must fail the seed, not slip in).
  const rowFacts: Omit<repo.NewTrimParameterRow, 'trimId'>[] = [];
  const dictionary = new Map(SEED_PARAMETERS.map((p) => [p.key, p]));
  for (const [key, value] of Object.entries(v)) {
    const def = dictionary.get(key);
    if (!def) throw new Error(`seed: unknown parameter ${key}`);
    const checked = checkValue({ ...def, sort: 0, createdAt: SEEDED_AT, updatedAt: SEEDED_AT }, value);
    if (!checked.ok) throw new Error(`seed: ${key}: ${checked.message.en}`);
    rowFacts.push(checked.row);
  }
  const facts = factsFromSheet(rowFacts);

  const optionals = Object.entries(v).filter(
    (e): e is [string, Extract<TParameterValue, { type: 'feature' }>] =>
      e[1].type === 'feature' && e[1].value === 'optional',
  );
  const packages: GeneratedTrim['packages'] = [];
  const pack = (name: string, nameEn: string, description: string, prefix: string[]) => {
    const keys = optionals.filter(([k]) => prefix.some((p) => k.startsWith(p)));
    if (keys.length < 2) return;
    const sum = keys.reduce((acc, [, val]) => acc + (val.optionPriceFen ?? 0), 0);
    packages.push({
      id: `opk_${id.slice(4)}_${packages.length}`,
      trimId: id,
      name,
      nameEn,
      description,
      priceFen: round(sum * 0.85, 10000),
      includes: keys.map(([k]) => k),
    });
  };
  pack('智驾辅助包', 'Driver assistance pack', '高阶辅助驾驶功能组合', ['driver_assistance.']);
  pack('舒适座椅包', 'Comfort seat pack', '座椅加热、通风、按摩等组合', [
    'seats.',
    'interior.steering_heating',
  ]);
  pack('科技便利包', 'Tech & convenience pack', '抬头显示、电动尾门、氛围灯等组合', [
    'interior.',
    'exterior.',
    'lights.',
    'climate.',
  ]);

  const luxury = priceWan >= 30;
  const colours: GeneratedTrim['colours'] = [
    ...EXTERIOR_COLOURS.map(([cn, en, hex, delta], i) => ({
      id: `col_${id.slice(4)}_e${i}`,
      trimId: id,
      kind: 'exterior' as const,
      name: cn,
      nameEn: en,
      hex,
      priceDeltaFen: delta * (luxury ? 3 : 1) * 100,
      sort: i,
    })),
    {
      id: `col_${id.slice(4)}_e9`,
      trimId: id,
      kind: 'exterior' as const,
      name: `${brand.name}专属色`,
      nameEn: `${brand.nameEn} signature`,
      hex: brand.colours[0],
      priceDeltaFen: (luxury ? 12000 : 3000) * 100,
      sort: 9,
    },
    ...INTERIOR_COLOURS.slice(0, rich >= 0.5 ? 3 : 2).map(([cn, en, hex, delta], i) => ({
      id: `col_${id.slice(4)}_i${i}`,
      trimId: id,
      kind: 'interior' as const,
      name: cn,
      nameEn: en,
      hex,
      priceDeltaFen: delta * 100,
      sort: i,
    })),
  ];

  const angles = ['front_45', 'side', 'rear_45', 'dashboard', 'seats'];
  const media: NewMediaRow[] = angles.map((angle, i) => ({
    id: `med_${id.slice(4)}_${i}`,
    ownerType: 'trim',
    ownerId: id,
    kind: 'image',
    angle,
    url: artUrl(id, angle),
    thumbUrl: artUrl(id, angle),
    contentType: 'image/svg+xml',
    width: 800,
    height: 500,
    sort: i,
    createdAt: SEEDED_AT,
  }));
  if (h('spin') < 0.4) {
    media.push({
      id: `med_${id.slice(4)}_spin`,
      ownerType: 'trim',
      ownerId: id,
      kind: 'spin360',
      angle: 'spin',
      url: artUrl(id, 'spin-00'),
      thumbUrl: artUrl(id, 'spin-00'),
      contentType: 'image/svg+xml',
      width: 800,
      height: 500,
      sort: 10,
      createdAt: SEEDED_AT,
    });
  }
  if (h('video') < 0.3) {
    // An animated SVG turntable stands in for a video: demo data never points at the internet.
    media.push({
      id: `med_${id.slice(4)}_video`,
      ownerType: 'trim',
      ownerId: id,
      kind: 'video',
      angle: 'walkaround',
      url: artUrl(id, 'video'),
      thumbUrl: artUrl(id, 'front_45'),
      contentType: 'image/svg+xml',
      width: 800,
      height: 500,
      sort: 11,
      createdAt: SEEDED_AT,
    });
  }

  const row: NewTrimRow = {
    id,
    seriesId: sid,
    modelYear: year,
    name,
    guidePriceFen: priceYuan * 100,
    energyType: s.energy,
    seats: facts.seats ?? s.seats,
    electricRangeKm: facts.electricRangeKm ?? null,
    displacementL: facts.displacementL ?? null,
    powerKw: facts.powerKw ?? null,
    // From 2026 PHEV/EREV need >= 100 km electric range for the exemption catalogue.
    nevTaxExempt: s.energy === 'bev' || ((s.energy === 'phev' || s.energy === 'erev') && rangeKm >= 100),
    status: 'on_sale',
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
  return { row, values: v, colours, packages, media };
}

/** Every generated trim of the demo catalogue. */
export function generateCatalog(): GeneratedTrim[] {
  const byBrand = new Map(SEED_BRANDS.map((b) => [b.slug, b]));
  return SEED_SERIES.flatMap((s, i) => {
    const brand = byBrand.get(s.brand);
    if (!brand) throw new Error(`seed: series ${s.slug} names unknown brand ${s.brand}`);
    return generateTrims(s, brand, i);
  });
}
