import { describe, expect, it } from 'vitest';
import { freshAfterMs } from './freshness';
import { deriveStatus } from './status';

const now = Date.UTC(2026, 10, 21, 12);
const intervalMs = 30_000;
const device = {
  current: 'online' as const,
  class: 'asic' as const,
  expectedHashrateThs: 200,
  maxTempC: 85,
  hashrateThs: 200,
  temps: [60],
  reported: null,
};

describe('freshAfterMs', () => {
  it.each([
    [30_000, now - 90_000],
    [10_000, now - 30_000],
    [60_000, now - 180_000],
  ])('interval %i ms → cutoff %i', (interval, expected) => {
    expect(freshAfterMs(now, interval)).toBe(expected);
  });

  // The status rule and the live readers share the cutoff: a sample exactly at it is still live.
  it.each([
    [freshAfterMs(now, intervalMs), 'online'],
    [freshAfterMs(now, intervalMs) - 1, 'offline'],
  ])('a device last seen at %i is %s', (lastTs, status) => {
    const rules = { now, intervalMs, degradedBelowPct: 80 };
    expect(deriveStatus({ ...device, lastTs }, rules).status).toBe(status);
  });
});
