// Two-factor: the caller's own state and enrolment, the sign-in's second step, and the admin's
// requirement per role and reset per user.
import { queryOptions } from '@tanstack/react-query';
import type { EnrolmentStart, TwoFactorStatus } from '@/lib/auth/two-factor';
import type { TwoFactorPolicy } from '@/lib/auth/two-factor-policy';
import { apiFetch } from './fetch';
import { twoFactorKeys } from './keys';

export type { EnrolmentStart, TwoFactorPolicy, TwoFactorStatus };
export type Reauth = { password: string } | { code: string };

export const twoFactorQuery = () =>
  queryOptions({
    queryKey: twoFactorKeys.all,
    queryFn: ({ signal }) => apiFetch<TwoFactorStatus>('/api/auth/two-factor', { signal }),
  });

export const twoFactorPolicyQuery = () =>
  queryOptions({
    queryKey: twoFactorKeys.policy,
    queryFn: ({ signal }) => apiFetch<TwoFactorPolicy>('/api/v1/settings/security', { signal }),
  });

export const postEnrol = () => apiFetch<EnrolmentStart>('/api/auth/two-factor/enrol', { method: 'POST' });

export const postConfirm = (code: string) =>
  apiFetch<{ recoveryCodes: string[] }>('/api/auth/two-factor/confirm', { method: 'POST', body: { code } });

export const postDisable = (input: Reauth) =>
  apiFetch<null>('/api/auth/two-factor/disable', { method: 'POST', body: input });

export const postRecoveryCodes = (input: Reauth) =>
  apiFetch<{ recoveryCodes: string[] }>('/api/auth/two-factor/recovery-codes', {
    method: 'POST',
    body: input,
  });

export const postSecondFactor = (input: { code: string } | { recoveryCode: string }) =>
  apiFetch<{ user: { id: number } }>('/api/auth/login/two-factor', { method: 'POST', body: input });

export const putTwoFactorPolicy = (policy: TwoFactorPolicy) =>
  apiFetch<TwoFactorPolicy>('/api/v1/settings/security', { method: 'PUT', body: policy });

export const deleteUserTwoFactor = (userId: number) =>
  apiFetch<null>(`/api/v1/users/${userId}/two-factor`, { method: 'DELETE' });
