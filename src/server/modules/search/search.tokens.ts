import { pinyin } from 'pinyin-pro';

// Chinese full-text search without database extensions: documents and queries become token sets; a
// document matches when it holds every query token (`tokens @> query_tokens`, GIN-indexed).
// - CJK text: unigrams and bigrams of each run of Chinese characters (documents); queries use bigrams
//   (unigram for a 1-character run) after carving out known names (比亚迪, 汉, 迪子) as whole tokens.
// - Latin and digits: lower-case words (NFKC first, so full-width ＢＹＤ is byd).
// - Names (brand, series and their aliases): the whole name, its pinyin (biyadi) and initials (byd).

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** NFKC + lower case: the one normalisation used for documents, queries and suggestions. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): string[] {
  return normalizeText(text).match(RUN) ?? [];
}

function isCjk(run: string): boolean {
  return CJK_CHAR.test(run[0] ?? '');
}

/** Bigrams of a CJK run, or the run itself when it is one character. */
function cjkQueryGrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Tokens of free text in a document: CJK unigrams + bigrams, latin/digit words. */
export function textTokens(text: string): string[] {
  const out = new Set<string>();
  for (const run of runsOf(text)) {
    if (isCjk(run)) {
      for (const ch of run) out.add(ch);
      for (const g of cjkQueryGrams(run)) out.add(g);
    } else {
      out.add(run);
    }
  }
  return [...out];
}

/** Pinyin syllables of the Chinese characters in a name (比亚迪 -> bi, ya, di); latin parts are ignored. */
export function pinyinSyllables(name: string): string[] {
  const cjk = [...normalizeText(name)].filter((c) => CJK_CHAR.test(c)).join('');
  if (!cjk) return [];
  return pinyin(cjk, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase().replace(/ü/g, 'v'));
}

/**
 * Whole-name tokens of a brand or series name or alias: the compact name (spaces removed), its words,
 * full pinyin and (for 2+ syllables) initials; `extraPinyin` is a stored pinyin like "biyadi".
 */
export function nameTokens(name: string, extraPinyin?: string): string[] {
  const out = new Set<string>();
  const norm = normalizeText(name).trim();
  const compact = (norm.match(RUN) ?? []).join('');
  if (compact) out.add(compact);
  for (const run of norm.match(RUN) ?? []) out.add(run);
  const syllables = pinyinSyllables(name);
  if (syllables.length > 0) {
    out.add(syllables.join(''));
    if (syllables.length >= 2) out.add(syllables.map((s) => s[0]).join(''));
  }
  if (extraPinyin) {
    const p = normalizeText(extraPinyin).replace(/[^a-z0-9]/g, '');
    if (p) out.add(p);
  }
  return [...out];
}

/** A searchable name with its aliases, as stored on brands and series. */
export interface NamedThing {
  readonly name: string;
  readonly nameEn?: string | null;
  readonly pinyin?: string | null;
  readonly aliases?: readonly string[];
}

/** Every whole-name token of a brand or series (name, English name, pinyin, aliases). */
export function namedThingTokens(thing: NamedThing): string[] {
  const out = new Set<string>(nameTokens(thing.name, thing.pinyin ?? undefined));
  if (thing.nameEn) for (const t of nameTokens(thing.nameEn)) out.add(t);
  for (const alias of thing.aliases ?? []) for (const t of nameTokens(alias)) out.add(t);
  return [...out];
}

/**
 * Splits a run into known names, longest first from the left. CJK runs keep the unknown stretches
 * (as bigrams); latin runs are split only when they are made entirely of names ("biyadihan").
 */
function segmentRun(run: string, names: ReadonlySet<string>, maxNameLength: number): string[] {
  if (names.has(run)) return [run];
  const chars = [...run];
  const pieces: { text: string; known: boolean }[] = [];
  let i = 0;
  let pending = '';
  while (i < chars.length) {
    let matched = '';
    for (let len = Math.min(maxNameLength, chars.length - i); len >= 1; len--) {
      const candidate = chars.slice(i, i + len).join('');
      if (names.has(candidate)) {
        matched = candidate;
        break;
      }
    }
    if (matched) {
      if (pending) pieces.push({ text: pending, known: false });
      pending = '';
      pieces.push({ text: matched, known: true });
      i += [...matched].length;
    } else {
      pending += chars[i];
      i += 1;
    }
  }
  if (pending) pieces.push({ text: pending, known: false });
  if (!isCjk(run)) return pieces.every((p) => p.known) ? pieces.map((p) => p.text) : [run];
  return pieces.flatMap((p) => (p.known ? [p.text] : cjkQueryGrams(p.text)));
}

/** The tokens a query must all match, given the dictionary of known name tokens. */
export function queryTokens(query: string, names: ReadonlySet<string>): string[] {
  let maxLen = 1;
  for (const n of names) maxLen = Math.max(maxLen, [...n].length);
  const out = new Set<string>();
  for (const run of runsOf(query)) for (const t of segmentRun(run, names, Math.min(maxLen, 24))) out.add(t);
  return [...out];
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}
