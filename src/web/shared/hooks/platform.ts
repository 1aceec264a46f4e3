import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAuditEntry,
  TAuditQuery,
  TJob,
  TJobStats,
  TNotification,
  TSiteInfo,
} from '../../../server/modules/platform/platform.contract.js';
import { api } from '../api.js';
import type { Page } from './identity.js';

// Data hooks for the platform module (/api/v1/platform): notifications, audit log, jobs.

export type NotificationItem = TNotification;
export type AuditEntry = TAuditEntry;
/** The audit filters the console sends (limit and cursor are added by the hook). */
export type AuditFilter = Partial<
  Pick<TAuditQuery, 'actor' | 'action' | 'entityType' | 'entityId' | 'from' | 'to'>
>;
export type JobItem = TJob;
export type JobStats = TJobStats;
export type SiteInfo = TSiteInfo;

export const platformKeys = {
  all: ['platform'] as const,
  notifications: () => [...platformKeys.all, 'notifications'] as const,
  notificationList: (unreadOnly: boolean) => [...platformKeys.notifications(), 'list', unreadOnly] as const,
  unreadCount: () => [...platformKeys.notifications(), 'unread-count'] as const,
  audit: (f: AuditFilter) => [...platformKeys.all, 'audit', f] as const,
  jobs: () => [...platformKeys.all, 'jobs'] as const,
  jobList: (status: string) => [...platformKeys.jobs(), 'list', status] as const,
  jobStats: () => [...platformKeys.jobs(), 'stats'] as const,
  site: () => [...platformKeys.all, 'site'] as const,
};

/** The site operator's name, filing numbers and contact (configuration: fetched once per visit). */
export function useSiteInfo() {
  return useQuery({
    queryKey: platformKeys.site(),
    queryFn: () => api<SiteInfo>('/platform/site'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: platformKeys.unreadCount(),
    queryFn: () => api<{ count: number }>('/platform/notifications/unread-count'),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: platformKeys.notificationList(unreadOnly),
    queryFn: ({ pageParam }) =>
      api<Page<NotificationItem>>('/platform/notifications', {
        query: { unreadOnly: unreadOnly || undefined, limit: 20, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // New notifications arrive from background jobs (e.g. the welcome note after the first sign-in).
    refetchInterval: 30_000,
  });
}

export function useMarkNotificationRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api<unknown>(
        id === 'all'
          ? '/platform/notifications/read-all'
          : `/platform/notifications/${encodeURIComponent(id)}/read`,
        { method: 'POST' },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: platformKeys.notifications() }),
  });
}

export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: platformKeys.audit(filter),
    queryFn: ({ pageParam }) =>
      api<Page<AuditEntry>>('/platform/audit', { query: { ...filter, limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useJobStats() {
  return useQuery({
    queryKey: platformKeys.jobStats(),
    queryFn: () => api<TJobStats>('/platform/jobs/stats'),
    refetchInterval: 10_000,
  });
}

export function useJobs(status: string) {
  return useInfiniteQuery({
    queryKey: platformKeys.jobList(status),
    queryFn: ({ pageParam }) =>
      api<Page<JobItem>>('/platform/jobs', { query: { status, limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useJobAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'discard' }) =>
      api<unknown>(`/platform/jobs/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: platformKeys.jobs() }),
  });
}
