import { describe, expect, it } from 'vitest';
import { planExact } from '../exact';
import { randomFleet } from '../testing/random-fleet';
import { solveLpInProcess, solveLpInWorker } from './solve-lp';

describe('HiGHS in a worker thread', () => {
  it('solves the same plan as in-process, several requests at once', async () => {
    const inputs = [3, 4, 5].map((seed) =>
      randomFleet(seed, { sites: 2, miners: 12, gpuServers: 2, jobs: 3, intervals: 6 }),
    );
    const options = { mipRelGap: 1e-6, timeLimitS: 30 };
    const [viaWorker, inProcess] = await Promise.all([
      Promise.all(inputs.map((inp) => planExact(inp, solveLpInWorker, options))),
      Promise.all(inputs.map((inp) => planExact(inp, solveLpInProcess, options))),
    ]);
    viaWorker.forEach((r, i) => {
      expect(r.solver).toBe('highs');
      expect(r.evaluation.objectiveUsd).toBeCloseTo(inProcess[i]!.evaluation.objectiveUsd, 6);
    });
  });

  it('reports an unbounded LP as a non-solution status, and keeps serving', async () => {
    const bad = await solveLpInWorker('Maximize\n obj: x +\nEnd\n', { mipRelGap: 0, timeLimitS: 5 });
    expect(bad.status).toBe('error');
    const ok = await solveLpInWorker('Maximize\n obj: x\nSubject To\n c: x <= 3\nEnd\n', {
      mipRelGap: 0,
      timeLimitS: 5,
    });
    expect(ok.status).toBe('optimal');
    expect(ok.values.get('x')).toBe(3);
  });
});
