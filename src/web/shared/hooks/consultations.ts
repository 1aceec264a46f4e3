import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { classifyTrafficChannel, type TTrafficSource } from '../../../server/kernel/attribution.contract.js';
import type { TAdvisor } from '../../../server/modules/leads/leads.advisors.contract.js';
import type {
  TConversation,
  TConversationMessage,
} from '../../../server/modules/leads/leads.consultation.contract.js';
import { track } from '../analytics/tracker.js';
import { ApiError, readCookie } from '../api.js';
import { currentLang } from '../i18n.js';

// Data hooks for consultations (/api/v1/leads/consultations). Anonymous visitors are known by a random
// token this browser keeps in localStorage and sends as `x-visitor-token`.

export type { TConversation, TConversationMessage };

const VISITOR_KEY = 'ay_chat_visitor';
const SOURCE_KEY = 'ay_landing_source';

export function visitorToken(): string | null {
  try {
    return localStorage.getItem(VISITOR_KEY);
  } catch {
    return null;
  }
}

function keepVisitorToken(token: string | null): void {
  if (!token) return;
  try {
    localStorage.setItem(VISITOR_KEY, token);
  } catch {
    // private mode: the conversation lasts as long as the page
  }
}

/** Where this visit came from: UTM parameters and the referrer of the landing page (kept for the session). */
export function landingSource(): TTrafficSource {
  try {
    const kept = sessionStorage.getItem(SOURCE_KEY);
    if (kept) return JSON.parse(kept) as TTrafficSource;
  } catch {
    // fall through
  }
  const q = new URLSearchParams(window.location.search);
  const referrer =
    document.referrer && !document.referrer.startsWith(window.location.origin) ? document.referrer : null;
  const utm = {
    utmSource: q.get('utm_source')?.slice(0, 100) ?? null,
    utmMedium: q.get('utm_medium')?.slice(0, 100) ?? null,
    utmCampaign: q.get('utm_campaign')?.slice(0, 100) ?? null,
  };
  // One rule for leads, test drives and analytics (kernel/attribution.contract.ts).
  const source: TTrafficSource = {
    channel: classifyTrafficChannel({ ...utm, referrer }),
    ...utm,
    referrer: referrer?.slice(0, 500) ?? null,
  };
  try {
    sessionStorage.setItem(SOURCE_KEY, JSON.stringify(source));
  } catch {
    // not kept
  }
  return source;
}

/** Like api(), plus the visitor token. */
export async function chatApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  const token = visitorToken();
  if (token) headers['x-visitor-token'] = token;
  if (method !== 'GET') {
    const csrf = readCookie('ay_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let body: string | FormData | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`/api/v1/leads/consultations${path}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

export const consultationKeys = {
  all: ['consultations'] as const,
  mine: () => [...consultationKeys.all, 'mine'] as const,
  workspace: () => [...consultationKeys.all, 'workspace'] as const,
  detail: (id: string) => [...consultationKeys.all, 'detail', id] as const,
  history: (id: string) => [...consultationKeys.all, 'history', id] as const,
  advisors: () => [...consultationKeys.all, 'advisors'] as const,
  me: () => [...consultationKeys.all, 'advisor-me'] as const,
};

export async function openConversation(listingId: string | null): Promise<TConversation> {
  const out = await chatApi<{ conversation: TConversation; visitorToken: string | null }>('', {
    method: 'POST',
    body: { listingId, source: landingSource(), visitorToken: visitorToken() },
  });
  keepVisitorToken(out.visitorToken);
  track('start_consultation', {}, { listingId: listingId ?? undefined });
  return out.conversation;
}

export function useMyConversations(enabled = true) {
  return useQuery({
    queryKey: consultationKeys.mine(),
    queryFn: () => chatApi<{ items: TConversation[] }>(''),
    enabled,
  });
}

export function useConversation(id: string | null, poll: boolean) {
  return useQuery({
    queryKey: consultationKeys.detail(id ?? ''),
    queryFn: () => chatApi<TConversation>(`/${id}`),
    enabled: Boolean(id),
    // While queued the position moves: refresh it.
    refetchInterval: poll ? 10_000 : false,
  });
}

export function useHistory(id: string | null) {
  return useQuery({
    queryKey: consultationKeys.history(id ?? ''),
    queryFn: () => chatApi<{ items: TConversationMessage[]; hasMore: boolean }>(`/${id}/messages?limit=200`),
    enabled: Boolean(id),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useWorkspace() {
  return useQuery({
    queryKey: consultationKeys.workspace(),
    queryFn: () => chatApi<{ queue: TConversation[]; mine: TConversation[] }>('/workspace'),
    refetchInterval: 5_000,
  });
}

export function useAdvisors() {
  return useQuery({
    queryKey: consultationKeys.advisors(),
    queryFn: async () => {
      const res = await fetch('/api/v1/leads/advisors', { credentials: 'same-origin' });
      if (!res.ok) return [] as TAdvisor[];
      return ((await res.json()) as { items: TAdvisor[] }).items;
    },
  });
}

export function useMyAdvisorProfile() {
  return useQuery({
    queryKey: consultationKeys.me(),
    queryFn: async () => {
      const res = await fetch('/api/v1/leads/advisors/me', { credentials: 'same-origin' });
      if (!res.ok) return null;
      return (await res.json()) as TAdvisor;
    },
  });
}

export function useSetAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (availability: 'online' | 'busy' | 'offline') => {
      const csrf = readCookie('ay_csrf');
      const res = await fetch('/api/v1/leads/advisors/me/availability', {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        body: JSON.stringify({ availability }),
      });
      if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', `HTTP ${res.status}`);
      // Going online serves the queue at once.
      if (availability === 'online') await chatApi('/queue/serve', { method: 'POST' });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: consultationKeys.all }),
  });
}

/** A POST on one conversation (handoff, contact, callback, close, accept, transfer). */
export function useConversationAction(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) =>
      chatApi<unknown>(`/${id}/${action}`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: consultationKeys.all }),
  });
}

export async function uploadChatImage(conversationId: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const out = await chatApi<{ imageId: string }>(`/${conversationId}/images`, { method: 'POST', body: form });
  return out.imageId;
}

export function chatImageUrl(imageId: string): string {
  return `/api/v1/leads/consultations/images/${imageId}`;
}
