import { describe, expect, it } from 'vitest';
import { SHIPPED_FAQS } from './leads.faq.content.js';
import { FAQ_TERMS, FaqIndex, makeDictionary, normalizeQuestion, tokenize } from './leads.faq.retrieval.js';

// Retrieval quality on questions as buyers type them (colloquial, typos, traditional characters, brand
// names), each with the FAQ it should hit. precision@1 must stay at or above 85%.

const BRANDS = [
  '比亚迪',
  '特斯拉',
  '蔚来',
  '理想',
  '小鹏',
  '问界',
  '小米',
  '吉利',
  '丰田',
  '大众',
  '宝马',
  '汉',
  '秦plus',
  '宋plus',
  'model y',
  'model 3',
  'su7',
];
const dictionary = makeDictionary([...FAQ_TERMS, ...BRANDS]);
const index = new FaqIndex(
  SHIPPED_FAQS.map((f) => ({ id: f.key, question: f.question, synonyms: f.synonyms, answer: f.answer })),
  dictionary,
  BRANDS,
);

const CASES: readonly [string, string][] = [
  ['比亚迪汉落地大概要多少钱啊', 'price.guide_vs_landed'],
  ['最近买车有啥优惠没', 'price.discount_now'],
  ['价格还可以再少点吗', 'price.bargain'],
  ['刚订完车就降价了 能退差价不', 'price.price_protection'],
  ['电车现在国家还补贴吗', 'price.nev_subsidy'],
  ['购置稅要交多少', 'price.purchase_tax'],
  ['除了车钱还有别的费用吗', 'price.landed_items'],
  ['首付最少要付多少', 'loan.down_payment'],
  ['贷款五年一个月还多少钱', 'loan.monthly_payment'],
  ['车贷利率高不高 有没有免息的', 'loan.interest_rate'],
  ['办贷款要准备哪些东西', 'loan.documents'],
  ['我信用卡之前逾期过还能贷款吗', 'loan.credit'],
  ['贷款能不能提前还清', 'loan.early_repayment'],
  ['贷款审核一般要几天', 'loan.approval_time'],
  ['特斯拉model y下单以后多久提车', 'delivery.wait_time'],
  ['白色的有现车吗', 'delivery.in_stock'],
  ['我在外地 能把车送过来吗', 'delivery.home_delivery'],
  ['提车验车要注意啥', 'delivery.inspection_at_handover'],
  ['你们能帮忙上牌吗', 'delivery.plate_registration'],
  ['到了约定时间还没交车怎么办', 'delivery.delay'],
  ['想约个试驾', 'testdrive.how_to_book'],
  ['試駕收費嗎', 'testdrive.cost'],
  ['试驾要带驾照吗', 'testdrive.documents'],
  ['试驾那天有事 能改个时间吗', 'testdrive.reschedule'],
  ['试驾能开多长时间', 'testdrive.duration'],
  ['你们店周末几点关门', 'testdrive.store_hours'],
  ['二手车检测报告都检查什么', 'used.inspection_items'],
  ['这车是不是泡水车', 'used.accident'],
  ['里程表有没有被调过', 'used.mileage'],
  ['可以带朋友去验车吗', 'used.third_party'],
  ['买二手车保修吗', 'used.warranty'],
  ['二手车过户麻烦吗', 'used.transfer'],
  ['这台车出过险没有', 'used.history'],
  ['新车保修几年', 'warranty.period'],
  ['汽车三包是怎么规定的', 'warranty.three_guarantees'],
  ['新车刚买就坏了能换车吗', 'warranty.return_car'],
  ['比亚迪电池保修多少年', 'warranty.battery'],
  ['延保有必要买吗', 'warranty.extended'],
  ['换个轮毂还能保修吗', 'warranty.modification'],
  ['第一次保养是多少公里', 'warranty.first_service'],
  ['我的旧车能换新车吗', 'tradein.how'],
  ['我那台老车能卖多少', 'tradein.valuation'],
  ['旧车还在还贷款能置换吗', 'tradein.loan_not_paid'],
  ['大众的车能置换比亚迪吗', 'tradein.other_brand'],
  ['卖车需要带哪些证件', 'tradein.documents'],
  ['置换能补多少钱', 'tradein.subsidy'],
  ['买小鹏送充电桩不', 'nev.home_charger'],
  ['小区装不了桩能买电车吗', 'nev.no_parking'],
  ['快充充满要多久', 'nev.charging_time'],
  ['东北冬天开电车续航掉得厉害吗', 'nev.range_winter'],
  ['实际续航有标的那么多吗', 'nev.range_real'],
  ['充一次电多少钱', 'nev.charging_cost'],
  ['蔚来换电要多长时间', 'nev.battery_swap'],
  ['增程和纯电选哪个', 'nev.phev_vs_bev'],
  ['订金交了还能退吗', 'order.deposit_refund'],
  ['能用支付宝付款吗', 'order.payment_methods'],
  ['公司买车能开发票吗', 'order.invoice'],
  ['购车合同在哪看', 'order.contract'],
  ['不想要了 订单怎么取消', 'order.cancel'],
  ['退款几天能到', 'order.refund_time'],
  ['车子要保养去哪预约', 'after.service_booking'],
  ['销售态度太差了 我要投诉', 'after.complaint'],
];

describe('FAQ retrieval', () => {
  it('normalises full-width, traditional characters, case and punctuation', () => {
    expect(normalizeQuestion('ＢＹＤ 漢，價錢多少？？')).toBe('byd 漢 价钱多少');
    expect(normalizeQuestion('Model Y的續航！')).toBe('model y的续航');
    expect(normalizeQuestion('  首付   3.5 万 ')).toBe('首付 3.5 万');
  });

  it('keeps dictionary words whole beside bigrams and unigrams', () => {
    const tokens = tokenize('购置税怎么算', dictionary);
    expect(tokens.has('=购置税')).toBe(true);
    expect(tokens.has('购置')).toBe(true);
    expect(tokens.has('怎么')).toBe(false);
  });

  it(`ranks the expected FAQ first for at least 85% of ${CASES.length} buyer questions`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const misses: string[] = [];
    let hits = 0;
    for (const [question, expected] of CASES) {
      const found = index.search(question);
      const top = found.ranked[0]?.id;
      if (process.env.FAQ_DEBUG) console.log(question, top === expected, found.confidence);
      if (top === expected) hits += 1;
      else misses.push(`${question} -> ${top ?? '(none)'} (expected ${expected})`);
    }
    const precision = hits / CASES.length;
    console.log(`FAQ precision@1: ${(precision * 100).toFixed(1)}% (${hits}/${CASES.length})`);
    if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
    expect(precision).toBeGreaterThanOrEqual(0.85);
  });

  it('is confident on a close phrasing and not on an unrelated question', () => {
    const close = index.search('试驾要收费吗');
    expect(close.ranked[0]?.id).toBe('testdrive.cost');
    expect(close.confidence).toBeGreaterThan(0.6);
    const unrelated = index.search('今天北京天气怎么样');
    expect(unrelated.confidence).toBeLessThan(0.3);
    expect(index.search('？？！').confidence).toBe(0);
  });
});
