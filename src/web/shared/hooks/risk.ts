import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TRiskCase,
  TRiskDecisionRequest,
  TRiskRule,
  TUpdateRiskRuleRequest,
} from '../../../server/modules/risk/risk.contract.js';
import type { RiskCaseStatus, VelocityRule } from '../../../server/modules/risk/risk.enums.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the risk module: the case queue, decisions and the velocity rules (console /console/risk).

export type { TRiskCase, TRiskRule };

export const riskKeys = {
  all: ['risk'] as const,
  cases: () => [...riskKeys.all, 'cases'] as const,
  caseList: (status: RiskCaseStatus | undefined) => [...riskKeys.cases(), { status }] as const,
  rules: () => [...riskKeys.all, 'rules'] as const,
};

export function useRiskCases(status: RiskCaseStatus | undefined) {
  return useInfiniteQuery({
    queryKey: riskKeys.caseList(status),
    queryFn: ({ pageParam, signal }) =>
      api<Page<TRiskCase>>('/risk/cases', { query: { status, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Decides a case; `key` is one per opened decision dialog, so a retried click decides once. */
export function useDecideRiskCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, key }: { id: string; body: TRiskDecisionRequest; key: string }) =>
      api<TRiskCase>(`/risk/cases/${encodeURIComponent(id)}/decision`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: riskKeys.cases() }),
  });
}

export function useRiskRules() {
  return useQuery({
    queryKey: riskKeys.rules(),
    queryFn: ({ signal }) => api<{ items: TRiskRule[] }>('/risk/rules', { signal }),
  });
}

export function useUpdateRiskRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: VelocityRule; body: TUpdateRiskRuleRequest }) =>
      api<TRiskRule>(`/risk/rules/${rule}`, { method: 'PUT', body, idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: riskKeys.rules() }),
  });
}
