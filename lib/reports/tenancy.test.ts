import { describe, expect, it } from 'vitest';
import { tenantAt } from './tenancy';

const moves = [
  { deviceId: 1, fromTenantId: 7, toTenantId: 8, movedAt: 100 },
  { deviceId: 1, fromTenantId: 8, toTenantId: null, movedAt: 200 },
];

describe('tenantAt', () => {
  it.each([
    [50, 7],
    [100, 8],
    [150, 8],
    [200, null],
    [999, null],
  ])('at %i → %j', (ts, expected) => {
    expect(tenantAt(moves, null, ts)).toBe(expected);
  });
  it('uses the current tenant when the device never moved', () => {
    expect(tenantAt([], 3, 0)).toBe(3);
  });
});
