import type { TPriceLine, TQuote, TRuleVersion } from './pricing.contract.js';
import { type RuleCode, type RuleVersion, ruleId } from './pricing.rules.js';
import type { QuoteRow, RuleVersionRow } from './pricing.schema.js';

/** The one place rule-version rows become the calculator's rules and API objects. */
export function toRuleVersion(row: RuleVersionRow): RuleVersion {
  return {
    id: row.id,
    code: row.code as RuleCode,
    scope: row.scope,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    params: row.params as RuleVersion['params'],
    description: { zh: row.descriptionZh, en: row.descriptionEn },
  };
}

export function toRuleVersionDto(row: RuleVersionRow, current: boolean): TRuleVersion {
  return {
    id: row.id,
    ruleId: ruleId(row.code, row.scope),
    code: row.code,
    scope: row.scope,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    params: row.params,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    current,
  };
}

export function toQuote(row: QuoteRow): TQuote {
  return {
    id: row.id,
    listingId: row.listingId,
    cityCode: row.cityCode,
    date: row.quoteDate,
    mode: row.mode,
    totalFen: row.totalFen,
    lines: row.lines as unknown as TPriceLine[],
    loan: (row.loan as TQuote['loan']) ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
