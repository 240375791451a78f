import { describe, expect, it } from 'vitest';
import { packSamples, quoteArrayElement, SampleRows, STATUS_SLOT, STRIDE, TS_SLOT } from './sample-rows';

describe('PostgreSQL array literals of sample rows', () => {
  it('quotes a text element, escaping backslashes and double quotes', () => {
    expect(quoteArrayElement('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteArrayElement('{x,y}')).toBe('"{x,y}"');
    expect(quoteArrayElement('')).toBe('""');
  });

  it('writes one literal per column: numbers as they print, NaN as NULL, text from the interned strings', () => {
    const rows = new SampleRows(2);
    rows.count = 2;
    rows.values[TS_SLOT] = 1000;
    rows.values[STATUS_SLOT] = rows.intern('ok');
    rows.values[STRIDE + TS_SLOT] = 2000;
    rows.values[STRIDE + STATUS_SLOT] = rows.intern('say "hi"');
    const literals = rows.pgArrayLiterals();
    expect(literals).toHaveLength(STRIDE);
    expect(literals[TS_SLOT]).toBe('{1000,2000}');
    expect(literals[STATUS_SLOT]).toBe('{"ok","say \\"hi\\""}');
    expect(literals[0]).toBe('{NULL,NULL}');
  });

  it('keeps small, negative and large numbers exact', () => {
    const [device, ts, hashrate] = packSamples([
      { deviceId: 7, ts: 1764000000000, hashrateThs: 1e-7 },
      { deviceId: 8, ts: 1764000000001, hashrateThs: -2.5 },
    ]).pgArrayLiterals();
    expect([device, ts, hashrate]).toEqual(['{7,8}', '{1764000000000,1764000000001}', '{1e-7,-2.5}']);
  });
});
