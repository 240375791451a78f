import { describe, expect, it } from 'vitest';
import { hashrateShare, placement } from './device-format';

describe('placement', () => {
  it.each([
    [{ rackName: null, slotRow: null, slotColumn: null }, '—'],
    [{ rackName: 'C01-R2', slotRow: null, slotColumn: null }, 'C01-R2'],
    [{ rackName: 'C01-R2', slotRow: 3, slotColumn: 7 }, 'C01-R2 · 3/7'],
  ])('%j → %s', (row, expected) => {
    expect(placement(row)).toBe(expected);
  });
});

describe('hashrateShare', () => {
  it.each([
    [{ hashrateThs: 190, nominalHashrateThs: 200 }, 95],
    [{ hashrateThs: 0, nominalHashrateThs: 200 }, 0],
    [{ hashrateThs: null, nominalHashrateThs: 200 }, null],
    [{ hashrateThs: 1, nominalHashrateThs: null }, null],
    [{ hashrateThs: 1, nominalHashrateThs: 0 }, null],
  ])('%j → %s', (row, expected) => {
    expect(hashrateShare(row)).toBe(expected);
  });
});
