// Ad-law (广告法) wording scan: finds every occurrence of every term in a listing's title and description.

export interface AdLawTerm {
  term: string;
  severity: 'block' | 'warn';
}

export interface AdLawHit {
  term: string;
  severity: 'block' | 'warn';
  field: 'title' | 'description';
  /** Index of the first character of the hit in the field (UTF-16 code units, as JavaScript strings count). */
  position: number;
  length: number;
}

function scanField(text: string, field: AdLawHit['field'], terms: readonly AdLawTerm[]): AdLawHit[] {
  const hits: AdLawHit[] = [];
  const haystack = text.toLowerCase();
  for (const t of terms) {
    const needle = t.term.toLowerCase();
    if (!needle) continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      hits.push({ term: t.term, severity: t.severity, field, position: at, length: t.term.length });
    }
  }
  return hits;
}

/** All hits in title then description, each field in text order (longer terms first at the same spot). */
export function scanAdLaw(
  content: { title: string; description: string },
  terms: readonly AdLawTerm[],
): AdLawHit[] {
  const order = (a: AdLawHit, b: AdLawHit) => a.position - b.position || b.length - a.length;
  return [
    ...scanField(content.title, 'title', terms).sort(order),
    ...scanField(content.description, 'description', terms).sort(order),
  ];
}

export function hasBlockingHit(hits: readonly AdLawHit[]): boolean {
  return hits.some((h) => h.severity === 'block');
}

/** The demo/default list: absolute claims the Advertising Law (art. 9) forbids, and risky safety promises. */
export const DEFAULT_AD_LAW_TERMS: readonly (AdLawTerm & { note: string })[] = [
  { term: '最', severity: 'block', note: '绝对化用语（广告法第九条）' },
  { term: '第一', severity: 'block', note: '绝对化用语' },
  { term: '国家级', severity: 'block', note: '绝对化用语' },
  { term: '世界级', severity: 'block', note: '绝对化用语' },
  { term: '顶级', severity: 'block', note: '绝对化用语' },
  { term: '极品', severity: 'block', note: '绝对化用语' },
  { term: '首个', severity: 'block', note: '绝对化用语' },
  { term: '唯一', severity: 'block', note: '绝对化用语' },
  { term: '全网最低', severity: 'block', note: '价格绝对化用语' },
  { term: '绝对', severity: 'block', note: '绝对化用语' },
  { term: '100%安全', severity: 'block', note: '安全性保证用语' },
  { term: '零风险', severity: 'block', note: '保证性用语' },
  { term: '史无前例', severity: 'block', note: '绝对化用语' },
  { term: '万能', severity: 'warn', note: '夸大用语，建议修改' },
  { term: '无事故', severity: 'warn', note: '需有检测报告支撑' },
  { term: '保值', severity: 'warn', note: '承诺性用语，建议修改' },
];
