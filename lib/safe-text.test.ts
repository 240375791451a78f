import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, safeText } from './safe-text';

describe('safe text', () => {
  it.each([
    ['Client A', false],
    ['Ünïcødé 北京 — fine', false],
    ['tab\tand\nnewline', false],
    ['nul\u0000inside', true],
    ['bell\u0007', true],
    ['del\u007f', true],
    ['c1\u0085', true],
    ['rlo \u202Eexe.txt', true],
    ['lro \u202D', true],
    ['isolate \u2066x\u2069', true],
    ['rlm \u200F', true],
    ['arabic mark \u061C', true],
  ])('%j unsafe=%s', (text, unsafe) => {
    expect(hasUnsafeCharacters(text)).toBe(unsafe);
  });

  it('parses, trims and refuses', () => {
    expect(safeText(10).parse('  ok  ')).toBe('ok');
    expect(safeText(10).safeParse('a\u202Eb').success).toBe(false);
    expect(safeText(3).safeParse('long').success).toBe(false);
    expect(safeText(3).safeParse('  ').success).toBe(false);
  });
});
