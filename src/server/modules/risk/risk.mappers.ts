import { z } from 'zod';
import { type TRiskCase, type TRiskRule, ZRiskCaseSignals, ZRiskFlag } from './risk.contract.js';
import type { RiskCaseRow, RiskRuleRow } from './risk.schema.js';

const ZFlags = z.array(ZRiskFlag);

/** The one place a case row becomes its API object: flags and signals lifted out of the stored details. */
export function toRiskCase(row: RiskCaseRow): TRiskCase {
  const { flags, signals, ...rest } = row.details;
  const parsedFlags = ZFlags.safeParse(flags);
  const parsedSignals = ZRiskCaseSignals.safeParse(signals);
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    orderId: row.orderId,
    rule: row.rule,
    status: row.status,
    flags: parsedFlags.success ? parsedFlags.data : [],
    signals: parsedSignals.success ? parsedSignals.data : null,
    details: rest,
    decisionNote: row.decisionNote,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRiskRule(row: RiskRuleRow): TRiskRule {
  return {
    rule: row.rule,
    signal: row.signal,
    limit: row.maxCount,
    windowMinutes: row.windowMinutes,
    enabled: row.enabled,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}
