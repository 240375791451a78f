import { describe, expect, it } from 'vitest';
import { formatOdds, formatYears } from './swarm-format';

describe('formatOdds', () => {
  it.each([
    [null, '—'],
    [0, '—'],
    [0.5, '50 %'],
    [0.05, '5.0 %'],
    [1.6e-7, '1 in 6.3\u00a0M'],
    [1 / 250, '1 in 250'],
  ])('%s → %s', (p, text) => {
    expect(formatOdds(p)).toBe(text);
  });
});

describe('formatYears', () => {
  it.each([
    [Number.POSITIVE_INFINITY, 'never'],
    [0.5, '183 days'],
    [17_000, '17,000 years'],
    [2.6e11, '260.0\u00a0G years'],
  ])('%s → %s', (y, text) => {
    expect(formatYears(y)).toBe(text);
  });
});
