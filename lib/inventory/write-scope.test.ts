import { describe, expect, it } from 'vitest';
import { defaultTenantId, deviceWriteIssues, siteAllowed, type WriteScope } from './write-scope';

const staff: WriteScope = { kind: 'staff' };
const tenant: WriteScope = { kind: 'tenant', tenantId: 7, siteIds: new Set([1, 2]) };

describe('deviceWriteIssues', () => {
  it.each([
    ['staff, any tenant and site', staff, { tenantId: 9, siteId: 99 }, []],
    ['staff, no tenant', staff, { tenantId: null, siteId: 1 }, []],
    ['tenant, own device in its site', tenant, { tenantId: 7, siteId: 2 }, []],
    ['tenant, another tenant', tenant, { tenantId: 8, siteId: 1 }, ['tenantId:403']],
    ['tenant, a staff machine', tenant, { tenantId: null, siteId: 1 }, ['tenantId:403']],
    ['tenant, a site it does not use', tenant, { tenantId: 7, siteId: 3 }, ['siteId:400']],
    ['tenant, both wrong', tenant, { tenantId: 8, siteId: 3 }, ['tenantId:403', 'siteId:400']],
  ] as const)('%s', (_name, scope, target, expected) => {
    expect(deviceWriteIssues(scope, target).map((i) => `${i.path}:${i.status}`)).toEqual(expected);
  });
});

describe('defaultTenantId and siteAllowed', () => {
  it.each([
    [staff, undefined, null],
    [staff, 4, 4],
    [tenant, undefined, 7],
    [tenant, null, null],
    [tenant, 8, 8],
  ] as const)('scope %o, given %s → %s', (scope, given, expected) => {
    expect(defaultTenantId(scope, given)).toBe(expected);
  });

  it('a tenant may use only its sites; staff every site', () => {
    expect([1, 2, 3].map((id) => siteAllowed(tenant, id))).toEqual([true, true, false]);
    expect(siteAllowed(staff, 3)).toBe(true);
  });
});
