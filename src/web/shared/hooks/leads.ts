import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAdvisor,
  TUpsertAdvisorRequest,
} from '../../../server/modules/leads/leads.advisors.contract.js';
import type { AdvisorAvailability } from '../../../server/modules/leads/leads.advisors.enums.js';
import type {
  TLead,
  TLeadDetail,
  TLeadPage,
  TLeadReport,
  TLeadStatusRequest,
  TLeadTask,
  TLogCallRequest,
  TSlaSettings,
  TSlaSettingsUpdate,
} from '../../../server/modules/leads/leads.contract.js';
import { api } from '../api.js';

// Data hooks for the leads module: the workspace list, one lead with its timeline and actions, tasks, SLA
// settings, reports and the advisor roster (console and dealer portal; the API scopes dealer staff).

export type { TAdvisor, TLead, TLeadDetail, TLeadReport, TLeadTask, TSlaSettings };

export interface LeadFilter {
  status?: string | undefined;
  owner?: string | undefined;
  sourceKind?: string | undefined;
  channel?: string | undefined;
  sla?: string | undefined;
  q?: string | undefined;
}

export const leadKeys = {
  all: ['leads'] as const,
  list: (f: LeadFilter) => [...leadKeys.all, 'list', f] as const,
  one: (id: string) => [...leadKeys.all, 'one', id] as const,
  sla: () => [...leadKeys.all, 'sla'] as const,
  report: (from: string, to: string) => [...leadKeys.all, 'report', from, to] as const,
  advisors: () => [...leadKeys.all, 'advisors'] as const,
  me: () => [...leadKeys.all, 'advisors', 'me'] as const,
};

/** The workspace refreshes every minute so new leads and passing deadlines show without a reload. */
export const LEADS_POLL_MS = 60_000;

export function useLeads(f: LeadFilter) {
  return useInfiniteQuery({
    queryKey: leadKeys.list(f),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<TLeadPage>('/leads', { query: { ...f, limit: 50, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: LEADS_POLL_MS,
  });
}

export function useLead(id: string | undefined) {
  return useQuery({
    queryKey: leadKeys.one(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) => api<TLeadDetail>(`/leads/${encodeURIComponent(id ?? '')}`, { signal }),
  });
}

function useLeadWrite<V>(fn: (v: V) => Promise<TLeadDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData(leadKeys.one(d.lead.id), d);
      void qc.invalidateQueries({ queryKey: [...leadKeys.all, 'list'] });
    },
  });
}

export function useLeadStatus(id: string) {
  return useLeadWrite((body: TLeadStatusRequest) =>
    api<TLeadDetail>(`/leads/${encodeURIComponent(id)}/status`, { method: 'POST', body }),
  );
}

export function useLeadNote(id: string) {
  return useLeadWrite((body: { body: string }) =>
    api<TLeadDetail>(`/leads/${encodeURIComponent(id)}/notes`, { method: 'POST', body }),
  );
}

export function useLeadCall(id: string) {
  return useLeadWrite((body: { direction: 'inbound' | 'outbound'; reached: boolean; note: string | null }) =>
    api<TLeadDetail>(`/leads/${encodeURIComponent(id)}/calls`, { method: 'POST', body }),
  );
}

export function useReassignLead(id: string) {
  return useLeadWrite((body: { advisorAccountId: string }) =>
    api<TLeadDetail>(`/leads/${encodeURIComponent(id)}/reassign`, { method: 'POST', body }),
  );
}

export function useLogPhoneCall() {
  return useLeadWrite((body: Partial<TLogCallRequest> & { phone: string }) =>
    api<TLeadDetail>('/leads/calls', { method: 'POST', body }),
  );
}

export function useLeadTaskWrite(leadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v:
        | { op: 'create'; title: string; dueAt: string }
        | { op: 'update'; taskId: string; done: boolean }
        | { op: 'delete'; taskId: string },
    ) => {
      const base = `/leads/${encodeURIComponent(leadId)}/tasks`;
      if (v.op === 'create')
        return api<unknown>(base, { method: 'POST', body: { title: v.title, dueAt: v.dueAt } });
      if (v.op === 'update')
        return api<unknown>(`${base}/${encodeURIComponent(v.taskId)}`, {
          method: 'PATCH',
          body: { done: v.done },
        });
      return api<unknown>(`${base}/${encodeURIComponent(v.taskId)}`, { method: 'DELETE' });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: leadKeys.one(leadId) }),
  });
}

export function useSlaSettings() {
  return useQuery({
    queryKey: leadKeys.sla(),
    queryFn: ({ signal }) => api<TSlaSettings>('/leads/sla-settings', { signal }),
  });
}

export function useSaveSlaSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSlaSettingsUpdate) =>
      api<TSlaSettings>('/leads/sla-settings', { method: 'PUT', body }),
    onSuccess: (d) => qc.setQueryData(leadKeys.sla(), d),
  });
}

export function useLeadReport(from: string, to: string) {
  return useQuery({
    queryKey: leadKeys.report(from, to),
    queryFn: ({ signal }) => api<TLeadReport>('/leads/reports', { query: { from, to }, signal }),
  });
}

export function useAdvisors() {
  return useQuery({
    queryKey: leadKeys.advisors(),
    queryFn: ({ signal }) => api<{ items: TAdvisor[] }>('/leads/advisors', { signal }),
  });
}

export function useSaveAdvisor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, body }: { accountId: string; body: TUpsertAdvisorRequest }) =>
      api<TAdvisor>(`/leads/advisors/${encodeURIComponent(accountId)}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: leadKeys.advisors() }),
  });
}

export function useSetMyAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (availability: AdvisorAvailability) =>
      api<TAdvisor>('/leads/advisors/me/availability', { method: 'PUT', body: { availability } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: leadKeys.advisors() }),
  });
}
