import { describe, expect, it } from 'vitest';
import { contractLabel } from './contract-label';

const base = {
  contractKind: 'fixed' as const,
  fixedPriceUsdPerMwh: null,
  touSchedule: null,
  spotSource: null,
  spotAdderUsdPerMwh: 0,
};

describe('contractLabel', () => {
  it.each([
    [{ ...base, fixedPriceUsdPerMwh: 45 }, 'Fixed $45.00/MWh'],
    [{ ...base, fixedPriceUsdPerMwh: null }, 'Fixed —'],
    [
      {
        ...base,
        contractKind: 'tou' as const,
        touSchedule: [
          { days: [1], fromHour: 0, toHour: 12, priceUsdPerMwh: 50 },
          { days: [1], fromHour: 12, toHour: 24, priceUsdPerMwh: 90 },
        ],
      },
      'Time-of-use (2 bands)',
    ],
    [
      { ...base, contractKind: 'spot' as const, spotSource: 'sim:se3', spotAdderUsdPerMwh: 6 },
      'Spot sim:se3 + $6.00/MWh',
    ],
    [{ ...base, contractKind: 'spot' as const, spotSource: 'ercot:HB_WEST' }, 'Spot ercot:HB_WEST'],
  ])('%j → %s', (site, expected) => {
    expect(contractLabel(site)).toBe(expected);
  });
});
