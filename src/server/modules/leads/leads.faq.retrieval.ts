// The FAQ bot's Chinese retrieval, in memory and without an external service:
// - normalise: NFKC (full-width -> half-width), lower case, common traditional characters -> simplified,
//   punctuation -> spaces;
// - tokenise: dictionary words (catalog brand/series names, car-buying terms) as whole tokens, plus the
//   bigrams and unigrams of every run of Chinese characters, and latin/digit words;
// - rank: BM25 over every phrasing of an FAQ (its question and each synonym, the best phrasing counts) plus
//   its answer at a lower weight;
// - confidence: the best score over the score a document holding exactly the query would get (so unknown
//   words lower it), tempered by the margin over the runner-up FAQ.

/** Common traditional characters and their simplified forms (pairs), enough for buyers typing in 繁體. */
const TRAD_SIMP_PAIRS =
  '車车價价錢钱貸贷試试駕驾買买賣卖換换電电險险從从們们這这個个麼么嗎吗還还會会時时間间點点幾几號号機机' +
  '開开關关門门問问題题體体優优惠惠務务務务費费額额險险種种號号顏颜色色質质檢检測测報报證证書书' +
  '續续資资訊讯聯联繫系網网線线戶户帳账單单訂订貨货運运達达邊边舊旧與与發发現现實实頭头轉转' +
  '讓让說说話话請请謝谢對对麼么後后內内來来東东區区廣广圖图團团場场莊庄樣样準准備备' +
  '過过選选擇择據据雙双當当應应該该須须類类紹绍認认識识樂乐為为沒没辦办數数學学習习' +
  '節节氣气溫温燈灯輛辆輪轮鏈链鐘钟鑰钥飾饰裝装車车馬马驗验齊齐龍龙鳳凤鐵铁鋼钢錶表' +
  '貴贵賠赔費费購购贈赠營营銷销補补貼贴稅税號号牌牌徵征領领導导級级紀纪約约維维護护' +
  '壞坏壽寿濟济態态慮虑總总搖摇擔担據据擁拥歲岁歷历滿满漲涨減减紅红綠绿藍蓝黃黄';

const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...TRAD_SIMP_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const t = chars[i] as string;
    const s = chars[i + 1] as string;
    if (t !== s) m.set(t, s);
  }
  return m;
})();

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:\.[0-9]+)?/g;

/** The one normalisation for FAQ texts and questions (also what unanswered questions are grouped by). */
export function normalizeQuestion(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of nfkc) out += TRAD_TO_SIMP.get(ch) ?? ch;
  return out
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/(?<![0-9])\.|\.(?![0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Car-buying words kept whole (a bigram alone would split 购置税 or 充电桩 into weaker pieces). */
export const FAQ_TERMS: readonly string[] = [
  '落地价',
  '裸车价',
  '指导价',
  '优惠',
  '降价',
  '砍价',
  '议价',
  '保价',
  '补贴',
  '国补',
  '以旧换新',
  '置换',
  '首付',
  '月供',
  '贷款',
  '分期',
  '利率',
  '利息',
  '免息',
  '征信',
  '提前还款',
  '全款',
  '金融',
  '提车',
  '交车',
  '交付',
  '到货',
  '现车',
  '订车',
  '等车',
  '物流',
  '运费',
  '上牌',
  '临牌',
  '试驾',
  '预约',
  '驾照',
  '驾驶证',
  '门店',
  '营业时间',
  '地址',
  '二手车',
  '检测',
  '检测报告',
  '事故车',
  '泡水车',
  '火烧车',
  '调表',
  '过户',
  '第三方',
  '三包',
  '质保',
  '保修',
  '延保',
  '退换',
  '换车',
  '退车',
  '召回',
  '保养',
  '首保',
  '估价',
  '评估',
  '旧车',
  '残值',
  '充电',
  '充电桩',
  '家充',
  '快充',
  '慢充',
  '续航',
  '电池',
  '换电',
  '新能源',
  '电车',
  '冬天',
  '掉电',
  '定金',
  '订金',
  '尾款',
  '退款',
  '发票',
  '合同',
  '支付',
  '付款',
  '购置税',
  '保险',
  '交强险',
  '商业险',
  '售后',
  '维修',
  '投诉',
  '配件',
  '原厂',
];

const STOP_UNIGRAMS = new Set([
  ...'的了吗呢吧啊呀么我你他她它们是在有和就都也还要想请问这那个下一能可以会些么怎样什',
]);
const STOP_BIGRAMS = new Set([
  '请问',
  '你们',
  '我们',
  '什么',
  '怎么',
  '一下',
  '可以',
  '是不',
  '不是',
  '的话',
  '我想',
  '想问',
  '问下',
  '这个',
  '那个',
  '有没',
  '没有',
  '是否',
  '能不',
  '不能',
]);

/** Token weights: a dictionary word says most, a bigram much, a single character little. */
const WEIGHT = { word: 1.6, bigram: 1, unigram: 0.25, latin: 1.2 } as const;

export interface Dictionary {
  readonly words: ReadonlySet<string>;
  readonly maxLength: number;
}

export function makeDictionary(words: Iterable<string>): Dictionary {
  const set = new Set<string>();
  let maxLength = 1;
  for (const w of words) {
    const n = normalizeQuestion(w).replace(/\s+/g, '');
    if ([...n].length < 2) continue;
    set.add(n);
    maxLength = Math.max(maxLength, [...n].length);
  }
  return { words: set, maxLength: Math.min(maxLength, 16) };
}

/** Weighted tokens (token -> summed weight) of a text. */
export function tokenize(text: string, dict: Dictionary): Map<string, number> {
  const out = new Map<string, number>();
  const add = (t: string, w: number) => out.set(t, (out.get(t) ?? 0) + w);
  for (const run of normalizeQuestion(text).match(RUN) ?? []) {
    if (!CJK.test(run[0] ?? '')) {
      add(`#${run}`, WEIGHT.latin);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      for (let len = Math.min(dict.maxLength, chars.length - i); len >= 2; len--) {
        const w = chars.slice(i, i + len).join('');
        if (dict.words.has(w)) {
          add(`=${w}`, WEIGHT.word);
          break;
        }
      }
      const c = chars[i] as string;
      if (!STOP_UNIGRAMS.has(c)) add(c, WEIGHT.unigram);
      const next = chars[i + 1];
      if (next !== undefined && !STOP_BIGRAMS.has(c + next)) add(c + next, WEIGHT.bigram);
    }
  }
  return out;
}

export interface IndexedFaq {
  readonly id: string;
  readonly question: string;
  readonly synonyms: readonly string[];
  readonly answer: string;
}

export interface RankedFaq {
  readonly id: string;
  readonly score: number;
}

export interface FaqMatch {
  readonly ranked: readonly RankedFaq[];
  /** 0..1: how sure the best match is. */
  readonly confidence: number;
}

interface Doc {
  readonly faq: number;
  readonly tokens: Map<string, number>;
  readonly length: number;
}

const K1 = 1.2;
const B = 0.75;
/** How much the answer text counts beside the best phrasing. */
const ANSWER_WEIGHT = 0.2;

class Bm25 {
  readonly docs: Doc[] = [];
  readonly df = new Map<string, number>();
  avgLength = 1;

  add(doc: Doc) {
    this.docs.push(doc);
    for (const t of doc.tokens.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  finish() {
    const total = this.docs.reduce((s, d) => s + d.length, 0);
    this.avgLength = this.docs.length > 0 ? total / this.docs.length : 1;
  }

  idf(token: string): number {
    const n = this.docs.length;
    const df = this.df.get(token) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  score(query: Map<string, number>, doc: Doc): number {
    let s = 0;
    const norm = K1 * (1 - B + (B * doc.length) / this.avgLength);
    for (const [t, qw] of query) {
      const tf = doc.tokens.get(t);
      if (!tf) continue;
      s += qw * this.idf(t) * ((tf * (K1 + 1)) / (tf + norm));
    }
    return s;
  }

  /** The score of a document that is exactly the query (of average length): the most a query can reach. */
  selfScore(query: Map<string, number>): number {
    let s = 0;
    for (const [t, qw] of query) {
      const tf = qw;
      s += qw * this.idf(t) * ((tf * (K1 + 1)) / (tf + K1));
    }
    return s;
  }
}

function lengthOf(tokens: Map<string, number>): number {
  let n = 0;
  for (const w of tokens.values()) n += w;
  return n;
}

/** An immutable in-memory index of the published FAQs. */
export class FaqIndex {
  readonly #phrasings = new Bm25();
  readonly #answers = new Bm25();
  readonly #ids: string[] = [];
  readonly dictionary: Dictionary;
  /** Vehicle names (normalised, longest first): the buyer's car is context, not part of the question. */
  readonly #names: readonly string[];

  constructor(faqs: readonly IndexedFaq[], dictionary: Dictionary, vehicleNames: Iterable<string> = []) {
    this.dictionary = dictionary;
    const phrasings = faqs
      .flatMap((f) => [f.question, ...f.synonyms])
      .map(normalizeQuestion)
      .join('|');
    this.#names = [...new Set([...vehicleNames].map(normalizeQuestion))]
      // A name the FAQs themselves use (蔚来 for battery swaps) stays a word of the question.
      .filter((n) => [...n].length >= 2 && !phrasings.includes(n))
      .sort((a, b) => b.length - a.length);
    faqs.forEach((f, i) => {
      this.#ids.push(f.id);
      for (const p of [f.question, ...f.synonyms]) {
        const tokens = tokenize(p, dictionary);
        this.#phrasings.add({ faq: i, tokens, length: lengthOf(tokens) });
      }
      const answer = tokenize(f.answer.replace(/\{\{[^}]*\}\}/g, ' '), dictionary);
      this.#answers.add({ faq: i, tokens: answer, length: lengthOf(answer) });
    });
    this.#phrasings.finish();
    this.#answers.finish();
  }

  get size(): number {
    return this.#ids.length;
  }

  /** FAQs ranked for a question (best first, at most `limit`), with the confidence of the best. */
  search(question: string, limit = 5, boost?: (faqId: string) => number): FaqMatch {
    let text = normalizeQuestion(question);
    for (const name of this.#names) if (text.includes(name)) text = text.split(name).join(' ');
    const query = tokenize(text, this.dictionary);
    if (query.size === 0 || this.#ids.length === 0) return { ranked: [], confidence: 0 };
    const best = new Array<number>(this.#ids.length).fill(0);
    for (const doc of this.#phrasings.docs) {
      const s = this.#phrasings.score(query, doc);
      if (s > (best[doc.faq] ?? 0)) best[doc.faq] = s;
    }
    const ranked: RankedFaq[] = [];
    for (const doc of this.#answers.docs) {
      const s = (best[doc.faq] ?? 0) + ANSWER_WEIGHT * this.#answers.score(query, doc);
      const id = this.#ids[doc.faq] as string;
      if (s > 0) ranked.push({ id, score: s * (boost?.(id) ?? 1) });
    }
    ranked.sort((a, b) => b.score - a.score);
    const top = ranked[0];
    if (!top) return { ranked: [], confidence: 0 };
    const self = this.#phrasings.selfScore(query);
    const coverage = Math.min(1, top.score / Math.max(self, 1e-9));
    const second = ranked[1]?.score ?? 0;
    const margin = Math.min(1, ((top.score - second) / top.score) * 4);
    const confidence = Math.max(0, Math.min(1, coverage * (0.75 + 0.25 * margin)));
    return { ranked: ranked.slice(0, limit), confidence: Math.round(confidence * 1000) / 1000 };
  }
}
