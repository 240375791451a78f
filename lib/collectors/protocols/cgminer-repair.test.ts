import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairJson } from './cgminer-repair';

describe('repairJson', () => {
  it.each([
    ['}{ between objects (C1)', '{"A":[{"x":1}{"y":2}]}', { A: [{ x: 1 }, { y: 2 }] }, 'missing_comma'],
    ['[,{ leading comma (C2)', '{"A":[,{"x":1}]}', { A: [{ x: 1 }] }, 'stray_comma'],
    [',} trailing comma (C2)', '{"a":1,}', { a: 1 }, 'trailing_comma'],
    ['raw newline inside a string (C3)', '{"a":"x\ny"}', { a: 'x\ny' }, 'control_char'],
    ['""temp0 missing comma (C4)', '{"a":"""temp0":5}', { a: '', temp0: 5 }, 'missing_comma'],
    ['bare nan (C5)', '{"a":nan,"b":-nan,"c":inf}', { a: null, b: null, c: null }, 'non_finite'],
    ['leading ,"id" garbage (C6)', ',"id":1}', { id: 1 }, 'leading_comma'],
    [
      'pair list (C8)',
      '{"e":["329":"2022-01-17 11:28:11"]}',
      { e: [{ '329': '2022-01-17 11:28:11' }] },
      'pair_list',
    ],
    [
      "invalid \\' escape (C9)",
      '{"v":"\\\'20200917.22.REL\\\'"}',
      { v: '20200917.22.REL' },
      'invalid_escape',
    ],
    ['other invalid escape kept literally', '{"p":"C:\\DIR"}', { p: 'C:\\DIR' }, 'invalid_escape'],
    ['bytes after the root value', '{"a":1}\u0000junk', { a: 1 }, 'trailing_data'],
    ['truncated inside a string (C7)', '{"A":[{"x":1},{"y":"abc', { A: [{ x: 1 }] }, 'truncated'],
    ['truncated after a key', '{"a":1,"b":', { a: 1 }, 'truncated'],
    ['truncated number', '{"a":1,"b":12', { a: 1 }, 'truncated'],
  ])('%s', (_name, input, expected, flag) => {
    const r = repairJson(input);
    expect(JSON.parse(r.text)).toEqual(expected);
    expect(r.flags).toContain(flag);
  });

  it('leaves valid JSON unchanged in meaning', () => {
    const v = { a: [1, 2.5, -3e4, 'x\\"y', null, true], b: { c: '}{' } };
    const r = repairJson(JSON.stringify(v));
    expect(JSON.parse(r.text)).toEqual(v);
    expect(r.flags).toEqual([]);
  });

  it('never throws, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(typeof repairJson(s).text).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('recovers a prefix of a valid document truncated at every offset', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), (json) => {
        for (let cut = 1; cut < json.length; cut++) {
          const r = repairJson(json.slice(0, cut));
          if (r.text !== '') JSON.parse(r.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
