import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  type HistoryState,
  historyProgress,
  MINUTE_MS,
  nextStep,
  planHistory,
  sampleTs,
  slotsIn,
  totalSlots,
} from './history-plan';

const NOW = Date.UTC(2026, 10, 21, 12, 34, 56, 789);

/** Every step of a plan, filled in order, with the slots of each. */
function walk(plan: HistoryState) {
  const steps: { fromMs: number; toMs: number; slots: number[] }[] = [];
  let state = plan;
  for (let step = nextStep(state); step; step = nextStep(state)) {
    steps.push({ ...step, slots: slotsIn(state, step.fromMs, step.toMs) });
    state = { ...state, filledFromMs: step.fromMs };
  }
  return { steps, state };
}

describe('planHistory', () => {
  it('ends on the minute the plan was made and spans the requested days', () => {
    const plan = planHistory(NOW, 7);
    expect(plan.untilMs).toBe(Date.UTC(2026, 10, 21, 12, 34));
    expect(plan.untilMs - plan.fromMs).toBe(7 * DAY_MS);
    expect(plan.filledFromMs).toBe(plan.untilMs);
    expect(historyProgress(plan)).toEqual({ status: 'filling', days: 7, daysFilled: 0, samples: 0 });
  });
});

describe('nextStep / slotsIn', () => {
  it('fills newest first: the first step ends at the plan end, then whole hours', () => {
    const { steps } = walk(planHistory(NOW, 2));
    expect(steps[0]).toMatchObject({
      fromMs: Date.UTC(2026, 10, 21, 12),
      toMs: Date.UTC(2026, 10, 21, 12, 34),
    });
    expect(steps[1]).toMatchObject({ fromMs: Date.UTC(2026, 10, 21, 11), toMs: Date.UTC(2026, 10, 21, 12) });
    expect(steps.at(-1)?.fromMs).toBe(planHistory(NOW, 2).fromMs);
  });

  it('has one slot per minute in the last day and one per 5 minutes before', () => {
    const plan = planHistory(NOW, 3);
    const lastHour = slotsIn(plan, plan.untilMs - 60 * MINUTE_MS, plan.untilMs);
    expect(lastHour).toHaveLength(60);
    const dayAgo = plan.untilMs - 2 * DAY_MS;
    const older = slotsIn(plan, dayAgo, dayAgo + 60 * MINUTE_MS);
    expect(older).toHaveLength(12);
    expect(older.every((t) => t % (5 * MINUTE_MS) === 0)).toBe(true);
  });

  it('covers the plan exactly once, whatever the time and length (restarts resume on a step)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1.7e12, max: 2.1e12 }), fc.integer({ min: 1, max: 8 }), (now, days) => {
        const plan = planHistory(now, days);
        const { steps, state } = walk(plan);
        const slots = steps.flatMap((s) => s.slots);
        expect(new Set(slots).size).toBe(slots.length);
        expect(slots.length).toBe(totalSlots(plan));
        expect(Math.min(...slots)).toBeGreaterThanOrEqual(plan.fromMs);
        expect(Math.max(...slots)).toBeLessThan(plan.untilMs);
        for (let i = 1; i < steps.length; i++) expect(steps[i]!.toMs).toBe(steps[i - 1]!.fromMs);
        expect(nextStep(state)).toBeNull();
        expect(historyProgress(state).daysFilled).toBe(days);
      }),
      { numRuns: 60 },
    );
  });

  it('spreads devices over the minute and never past the plan end', () => {
    const plan = planHistory(NOW, 1);
    const lastSlot = plan.untilMs - MINUTE_MS;
    expect(sampleTs(lastSlot, 59)).toBeLessThan(plan.untilMs);
    expect(sampleTs(lastSlot, 60)).toBe(lastSlot);
    expect(sampleTs(lastSlot, 61)).toBe(lastSlot + 1000);
  });
});

describe('historyProgress', () => {
  it.each([
    [null, { status: 'none', days: 0, daysFilled: 0, samples: 0 }],
    [
      { filledFromMs: NOW - 3.5 * DAY_MS, samples: 10 },
      { status: 'filling', days: 7, daysFilled: 3, samples: 10 },
    ],
    [
      { filledFromMs: NOW - 7 * DAY_MS, finishedAtMs: NOW },
      { status: 'done', days: 7, daysFilled: 7, samples: 0 },
    ],
  ])('%o', (patch, expected) => {
    const plan = { ...planHistory(NOW, 7), untilMs: NOW };
    expect(historyProgress(patch === null ? null : { ...plan, ...patch })).toEqual(expected);
  });
});
