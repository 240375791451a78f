import { queryOptions } from '@tanstack/react-query';
import type { SessionView } from '@/lib/auth/account';
import { apiFetch } from './fetch';
import { sessionKeys } from './keys';

export type { SessionView };

export const sessionsQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: SessionView[] }>('/api/v1/sessions', { signal }).then((body) => body.data),
  });

export function postPasswordChange(input: {
  currentPassword: string;
  newPassword: string;
}): Promise<{ sessionsEnded: number }> {
  return apiFetch('/api/auth/password', { method: 'POST', body: input });
}

export function deleteSession(id: string): Promise<null> {
  return apiFetch<null>(`/api/v1/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function postRevokeOtherSessions(): Promise<{ revoked: number }> {
  return apiFetch('/api/v1/sessions/revoke-others', { method: 'POST' });
}
