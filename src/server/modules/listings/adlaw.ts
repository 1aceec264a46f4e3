// Ad-law (广告法) wording scan: finds every occurrence of every term in a listing's title and description.

// The scan itself lives in the contract so the editor flags the same words while the seller types.
import type { AdLawTerm } from './listings.contract.js';

export { type AdLawHit, type AdLawTerm, hasBlockingHit, scanAdLaw } from './listings.contract.js';

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
