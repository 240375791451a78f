import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAT_STEPS, heatColor, heatStep, heatStepStarts } from './heat-scale';

describe('heatStep', () => {
  const temperature = { min: 40, max: 85 };
  it.each([
    [null, temperature, null],
    [Number.NaN, temperature, null],
    [40, temperature, 1],
    [20, temperature, 1],
    [44.9, temperature, 1],
    [45, temperature, 2],
    [62.5, temperature, 5],
    [84.9, temperature, 9],
    [85, temperature, 9],
    [120, temperature, 9],
    [100, { min: 0, max: 100, reverse: true }, 1],
    [0, { min: 0, max: 100, reverse: true }, 9],
    [50, { min: 50, max: 50 }, 5],
  ])('%s over %j → %s', (value, domain, expected) => {
    expect(heatStep(value, domain)).toBe(expected);
  });

  it('is monotonic in the value and always a valid step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (a, b) => {
          const domain = { min: -100, max: 300 };
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowStep = heatStep(low, domain)!;
          const highStep = heatStep(high, domain)!;
          expect(lowStep).toBeLessThanOrEqual(highStep);
          expect(lowStep).toBeGreaterThanOrEqual(1);
          expect(highStep).toBeLessThanOrEqual(HEAT_STEPS);
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('names the CSS variable of a step', () => {
    expect(heatColor(3)).toBe('var(--heat-3)');
  });

  it('lists the lower bound of every step', () => {
    expect(heatStepStarts({ min: 0, max: 90 })).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });
});
