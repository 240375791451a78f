// A site-scoped alert (site price vs the breakeven of its least efficient running model) follows
// the devices that currently match while it stays open: devices that start matching join with
// their own time, devices that stop matching leave with theirs, and the timeline and the stored
// device list keep the history — through the stored tick and the alerts API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rulesRoute from '@/app/api/v1/alert-rules/route';
import * as alertRoute from '@/app/api/v1/alerts/[id]/route';
import * as alertsRoute from '@/app/api/v1/alerts/route';
import { toSiteSubject } from '@/lib/alerts/subjects';
import { runAlertsTick } from '@/lib/alerts/tick';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('site alert devices follow the site on %s', (provider) => {
  let db: TestDb;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    db = await createTestDb(provider);
    fleet = await createSmallFleet(4, `Site devices ${provider}`);
    admin = await tokenFor('admin');
    viewer = await tokenFor('viewer');
  });
  afterAll(async () => db.cleanup());

  it('adds and removes devices as they cross while the alert is open, with the history kept', async () => {
    const [a, b, c] = fleet.devices.map((d) => d.id) as [number, number, number];
    const rule = await call(rulesRoute.POST, {
      method: 'POST',
      token: admin,
      body: {
        name: 'site price over breakeven',
        metric: 'sitePriceVsBreakevenUsdPerMwh',
        op: '>',
        threshold: 0,
        forS: 0,
        severity: 'warning',
        scope: { siteId: fleet.site.id },
        enabled: true,
      },
    });
    expect(rule.status).toBe(201);
    const site = (deviceIds: number[], price = 60) =>
      toSiteSubject(
        { siteId: fleet.site.id, priceUsdPerMwh: price, worst: { modelId: 1, breakevenUsdPerMwh: 50 } },
        deviceIds,
      );
    const t0 = Date.now() - 10 * 60_000;
    const at = (s: number) => t0 + s * 1000;
    const tick = (s: number, deviceIds: number[], price?: number) =>
      runAlertsTick(at(s), { subjects: [site(deviceIds, price)] });

    await tick(0, [a, b]);
    const list = await call(alertsRoute.GET, { token: viewer, path: '/api/v1/alerts?status=firing' });
    expect(list.json.data).toHaveLength(1);
    const id = list.json.data[0].id as number;
    const get = async () => (await call(alertRoute.GET, { token: viewer, params: { id: String(id) } })).json;

    // b stops running, c starts: b leaves with its span, c joins now; nothing else changes.
    await tick(30, [a, c]);
    await tick(60, [a, c]);
    let alert = await get();
    expect(alert.status).toBe('firing');
    const byId = (d: number) => alert.devices.find((x: { id: number }) => x.id === d);
    expect(byId(a)).toMatchObject({ firedAt: new Date(at(0)).toISOString(), clearedAt: null });
    expect(byId(b)).toMatchObject({
      firedAt: new Date(at(0)).toISOString(),
      clearedAt: new Date(at(30)).toISOString(),
    });
    expect(byId(c)).toMatchObject({ firedAt: new Date(at(30)).toISOString(), clearedAt: null });
    // The alerts list by device finds the devices that were in it, past and present.
    for (const d of [a, b, c]) {
      const byDevice = await call(alertsRoute.GET, { token: viewer, path: `/api/v1/alerts?deviceId=${d}` });
      expect(byDevice.json.data.map((x: { id: number }) => x.id)).toEqual([id]);
    }

    // b comes back while a stays: b joins again.
    await tick(90, [a, b, c]);
    alert = await get();
    expect(byId(b)).toMatchObject({ firedAt: new Date(at(90)).toISOString(), clearedAt: null });

    // The price falls under the breakeven: the alert resolves, every device still in it cleared.
    await tick(120, [a, b, c], 40);
    alert = await get();
    expect(alert.status).toBe('resolved');
    expect(alert.devices.map((d: { clearedAt: string | null }) => d.clearedAt)).toEqual(
      [a, b, c].map(() => new Date(at(120)).toISOString()),
    );
    expect(
      alert.events
        .filter((e: { kind: string }) => e.kind !== 'acknowledged')
        .map((e: { kind: string; subjectKey: string | null; ts: string }) =>
          [e.kind, e.subjectKey, (Date.parse(e.ts) - t0) / 1000].join(' '),
        ),
    ).toEqual([
      `fired s:${fleet.site.id} 0`,
      `device_left d:${b} 30`,
      `device_joined d:${c} 30`,
      `device_joined d:${b} 90`,
      `cleared s:${fleet.site.id} 120`,
      'resolved  120',
    ]);
  });
});
