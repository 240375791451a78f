import { describe, expect, it } from 'vitest';
import { QueryId, queryInt } from './ids';

describe('QueryId', () => {
  it.each([
    ['7', 7],
    [7, 7],
    ['2147483647', 2147483647],
  ])('accepts %j', (raw, id) => {
    expect(QueryId.parse(raw)).toBe(id);
  });

  it.each(['0x4B7', '1e3', ' 1', '01', '1.0', '-1', '0', '', 0, -3, 1.5, '2147483648'])(
    'refuses %j',
    (raw) => {
      expect(QueryId.safeParse(raw).success).toBe(false);
    },
  );
});

describe('queryInt', () => {
  const limit = queryInt(1, 500);
  it('accepts canonical decimals and numbers in range', () => {
    expect(limit.parse('50')).toBe(50);
    expect(limit.parse(500)).toBe(500);
  });
  it.each(['0x10', '1e2', '050', '0', '501', ' 5', '5.0'])('refuses %j', (raw) => {
    expect(limit.safeParse(raw).success).toBe(false);
  });
});
