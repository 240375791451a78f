import { describe, expect, it } from 'vitest';
import { type DemoGpuNode, planDemoWorkloads } from './demo-workloads';

const rack = (name: string, gpuModel: string, n: number, firstId: number): DemoGpuNode[] =>
  Array.from({ length: n }, (_, i) => ({ id: firstId + i, rack: name, gpuModel, gpuCount: 8 }));

describe('planDemoWorkloads', () => {
  const nodes = [
    ...rack('H1-R01', 'h100-sxm', 4, 1),
    ...rack('H1-R02', 'h100-sxm', 4, 5),
    ...rack('H1-R03', 'h200', 4, 9),
    ...rack('H1-R04', 'h200', 4, 13),
    ...rack('H1-R05', 'a100-80gb', 4, 17),
    ...rack('BENCH', 'rtx-4090', 2, 21).map((n) => ({ ...n, gpuCount: 2 })),
  ];
  const plan = planDemoWorkloads(nodes);

  it('gives every GPU node exactly one workload', () => {
    const all = [...plan.jobs.flatMap((j) => j.deviceIds), ...plan.rent.map((n) => n.id), ...plan.idle];
    expect(all.sort((a, b) => a - b)).toEqual(nodes.map((n) => n.id).sort((a, b) => a - b));
  });

  it('rack by rack in name order: job, job + rent, rent, rent + idle, then again', () => {
    expect(plan.jobs.map((j) => j.deviceIds)).toEqual([
      [1, 2, 3, 4],
      [5, 6],
      [17, 18, 19, 20],
    ]);
    expect(plan.jobs.map((j) => [j.gpuModel, j.gpuCount, j.multiNode])).toEqual([
      ['h100-sxm', 32, true],
      ['h100-sxm', 16, true],
      ['a100-80gb', 32, true],
    ]);
    // The two-machine bench (first by name) is one rented, one idle, and takes no layout turn.
    expect(plan.rent.map((n) => n.id)).toEqual([21, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(plan.idle).toEqual([22, 15, 16]);
  });

  it('jobs are long enough not to end or fail at the first tick after a week of history', () => {
    for (const j of plan.jobs) expect(0.2 * j.expectedHours).toBeGreaterThan(7 * 24);
  });

  it('is deterministic and ignores nodes without GPUs', () => {
    expect(planDemoWorkloads(nodes)).toEqual(plan);
    const bare = planDemoWorkloads([{ id: 99, rack: 'X', gpuModel: null, gpuCount: 0 }]);
    expect(bare).toEqual({ jobs: [], rent: [], idle: [] });
  });
});
