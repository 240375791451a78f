import { describe, expect, it } from 'vitest';
import { tokenState } from './token-state';

const now = Date.UTC(2025, 0, 10);

describe('tokenState', () => {
  it.each([
    [{ revokedAt: null, expiresAt: null }, 'active'],
    [{ revokedAt: null, expiresAt: '2025-02-01T00:00:00.000Z' }, 'active'],
    [{ revokedAt: null, expiresAt: '2025-01-10T00:00:00.000Z' }, 'expired'],
    [{ revokedAt: null, expiresAt: '2024-12-01T00:00:00.000Z' }, 'expired'],
    [{ revokedAt: '2025-01-05T00:00:00.000Z', expiresAt: '2024-12-01T00:00:00.000Z' }, 'revoked'],
    [{ revokedAt: '2025-01-05T00:00:00.000Z', expiresAt: null }, 'revoked'],
  ])('%j → %s', (token, expected) => {
    expect(tokenState(token, now)).toBe(expected);
  });
});
