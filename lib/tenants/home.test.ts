import { describe, expect, it } from 'vitest';
import { monthStartUtc } from './home';

describe('monthStartUtc', () => {
  it('is the first instant of the UTC month', () => {
    expect(monthStartUtc(Date.UTC(2026, 11, 2, 1, 5))).toBe(Date.UTC(2026, 11, 1));
    expect(monthStartUtc(Date.UTC(2026, 0, 1))).toBe(Date.UTC(2026, 0, 1));
  });
});
