import { describe, expect, it } from 'vitest';
import { accrueJob, accrueRental } from './accrual';
import { gpuWorkRevenueUsdPerHour, type RatedAssignment } from './revenue-rate';

const H = 3_600_000;
const base = { gpus: 8, rateUsdPerGpuHour: 2.5, utilisationPct: 60 };

describe('gpuWorkRevenueUsdPerHour', () => {
  it.each([
    ['a running job: GPUs × its $/GPU-h (the utilisation assumption is for rentals)', 'job', true, 8 * 2.5],
    ['a placed job that has not started', 'job', false, 0],
    ['a rental: GPUs × rate × utilisation assumption', 'rent', false, 8 * 2.5 * 0.6],
    ['idle', 'idle', false, 0],
    ['curtailed', 'curtail', false, 0],
    ['maintenance', 'maintenance', false, 0],
    ['a pool (mining is priced from hashrate elsewhere)', 'pool', false, 0],
    ['no assignment at all', 'none', false, 0],
  ] as const)('%s', (_, kind, running, usdPerH) => {
    expect(gpuWorkRevenueUsdPerHour({ ...base, kind }, running)).toBeCloseTo(usdPerH, 12);
  });

  it.each([
    ['no GPUs recorded', { kind: 'rent', gpus: null, rateUsdPerGpuHour: 2, utilisationPct: 50 }, 0],
    ['no rate recorded', { kind: 'rent', gpus: 8, rateUsdPerGpuHour: null, utilisationPct: 50 }, 0],
    [
      'no utilisation recorded: rented in full',
      { kind: 'rent', gpus: 2, rateUsdPerGpuHour: 1, utilisationPct: null },
      2,
    ],
    [
      'utilisation above 100 % is capped',
      { kind: 'rent', gpus: 2, rateUsdPerGpuHour: 1, utilisationPct: 150 },
      2,
    ],
  ] as [string, RatedAssignment, number][])('%s', (_, a, usdPerH) => {
    expect(gpuWorkRevenueUsdPerHour(a, false)).toBeCloseTo(usdPerH, 12);
  });

  it('is what accrual multiplies by the hours of a span', () => {
    const span = { fromTs: 0, toTs: 3 * H, ...base };
    const job = accrueJob([span], [{ toStatus: 'running', ts: 0 }], 10 * H);
    expect(job.revenueUsd).toBeCloseTo(3 * gpuWorkRevenueUsdPerHour({ ...base, kind: 'job' }, true), 9);
    const rent = accrueRental([span], { fromTs: H, toTs: 2 * H }, 10 * H);
    expect(rent.revenueUsd).toBeCloseTo(gpuWorkRevenueUsdPerHour({ ...base, kind: 'rent' }, false), 9);
  });
});
