// Tenants (hosting clients), their users and device moves: queries and writes.
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { tenantKeys, userKeys } from './keys';
import type { Role, TenantView, UserView } from './types';

export const tenantsQuery = () =>
  queryOptions({
    queryKey: tenantKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: TenantView[] }>('/api/v1/tenants', { signal }).then((b) => b.data),
  });

export type TenantInput = {
  name: string;
  hostingRateUsdPerKwh: number | null;
  hostingRateUsdPerDeviceMonth: number | null;
  /** IANA zone the monthly statement's month is cut in; null = the tenant's site's zone. */
  timezone?: string | null;
};

export function postTenant(input: TenantInput): Promise<TenantView> {
  return apiFetch<TenantView>('/api/v1/tenants', { method: 'POST', body: input });
}

export function patchTenant(id: number, input: Partial<TenantInput>): Promise<TenantView> {
  return apiFetch<TenantView>(`/api/v1/tenants/${id}`, { method: 'PATCH', body: input });
}

export const usersQuery = () =>
  queryOptions({
    queryKey: userKeys.all,
    queryFn: ({ signal }) => apiFetch<{ data: UserView[] }>('/api/v1/users', { signal }).then((b) => b.data),
  });

export type UserInput = {
  email: string;
  name: string;
  role: Role;
  tenantId: number | null;
  password?: string;
};
export type CreatedUser = UserView & { password?: string };

export function postUser(input: UserInput): Promise<CreatedUser> {
  return apiFetch<CreatedUser>('/api/v1/users', { method: 'POST', body: input });
}

export type UserPatch = Partial<Omit<UserInput, 'email'>> & { disabled?: boolean };

export function patchUser(id: number, input: UserPatch): Promise<UserView> {
  return apiFetch<UserView>(`/api/v1/users/${id}`, { method: 'PATCH', body: input });
}

export function deleteUser(id: number): Promise<null> {
  return apiFetch<null>(`/api/v1/users/${id}`, { method: 'DELETE' });
}

export type MoveResult = { moved: number; unchanged: number; tenantId: number | null; movedAt: string };

export function postDeviceMove(input: { deviceIds: number[]; tenantId: number | null }): Promise<MoveResult> {
  return apiFetch<MoveResult>('/api/v1/devices/move-tenant', { method: 'POST', body: input });
}
