// GB/T 30323-2013 used-car inspection: section maxima, the standard check items, scoring and grading.
// Pure code: the web editor imports it for the running score, so it imports nothing but listings.enums.ts
// (.dependency-cruiser.cjs keeps it that way).

import { INSPECTION_SECTIONS, ITEM_RESULTS } from './listings.enums.js';

/** The inspection sections in report order (INSPECTION_SECTIONS of listings.enums.ts). */
export const INSPECTION_SECTION_KEYS = INSPECTION_SECTIONS;
export type InspectionSection = (typeof INSPECTION_SECTION_KEYS)[number];
export { ITEM_RESULTS };
export type ScoredSection = Exclude<InspectionSection, 'accident_redline'>;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** Points per scored section (sum 100). */
export const SECTION_MAX: Record<ScoredSection, number> = {
  body_exterior: 20,
  engine_bay: 20,
  cabin: 10,
  start_up: 20,
  road_test: 15,
  chassis: 15,
};
export const SCORED_SECTIONS = Object.keys(SECTION_MAX) as ScoredSection[];

/** Which disclosure a red-line hit implies (every red-line hit makes the car an accident car, grade 5). */
export type RedlineKind = 'structure' | 'airbag' | 'flood' | 'fire';

export interface StandardItem {
  section: InspectionSection;
  code: string;
  name: string;
  nameEn: string;
  redline?: RedlineKind;
}

const item = (section: InspectionSection, code: string, name: string, nameEn: string): StandardItem => ({
  section,
  code,
  name,
  nameEn,
});
const redline = (code: string, name: string, nameEn: string, kind: RedlineKind): StandardItem => ({
  section: 'accident_redline',
  code,
  name,
  nameEn,
  redline: kind,
});

/** The standard check list the editor and the seed start from (codes are stable). */
export const STANDARD_ITEMS: readonly StandardItem[] = [
  item('body_exterior', 'B01', '左前翼子板', 'Left front fender'),
  item('body_exterior', 'B02', '右前翼子板', 'Right front fender'),
  item('body_exterior', 'B03', '发动机舱盖', 'Bonnet'),
  item('body_exterior', 'B04', '左前门', 'Left front door'),
  item('body_exterior', 'B05', '右前门', 'Right front door'),
  item('body_exterior', 'B06', '左后门', 'Left rear door'),
  item('body_exterior', 'B07', '右后门', 'Right rear door'),
  item('body_exterior', 'B08', '后备箱盖', 'Boot lid'),
  item('body_exterior', 'B09', '前保险杠', 'Front bumper'),
  item('body_exterior', 'B10', '后保险杠', 'Rear bumper'),
  item('body_exterior', 'B11', '前挡风玻璃', 'Windscreen'),
  item('body_exterior', 'B12', '轮胎与轮毂', 'Tyres and rims'),
  item('engine_bay', 'E01', '机舱内部清洁度', 'Engine bay condition'),
  item('engine_bay', 'E02', '机油液位与渗漏', 'Oil level and leaks'),
  item('engine_bay', 'E03', '冷却液', 'Coolant'),
  item('engine_bay', 'E04', '蓄电池', '12 V battery'),
  item('engine_bay', 'E05', '皮带与管路', 'Belts and hoses'),
  item('engine_bay', 'E06', '线束', 'Wiring harness'),
  item('cabin', 'C01', '座椅及调节', 'Seats and adjustment'),
  item('cabin', 'C02', '仪表台与中控', 'Dashboard and console'),
  item('cabin', 'C03', '车顶内饰', 'Headliner'),
  item('cabin', 'C04', '地毯与异味', 'Carpets and odour'),
  item('cabin', 'C05', '安全带', 'Seat belts'),
  item('start_up', 'S01', '启动与怠速', 'Start and idle'),
  item('start_up', 'S02', '仪表故障灯', 'Warning lights'),
  item('start_up', 'S03', '空调制冷制热', 'Air conditioning'),
  item('start_up', 'S04', '灯光系统', 'Lights'),
  item('start_up', 'S05', '车窗与天窗', 'Windows and sunroof'),
  item('start_up', 'S06', '多媒体与倒车影像', 'Infotainment and camera'),
  item('road_test', 'D01', '加速与换挡', 'Acceleration and shifting'),
  item('road_test', 'D02', '制动性能', 'Braking'),
  item('road_test', 'D03', '转向与跑偏', 'Steering and pull'),
  item('road_test', 'D04', '异响与振动', 'Noise and vibration'),
  item('chassis', 'H01', '悬挂与减震', 'Suspension and dampers'),
  item('chassis', 'H02', '底盘渗漏', 'Underbody leaks'),
  item('chassis', 'H03', '排气系统', 'Exhaust'),
  item('chassis', 'H04', '底盘剐蹭与锈蚀', 'Underbody scrapes and rust'),
  redline('R01', '左右前纵梁焊接/切割', 'Front rails welded or cut', 'structure'),
  redline('R02', '左右后纵梁焊接/切割', 'Rear rails welded or cut', 'structure'),
  redline('R03', '减震器座焊接/切割', 'Shock towers welded or cut', 'structure'),
  redline('R04', 'A柱焊接/切割', 'A pillars welded or cut', 'structure'),
  redline('R05', 'B柱焊接/切割', 'B pillars welded or cut', 'structure'),
  redline('R06', 'C柱焊接/切割', 'C pillars welded or cut', 'structure'),
  redline('R07', '安全气囊弹出', 'Airbag deployed', 'airbag'),
  redline('R08', '泡水（超过车身一半或进入驾驶舱）', 'Water above half the body or into the cabin', 'flood'),
  redline('R09', '火烧（过火面积大于0.5㎡）', 'Fire damage over 0.5 m²', 'fire'),
];

const REDLINE_BY_CODE = new Map(
  STANDARD_ITEMS.filter((i) => i.redline).map((i) => [i.code, i.redline as RedlineKind]),
);

export function redlineKindOf(code: string): RedlineKind | undefined {
  return REDLINE_BY_CODE.get(code);
}

export interface ScoringItem {
  section: InspectionSection;
  code: string;
  result: ItemResult;
  deduction: number;
}

export interface InspectionScore {
  sectionScores: Record<ScoredSection, number>;
  totalScore: number;
  grade: 1 | 2 | 3 | 4 | 5;
  redlineKinds: RedlineKind[];
}

/** One decimal, half away from zero, done on tenths to avoid binary-fraction surprises (89.95 -> 90.0). */
export function roundScore(x: number): number {
  return Math.round(Math.round(x * 1000) / 100) / 10;
}

/** Grade by the rounded total: 1 >= 90, 2 >= 60, 3 >= 20, else 4; any red-line hit makes it 5. */
export function gradeOf(totalScore: number, anyRedline: boolean): 1 | 2 | 3 | 4 | 5 {
  if (anyRedline) return 5;
  const t = roundScore(totalScore);
  if (t >= 90) return 1;
  if (t >= 60) return 2;
  if (t >= 20) return 3;
  return 4;
}

/** Section score = max minus deductions (floor 0, one decimal); total = sum of section scores. */
export function scoreInspection(items: readonly ScoringItem[]): InspectionScore {
  const deducted: Record<ScoredSection, number> = {
    body_exterior: 0,
    engine_bay: 0,
    cabin: 0,
    start_up: 0,
    road_test: 0,
    chassis: 0,
  };
  const redlineKinds = new Set<RedlineKind>();
  for (const i of items) {
    if (i.section === 'accident_redline') {
      if (i.result === 'redline') redlineKinds.add(redlineKindOf(i.code) ?? 'structure');
      continue;
    }
    deducted[i.section] += i.deduction;
  }
  const sectionScores = {} as Record<ScoredSection, number>;
  let total = 0;
  for (const s of SCORED_SECTIONS) {
    const score = roundScore(Math.max(0, SECTION_MAX[s] - deducted[s]));
    sectionScores[s] = score;
    total += score;
  }
  const totalScore = roundScore(total);
  return {
    sectionScores,
    totalScore,
    grade: gradeOf(totalScore, redlineKinds.size > 0),
    redlineKinds: [...redlineKinds],
  };
}

const SEVERITY_RANK: Record<ItemResult, number> = { redline: 0, severe: 1, moderate: 2, minor: 3, ok: 4 };

/** Sort key for "findings first": red-line, severe, moderate, minor; larger deductions first within each. */
export function compareFindings(
  a: { result: ItemResult; deduction: number; sort: number },
  b: { result: ItemResult; deduction: number; sort: number },
): number {
  return SEVERITY_RANK[a.result] - SEVERITY_RANK[b.result] || b.deduction - a.deduction || a.sort - b.sort;
}
