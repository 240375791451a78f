// Discovery over loopback only: fake devices on distinct 127.0.0.x addresses, a scan of
// 127.0.0.0/29 through the real routes finds and identifies them, matches the one already in the
// inventory, and "add" creates the others once (a second add creates nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as addRoute from '@/app/api/v1/discovery/[id]/add/route';
import * as scanRoute from '@/app/api/v1/discovery/[id]/route';
import * as discoveryRoute from '@/app/api/v1/discovery/route';
import { getDb } from '@/lib/db/client';
import { startAxeosFake } from '@/lib/sim/wire/axeos-fake';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { startDcgmFake } from '@/lib/sim/wire/dcgm-fake';
import { newMinerState } from '@/lib/sim/wire/miner-state';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(TEST_PROVIDERS)('discovery on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let admin: string;
  let siteId: number;
  let knownId: number;
  let gammaModelId: number;
  const ports: number[] = [];
  const closers: (() => Promise<void>)[] = [];
  const now = Date.now();

  const start = (body: unknown, token = operator) =>
    call(discoveryRoute.POST, { method: 'POST', token, body });
  const get = (id: number) => call(scanRoute.GET, { token: operator, params: { id: String(id) } });
  const add = (id: number, body: unknown) =>
    call(addRoute.POST, { method: 'POST', token: operator, body, params: { id: String(id) } });

  async function finished(id: number) {
    for (let i = 0; i < 600; i++) {
      const res = await get(id);
      if (res.json.status !== 'running') return res;
      await sleep(50);
    }
    throw new Error(`scan ${id} still running`);
  }

  beforeAll(async () => {
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(1, 'Discovery Site');
    siteId = fleet.site.id;
    operator = await tokenFor('operator');
    admin = await tokenFor('admin');
    gammaModelId = (
      await getDb().deviceModel.create({
        data: {
          vendor: 'Bitaxe',
          model: 'Bitaxe Gamma',
          class: 'micro',
          nominalHashrateThs: 1.2,
          nominalPowerW: 18,
          maxTempC: 70,
        },
      })
    ).id;
    const fakes = await Promise.all([
      startAxeosFake({ version: '2.15', state: newMinerState(101, 1.2, 18, now) }, 0, '127.0.0.2'),
      startAxeosFake({ version: '2.10', state: newMinerState(102, 1.2, 18, now) }, 0, '127.0.0.3'),
      startCgminerFake({ variant: 'avalon', state: newMinerState(103, 197, 3600, now) }, 0, '127.0.0.4'),
      startCgminerFake({ variant: 'whatsminer', state: newMinerState(104, 88, 3400, now) }, 0, '127.0.0.5'),
      startDcgmFake({ gpus: 2 }, 0, '127.0.0.6'),
    ]);
    for (const f of fakes) {
      ports.push(f.port);
      closers.push(f.close);
    }
    // The v2.10 Bitaxe is already in the inventory (registered by MAC, under another address).
    knownId = (
      await getDb().device.create({
        data: {
          name: 'known bitaxe',
          serial: 'KNOWN-1',
          macAddress: 'D8:3B:DA:00:00:66',
          siteId,
          modelId: gammaModelId,
          protocol: 'axeos',
          host: '10.9.9.9',
          port: 80,
        },
      })
    ).id;
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
  });

  it.each([
    [{ cidr: '10.0.0.0/21' }, 400, /at most a \/22/],
    [{ cidr: '192.168.1.7/24' }, 400, /host bits/],
    [{ cidr: 'not-a-range' }, 400, /not an IPv4 address/],
    [{ cidr: '8.8.8.0/24' }, 400, /allowPublic/],
    [{ cidr: '8.8.8.0/24', allowPublic: true }, 403, /admin/],
    [{ cidr: '224.0.0.0/24' }, 400, /multicast/],
    [{ cidr: '127.0.0.0/29', ports: [0] }, 400, /./],
    [{ cidr: '127.0.0.0/29', protocols: ['ssh'] }, 400, /./],
    [{ cidr: '127.0.0.0/29', extra: 1 }, 400, /./],
  ])('refuses %j with %i', async (body, status, message) => {
    const res = await start(body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.json.error)).toMatch(message);
  });

  it('viewers cannot scan', async () => {
    const res = await start({ cidr: '127.0.0.0/29' }, await tokenFor('viewer'));
    expect(res.status).toBe(403);
  });

  it('finds and identifies the loopback fakes, matches the known one, adds the rest once', async () => {
    const started = await start({ cidr: '127.0.0.0/29', ports });
    expect(started.status).toBe(202);
    // Each fake listens on its own loopback address with a port the kernel picks, so two of them
    // can share a port number; a scan probes each distinct port once per host.
    expect(started.json).toMatchObject({ status: 'running', total: 6 * new Set(ports).size });
    const scan = (await finished(started.json.id)).json;
    expect(scan.status).toBe('done');
    expect(scan.progress).toBe(1);
    expect(scan.probed).toBe(scan.total);
    const at = (host: string) => scan.found.find((f: { host: string }) => f.host === host);
    expect(scan.found.map((f: { host: string }) => f.host)).toEqual([
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
      '127.0.0.5',
      '127.0.0.6',
    ]);
    expect(at('127.0.0.2')).toMatchObject({
      port: ports[0],
      protocol: 'axeos',
      vendor: 'Bitaxe',
      model: 'Bitaxe Gamma',
      firmware: 'AxeOS v2.15.0',
      mac: 'D8:3B:DA:00:00:65',
      suggestedModelId: gammaModelId,
    });
    expect(at('127.0.0.2').knownDeviceId).toBeUndefined();
    expect(at('127.0.0.3')).toMatchObject({
      mac: 'D8:3B:DA:00:00:66',
      knownDeviceId: knownId,
      knownBy: 'mac',
    });
    expect(at('127.0.0.4')).toMatchObject({
      protocol: 'cgminer',
      vendor: 'Canaan',
      model: 'AvalonMiner 15-194',
      mac: '02:5F:A0:00:00:67',
    });
    expect(at('127.0.0.5')).toMatchObject({
      protocol: 'cgminer',
      vendor: 'MicroBT',
      mac: '02:5F:A0:00:00:68',
    });
    expect(at('127.0.0.6')).toMatchObject({
      protocol: 'dcgm',
      vendor: 'NVIDIA',
      model: '2× NVIDIA H100 80GB HBM3',
    });

    const before = await getDb().device.count();
    const items = scan.found.map((f: { host: string; port: number }) => ({ host: f.host, port: f.port }));
    const first = await add(scan.id, { siteId, items, modelId: gammaModelId });
    expect(first.status).toBe(200);
    expect(first.json.created).toHaveLength(4);
    expect(first.json.skipped).toEqual([
      expect.objectContaining({
        host: '127.0.0.3',
        deviceId: knownId,
        reason: expect.stringMatching(/same mac/),
      }),
    ]);
    expect(await getDb().device.count()).toBe(before + 4);
    const gamma = await getDb().device.findFirst({ where: { host: '127.0.0.2' } });
    expect(gamma).toMatchObject({
      protocol: 'axeos',
      port: ports[0],
      macAddress: 'D8:3B:DA:00:00:65',
      modelId: gammaModelId,
      siteId,
      name: 'bitaxe-101',
    });

    // Read again: everything is known now; a second add creates nothing.
    const again = (await get(scan.id)).json;
    expect(again.found.every((f: { knownDeviceId?: number }) => typeof f.knownDeviceId === 'number')).toBe(
      true,
    );
    const second = await add(scan.id, { siteId, items, modelId: gammaModelId });
    expect(second.json.created).toEqual([]);
    expect(second.json.skipped).toHaveLength(5);
    expect(await getDb().device.count()).toBe(before + 4);

    const audit = await getDb().auditEvent.findMany({ where: { action: { startsWith: 'discovery.' } } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['discovery.scan', 'discovery.add']));

    const list = await call(discoveryRoute.GET, { token: operator });
    expect(list.json.data[0]).toMatchObject({ id: scan.id, status: 'done', foundCount: 5 });
  });

  it('add refuses items the scan did not find and an unknown site', async () => {
    const started = await start({ cidr: '127.0.0.2/32', ports: [ports[0]!] });
    const scan = (await finished(started.json.id)).json;
    const res = await add(scan.id, { siteId, items: [{ host: '127.0.0.7', port: 80 }] });
    expect(res.json.skipped).toEqual([expect.objectContaining({ reason: 'not found by this scan' })]);
    const badSite = await add(scan.id, { siteId: 99_999, items: [{ host: '127.0.0.2', port: ports[0] }] });
    expect(badSite.status).toBe(400);
    const unknown = await call(scanRoute.GET, { token: admin, params: { id: '99999' } });
    expect(unknown.status).toBe(404);
  });
});
