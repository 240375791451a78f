import { describe, expect, it } from 'vitest';
import {
  deviceFrom,
  gpuModelFrom,
  horizonPrices,
  jobFrom,
  minerModelFrom,
  quietIntervalsFor,
} from './instance-rows';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 0);
const hourly = (from: number, prices: number[]) =>
  prices.map((p, i) => ({ intervalStart: from + i * H, intervalEnd: from + (i + 1) * H, priceUsdPerMwh: p }));

describe('horizonPrices', () => {
  it('uses the known prices, then the same hour last week, then the newest one', () => {
    const known = hourly(T0, [10, 20]);
    const lastWeek = hourly(T0 - 7 * 24 * H, [1, 2, 3]);
    const r = horizonPrices([...known, ...lastWeek], T0, 4, 60, false);
    expect(r).toEqual({
      ok: true,
      prices: [10, 20, 3, 20],
      sources: ['known', 'known', 'last-week', 'latest'],
    });
  });

  it('gives every 15-minute interval the price in force at its start', () => {
    const r = horizonPrices(hourly(T0, [10, 20]), T0, 8, 15, true);
    expect(r.ok && r.prices).toEqual([10, 10, 10, 10, 20, 20, 20, 20]);
    expect(r.ok && r.sources[0]).toBe('contract');
  });

  it('fails when nothing at all is known', () => {
    expect(horizonPrices(hourly(T0 + 10 * H, [5]), T0, 2, 60, false).ok).toBe(false);
  });
});

const row = {
  id: 7,
  model: 'Antminer S19j Pro',
  class: 'asic' as const,
  nominalHashrateThs: 104,
  nominalPowerW: 3068,
  gpuCount: null,
  gpuMemoryGb: null,
  gpuModel: null,
  powerProfiles: JSON.stringify([
    { powerW: 3068, hashrateThs: 104, estimated: false },
    { powerW: 2300, hashrateThs: 87, estimated: true },
  ]),
};

describe('models', () => {
  it('sorts the catalogue profiles and finds the nameplate one', () => {
    expect(minerModelFrom(row)).toEqual({
      modelId: '7',
      name: 'Antminer S19j Pro',
      class: 'asic',
      profiles: [
        { powerW: 2300, hashrateThs: 87 },
        { powerW: 3068, hashrateThs: 104 },
      ],
      nominalIndex: 1,
    });
  });

  it('falls back to the nameplate point without profiles', () => {
    expect(minerModelFrom({ ...row, powerProfiles: null })!.profiles).toEqual([
      { powerW: 3068, hashrateThs: 104 },
    ]);
  });

  it('maps a GPU node with 30 % idle power and a lower-case GPU model', () => {
    const g = gpuModelFrom({
      ...row,
      class: 'gpu',
      gpuCount: 8,
      gpuMemoryGb: 80,
      gpuModel: 'H100-SXM',
      nominalPowerW: 10_000,
    });
    expect(g).toMatchObject({ gpuModel: 'h100-sxm', gpuCount: 8, busyPowerW: 10_000, idlePowerW: 3_000 });
    expect(gpuModelFrom({ ...row, class: 'gpu', gpuCount: null })).toBeNull();
  });
});

describe('deviceFrom', () => {
  const model = minerModelFrom(row)!;
  const base = {
    id: 1,
    siteId: 2,
    modelId: 7,
    powerTargetW: null,
    workloadKind: null,
    sinceMs: T0 - 90 * 60_000,
    rentedGpus: null,
  };
  it('mines at the power target, or nameplate', () => {
    expect(deviceFrom({ ...base, status: 'online' }, model, T0).state).toEqual({
      kind: 'mine',
      powerW: 3068,
      sinceMin: 90,
    });
    expect(deviceFrom({ ...base, status: 'online', powerTargetW: 2300 }, model, T0).state).toMatchObject({
      powerW: 2300,
    });
  });
  it('is off when curtailed, and untouchable when offline or in maintenance', () => {
    expect(deviceFrom({ ...base, status: 'online', workloadKind: 'curtail' }, model, T0)).toMatchObject({
      state: { kind: 'off' },
      maintenance: false,
    });
    expect(deviceFrom({ ...base, status: 'offline' }, model, T0)).toMatchObject({
      state: { kind: 'off' },
      maintenance: true,
    });
    expect(deviceFrom({ ...base, status: 'maintenance' }, model, T0).maintenance).toBe(true);
  });
});

describe('jobFrom', () => {
  const job = {
    id: 3,
    name: 'train',
    status: 'queued' as const,
    gpuCount: 8,
    gpuModel: 'H100-SXM',
    minGpuMemoryGb: null,
    expectedHours: 10,
    progressPct: 40,
    priceUsdPerGpuHour: 2,
    deadline: T0 + 10 * H,
    priority: 1,
    preemptible: true,
    checkpointIntervalMin: 30,
    multiNode: false,
    needsFirmPower: true,
  };
  it('counts the work left, the deadline interval and the pause penalty', () => {
    expect(jobFrom(job, null, T0, 60)).toMatchObject({
      jobId: '3',
      gpuModel: 'h100-sxm',
      remainingH: 6,
      deadlineInterval: 9,
      preemptPenaltyUsd: 8 * 2 * 0.25,
      running: null,
    });
  });
  it('drops a finished job and a deadline already past', () => {
    expect(jobFrom({ ...job, progressPct: 100 }, null, T0, 60)).toBeNull();
    expect(jobFrom({ ...job, deadline: T0 - H }, null, T0, 60)!.deadlineInterval).toBeNull();
  });
});

it('quiet hours become the intervals starting in them', () => {
  expect(quietIntervalsFor([1, 2], T0, 6, 60, (ts) => new Date(ts).getUTCHours())).toEqual([1, 2]);
});
