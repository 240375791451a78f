import { describe, expect, it } from 'vitest';
import { type DeviceRow, isIntentional, toDeviceSubject, toSiteSubject } from './subjects';

const NOW = Date.UTC(2026, 0, 1);
const FRESH_AFTER = NOW - 90_000;

const row = (over: Partial<DeviceRow> = {}): DeviceRow => ({
  id: 1,
  siteId: 1,
  rackId: 2,
  modelId: 3,
  tenantId: null,
  deviceStatus: 'online',
  class: 'asic',
  nominalHashrateThs: 200,
  maxTempC: 90,
  createdAt: NOW - 86_400_000,
  ts: NOW - 10_000,
  hashrateThs: 150,
  powerW: 3000,
  chipTempC: 80,
  boardTempC: 60,
  gpuTempC: null,
  fanRpm: 4000,
  reportedStatus: 'ok',
  workload: null,
  protocol: 'push',
  polled: false,
  poolUrl: null,
  ...over,
});

describe('toDeviceSubject', () => {
  it('poolDown: 1 while a fresh cgminer sample names no live pool, 0 with one, unknown otherwise', () => {
    const pool = (over: Partial<DeviceRow>) => toDeviceSubject(row(over), NOW, FRESH_AFTER).values.poolDown;
    expect(pool({ protocol: 'cgminer', polled: true, poolUrl: null })).toBe(1);
    expect(pool({ protocol: 'cgminer', polled: true, poolUrl: 'stratum+tcp://pool.example:3333' })).toBe(0);
    // A stale sample is the offline rule's business; AxeOS and push devices do not report liveness,
    // nor does a cgminer device without an endpoint (it pushes its own samples).
    expect(pool({ protocol: 'cgminer', polled: true, poolUrl: null, ts: NOW - 600_000 })).toBeNull();
    expect(pool({ protocol: 'cgminer', polled: false, poolUrl: null })).toBeNull();
    expect(pool({ protocol: 'axeos', polled: true, poolUrl: null })).toBeNull();
    expect(pool({ protocol: 'push', polled: false, poolUrl: null })).toBeNull();
    expect(pool({ protocol: 'cgminer', polled: true, poolUrl: null, class: 'gpu' })).toBeNull();
  });

  it('derives % of nominal, J/TH and age from a fresh sample', () => {
    expect(toDeviceSubject(row(), NOW, FRESH_AFTER).values).toMatchObject({
      hashratePctOfNominal: 75,
      efficiencyJPerTh: 20,
      lastSeenAgeS: 10,
      chipTempC: 80,
      status: 'online',
      gpuXidErrors: null,
    });
  });

  it('drops sensor readings of a stale sample but keeps its age and status', () => {
    const v = toDeviceSubject(row({ ts: NOW - 3_600_000, deviceStatus: 'offline' }), NOW, FRESH_AFTER).values;
    expect(v).toMatchObject({
      chipTempC: null,
      hashratePctOfNominal: null,
      lastSeenAgeS: 3600,
      status: 'offline',
    });
  });

  it('counts a device that never reported as unseen since it was added', () => {
    const never = row({ ts: null, hashrateThs: null, createdAt: NOW - 900_000 });
    expect(toDeviceSubject(never, NOW, FRESH_AFTER).values).toMatchObject({
      lastSeenAgeS: 900,
      hashratePctOfNominal: null,
    });
  });

  it.each([
    { over: { reportedStatus: 'error' }, xid: 1 },
    { over: { reportedStatus: 'ok' }, xid: 0 },
    { over: { reportedStatus: 'error', ts: NOW - 3_600_000 }, xid: null },
  ])('GPU XID from the reported status: $over → $xid', ({ over, xid }) => {
    const s = toDeviceSubject(row({ class: 'gpu', nominalHashrateThs: null, ...over }), NOW, FRESH_AFTER);
    expect(s.values.gpuXidErrors).toBe(xid);
    expect(s.values.hashratePctOfNominal).toBeNull();
  });
});

describe('isIntentional', () => {
  it.each([
    { over: { workload: 'curtail' }, fresh: true, expected: true },
    { over: { workload: 'maintenance' }, fresh: false, expected: true },
    { over: { workload: 'pool' }, fresh: true, expected: false },
    { over: { deviceStatus: 'curtailed' }, fresh: false, expected: true },
    { over: { reportedStatus: 'curtailed' }, fresh: true, expected: true },
    // A miner that last said "curtailed" and then vanished is offline, not curtailed.
    { over: { reportedStatus: 'curtailed' }, fresh: false, expected: false },
    { over: { reportedStatus: 'idle' }, fresh: true, expected: false },
  ])('$over fresh=$fresh → $expected', ({ over, fresh, expected }) => {
    expect(isIntentional(row(over), fresh)).toBe(expected);
  });
});

it('a site subject is price minus the worst breakeven, null without either', () => {
  const s = toSiteSubject(
    { siteId: 4, priceUsdPerMwh: 70, worst: { modelId: 3, breakevenUsdPerMwh: 55 } },
    [1, 2],
  );
  expect(s).toMatchObject({
    key: 's:4',
    deviceIds: [1, 2],
    modelId: 3,
    values: { sitePriceVsBreakevenUsdPerMwh: 15 },
  });
  expect(
    toSiteSubject({ siteId: 4, priceUsdPerMwh: null, worst: null }, []).values.sitePriceVsBreakevenUsdPerMwh,
  ).toBeNull();
});
