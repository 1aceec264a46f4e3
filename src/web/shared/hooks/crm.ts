import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCustomerProfile,
  TDevSmsInboxResponse,
  TSendSmsCodeResponse,
  TSmsSignInRequest,
  TSmsSignInResponse,
  TUpdateCustomerProfileRequest,
} from '../../../server/modules/crm/crm.contract.js';
import { api } from '../api.js';
import { identityKeys, type MeResponse, resetSessionData } from './identity.js';

// Data hooks for the crm module (/api/v1/crm): buyer sign-in by SMS code and the buyer's profile.

export type BuyerProfile = TCustomerProfile;
export type DevSms = TDevSmsInboxResponse['messages'][number];

export const crmKeys = {
  all: ['crm'] as const,
  profile: () => [...crmKeys.all, 'me'] as const,
  devInbox: (phone?: string) => [...crmKeys.all, 'dev-inbox', phone ?? ''] as const,
};

export function useSendSmsCode() {
  return useMutation({
    mutationFn: (body: { phone: string }) =>
      api<TSendSmsCodeResponse>('/crm/auth/sms-codes', { method: 'POST', body }),
  });
}

export function useBuyerSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSmsSignInRequest) =>
      api<TSmsSignInResponse>('/crm/auth/sign-in', { method: 'POST', body }),
    onSuccess: (res) => {
      resetSessionData(qc);
      qc.setQueryData<MeResponse>(identityKeys.me(), { me: res.me, csrfToken: res.csrfToken });
    },
  });
}

export function useBuyerProfile(enabled: boolean) {
  return useQuery({
    queryKey: crmKeys.profile(),
    queryFn: () => api<BuyerProfile>('/crm/me'),
    enabled,
  });
}

export function useUpdateBuyerProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateCustomerProfileRequest) =>
      api<BuyerProfile>('/crm/me', { method: 'PATCH', body }),
    onSuccess: (profile) => qc.setQueryData(crmKeys.profile(), profile),
  });
}

/** The development SMS inbox, polled every 2 s (the page is dev-only; production has no such API). */
export function useDevSmsInbox(phone?: string) {
  return useQuery({
    queryKey: crmKeys.devInbox(phone),
    queryFn: () => api<TDevSmsInboxResponse>('/dev/sms-inbox', { query: { phone } }),
    refetchInterval: 2000,
    staleTime: 0,
  });
}
