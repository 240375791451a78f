// Alerts end to end through the real route handlers and the stored evaluation tick, on SQLite
// and PostgreSQL: rules CRUD, firing → acknowledged → resolved with history, grouping, tenant
// confinement, silences, devices curtailed on purpose, default rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ruleRoute from '@/app/api/v1/alert-rules/[id]/route';
import * as previewRoute from '@/app/api/v1/alert-rules/preview/route';
import * as rulesRoute from '@/app/api/v1/alert-rules/route';
import * as silenceRoute from '@/app/api/v1/alert-silences/[id]/route';
import * as silencesRoute from '@/app/api/v1/alert-silences/route';
import * as ackRoute from '@/app/api/v1/alerts/[id]/ack/route';
import * as alertRoute from '@/app/api/v1/alerts/[id]/route';
import * as countRoute from '@/app/api/v1/alerts/count/route';
import * as alertsRoute from '@/app/api/v1/alerts/route';
import { DEFAULT_RULES, seedDefaultRules } from '@/lib/alerts/defaults';
import { runAlertsTick } from '@/lib/alerts/tick';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('alerts API on %s', (provider) => {
  let db: TestDb;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  const tok = {} as Record<'admin' | 'operator' | 'viewer' | 'tenant', string>;
  let now = Date.now();
  const ids = () => fleet.devices.map((d) => d.id);

  async function setLatest(deviceId: number, values: { chipTempC?: number; hashrateThs?: number }, ts = now) {
    const data = { ts: BigInt(ts), hashrateThs: 200, powerW: 3500, chipTempC: 70, ...values };
    await getDb().deviceLatest.upsert({ where: { deviceId }, create: { deviceId, ...data }, update: data });
  }

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(6, 'Alerts Site');
    const tenant = await getDb().tenant.create({ data: { name: 'Client T' } });
    await getDb().device.update({ where: { id: ids()[0] as number }, data: { tenantId: tenant.id } });
    tok.admin = await tokenFor('admin');
    tok.operator = await tokenFor('operator');
    tok.viewer = await tokenFor('viewer');
    const t = await createApiToken(SYSTEM_ACTOR, { name: 'tenant viewer', role: 'operator' });
    await getDb().apiToken.update({ where: { id: t.id }, data: { tenantId: tenant.id } });
    tok.tenant = t.token;
    for (const id of ids()) await setLatest(id, {});
  });
  afterAll(async () => db.cleanup());

  let ruleId = 0;
  let alertId = 0;

  it('refuses anonymous callers and viewers that mutate', async () => {
    expect((await call(alertsRoute.GET)).status).toBe(401);
    expect((await call(rulesRoute.GET)).status).toBe(401);
    const body = { name: 'x', metric: 'chipTempC', op: '>', threshold: 1, forS: 0, severity: 'info' };
    expect((await call(rulesRoute.POST, { method: 'POST', token: tok.viewer, body })).status).toBe(403);
    expect((await call(rulesRoute.POST, { method: 'POST', token: tok.tenant, body })).status).toBe(403);
  });

  it('validates rules: status rules compare names, numbers otherwise', async () => {
    const bad = [
      { name: 'x', metric: 'status', op: '>', threshold: 'offline', forS: 0, severity: 'info' },
      { name: 'x', metric: 'chipTempC', op: '>', threshold: 'hot', forS: 0, severity: 'info' },
      { name: 'x', metric: 'nope', op: '>', threshold: 1, forS: 0, severity: 'info' },
      { name: 'x', metric: 'powerW', op: '>', threshold: 1, forS: -1, severity: 'info' },
    ];
    for (const body of bad) {
      const res = await call(rulesRoute.POST, { method: 'POST', token: tok.operator, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('creates, reads and updates a rule', async () => {
    const res = await call(rulesRoute.POST, {
      method: 'POST',
      token: tok.operator,
      body: {
        name: 'Chips too hot',
        metric: 'chipTempC',
        op: '>',
        threshold: 95,
        clearThreshold: 85,
        forS: 60,
        cooldownS: 0,
        severity: 'critical',
        scope: { siteId: fleet.site.id },
        enabled: true,
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    ruleId = res.json.id;
    expect(res.json).toMatchObject({
      metric: 'chipTempC',
      op: '>',
      threshold: 95,
      forS: 60,
      scope: { siteId: fleet.site.id },
    });
    const patched = await call(ruleRoute.PATCH, {
      method: 'PATCH',
      token: tok.operator,
      params: { id: String(ruleId) },
      body: { forS: 30 },
    });
    expect(patched.json.forS).toBe(30);
    const list = await call(rulesRoute.GET, { token: tok.viewer });
    expect(list.json.data.map((r: { id: number }) => r.id)).toContain(ruleId);
  });

  it('fires one grouped alert only once the condition held for forS', async () => {
    const [a, b, c] = ids() as [number, number, number];
    for (const id of [a, b, c]) await setLatest(id, { chipTempC: 99 });
    await runAlertsTick(now);
    expect((await call(alertsRoute.GET, { token: tok.viewer })).json.data).toEqual([]);
    now += 30_000;
    for (const id of ids()) await setLatest(id, { chipTempC: [a, b, c].includes(id) ? 99 : 70 });
    await runAlertsTick(now);
    const res = await call(alertsRoute.GET, { token: tok.viewer, path: '/api/v1/alerts?status=firing' });
    expect(res.json.data).toHaveLength(1);
    const alert = res.json.data[0];
    alertId = alert.id;
    expect(alert).toMatchObject({ ruleId, status: 'firing', severity: 'critical' });
    expect(alert.devices.map((d: { id: number }) => d.id)).toEqual([a, b, c]);
    expect((await call(countRoute.GET, { token: tok.viewer })).json.firing).toBe(1);
  });

  it('filters by device and confines a hosting client to its own devices', async () => {
    const [a, , , d] = ids() as number[];
    const byDevice = await call(alertsRoute.GET, { token: tok.viewer, path: `/api/v1/alerts?deviceId=${a}` });
    expect(byDevice.json.data.map((x: { id: number }) => x.id)).toEqual([alertId]);
    const other = await call(alertsRoute.GET, { token: tok.viewer, path: `/api/v1/alerts?deviceId=${d}` });
    expect(other.json.data).toEqual([]);
    const tenantView = await call(alertsRoute.GET, { token: tok.tenant });
    expect(tenantView.json.data).toHaveLength(1);
    expect(tenantView.json.data[0].devices.map((x: { id: number }) => x.id)).toEqual([a]);
  });

  it('acknowledges with a note (operators only), records the timeline, and resolves on recovery', async () => {
    const denied = await call(ackRoute.POST, {
      method: 'POST',
      token: tok.viewer,
      params: { id: String(alertId) },
      body: { note: 'x' },
    });
    expect(denied.status).toBe(403);
    const ack = await call(ackRoute.POST, {
      method: 'POST',
      token: tok.operator,
      params: { id: String(alertId) },
      body: { note: 'replacing fans' },
    });
    expect(ack.status, JSON.stringify(ack.json)).toBe(200);
    expect(ack.json).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'token:test-operator',
      ackNote: 'replacing fans',
    });
    expect(ack.json.acknowledgedAt).toBeTypeOf('string');
    expect((await call(countRoute.GET, { token: tok.viewer })).json.firing).toBe(0);

    // Hysteresis: 90 is below the fire threshold but above the clear threshold.
    now += 30_000;
    for (const id of ids().slice(0, 3)) await setLatest(id, { chipTempC: 90 });
    await runAlertsTick(now);
    expect(
      (await call(alertRoute.GET, { token: tok.viewer, params: { id: String(alertId) } })).json.status,
    ).toBe('acknowledged');
    now += 30_000;
    for (const id of ids().slice(0, 3)) await setLatest(id, { chipTempC: 80 });
    await runAlertsTick(now);
    const done = await call(alertRoute.GET, { token: tok.viewer, params: { id: String(alertId) } });
    expect(done.json.status).toBe('resolved');
    expect(done.json.resolvedAt).toBeTypeOf('string');
    // The acknowledgement carries the wall clock, the ticks this test's clock: compare apart.
    const kinds: string[] = done.json.events.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k) => k === 'acknowledged')).toHaveLength(1);
    expect(kinds.filter((k) => k !== 'acknowledged')).toEqual([
      'fired',
      'joined',
      'joined',
      'cleared',
      'cleared',
      'cleared',
      'resolved',
    ]);
    const late = await call(ackRoute.POST, {
      method: 'POST',
      token: tok.operator,
      params: { id: String(alertId) },
      body: {},
    });
    expect(late.status).toBe(409);
  });

  it('silences a rack, and fires once the silence is removed', async () => {
    const created = await call(silencesRoute.POST, {
      method: 'POST',
      token: tok.operator,
      body: { scope: { rackId: fleet.rack.id }, endsAt: now + 3_600_000, comment: 'maintenance window' },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.active).toBe(true);
    expect(
      (await call(silencesRoute.POST, { method: 'POST', token: tok.tenant, body: { endsAt: now + 1000 } }))
        .status,
    ).toBe(403);
    const hot = ids()[4] as number;
    for (const t of [0, 30_000]) {
      now += t;
      await setLatest(hot, { chipTempC: 99 });
      await runAlertsTick(now);
    }
    const open = () => call(alertsRoute.GET, { token: tok.viewer, path: '/api/v1/alerts?status=open' });
    expect((await open()).json.data).toEqual([]);
    const removed = await call(silenceRoute.DELETE, {
      method: 'DELETE',
      token: tok.operator,
      params: { id: String(created.json.id) },
    });
    expect(removed.status).toBe(204);
    now += 30_000;
    await setLatest(hot, { chipTempC: 99 });
    await runAlertsTick(now);
    expect(
      (await open()).json.data.map((a: { devices: { id: number }[] }) => a.devices.map((d) => d.id)),
    ).toEqual([[hot]]);
  });

  it('does not fire offline or hashrate alerts for a device curtailed on purpose', async () => {
    const offline = await call(rulesRoute.POST, {
      method: 'POST',
      token: tok.operator,
      body: {
        name: 'Offline',
        metric: 'lastSeenAgeS',
        op: '>',
        threshold: 600,
        forS: 0,
        severity: 'critical',
        scope: { deviceIds: ids().slice(1, 3) },
      },
    });
    const [, curtailed, lost] = ids() as number[];
    await getDb().deviceWorkload.create({
      data: { deviceId: curtailed as number, kind: 'curtail', sinceTs: BigInt(now) },
    });
    for (const id of [curtailed, lost] as number[]) await setLatest(id, {}, now - 3_600_000);
    now += 30_000;
    await runAlertsTick(now);
    const res = await call(alertsRoute.GET, {
      token: tok.viewer,
      path: `/api/v1/alerts?ruleId=${offline.json.id}`,
    });
    expect(res.json.data.map((a: { devices: { id: number }[] }) => a.devices.map((d) => d.id))).toEqual([
      [lost],
    ]);
  });

  it('deleting a rule resolves its alerts on the next tick', async () => {
    const res = await call(ruleRoute.DELETE, {
      method: 'DELETE',
      token: tok.operator,
      params: { id: String(ruleId) },
    });
    expect(res.status).toBe(204);
    now += 30_000;
    await runAlertsTick(now);
    const open = await call(alertsRoute.GET, {
      token: tok.viewer,
      path: `/api/v1/alerts?ruleId=${ruleId}&status=open`,
    });
    expect(open.json.data).toEqual([]);
  });

  it('previews what a rule would have done over the last 24 h of 5-minute rollups', async () => {
    const wall = Date.now();
    const step = 300_000;
    const end = Math.floor(wall / step) * step;
    const [sick, healthy] = ids() as [number, number];
    // Two hours of rollups ending an hour ago: the sick device hashes at 50 % for the middle 40 minutes.
    for (let i = 0; i < 24; i++) {
      const bucket = BigInt(end - 3 * 3_600_000 + i * step);
      for (const id of [sick, healthy]) {
        const low = id === sick && i >= 8 && i < 16;
        await getDb().telemetryRollup5m.create({
          data: { deviceId: id, bucket, samples: 10, hashrateThs: low ? 100 : 200, powerWX10: 35_000 },
        });
      }
    }
    const body = {
      name: 'Low hashrate',
      metric: 'hashratePctOfNominal',
      op: '<',
      threshold: 80,
      forS: 900,
      severity: 'warning',
      scope: { deviceIds: [sick, healthy] },
    };
    expect((await call(previewRoute.POST, { method: 'POST', token: tok.viewer, body })).status).toBe(403);
    const res = await call(previewRoute.POST, { method: 'POST', token: tok.operator, body });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ stepS: 300, evaluations: 288, devicesInScope: 2 });
    // The dip starts with the bucket 160 min before the end and has held 15 min three buckets later.
    expect(res.json.alerts).toEqual([
      {
        firedAt: new Date(end - 3 * 3_600_000 + 11 * step + step).toISOString(),
        resolvedAt: new Date(end - 3 * 3_600_000 + 16 * step + step).toISOString(),
        deviceIds: [sick],
      },
    ]);
    // Status replays the stored status changes: offline from bucket 4 to bucket 9 (25 min).
    const windowStart = end - 3 * 3_600_000;
    await getDb().device.updateMany({ where: { id: { in: [sick, healthy] } }, data: { status: 'online' } });
    await getDb().deviceStatusChange.createMany({
      data: [
        { deviceId: healthy, ts: BigInt(windowStart + 4 * step), fromStatus: 'online', toStatus: 'offline' },
        { deviceId: healthy, ts: BigInt(windowStart + 9 * step), fromStatus: 'offline', toStatus: 'online' },
      ],
    });
    const status = await call(previewRoute.POST, {
      method: 'POST',
      token: tok.operator,
      body: { ...body, metric: 'status', op: '==', threshold: 'offline', forS: 600 },
    });
    expect(status.status, JSON.stringify(status.json)).toBe(200);
    expect(status.json.alerts).toEqual([
      {
        firedAt: new Date(windowStart + 6 * step).toISOString(),
        resolvedAt: new Date(windowStart + 9 * step).toISOString(),
        deviceIds: [healthy],
      },
    ]);
    // XID errors are not in the rollups: a clear 400 naming what can be replayed.
    const xid = await call(previewRoute.POST, {
      method: 'POST',
      token: tok.operator,
      body: { ...body, metric: 'gpuXidErrors', op: '>', threshold: 0 },
    });
    expect(xid.status).toBe(400);
    expect(JSON.stringify(xid.json)).toContain('replayable');
  });

  it('seeds the default rules once', async () => {
    expect(await seedDefaultRules(now)).toBe(DEFAULT_RULES.length);
    expect(await seedDefaultRules(now)).toBe(0);
    const names = (await call(rulesRoute.GET, { token: tok.viewer })).json.data.map(
      (r: { name: string }) => r.name,
    );
    for (const r of DEFAULT_RULES) expect(names).toContain(r.name);
    // The whole default set evaluates against this fleet without error.
    now += 30_000;
    await expect(runAlertsTick(now)).resolves.toMatchObject({ rules: expect.any(Number) });
  });
});
