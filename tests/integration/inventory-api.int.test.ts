import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as models from '@/app/api/v1/device-models/route';
import * as device from '@/app/api/v1/devices/[id]/route';
import * as deviceImport from '@/app/api/v1/devices/import/route';
import * as devices from '@/app/api/v1/devices/route';
import * as racks from '@/app/api/v1/sites/[id]/racks/route';
import * as site from '@/app/api/v1/sites/[id]/route';
import * as sites from '@/app/api/v1/sites/route';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('inventory API on %s', (provider) => {
  let db: TestDb;
  let admin: string;
  let viewer: string;
  let siteId: number;
  let rackId: number;
  let modelId: number;

  beforeAll(async () => {
    db = await createTestDb(provider);
    admin = await tokenFor('admin');
    viewer = await tokenFor('viewer');
    const model = await getDb().deviceModel.create({
      data: {
        vendor: 'Bitmain',
        model: 'Antminer S21',
        class: 'asic',
        nominalHashrateThs: 200,
        nominalPowerW: 3500,
        maxTempC: 90,
      },
    });
    modelId = model.id;
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('rejects requests without credentials and with unknown tokens', async () => {
    expect((await call(sites.GET)).status).toBe(401);
    const res = await call(sites.GET, { token: 'syd_notarealtoken' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  });

  it('creates a site with field-level validation', async () => {
    const bad = await call(sites.POST, {
      method: 'POST',
      token: admin,
      body: { name: '', timezone: 'Mars/Olympus', powerCapacityKw: -1, contractKind: 'fixed' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'timezone', 'powerCapacityKw']));

    const ok = await call(sites.POST, {
      method: 'POST',
      token: admin,
      body: {
        name: 'Test Site',
        timezone: 'America/Chicago',
        powerCapacityKw: 1000,
        contractKind: 'fixed',
        fixedPriceUsdPerMwh: 45,
      },
    });
    expect(ok.status).toBe(201);
    siteId = ok.json.id;
    expect(ok.json).toMatchObject({ name: 'Test Site', pue: 1.05, deviceCount: 0 });

    const dup = await call(sites.POST, {
      method: 'POST',
      token: admin,
      body: {
        name: 'Test Site',
        timezone: 'UTC',
        powerCapacityKw: 1,
        contractKind: 'fixed',
        fixedPriceUsdPerMwh: 1,
      },
    });
    expect(dup.status).toBe(409);
  });

  it('forbids viewers from mutating', async () => {
    const res = await call(sites.POST, {
      method: 'POST',
      token: viewer,
      body: {
        name: 'Nope',
        timezone: 'UTC',
        powerCapacityKw: 1,
        contractKind: 'fixed',
        fixedPriceUsdPerMwh: 1,
      },
    });
    expect(res.status).toBe(403);
    expect(await getDb().site.count({ where: { name: 'Nope' } })).toBe(0);
  });

  it('adds a rack and registers devices, refusing duplicate serials', async () => {
    const rack = await call(racks.POST, {
      method: 'POST',
      token: admin,
      params: { id: String(siteId) },
      body: { name: 'R1', rows: 4, columns: 10 },
    });
    expect(rack.status).toBe(201);
    rackId = rack.json.id;
    for (let i = 1; i <= 12; i++) {
      const res = await call(devices.POST, {
        method: 'POST',
        token: admin,
        body: {
          name: `dev-${String(i).padStart(2, '0')}`,
          serial: `SN${i}`,
          siteId,
          modelId,
          rackId,
          slotRow: 1 + Math.floor((i - 1) / 10),
          slotColumn: 1 + ((i - 1) % 10),
          protocol: 'cgminer',
          host: `10.0.0.${i}`,
          port: 4028,
        },
      });
      expect(res.status).toBe(201);
    }
    const dup = await call(devices.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'x', serial: 'SN1', siteId, modelId },
    });
    expect(dup.status).toBe(409);
    const slotTaken = await call(devices.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'x', serial: 'SN99', siteId, modelId, rackId, slotRow: 1, slotColumn: 1 },
    });
    expect(slotTaken.status).toBe(409);
    const outside = await call(devices.POST, {
      method: 'POST',
      token: admin,
      body: { name: 'x', serial: 'SN98', siteId, modelId, rackId, slotRow: 9, slotColumn: 1 },
    });
    expect(outside.status).toBe(400);
  });

  it('lists with filters, sorting and cursor pagination', async () => {
    const first = await call(devices.GET, {
      token: viewer,
      path: `/api/v1/devices?siteId=${siteId}&limit=5&sort=name&dir=desc`,
    });
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(12);
    expect(first.json.data.map((d: { name: string }) => d.name)).toEqual([
      'dev-12',
      'dev-11',
      'dev-10',
      'dev-09',
      'dev-08',
    ]);
    const seen = [...first.json.data];
    let cursor = first.json.nextCursor;
    while (cursor) {
      const page = await call(devices.GET, {
        token: viewer,
        path: `/api/v1/devices?siteId=${siteId}&limit=5&sort=name&dir=desc&cursor=${cursor}`,
      });
      seen.push(...page.json.data);
      cursor = page.json.nextCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((d) => d.id)).size).toBe(12);

    const search = await call(devices.GET, { token: viewer, path: '/api/v1/devices?q=SN1' });
    expect(search.json.data.map((d: { serial: string }) => d.serial).sort()).toEqual([
      'SN1',
      'SN10',
      'SN11',
      'SN12',
    ]);
    const wildcard = await call(devices.GET, { token: viewer, path: '/api/v1/devices?q=%25' });
    expect(wildcard.json.total).toBe(0);
    // Statuses come from telemetry; set them directly so each filter value has its own devices.
    const bySerial = (serial: string) => seen.find((d) => d.serial === serial)!.id;
    const setStatus = (serial: string, status: 'online' | 'degraded' | 'maintenance') =>
      getDb().device.update({ where: { id: bySerial(serial) }, data: { status } });
    await setStatus('SN1', 'online');
    await setStatus('SN2', 'online');
    await setStatus('SN3', 'degraded');
    await setStatus('SN4', 'maintenance');
    const serialsWith = async (filter: string) => {
      const res = await call(devices.GET, {
        token: viewer,
        path: `/api/v1/devices?siteId=${siteId}&${filter}`,
      });
      expect(res.json.total).toBe(res.json.data.length);
      return res.json.data.map((d: { serial: string }) => d.serial).sort();
    };
    expect(await serialsWith('status=online,degraded')).toEqual(['SN1', 'SN2', 'SN3']);
    expect(await serialsWith('status=degraded')).toEqual(['SN3']);
    expect(await serialsWith('status=maintenance,curtailed')).toEqual(['SN4']);
    expect(await serialsWith('status=offline')).toHaveLength(8);
    expect(await serialsWith('status=curtailed')).toEqual([]);
    const bad = await call(devices.GET, { token: viewer, path: '/api/v1/devices?status=exploded&sort=nope' });
    expect(bad.status).toBe(400);
  });

  it('returns 404 for unknown ids and 400 for malformed ones', async () => {
    expect((await call(device.GET, { token: viewer, params: { id: '999999' } })).status).toBe(404);
    expect((await call(device.GET, { token: viewer, params: { id: 'abc' } })).status).toBe(400);
    expect((await call(site.GET, { token: viewer, params: { id: '999999' } })).status).toBe(404);
  });

  it('updates and deletes a device, and puts it into maintenance', async () => {
    const list = await call(devices.GET, { token: viewer, path: '/api/v1/devices?q=SN12' });
    const id = String(list.json.data[0].id);
    const patched = await call(device.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: { status: 'maintenance', notes: 'fan swap' },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.status).toBe('maintenance');
    const unknownField = await call(device.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: { hashrate: 5 },
    });
    expect(unknownField.status).toBe(400);
    expect((await call(device.DELETE, { method: 'DELETE', token: admin, params: { id } })).status).toBe(204);
    expect((await call(device.GET, { token: viewer, params: { id } })).status).toBe(404);
  });

  it('imports a CSV all-or-nothing with a per-row report', async () => {
    const header = 'name,serial,site,model,rack,slotRow,slotColumn,macAddress,protocol,host,port';
    const bad = [
      header,
      'imp-1,IMP1,Test Site,Bitmain Antminer S21,R1,3,1,AA:BB:CC:00:00:01,cgminer,10.0.1.1,4028',
      'imp-2,IMP2,Nowhere,Bitmain Antminer S21,,,,,cgminer,10.0.1.2,4028',
      'imp-3,SN1,Test Site,Unknown Miner,,,,,cgminer,10.0.1.3,99999',
      'imp-4,IMP1,Test Site,Bitmain Antminer S21,,,,,,,',
    ].join('\n');
    const res = await call(deviceImport.POST, {
      method: 'POST',
      token: admin,
      rawBody: bad,
      contentType: 'text/csv',
    });
    // The one CSV contract (422 invalid_csv, issues per line); `rows` is the device import's own grouping.
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('invalid_csv');
    const lines = res.json.error.details.rows.map((r: { line: number }) => r.line);
    expect(lines).toEqual([3, 4, 5]);
    const issueLines = res.json.error.details.issues.map((i: { line: number }) => i.line);
    expect([...new Set(issueLines)]).toEqual([3, 4, 5]);
    expect(res.json.error.details.issues).toContainEqual(
      expect.objectContaining({ line: 3, field: 'site', message: 'unknown site "Nowhere"' }),
    );
    expect(await getDb().device.count({ where: { serial: 'IMP1' } })).toBe(0);

    const good = [
      header,
      'imp-1,IMP1,Test Site,Bitmain Antminer S21,R1,3,1,AA:BB:CC:00:00:01,cgminer,10.0.1.1,4028',
      'imp-2,IMP2,test site,antminer s21,,,,,push,,',
    ].join('\n');
    const ok = await call(deviceImport.POST, {
      method: 'POST',
      token: admin,
      rawBody: good,
      contentType: 'text/csv',
    });
    expect(ok.status).toBe(201);
    expect(ok.json.imported).toBe(2);
  });

  it('updates a site: contract, PUE and curtailable flag, validated as the site will be after the change', async () => {
    const id = String(siteId);
    const res = await call(site.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: { contractKind: 'fixed', fixedPriceUsdPerMwh: 61.5, pue: 1.22, curtailable: false },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ fixedPriceUsdPerMwh: 61.5, pue: 1.22, curtailable: false });
    const stored = await getDb().site.findUniqueOrThrow({ where: { id: siteId } });
    expect(stored).toMatchObject({ fixedPriceUsdPerMwh: 61.5, pue: 1.22, curtailable: false });

    const tou = await call(site.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: {
        contractKind: 'tou',
        touSchedule: [{ days: [1, 2, 3, 4, 5], fromHour: 8, toHour: 20, priceUsdPerMwh: 90 }],
      },
    });
    expect(tou.status, JSON.stringify(tou.json)).toBe(200);
    expect(tou.json.touSchedule).toHaveLength(1);
    // Only the PUE sent: the merged site (a TOU contract with its schedule) is still valid.
    expect(
      (await call(site.PATCH, { method: 'PATCH', token: admin, params: { id }, body: { pue: 1.1 } })).status,
    ).toBe(200);

    const incomplete = await call(site.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: { contractKind: 'spot' },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error.details).toEqual([expect.objectContaining({ path: 'spotSource' })]);
    const unknownKey = await call(site.PATCH, {
      method: 'PATCH',
      token: admin,
      params: { id },
      body: { id: 5 },
    });
    expect(unknownKey.status).toBe(400);
    expect((await getDb().site.findUniqueOrThrow({ where: { id: siteId } })).contractKind).toBe('tou');
  });

  it('refuses to delete a site that still has devices, and lists models', async () => {
    expect(
      (await call(site.DELETE, { method: 'DELETE', token: admin, params: { id: String(siteId) } })).status,
    ).toBe(409);
    const list = await call(models.GET, { token: viewer });
    expect(list.json.data[0]).toMatchObject({ vendor: 'Bitmain', efficiencyJPerTh: 17.5 });
  });
});
