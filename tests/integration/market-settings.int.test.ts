// Market settings and the GPU rate table through the route handlers: secrets are write-only, every
// change is audited, hosting clients see no fleet-wide settings, bad input is a 4xx naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as gpuImportRoute from '@/app/api/v1/market/gpu-rates/import/route';
import * as gpuRoute from '@/app/api/v1/market/gpu-rates/route';
import * as latestRoute from '@/app/api/v1/market/latest/route';
import * as settingsRoute from '@/app/api/v1/settings/market/route';
import { getDb } from '@/lib/db/client';
import { DEFAULT_GPU_RATES } from '@/lib/market/gpu/gpu-rates';
import { readMarketSettings } from '@/lib/market/settings/market-settings';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

async function tenantToken(role: 'viewer' | 'admin') {
  const token = await tokenFor(role, `tenant-${role}`);
  const tenant = await getDb().tenant.upsert({
    where: { name: 'Hosted' },
    create: { name: 'Hosted' },
    update: {},
  });
  await getDb().apiToken.updateMany({ where: { name: `tenant-${role}` }, data: { tenantId: tenant.id } });
  return token;
}

describe.each(TEST_PROVIDERS)('market settings API (%s)', (provider) => {
  let db: TestDb;
  let admin: string;
  let operator: string;
  let viewer: string;
  let tenant: string;

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
    tenant = await tenantToken('admin');
    await getDb().site.create({
      data: { name: 'S', timezone: 'UTC', powerCapacityKw: 10, contractKind: 'spot', spotSource: 'sim:se3' },
    });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('defaults to the simulator and lists providers, spot sources and sites', async () => {
    const res = await call(settingsRoute.GET, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.json.settings).toMatchObject({ network: 'sim', btcUsd: 'sim', gpuRates: 'sim', eurUsd: 1.08 });
    expect(res.json.settings.config.entsoe.securityToken).toEqual({ secret: true, set: false });
    expect(res.json.providers.map((p: { id: string }) => p.id)).toContain('ercot');
    expect(res.json.spotSources.map((s: { value: string }) => s.value)).toContain('sim:se3');
    expect(res.json.sites).toEqual([expect.objectContaining({ name: 'S', spotSource: 'sim:se3' })]);
  });

  it('stores secrets but never returns them, and audits the change without values', async () => {
    const res = await call(settingsRoute.PUT, {
      method: 'PUT',
      token: admin,
      body: {
        btcUsd: 'kraken',
        eurUsd: 1.1,
        config: { entsoe: { securityToken: 'tok-secret-1' }, ercot: { username: 'ops' } },
      },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).not.toContain('tok-secret-1');
    expect(res.json).toMatchObject({ btcUsd: 'kraken', eurUsd: 1.1, eurUsdSource: 'settings' });
    expect(res.json.config.entsoe.securityToken).toEqual({ secret: true, set: true });
    expect(res.json.config.ercot.username).toEqual({ secret: false, value: 'ops' });
    expect((await readMarketSettings()).config.entsoe?.securityToken).toBe('tok-secret-1');
    const get = await call(settingsRoute.GET, { token: admin });
    expect(JSON.stringify(get.json)).not.toContain('tok-secret-1');
    const audit = await getDb().auditEvent.findFirst({
      where: { action: 'settings.market.update' },
      orderBy: { id: 'desc' },
    });
    expect(audit?.details).toContain('config.entsoe.securityToken');
    expect(audit?.details).not.toContain('tok-secret-1');
  });

  it.each([
    ['a viewer', () => viewer, 403],
    ['an operator', () => operator, 403],
    ['a hosting client, even an admin', () => tenant, 403],
  ])('refuses changes from %s', async (_who, token, status) => {
    const res = await call(settingsRoute.PUT, {
      method: 'PUT',
      token: token(),
      body: { network: 'mempool' },
    });
    expect(res.status).toBe(status);
  });

  it('hides fleet-wide settings from hosting clients', async () => {
    expect((await call(settingsRoute.GET, { token: tenant })).status).toBe(403);
    const rates = await call(gpuRoute.GET, { token: tenant });
    expect(rates.status).toBe(200);
    expect(rates.json.table).toBeNull();
    const latest = await call(latestRoute.GET, { token: tenant });
    expect(latest.status).toBe(200);
    expect(latest.json).toMatchObject({ sources: null, providers: null, sites: [] });
    const staff = await call(latestRoute.GET, { token: viewer });
    expect(staff.json.sources).toEqual({
      network: 'sim',
      btcUsd: expect.any(String),
      gpuRates: expect.any(String),
    });
  });

  it.each([
    [{ network: 'carrier-pigeon' }, 'network'],
    [{ config: { entsoe: { areaEic: 'x' } } }, 'config.entsoe.areaEic'],
    [{ config: { mempool: { baseUrl: 'not a url' } } }, 'config.mempool.baseUrl'],
  ])('400 naming the field for %j', async (body, path) => {
    const res = await call(settingsRoute.PUT, { method: 'PUT', token: admin, body });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('edits the GPU rate table; with the table as source the new rate is live at once', async () => {
    await call(settingsRoute.PUT, { method: 'PUT', token: admin, body: { gpuRates: 'table' } });
    const rows = DEFAULT_GPU_RATES.map((r) => (r.gpuModel === 'h100-sxm' ? { ...r, usdPerGpuH: 2.4 } : r));
    const res = await call(gpuRoute.PUT, { method: 'PUT', token: operator, body: { rows } });
    expect(res.status).toBe(200);
    expect(res.json.source).toBe('table');
    expect(res.json.latest.find((g: { gpuModel: string }) => g.gpuModel === 'h100-sxm')).toMatchObject({
      usdPerGpuH: 2.4,
      provider: 'gpu-table',
      stale: false,
    });
    const dup = await call(gpuRoute.PUT, {
      method: 'PUT',
      token: operator,
      body: { rows: [...rows, { gpuModel: 'H100-SXM', usdPerGpuH: 1 }] },
    });
    expect(dup.status).toBe(400);
    expect((await call(gpuRoute.PUT, { method: 'PUT', token: viewer, body: { rows } })).status).toBe(403);
  });

  it('imports GPU rates from CSV with a per-row report, all or nothing', async () => {
    const bad = await call(gpuImportRoute.POST, {
      method: 'POST',
      token: operator,
      contentType: 'text/csv',
      rawBody: 'gpu_model,usd_per_gpu_h\nh100-sxm,abc\nl40s,1.1\nl40s,1.2\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.issues).toEqual([
      { line: 2, message: 'usdPerGpuH "abc" is not a number' },
      { line: 4, message: 'l40s already given on line 3' },
    ]);
    const table = await call(gpuRoute.GET, { token: viewer });
    expect(table.json.table.find((r: { gpuModel: string }) => r.gpuModel === 'h100-sxm').usdPerGpuH).toBe(
      2.4,
    );

    const good = await call(gpuImportRoute.POST, {
      method: 'POST',
      token: operator,
      contentType: 'text/csv',
      rawBody: 'gpu_model,usd_per_gpu_h,label\nh100-sxm,2.15,H100\nrtx-4090,0.41,4090\n',
    });
    expect(good.status).toBe(200);
    expect(good.json.table).toEqual([
      { gpuModel: 'h100-sxm', usdPerGpuH: 2.15, label: 'H100' },
      { gpuModel: 'rtx-4090', usdPerGpuH: 0.41, label: '4090' },
    ]);
    const audit = await getDb().auditEvent.findFirst({
      where: { action: 'settings.gpu_rates.update' },
      orderBy: { id: 'desc' },
    });
    expect(audit?.details).toContain('"via":"csv"');
    const type = await call(gpuImportRoute.POST, { method: 'POST', token: operator, body: { rows: [] } });
    expect(type.status).toBe(415);
  });
});
