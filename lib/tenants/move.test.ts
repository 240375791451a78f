import { describe, expect, it } from 'vitest';
import { tenantSpans } from './move';

const DAY = 86_400_000;
const MONTH = { from: 0, to: 30 * DAY };

describe('tenant spans over a billing month', () => {
  it.each([
    ['never moved', [], 7, [{ tenantId: 7, from: 0, to: 30 * DAY }]],
    [
      'moved on day 10 from the staff to tenant 1',
      [{ fromTenantId: null, toTenantId: 1, movedAt: 10 * DAY }],
      1,
      [
        { tenantId: null, from: 0, to: 10 * DAY },
        { tenantId: 1, from: 10 * DAY, to: 30 * DAY },
      ],
    ],
    [
      'moved twice, out of order in the input',
      [
        { fromTenantId: 2, toTenantId: 3, movedAt: 20 * DAY },
        { fromTenantId: 1, toTenantId: 2, movedAt: 5 * DAY },
      ],
      3,
      [
        { tenantId: 1, from: 0, to: 5 * DAY },
        { tenantId: 2, from: 5 * DAY, to: 20 * DAY },
        { tenantId: 3, from: 20 * DAY, to: 30 * DAY },
      ],
    ],
    [
      'moved before the month',
      [{ fromTenantId: 1, toTenantId: 2, movedAt: -DAY }],
      2,
      [{ tenantId: 2, from: 0, to: 30 * DAY }],
    ],
    [
      'moved after the month (the holder then was the move’s source)',
      [{ fromTenantId: 1, toTenantId: 2, movedAt: 40 * DAY }],
      2,
      [{ tenantId: 1, from: 0, to: 30 * DAY }],
    ],
    [
      'moved exactly at the start',
      [{ fromTenantId: 1, toTenantId: 2, movedAt: 0 }],
      2,
      [{ tenantId: 2, from: 0, to: 30 * DAY }],
    ],
  ] as const)('%s', (_name, moves, current, expected) => {
    expect(tenantSpans([...moves], current, MONTH.from, MONTH.to)).toEqual(expected);
  });
});
