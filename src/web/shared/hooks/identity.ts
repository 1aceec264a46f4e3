import { hashKey, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.js';

// Data hooks for the identity module (/api/v1/identity): session, staff sign-in, staff accounts, roles,
// and the dealer portal's own staff (/api/v1/identity/dealer-staff, scoped to the signed-in dealer).

import type { z } from 'zod';
import type {
  TCreateStaffRequest,
  TDealerStaffCreateRequest,
  TMe,
  TMeResponse,
  TSignInResponse,
  TStaff,
  TStaffMe,
  TUpdateStaffRequest,
  ZPermissionInfo,
  ZRoleInfo,
} from '../../../server/modules/identity/identity.contract.js';

export type Me = TMe;
export type StaffMe = TStaffMe;
export type BuyerMe = Extract<TMe, { kind: 'buyer' }>;
export type MeResponse = TMeResponse;
/** Sign-in, TOTP verify and enrolment confirm all answer with one of these. */
export type StaffSignInResult =
  | TSignInResponse
  | (Extract<TSignInResponse, { status: 'signed_in' }> & { recoveryCodes: string[] });
export type StaffAccount = TStaff;
export type RoleInfo = z.infer<typeof ZRoleInfo>;
export type PermissionInfo = z.infer<typeof ZPermissionInfo>;
export type CreateStaffBody = TCreateStaffRequest;
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface StaffListFilter {
  q?: string;
  role?: TStaff['roles'][number];
  status?: string;
  cursor?: string;
}

export const identityKeys = {
  all: ['identity'] as const,
  me: () => [...identityKeys.all, 'me'] as const,
  staff: () => [...identityKeys.all, 'staff'] as const,
  staffList: (f: StaffListFilter) => [...identityKeys.staff(), 'list', f] as const,
  /** The dealer portal's own staff (under staff(): invalidating staff refreshes both lists). */
  dealerStaff: () => [...identityKeys.staff(), 'dealer-staff'] as const,
  roles: () => [...identityKeys.all, 'roles'] as const,
  permissions: () => [...identityKeys.all, 'permissions'] as const,
};

/** Everything cached belongs to the previous session once someone signs in or out. */
export function resetSessionData(qc: QueryClient): void {
  const me = hashKey(identityKeys.me());
  qc.removeQueries({ predicate: (q) => q.queryHash !== me });
  void qc.invalidateQueries({ queryKey: identityKeys.me() });
}

export function useMe() {
  return useQuery({
    queryKey: identityKeys.me(),
    queryFn: () => api<MeResponse>('/identity/auth/me'),
    staleTime: 60_000,
  });
}

export function useStaffMe(): StaffMe | null {
  const me = useMe().data?.me;
  return me?.kind === 'staff' ? me : null;
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) =>
      api<void>(everywhere ? '/identity/auth/sign-out-everywhere' : '/identity/auth/sign-out', {
        method: 'POST',
      }),
    onSettled: () => {
      qc.setQueryData<MeResponse>(identityKeys.me(), { me: null, csrfToken: null });
      resetSessionData(qc);
    },
  });
}

export function useStaffSignIn() {
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<StaffSignInResult>('/identity/auth/sign-in', { method: 'POST', body }),
  });
}

export function useTotpVerify() {
  return useMutation({
    mutationFn: (body: { challengeId: string; code?: string; recoveryCode?: string }) =>
      api<StaffSignInResult>('/identity/auth/totp/verify', { method: 'POST', body }),
  });
}

export function useTotpEnrolConfirm() {
  return useMutation({
    mutationFn: (body: { challengeId: string; code: string }) =>
      api<StaffSignInResult>('/identity/auth/totp/enrol/confirm', { method: 'POST', body }),
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/identity/auth/password', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.me() }),
  });
}

export function useStartTotpEnrol() {
  return useMutation({
    mutationFn: () =>
      api<{ secret: string; otpauthUri: string }>('/identity/auth/totp/enrol', { method: 'POST' }),
  });
}

export function useConfirmTotpSelf() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string }) =>
      api<{ recoveryCodes: string[] }>('/identity/auth/totp/enrol/confirm-self', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.me() }),
  });
}

export function useStaffList(filter: StaffListFilter) {
  return useQuery({
    queryKey: identityKeys.staffList(filter),
    queryFn: () => api<Page<StaffAccount>>('/identity/staff', { query: { ...filter, limit: 50 } }),
  });
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStaffBody) => api<StaffAccount>('/identity/staff', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.staff() }),
  });
}

export function useUpdateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateStaffRequest & { id: string }) =>
      api<StaffAccount>(`/identity/staff/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    // Changing one's own roles ends one's own sessions: re-reading `me` sends the console to sign-in.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: identityKeys.staff() }),
        qc.invalidateQueries({ queryKey: identityKeys.me() }),
      ]),
  });
}

export type StaffAction = 'disable' | 'enable' | 'reset-totp';

export function useStaffAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: StaffAction }) =>
      api<unknown>(`/identity/staff/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.staff() }),
  });
}

export function useResetStaffPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      api<unknown>(`/identity/staff/${encodeURIComponent(id)}/reset-password`, {
        method: 'POST',
        body: { newPassword },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.staff() }),
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: identityKeys.roles(),
    queryFn: () => api<{ items: RoleInfo[] }>('/identity/roles'),
    enabled,
  });
}

export function usePermissionCatalogue(enabled = true) {
  return useQuery({
    queryKey: identityKeys.permissions(),
    queryFn: () => api<{ items: PermissionInfo[] }>('/identity/permissions'),
    enabled,
  });
}

export function useSaveRolePermissions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ role, permissions }: { role: string; permissions: string[] }) =>
      api<unknown>(`/identity/roles/${encodeURIComponent(role)}/permissions`, {
        method: 'PUT',
        body: { permissions },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: identityKeys.roles() });
      void qc.invalidateQueries({ queryKey: identityKeys.me() });
    },
  });
}

export function useDealerStaff(enabled: boolean) {
  return useQuery({
    queryKey: identityKeys.dealerStaff(),
    queryFn: () => api<Page<StaffAccount>>('/identity/dealer-staff', { query: { limit: 100 } }),
    enabled,
  });
}

export function useCreateDealerStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TDealerStaffCreateRequest) =>
      api<StaffAccount>('/identity/dealer-staff', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.dealerStaff() }),
  });
}

export function useDealerStaffAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'disable' | 'enable' }) =>
      api<StaffAccount>(`/identity/dealer-staff/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.dealerStaff() }),
  });
}
