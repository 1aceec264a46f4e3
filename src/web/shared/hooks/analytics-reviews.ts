import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewKind } from '../../../server/modules/analytics/analytics.enums.js';
import type {
  TMyReviewSubscriptions,
  TReview,
  TReviewDetail,
} from '../../../server/modules/analytics/analytics.reviews.contract.js';
import { api } from '../api.js';
import { currentLang } from '../i18n.js';

// Data hooks for the analytics review reports (复盘): the list by kind, one report, its downloads, and the
// signed-in staff member's email subscriptions.

export type { TReview, TReviewDetail };

export const reviewKeys = {
  all: ['analytics-reviews'] as const,
  list: (kind: ReviewKind | undefined) => [...reviewKeys.all, 'list', kind ?? 'all'] as const,
  one: (id: string) => [...reviewKeys.all, 'one', id] as const,
  mine: () => [...reviewKeys.all, 'subscriptions', 'mine'] as const,
};

export function useReviews(kind: ReviewKind | undefined) {
  return useQuery({
    queryKey: reviewKeys.list(kind),
    queryFn: ({ signal }) =>
      api<{ items: TReview[]; nextCursor: string | null }>('/analytics/reviews', {
        query: { kind, limit: 100 },
        signal,
      }),
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: reviewKeys.one(id),
    queryFn: ({ signal }) => api<TReviewDetail>(`/analytics/reviews/${encodeURIComponent(id)}`, { signal }),
  });
}

/** The download path of a report's CSV or PDF, in the app's language. */
export function reviewExportPath(id: string, format: 'csv' | 'pdf'): string {
  return `/api/v1/analytics/reviews/${encodeURIComponent(id)}/${format}?lang=${currentLang()}`;
}

export function useMyReviewSubscriptions() {
  return useQuery({
    queryKey: reviewKeys.mine(),
    queryFn: ({ signal }) => api<TMyReviewSubscriptions>('/analytics/reviews/subscriptions/mine', { signal }),
  });
}

export function useToggleReviewSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, on }: { kind: ReviewKind; on: boolean }) =>
      api<TMyReviewSubscriptions>(`/analytics/reviews/subscriptions/mine/${kind}`, {
        method: on ? 'PUT' : 'DELETE',
      }),
    onSuccess: (data) => client.setQueryData(reviewKeys.mine(), data),
  });
}

export function useGenerateReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: ReviewKind; periodStart: string }) =>
      api<TReviewDetail>('/analytics/reviews/generate', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}
