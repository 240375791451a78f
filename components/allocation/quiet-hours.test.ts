import { describe, expect, it } from 'vitest';
import { formatHours, parseHours } from './quiet-hours';

describe('quiet hours', () => {
  it.each([
    ['', []],
    ['7', [7]],
    ['7-9, 17', [7, 8, 9, 17]],
    ['22-23,0-1', [0, 1, 22, 23]],
    ['9-7', null],
    ['24', null],
    ['7-', null],
  ])('parses %j', (text, hours) => {
    expect(parseHours(text)).toEqual(hours);
  });

  it('writes runs back as ranges', () => {
    expect(formatHours([0, 1, 2, 7, 17, 18])).toBe('0-2,7,17-18');
    expect(parseHours(formatHours([0, 1, 2, 7, 17, 18]))).toEqual([0, 1, 2, 7, 17, 18]);
  });
});
