import { describe, expect, it } from 'vitest';
import { auditBound } from './list';

describe('auditBound', () => {
  it.each([
    ['2026-03-01', 'from', Date.UTC(2026, 2, 1)],
    ['2026-03-01', 'to', Date.UTC(2026, 2, 2)],
    ['2026-03-01T10:00:00Z', 'to', Date.UTC(2026, 2, 1, 10)],
    [undefined, 'from', undefined],
  ] as const)('%s as %s → %s', (text, side, expected) => {
    expect(auditBound(text, side)).toBe(expected);
  });
  it.each(['yesterday', '1700000000000', '2026-13-45'])('refuses %s', (text) => {
    expect(() => auditBound(text, 'from')).toThrow(/ISO-8601/);
  });
});
