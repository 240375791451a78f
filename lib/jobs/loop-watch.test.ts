import { afterEach, describe, expect, it } from 'vitest';
import { loopStats, STALL_MS, startLoopWatch, stopLoopWatch } from './loop-watch';
import { startJobs } from './scheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => stopLoopWatch());

describe('loop watch', () => {
  it('logs a stall with the job that blocked the loop and counts it', async () => {
    const lines: string[] = [];
    startLoopWatch((line) => lines.push(line));
    let blocked = false;
    const jobs = startJobs(
      [
        {
          name: 'hog',
          everyMs: 60_000,
          lockKey: null,
          run: async () => {
            await sleep(300);
            const until = performance.now() + STALL_MS + 300;
            while (performance.now() < until) {
              // Computes without yielding, as a synchronous PDF render or solver would.
            }
            blocked = true;
          },
        },
      ],
      () => {},
    );
    await expect.poll(() => blocked, { timeout: 5_000 }).toBe(true);
    await sleep(400);
    await jobs.stop();
    expect(lines.some((l) => /^\[loop\] event loop blocked for \d+ ms \(running: job hog\)$/.test(l))).toBe(
      true,
    );
    const stats = loopStats();
    expect(stats?.stalls).toBe(1);
    expect(stats?.maxS).toBeGreaterThan(STALL_MS / 1000);
  });

  it('stays quiet while the loop is free', async () => {
    const lines: string[] = [];
    startLoopWatch((line) => lines.push(line));
    await sleep(800);
    expect(lines).toEqual([]);
    expect(loopStats()?.stalls).toBe(0);
  });
});
