import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { tokenKeys } from './keys';
import type { ApiTokenView, CreatedToken, Role } from './types';

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: ApiTokenView[] }>('/api/v1/tokens', { signal }).then((body) => body.data),
  });

export type CreateTokenRequest = {
  name: string;
  role: Role;
  tenantId?: number | null;
  expiresInDays?: number;
};

export function postToken(input: CreateTokenRequest): Promise<CreatedToken> {
  return apiFetch<CreatedToken>('/api/v1/tokens', { method: 'POST', body: input });
}

export function deleteToken(id: number): Promise<null> {
  return apiFetch<null>(`/api/v1/tokens/${id}`, { method: 'DELETE' });
}
