import { describe, expect, it } from 'vitest';
import { failurePoint, type SimJob, simulatedStep } from './simulated-model';

const pace = { seed: 42, speed: 1, failureRate: 0 };
const H = 3_600_000;
const running = (over: Partial<SimJob> = {}): SimJob => ({
  id: 1,
  status: 'running',
  expectedHours: 2,
  sinceTs: 0,
  priorRunMs: 0,
  ...over,
});

describe('simulated executor', () => {
  it.each([
    ['scheduled, just placed', { status: 'scheduled' as const }, 10_000, pace, { kind: 'none' }],
    ['scheduled, start delay over', { status: 'scheduled' as const }, 30_000, pace, { kind: 'start' }],
    ['running, half-way', {}, H, pace, { kind: 'progress', progressPct: 50 }],
    ['running, resumed after an hour', { priorRunMs: H }, H / 2, pace, { kind: 'progress', progressPct: 75 }],
    ['running, done', {}, 2 * H, pace, { kind: 'finish', progressPct: 100 }],
    [
      'fast pace finishes a 2 h job in 2 s',
      {},
      2_000,
      { ...pace, speed: 3600 },
      { kind: 'finish', progressPct: 100 },
    ],
    [
      'fast pace starts at once',
      { status: 'scheduled' as const },
      10,
      { ...pace, speed: 3600 },
      { kind: 'start' },
    ],
  ])('%s', (_, over, now, p, step) => {
    expect(simulatedStep(running(over), p, now)).toEqual(step);
  });

  it('fails about one job in ten, part-way, the same way for the same seed', () => {
    const failing = Array.from({ length: 1000 }, (_, i) => failurePoint(42, i + 1)).filter((f) => f !== null);
    expect(failing.length).toBeGreaterThan(60);
    expect(failing.length).toBeLessThan(140);
    for (const f of failing) expect(f).toBeGreaterThanOrEqual(0.2);
    expect(failurePoint(42, 7)).toBe(failurePoint(42, 7));
    const other = Array.from({ length: 50 }, (_, i) => failurePoint(43, i + 1));
    expect(other).not.toEqual(Array.from({ length: 50 }, (_, i) => failurePoint(42, i + 1)));
  });

  it('a failing job fails at its failure point, not at the end', () => {
    const id = Array.from({ length: 200 }, (_, i) => i + 1).find((i) => failurePoint(42, i) !== null)!;
    const at = failurePoint(42, id)!;
    const step = simulatedStep(running({ id }), { seed: 42, speed: 1 }, 2 * H * at + 1);
    expect(step.kind).toBe('fail');
    expect(simulatedStep(running({ id }), { seed: 42, speed: 1 }, 2 * H * at * 0.9).kind).toBe('progress');
  });
});
