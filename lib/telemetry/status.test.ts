import { describe, expect, it } from 'vitest';
import { deriveStatus, expectedHashrate, type StatusInput } from './status';

const now = 1_800_000_000_000;
const rules = { now, intervalMs: 30_000, degradedBelowPct: 80 };
const base: StatusInput = {
  current: 'online',
  class: 'asic',
  expectedHashrateThs: 200,
  maxTempC: 90,
  lastTs: now - 10_000,
  hashrateThs: 198,
  temps: [70, 65],
  reported: 'ok',
};

describe('deriveStatus', () => {
  it.each<[string, Partial<StatusInput>, string, RegExp | null]>([
    ['healthy', {}, 'online', null],
    ['never reported', { lastTs: null }, 'offline', /no telemetry/],
    ['silent for 3 intervals + 1 s', { lastTs: now - 91_000 }, 'offline', /no sample for 91 s/],
    ['silent for exactly 3 intervals', { lastTs: now - 90_000 }, 'online', null],
    ['hashrate at 79 %', { hashrateThs: 158 }, 'degraded', /79 %/],
    ['hashrate at 80 %', { hashrateThs: 160 }, 'online', null],
    ['one board dead (2/3)', { hashrateThs: 133 }, 'degraded', /67 %/],
    ['overheating', { temps: [91.5, null] }, 'degraded', /overheating: 91.5/],
    ['agent error', { reported: 'error' }, 'degraded', /error/],
    ['reported curtailed', { reported: 'curtailed', hashrateThs: 0 }, 'curtailed', /curtailed/],
    ['maintenance is sticky', { current: 'maintenance', lastTs: null }, 'maintenance', null],
    ['GPU at 0 TH/s is fine', { class: 'gpu', expectedHashrateThs: null, hashrateThs: null }, 'online', null],
    ['no hashrate reading', { hashrateThs: null }, 'online', null],
  ])('%s → %s', (_label, patch, status, reason) => {
    const result = deriveStatus({ ...base, ...patch }, rules);
    expect(result.status).toBe(status);
    if (reason) expect(result.reason).toMatch(reason);
  });
});

describe('expectedHashrate', () => {
  const profiles = [
    { powerW: 2832, hashrateThs: 96 },
    { powerW: 3050, hashrateThs: 100 },
    { powerW: 3068, hashrateThs: 104 },
  ];
  it.each([
    [null, 104],
    [3050, 100],
    [2941, 98],
    [4000, 104],
    [1416, 48],
  ])('power target %s W → %s TH/s', (target, expected) => {
    expect(expectedHashrate(104, profiles, target)).toBeCloseTo(expected, 6);
  });
  it('falls back to nameplate without profiles', () => {
    expect(expectedHashrate(200, null, 3000)).toBe(200);
  });
});
