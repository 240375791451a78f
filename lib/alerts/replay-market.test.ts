import { describe, expect, it } from 'vitest';
import { priceAt, siteSubjectsAt, valueAt } from './replay-market';
import type { DeviceRow } from './subjects';

const row = (id: number, modelId: number, siteId = 1): DeviceRow => ({
  id,
  siteId,
  rackId: null,
  modelId,
  tenantId: null,
  deviceStatus: 'online',
  class: 'asic',
  nominalHashrateThs: 200,
  maxTempC: 90,
  createdAt: 0,
  ts: null,
  hashrateThs: null,
  powerW: null,
  chipTempC: null,
  boardTempC: null,
  gpuTempC: null,
  fanRpm: null,
  reportedStatus: null,
  workload: null,
  protocol: 'push',
  polled: false,
  poolUrl: null,
});
const v = (hashrateThs: number, powerW: number) => ({
  hashrateThs,
  powerW,
  chipTempC: null,
  boardTempC: null,
  gpuTempC: null,
  fanRpm: null,
});

describe('valueAt / priceAt', () => {
  const points = [
    { ts: 10, value: 1 },
    { ts: 20, value: 2 },
    { ts: 30, value: 3 },
  ];
  it.each([
    [5, null],
    [10, 1],
    [19, 1],
    [20, 2],
    [99, 3],
  ])('value at %i is %s', (at, expected) => expect(valueAt(points, at)).toBe(expected));
  it('reads the interval holding the instant, none outside', () => {
    const prices = [{ intervalStart: 0, intervalEnd: 10, priceUsdPerMwh: 40 }];
    expect([priceAt(prices, 0), priceAt(prices, 9), priceAt(prices, 10)]).toEqual([40, 40, null]);
  });
});

describe('siteSubjectsAt', () => {
  const site = {
    siteId: 1,
    pue: 1.05,
    poolFeePct: 2,
    prices: [{ intervalStart: 0, intervalEnd: 1e9, priceUsdPerMwh: 140 }],
  };
  // $0.0557472/TH/day (the 2024-12-23 market): S21 at 17.5 J/TH breaks even near $123.9/MWh.
  const usdPerThDay = 0.055747184355925516;
  it('compares the price with the least efficient model hashing in the bucket, listing its devices', () => {
    const devices = [row(1, 10), row(2, 10), row(3, 20), row(4, 20, 2)];
    const values = new Map([
      [1, v(200, 3500)],
      [2, v(200, 3500)],
      [3, v(270, 3645)],
      [4, v(100, 3500)],
    ]);
    const [s] = siteSubjectsAt({
      at: 5,
      sites: [site],
      devices,
      values,
      onPurpose: () => false,
      usdPerThDay,
    });
    expect(s!.deviceIds).toEqual([1, 2]);
    expect(s!.modelId).toBe(10);
    expect(s!.values.sitePriceVsBreakevenUsdPerMwh).toBeCloseTo(140 - 123.88, 1);
  });
  it('leaves out devices curtailed on purpose and those not hashing; no hashprice, no value', () => {
    const devices = [row(1, 10), row(2, 20)];
    const values = new Map([
      [1, v(200, 3500)],
      [2, v(0, 100)],
    ]);
    const [none] = siteSubjectsAt({
      at: 5,
      sites: [site],
      devices,
      values,
      onPurpose: (id) => id === 1,
      usdPerThDay,
    });
    expect(none!.deviceIds).toEqual([]);
    expect(none!.values.sitePriceVsBreakevenUsdPerMwh).toBeNull();
    const [noPrice] = siteSubjectsAt({
      at: 5,
      sites: [site],
      devices,
      values,
      onPurpose: () => false,
      usdPerThDay: null,
    });
    expect(noPrice!.values.sitePriceVsBreakevenUsdPerMwh).toBeNull();
  });
});
