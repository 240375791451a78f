import { describe, expect, it } from 'vitest';
import { accrueJob, accrueRental, runningSpans } from './accrual';

const H = 3_600_000;

describe('runningSpans', () => {
  it.each([
    ['never ran', [{ toStatus: 'scheduled', ts: 0 }], []],
    [
      'still running',
      [
        { toStatus: 'scheduled', ts: 0 },
        { toStatus: 'running', ts: H },
      ],
      [{ fromTs: H, toTs: null }],
    ],
    [
      'preempted and resumed',
      [
        { toStatus: 'running', ts: 0 },
        { toStatus: 'preempted', ts: H },
        { toStatus: 'queued', ts: H + 1 },
        { toStatus: 'scheduled', ts: 2 * H },
        { toStatus: 'running', ts: 3 * H },
        { toStatus: 'done', ts: 5 * H },
      ],
      [
        { fromTs: 0, toTs: H },
        { fromTs: 3 * H, toTs: 5 * H },
      ],
    ],
    [
      'out of order input',
      [
        { toStatus: 'done', ts: 2 * H },
        { toStatus: 'running', ts: 0 },
      ],
      [{ fromTs: 0, toTs: 2 * H }],
    ],
  ])('%s', (_, transitions, spans) => {
    expect(runningSpans(transitions)).toEqual(spans);
  });
});

describe('accrueJob', () => {
  const transitions = [
    { toStatus: 'scheduled', ts: 0 },
    { toStatus: 'running', ts: H },
    { toStatus: 'done', ts: 3 * H },
  ];
  it.each([
    ['one server, whole run', [{ fromTs: 0, toTs: 3 * H, gpus: 8, rateUsdPerGpuHour: 2 }], 10 * H, 16, 32],
    [
      'two nodes',
      [
        { fromTs: 0, toTs: 3 * H, gpus: 8, rateUsdPerGpuHour: 2 },
        { fromTs: 0, toTs: 3 * H, gpus: 4, rateUsdPerGpuHour: 2 },
      ],
      10 * H,
      24,
      48,
    ],
    [
      'assignment still open, job done',
      [{ fromTs: 0, toTs: null, gpus: 8, rateUsdPerGpuHour: 2 }],
      10 * H,
      16,
      32,
    ],
    [
      'half-way through (now inside the run)',
      [{ fromTs: 0, toTs: null, gpus: 8, rateUsdPerGpuHour: 2 }],
      2 * H,
      8,
      16,
    ],
    [
      'moved off a device mid-run',
      [{ fromTs: 0, toTs: 2 * H, gpus: 4, rateUsdPerGpuHour: 3 }],
      10 * H,
      4,
      12,
    ],
    ['nothing before it runs', [{ fromTs: 0, toTs: null, gpus: 8, rateUsdPerGpuHour: 2 }], H / 2, 0, 0],
  ])('%s', (_, work, now, gpuHours, revenueUsd) => {
    const a = accrueJob(work, transitions, now);
    expect(a.gpuHours).toBeCloseTo(gpuHours, 9);
    expect(a.revenueUsd).toBeCloseTo(revenueUsd, 9);
  });
});

describe('accrueRental', () => {
  it('rents GPUs at the rate times the utilisation assumption, within the window', () => {
    const work = [{ fromTs: 0, toTs: null, gpus: 8, rateUsdPerGpuHour: 2, utilisationPct: 50 }];
    expect(accrueRental(work, { fromTs: H, toTs: 3 * H }, 10 * H)).toEqual({ gpuHours: 16, revenueUsd: 16 });
    expect(accrueRental(work, { fromTs: 0, toTs: null }, H)).toEqual({ gpuHours: 8, revenueUsd: 8 });
  });
});
