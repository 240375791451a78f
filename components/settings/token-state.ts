import type { ApiTokenView } from '@/lib/api-client/types';

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(token: Pick<ApiTokenView, 'revokedAt' | 'expiresAt'>, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}
