import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAskAnswer,
  TAskRequest,
  TFaq,
  TFaqInput,
  TFaqSettings,
  TFaqStats,
  TPublicFaq,
  TUnansweredList,
} from '../../../server/modules/leads/leads.faq.contract.js';
import type { FaqCategory } from '../../../server/modules/leads/leads.faq.enums.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the FAQ bot and its library (/api/v1/leads/faq).

export type { TAskAnswer, TFaq, TFaqInput, TFaqStats, TPublicFaq, TUnansweredList };

export const faqKeys = {
  all: ['leads-faq'] as const,
  list: (f: { category?: string; status?: string; q?: string }) => [...faqKeys.all, 'list', f] as const,
  stats: (days: number) => [...faqKeys.all, 'stats', days] as const,
  unanswered: () => [...faqKeys.all, 'unanswered'] as const,
  settings: () => [...faqKeys.all, 'settings'] as const,
  public: (category?: string) => [...faqKeys.all, 'public', category ?? ''] as const,
};

export function useFaqs(f: {
  category?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}) {
  return useQuery({
    queryKey: faqKeys.list(f),
    queryFn: ({ signal }) => api<Page<TFaq>>('/leads/faq', { query: { ...f, limit: 100 }, signal }),
  });
}

export function useFaqStats(days: number) {
  return useQuery({
    queryKey: faqKeys.stats(days),
    queryFn: ({ signal }) => api<TFaqStats>('/leads/faq/stats', { query: { days }, signal }),
  });
}

export function useUnansweredQuestions() {
  return useQuery({
    queryKey: faqKeys.unanswered(),
    queryFn: ({ signal }) => api<TUnansweredList>('/leads/faq/unanswered', { query: { limit: 100 }, signal }),
  });
}

export function useFaqSettings() {
  return useQuery({ queryKey: faqKeys.settings(), queryFn: () => api<TFaqSettings>('/leads/faq/settings') });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: faqKeys.all }) });
}

export function useSaveFaq() {
  return useInvalidating(({ id, input }: { id: string | null; input: Partial<TFaqInput> }) =>
    id
      ? api<TFaq>(`/leads/faq/${encodeURIComponent(id)}`, { method: 'PUT', body: input })
      : api<TFaq>('/leads/faq', { method: 'POST', body: input }),
  );
}

export function useArchiveFaq() {
  return useInvalidating((id: string) =>
    api<TFaq>(`/leads/faq/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useAddFaqSynonym() {
  return useInvalidating(
    ({ id, synonym, fromQuestion }: { id: string; synonym: string; fromQuestion?: string }) =>
      api<TFaq>(`/leads/faq/${encodeURIComponent(id)}/synonyms`, {
        method: 'POST',
        body: { synonym, fromQuestion },
      }),
  );
}

export function useSaveFaqSettings() {
  return useInvalidating((threshold: number) =>
    api<TFaqSettings>('/leads/faq/settings', { method: 'PUT', body: { threshold } }),
  );
}

export function usePublicFaqs(category?: FaqCategory) {
  return useQuery({
    queryKey: faqKeys.public(category),
    queryFn: ({ signal }) =>
      api<{ items: TPublicFaq[] }>('/leads/faq/public', { query: { category }, signal }),
  });
}

export function useAskFaq() {
  return useMutation({
    mutationFn: (req: TAskRequest) => api<TAskAnswer>('/leads/faq/ask', { method: 'POST', body: req }),
  });
}
