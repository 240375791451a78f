import { describe, expect, it } from 'vitest';
import { DEVICE_MODELS } from '../inventory/catalogue';
import { climateForLatitude, type SimFleet } from './fleet-source';
import { isAbandonedToken, LiveSimulator } from './live';
import { simDeviceFromSpec } from './sim-device';

const spec = DEVICE_MODELS.find((m) => m.class === 'asic')!;
const fleet: SimFleet = {
  devices: Array.from({ length: 50 }, (_, i) => ({
    device: simDeviceFromSpec(i + 1, spec, 'mining'),
    siteId: 1,
    protocol: i % 5 === 0 ? 'push' : 'cgminer',
  })),
  sites: new Map([[1, { key: 's', timezone: 'UTC', climate: climateForLatitude(30) }]]),
};
const interval = 30_000;
const make = () =>
  new LiveSimulator({ baseUrl: 'http://127.0.0.1:1', seed: 42, intervalMs: interval, log: () => {} });

describe('LiveSimulator.dueSamples', () => {
  it('sends each cadence slot once, on each device’s own phase', () => {
    const sim = make();
    const t0 = Date.UTC(2026, 10, 21, 12);
    const sent = new Map<number, number[]>();
    for (let now = t0; now < t0 + 5 * 60_000; now += 2_000) {
      for (const s of sim.dueSamples(fleet, now, new Map(fleet.devices.map((d) => [d.device.id, t0]))))
        sent.set(s.deviceId, [...(sent.get(s.deviceId) ?? []), s.ts]);
    }
    for (const [, times] of sent) {
      expect(new Set(times).size).toBe(times.length);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(interval);
    }
    const phases = new Set([...sent.values()].map((t) => t[0]! % interval));
    expect(phases.size).toBeGreaterThan(10);
  });

  it('feeds only push devices in the over-the-wire demo (the collector polls the others)', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    const all = make().dueSamples(fleet, now, new Map(fleet.devices.map((d) => [d.device.id, now - 60_000])));
    const wire = new LiveSimulator({
      baseUrl: 'http://127.0.0.1:1',
      seed: 42,
      intervalMs: interval,
      log: () => {},
      pushOnly: true,
    });
    const pushed = wire.dueSamples(
      fleet,
      now,
      new Map(fleet.devices.map((d) => [d.device.id, now - 60_000])),
    );
    const pushIds = new Set(fleet.devices.filter((d) => d.protocol === 'push').map((d) => d.device.id));
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((s) => pushIds.has(s.deviceId))).toBe(true);
    expect(pushed).toEqual(all.filter((s) => pushIds.has(s.deviceId)));
  });

  it('catches up from the last stored sample after a restart, at most an hour back', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    const samples = make().dueSamples(fleet, now, new Map([[1, now - 10 * 60_000]]));
    const device1 = samples.filter((s) => s.deviceId === 1);
    // 10 minutes of 30-second slots (the offline fault model may drop a few).
    expect(device1.length).toBeGreaterThanOrEqual(15);
    expect(device1.length).toBeLessThanOrEqual(20);
    const device2 = samples.filter((s) => s.deviceId === 2);
    expect(device2.length).toBeGreaterThan(100);
    expect(Math.min(...device2.map((s) => s.ts))).toBeGreaterThanOrEqual(now - 60 * 60_000);
  });

  it('starts after the first-start history span and never sends into it', () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 20);
    const floorMs = Date.UTC(2026, 10, 21, 12);
    const sim = make();
    const first = sim.dueSamples(fleet, now, new Map(), floorMs);
    expect(first.length).toBeGreaterThan(0);
    expect(Math.min(...first.map((s) => s.ts))).toBeGreaterThan(floorMs);
    // Without the floor the same simulator would catch up an hour into the history span.
    expect(
      Math.min(
        ...make()
          .dueSamples(fleet, now)
          .map((s) => s.ts),
      ),
    ).toBeLessThan(floorMs - 50 * 60_000);
    const later = sim.dueSamples(fleet, now + 60_000);
    expect(Math.min(...later.map((s) => s.ts))).toBeGreaterThan(floorMs);
  });
});

describe('isAbandonedToken', () => {
  const now = Date.UTC(2026, 10, 21, 12);
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  it.each([
    ['used a minute ago', { createdAt: at(600), lastUsedAt: at(1) }, false],
    ['just created by a starting peer, not used yet', { createdAt: at(0.1), lastUsedAt: null }, false],
    ['silent for 16 minutes', { createdAt: at(600), lastUsedAt: at(16) }, true],
    ['created 20 minutes ago and never used', { createdAt: at(20), lastUsedAt: null }, true],
  ])('%s → %s', (_name, token, abandoned) => {
    expect(isAbandonedToken(token, now)).toBe(abandoned);
  });
});
