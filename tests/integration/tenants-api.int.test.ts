// Tenants, users and tenant tokens through the real handlers: create, change terms, generated
// passwords returned once, sessions ended by role/password changes, a tenant token confined to its
// tenant, and the bulk move with its history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as login from '@/app/api/auth/login/route';
import * as me from '@/app/api/auth/me/route';
import * as move from '@/app/api/v1/devices/move-tenant/route';
import * as devices from '@/app/api/v1/devices/route';
import * as tenant from '@/app/api/v1/tenants/[id]/route';
import * as tenants from '@/app/api/v1/tenants/route';
import * as tokens from '@/app/api/v1/tokens/route';
import * as user from '@/app/api/v1/users/[id]/route';
import * as users from '@/app/api/v1/users/route';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('tenants and users API on %s', (provider) => {
  let db: TestDb;
  let admin: string;
  let deviceIds: number[];

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
    deviceIds = (await createSmallFleet(4, 'Host')).devices.map((d) => d.id);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('creates tenants with hosting terms, refuses duplicates and unsafe names, changes terms', async () => {
    const created = await call(tenants.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'Northwind Mining', hostingRateUsdPerKwh: 0.068 },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ name: 'Northwind Mining', hostingRateUsdPerKwh: 0.068, devices: 0 });
    const dup = await call(tenants.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'Northwind Mining' },
    });
    expect(dup.status).toBe(409);
    for (const name of ['evil\u202Egnp.exe', 'nul\u0000byte'])
      expect((await call(tenants.POST, { method: 'POST', token: admin, body: { name } })).status).toBe(400);
    const patched = await call(tenant.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id: String(created.json.id) },
      body: { hostingRateUsdPerDeviceMonth: 42, hostingRateUsdPerKwh: null },
    });
    expect(patched.json).toMatchObject({ hostingRateUsdPerDeviceMonth: 42, hostingRateUsdPerKwh: null });
    const list = await call(tenants.GET, { token: admin });
    expect(list.json.data.map((t: { name: string }) => t.name)).toEqual(['Northwind Mining']);
  });

  it('moves devices in bulk, keeps each move with its time, and a tenant token sees only its own', async () => {
    const t = await getDb().tenant.findFirstOrThrow({ where: { name: 'Northwind Mining' } });
    const moved = await call(move.POST, {
      method: 'POST',
      token: admin,
      body: { deviceIds: [deviceIds[0], deviceIds[1], deviceIds[1]], tenantId: t.id },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(moved.json).toMatchObject({ moved: 2, unchanged: 0 });
    const again = await call(move.POST, {
      method: 'POST',
      token: admin,
      body: { deviceIds: [deviceIds[0]], tenantId: t.id },
    });
    expect(again.json).toMatchObject({ moved: 0, unchanged: 1 });
    const unknown = await call(move.POST, {
      method: 'POST',
      token: admin,
      body: { deviceIds: [999_999], tenantId: t.id },
    });
    expect(unknown.status).toBe(400);
    const history = await getDb().deviceTenantMove.findMany({ orderBy: { deviceId: 'asc' } });
    expect(history.map((h) => [h.deviceId, h.fromTenantId, h.toTenantId])).toEqual([
      [deviceIds[0], null, t.id],
      [deviceIds[1], null, t.id],
    ]);
    expect(Number(history[0]?.movedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await getDb().auditEvent.count({ where: { action: 'device.move_tenant' } })).toBe(2);

    const created = await call(tokens.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'northwind agent', role: 'operator', tenantId: t.id, expiresDays: 30 },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toEqual({ id: expect.any(Number), token: expect.stringMatching(/^syd_/) });
    const whoami = await call(me.GET, { token: created.json.token });
    expect(whoami.json).toMatchObject({ role: 'operator', tenantId: t.id });
    const seen = await call(devices.GET, { token: created.json.token });
    expect(seen.json.data.map((d: { id: number }) => d.id).sort()).toEqual(
      [deviceIds[0], deviceIds[1]].sort(),
    );
    const bad = await call(tokens.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'x', role: 'viewer', tenantId: 999 },
    });
    expect(bad.status).toBe(400);
  });

  it('creates users with a generated password shown once; a reset or role change ends sessions', async () => {
    const t = await getDb().tenant.findFirstOrThrow({ where: { name: 'Northwind Mining' } });
    const created = await call(users.POST, {
      method: 'POST',
      token: admin,
      body: { email: 'Ops@Northwind.example', name: 'Northwind ops', role: 'viewer', tenantId: t.id },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({
      email: 'ops@northwind.example',
      tenantId: t.id,
      tenantName: 'Northwind Mining',
    });
    const password = created.json.password as string;
    expect(password).toMatch(/^[0-9A-Za-z]{20,}$/);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: created.json.id } });
    expect(stored.passwordHash).not.toContain(password);
    const listed = await call(users.GET, { token: admin });
    expect(JSON.stringify(listed.json)).not.toContain(password);
    expect(JSON.stringify(listed.json)).not.toContain('passwordHash');

    const signIn = (pw: string) =>
      call(login.POST, {
        method: 'POST',
        headers: { origin: 'http://localhost', host: 'localhost' },
        body: { email: 'ops@northwind.example', password: pw },
      });
    const first = await signIn(password);
    expect(first.status).toBe(200);
    expect(await getDb().session.count({ where: { userId: created.json.id } })).toBe(1);

    const reset = await call(user.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id: String(created.json.id) },
      body: { password: 'a-new-password-for-ops' },
    });
    expect(reset.status).toBe(200);
    expect(await getDb().session.count({ where: { userId: created.json.id } })).toBe(0);
    expect((await signIn(password)).status).toBe(401);
    expect((await signIn('a-new-password-for-ops')).status).toBe(200);

    const demoted = await call(user.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id: String(created.json.id) },
      body: { role: 'operator' },
    });
    expect(demoted.json.role).toBe('operator');
    expect(await getDb().session.count({ where: { userId: created.json.id } })).toBe(0);

    const removed = await call(user.DELETE, {
      method: 'DELETE',
      token: admin,
      params: { id: String(created.json.id) },
    });
    expect(removed.status).toBe(204);
    expect(await getDb().user.findUnique({ where: { id: created.json.id } })).toBeNull();
    const gone = await call(user.DELETE, {
      method: 'DELETE',
      token: admin,
      params: { id: String(created.json.id) },
    });
    expect(gone.status).toBe(404);
  });
});
