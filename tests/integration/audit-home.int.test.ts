// The audit log API (who, what, when, from where; filters, keyset pages, streamed CSV; staff admins
// only) and the tenant home (a client's machines and bill, computed by the hosting report).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as auditExport from '@/app/api/v1/audit/export/route';
import * as audit from '@/app/api/v1/audit/route';
import * as move from '@/app/api/v1/devices/move-tenant/route';
import * as tenants from '@/app/api/v1/tenants/route';
import * as tokens from '@/app/api/v1/tokens/route';
import type { Actor } from '@/lib/auth/actor';
import { PEER_ADDRESS_HEADER } from '@/lib/http/server-hooks';
import { getTenantHome } from '@/lib/tenants/home';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('audit log and tenant home on %s', (provider) => {
  let db: TestDb;
  let admin: string;
  let deviceIds: number[];
  let tenantId: number;
  let otherId: number;

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin', 'audit-admin');
    deviceIds = (await createSmallFleet(4, 'Audit hall')).devices.map((d) => d.id);
    const from = { [PEER_ADDRESS_HEADER]: '10.9.8.7' };
    const a = await call(tenants.POST, {
      method: 'POST',
      token: admin,
      headers: from,
      body: { name: 'Acme Hosting', hostingRateUsdPerDeviceMonth: 50 },
    });
    const b = await call(tenants.POST, { method: 'POST', token: admin, body: { name: 'Other Co' } });
    tenantId = a.json.id;
    otherId = b.json.id;
    const moved = await call(move.POST, {
      method: 'POST',
      token: admin,
      headers: from,
      body: { deviceIds: deviceIds.slice(0, 2), tenantId },
    });
    expect(moved.json).toMatchObject({ moved: 2 });
    await call(move.POST, {
      method: 'POST',
      token: admin,
      body: { deviceIds: [deviceIds[2]], tenantId: otherId },
    });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('lists who did what, when and from where, newest first', async () => {
    const res = await call(audit.GET, { token: admin, path: '/api/v1/audit' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [newest, ...rest] = res.json.data;
    expect(newest).toMatchObject({
      action: 'device.move_tenant',
      actorName: 'token:audit-admin',
      target: `tenant:${otherId}`,
    });
    const created = rest.find((e: { target: string }) => e.target === `tenant:${tenantId}`);
    expect(created).toMatchObject({ action: 'device.move_tenant', ip: '10.9.8.7', actorType: 'token' });
    expect(res.json.actions).toEqual(expect.arrayContaining(['device.move_tenant', 'tenant.create']));
  });

  it('filters by action (exact or area), actor and date, and pages with a cursor', async () => {
    const exact = await call(audit.GET, { token: admin, path: '/api/v1/audit?action=tenant.create' });
    expect(exact.json.data.map((e: { action: string }) => e.action)).toEqual([
      'tenant.create',
      'tenant.create',
    ]);
    const area = await call(audit.GET, { token: admin, path: '/api/v1/audit?action=device.' });
    expect(area.json.data).toHaveLength(2);
    const nobody = await call(audit.GET, { token: admin, path: '/api/v1/audit?actor=nobody-at-all' });
    expect(nobody.json.data).toEqual([]);
    const past = await call(audit.GET, { token: admin, path: '/api/v1/audit?to=2020-01-01' });
    expect(past.json.data).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const now = await call(audit.GET, { token: admin, path: `/api/v1/audit?from=${today}&to=${today}` });
    expect(now.json.data.length).toBeGreaterThanOrEqual(4);
    const first = await call(audit.GET, { token: admin, path: '/api/v1/audit?limit=3' });
    expect(first.json.data).toHaveLength(3);
    const second = await call(audit.GET, {
      token: admin,
      path: `/api/v1/audit?limit=3&cursor=${first.json.nextCursor}`,
    });
    const ids = [...first.json.data, ...second.json.data].map((e: { id: number }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const bad = await call(audit.GET, { token: admin, path: '/api/v1/audit?from=yesterday' });
    expect(bad.status).toBe(400);
  });

  it('exports the filtered log as CSV', async () => {
    const res = await call(auditExport.GET, { token: admin, path: '/api/v1/audit/export?action=device.' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-/);
    const lines = String(res.json).trim().split('\r\n');
    expect(lines[0]).toBe('Time,Actor type,Actor,Action,Target,Address,Details');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('10.9.8.7');
  });

  it('answers staff admins only', async () => {
    const operator = await tokenFor('operator', 'audit-operator');
    expect((await call(audit.GET, { token: operator })).status).toBe(403);
    const client = await call(tokens.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'acme admin', role: 'admin', tenantId },
    });
    for (const handler of [audit.GET, auditExport.GET])
      expect((await call(handler, { token: client.json.token })).status).toBe(403);
  });

  it("gives a client its own machines and bill, nothing of another tenant's", async () => {
    const client: Actor = { kind: 'user', id: null, name: 'acme viewer', role: 'viewer', tenantId };
    const inAnHour = Date.now() + 3_600_000;
    const home = await getTenantHome(client, inAnHour);
    expect(home.tenant.name).toBe('Acme Hosting');
    expect(home.devices).toBe(2);
    // Two devices held for about an hour at $50 per device-month.
    expect(home.bill.deviceMonths).toBeGreaterThan(0.002);
    expect(home.bill.deviceMonths).toBeLessThan(0.004);
    expect(home.bill.hostingChargeUsd).toBeCloseTo((home.bill.deviceMonths ?? 0) * 50, 2);
    await expect(getTenantHome(client, inAnHour, otherId)).resolves.toMatchObject({ devices: 2 });
    const staff: Actor = { kind: 'user', id: null, name: 'staff', role: 'admin', tenantId: null };
    const preview = await getTenantHome(staff, inAnHour, otherId);
    expect(preview).toMatchObject({ devices: 1, tenant: { name: 'Other Co' } });
    await expect(getTenantHome(staff, inAnHour)).rejects.toMatchObject({ status: 404 });
  });
});
