import { describe, expect, it } from 'vitest';
import {
  applyOutcome,
  backoffMs,
  deviceJitter,
  MAX_BACKOFF_MS,
  nextSlot,
  type PollStateFields,
} from './schedule';

const fresh: PollStateFields = {
  nextPollAt: 0,
  lastPollAt: null,
  lastOkAt: null,
  lastError: null,
  lastErrorKind: null,
  lastErrorAt: null,
  consecutiveFailures: 0,
};

describe('backoffMs', () => {
  it.each([
    [30_000, 1, 0, 30_000],
    [30_000, 2, 0, 60_000],
    [30_000, 3, 0, 120_000],
    [30_000, 5, 0, 480_000],
    [30_000, 6, 0, MAX_BACKOFF_MS],
    [30_000, 500, 0, MAX_BACKOFF_MS],
    [30_000, 1, 0.5, 31_500],
    // An interval longer than the cap is never shortened by back-off.
    [3_600_000, 4, 0, 3_600_000],
  ])('interval %i ms, %i failures, jitter %f → %i ms', (interval, failures, jitter, expected) => {
    expect(backoffMs(interval, failures, jitter)).toBe(expected);
  });
});

describe('nextSlot', () => {
  it.each([
    // due, now, interval → next
    [1_000, 1_500, 30_000, 31_000],
    // Late by up to half an interval: still on cadence.
    [1_000, 16_000, 30_000, 31_000],
    // Later than that: never twice within half an interval, one interval from now instead.
    [1_000, 16_001, 30_000, 46_001],
    [1_000, 95_000, 30_000, 125_000],
    [50_000, 40_000, 30_000, 80_000],
  ])('due %i, polled by %i, every %i → %i', (due, now, interval, expected) => {
    expect(nextSlot(due, now, interval)).toBe(expected);
  });
});

describe('applyOutcome', () => {
  const ctx = { dueAt: 100_000, now: 101_000, intervalMs: 30_000, jitter: 0 };

  it('keeps the cadence and clears the failure count on success, keeping the last error for display', () => {
    const prev = { ...fresh, consecutiveFailures: 3, lastError: 'timeout', lastErrorAt: 50_000 };
    const next = applyOutcome(prev, { ok: true }, ctx);
    expect(next).toMatchObject({
      lastOkAt: 101_000,
      lastPollAt: 101_000,
      consecutiveFailures: 0,
      nextPollAt: 130_000,
      lastError: 'timeout',
      lastErrorAt: 50_000,
    });
  });

  it('records the reason and backs off on consecutive failures', () => {
    let state = fresh;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      state = applyOutcome(state, { ok: false, kind: 'refused', message: 'connection refused' }, ctx);
      delays.push(state.nextPollAt - ctx.now);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(state).toMatchObject({
      lastErrorKind: 'refused',
      lastError: 'connection refused',
      lastErrorAt: 101_000,
      lastOkAt: null,
      consecutiveFailures: 7,
    });
  });

  it('bounds the stored message', () => {
    const next = applyOutcome(fresh, { ok: false, kind: 'not_json', message: 'x'.repeat(2_000) }, ctx);
    expect(next.lastError).toHaveLength(500);
  });
});

describe('deviceJitter', () => {
  it('spreads devices over [0, 1), deterministically per device', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => deviceJitter(i + 1));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new Set(values.map((v) => Math.floor(v * 10))).size).toBe(10);
    expect(deviceJitter(7)).toBe(deviceJitter(7));
  });
});
