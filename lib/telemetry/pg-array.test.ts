import { describe, expect, it } from 'vitest';
import { numberArrayLiteral, quoteArrayElement, textArrayLiteral } from './pg-array';
import { SampleRows, STATUS_SLOT, STRIDE, TS_SLOT } from './sample-rows';

describe('PostgreSQL array literals', () => {
  it('writes numbers as they print and missing values as NULL', () => {
    expect(numberArrayLiteral([1.5, null, Number.NaN, undefined, -2, 1e-7, 1764000000000])).toBe(
      '{1.5,NULL,NULL,NULL,-2,1e-7,1764000000000}',
    );
    expect(numberArrayLiteral([])).toBe('{}');
  });

  it('quotes every text element and escapes backslashes and double quotes', () => {
    expect(quoteArrayElement('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(textArrayLiteral(['ok', null, '', 'NULL', '{x,y}'])).toBe('{"ok",NULL,"","NULL","{x,y}"}');
  });

  it('turns sample rows into one literal per column, text columns from the interned strings', () => {
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
});
