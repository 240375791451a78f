import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PriceCsvIssue, parsePriceCsv } from './price-csv';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const issuesOf = (text: string, opts = {}) => {
  const r = parsePriceCsv(text, opts);
  if (r.ok) throw new Error('expected a rejected file');
  return r.issues.map((i: PriceCsvIssue) => [i.line, i.kind]);
};

describe('parsePriceCsv: accepted files', () => {
  it('reads ISO timestamps with Z or offsets', () => {
    const csv =
      'timestamp,price\n2024-06-01T00:00:00Z,41.5\n2024-06-01T03:00:00+02:00,-3\n2024-06-01T02:00+0000,12\n';
    const r = parsePriceCsv(csv);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.points.map((p) => [iso(p.intervalStart), iso(p.intervalEnd), p.priceUsdPerMwh])).toEqual([
      ['2024-06-01T00:00:00Z', '2024-06-01T01:00:00Z', 41.5],
      ['2024-06-01T01:00:00Z', '2024-06-01T02:00:00Z', -3],
      ['2024-06-01T02:00:00Z', '2024-06-01T03:00:00Z', 12],
    ]);
    expect(r.points[0]).toMatchObject({ market: 'UPLOADED', provider: 'csv', currency: 'USD' });
  });

  it('converts a currency column with the configured rate', () => {
    const csv = 'time,price,currency\n2024-06-01T00:00Z,10,EUR\n2024-06-01T01:00Z,20,usd\n';
    const r = parsePriceCsv(csv, { fxUsdPer: { EUR: 1.1 } });
    expect(r.ok && r.points.map((p) => [p.priceUsdPerMwh, p.originalPrice, p.currency])).toEqual([
      [11, 10, 'EUR'],
      [20, 20, 'USD'],
    ]);
  });

  it('accepts the repeated autumn hour in local time when it appears twice', () => {
    const rows = ['00', '01', '02', '02', '03'].map((h, i) => `2024-10-27 ${h}:00,${i}`);
    const r = parsePriceCsv(`timestamp,price\n${rows.join('\n')}\n`, { timeZone: 'Europe/Stockholm' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.points.map((p) => iso(p.intervalStart))).toEqual([
      '2024-10-26T22:00:00Z',
      '2024-10-26T23:00:00Z',
      '2024-10-27T00:00:00Z',
      '2024-10-27T01:00:00Z',
      '2024-10-27T02:00:00Z',
    ]);
    expect(r.points.map((p) => p.originalPrice)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads `;` files with decimal commas and unix-second timestamps', () => {
    const r = parsePriceCsv('ts;price\n1717200000;41,5\n1717203600;7,25\n');
    expect(r.ok && r.points.map((p) => p.originalPrice)).toEqual([41.5, 7.25]);
  });

  it('takes the row order as it comes (sorted output), property-based', () => {
    const base = Date.UTC(2024, 0, 1);
    const lines = Array.from(
      { length: 12 },
      (_, i) => `${new Date(base + i * 3_600_000).toISOString()},${i}`,
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 12, maxLength: 12 }), (shuffled) => {
        const r = parsePriceCsv(`timestamp,price\n${shuffled.join('\n')}`);
        return r.ok && r.points.every((p, i) => p.originalPrice === i);
      }),
    );
  });

  it('loads the embedded SE3 2024 series (hour_utc, price_eur_per_mwh columns)', () => {
    const text = readFileSync(
      new URL('../../sim/market/data/elspot_SE3_2024_hourly.csv', import.meta.url),
      'utf8',
    );
    const r = parsePriceCsv(text, { fxUsdPer: { EUR: 1 } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    expect(r.points).toHaveLength(8784);
    const mean = r.points.reduce((s, p) => s + p.originalPrice, 0) / r.points.length;
    expect(mean).toBeCloseTo(35.77, 2);
    expect(r.points.filter((p) => p.originalPrice < 0)).toHaveLength(652);
    expect(r.points[0]!.currency).toBe('EUR');
  });
});

describe('parsePriceCsv: per-row report', () => {
  it('rejects the whole file and lists each bad row', () => {
    const csv = [
      'timestamp,price',
      '2024-06-01T00:00:00Z,40', // line 2 ok
      '2024-06-01T01:00:00Z,abc', // 3 bad number
      '2024-06-01T02:00:00Z,41', // 4 ok
      '2024-06-01T02:00:00Z,42', // 5 duplicate
      '2024-13-01T03:00:00Z,43', // 6 bad timestamp
      '2024-06-01T06:00:00Z,44', // 7 gap (03:00–05:00 missing)
      '2024-06-01T06:30:00Z,45', // 8 misaligned
      '2024-06-01T07:30:00Z,99999', // 9 absurd
    ].join('\n');
    const r = parsePriceCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.line, i.kind])).toEqual([
      [3, 'bad_number'],
      [5, 'duplicate'],
      [6, 'bad_timestamp'],
      [7, 'gap'],
      [8, 'misaligned'],
      [9, 'absurd_value'],
    ]);
    expect(r.issues.find((i) => i.kind === 'duplicate')!.message).toBe(
      '2024-06-01T02:00:00Z already given on line 4',
    );
    expect(r.issues.find((i) => i.kind === 'gap')!.message).toBe(
      '3 intervals missing from 2024-06-01T03:00:00Z to 2024-06-01T06:00:00Z',
    );
  });

  it.each([
    ['no offset and no time zone', 'timestamp,price\n2024-06-01 00:00,1\n', {}, [[2, 'missing_offset']]],
    [
      'the skipped spring hour',
      'timestamp,price\n2024-03-31 01:00,1\n2024-03-31 02:00,2\n2024-03-31 03:00,3\n',
      { timeZone: 'Europe/Stockholm' },
      [[3, 'dst_nonexistent']],
    ],
    [
      'an autumn hour given once',
      'timestamp,price\n2024-11-03 00:00,1\n2024-11-03 01:00,2\n2024-11-03 02:00,3\n',
      { timeZone: 'America/Chicago' },
      [
        [3, 'dst_ambiguous'],
        [4, 'gap'],
      ],
    ],
    [
      'an autumn hour given three times',
      'timestamp,price\n2024-10-27 02:00,1\n2024-10-27 02:00,2\n2024-10-27 02:00,3\n',
      { timeZone: 'Europe/Stockholm' },
      [
        [2, 'dst_ambiguous'],
        [3, 'dst_ambiguous'],
        [4, 'dst_ambiguous'],
      ],
    ],
    [
      'a currency without a rate',
      'timestamp,price,currency\n2024-06-01T00:00Z,1,SEK\n2024-06-01T01:00Z,1,SEK\n',
      {},
      [[2, 'bad_currency']],
    ],
    [
      'a malformed currency',
      'timestamp,price,currency\n2024-06-01T00:00Z,1,euro\n',
      {},
      [[2, 'bad_currency']],
    ],
    ['a missing price column', 'timestamp,cost\n2024-06-01T00:00Z,1\n', {}, [[1, 'header']]],
    ['a header only', 'timestamp,price\n', {}, [[0, 'file']]],
    ['an unclosed quote', 'timestamp,price\n"2024-06-01T00:00Z,1\n', {}, [[0, 'file']]],
  ])('reports %s', (_n, csv, opts, expected) => {
    expect(issuesOf(csv, opts)).toEqual(expected);
  });

  it('caps the report and says so', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2024-06-01T00:00Z,x${i}`);
    const r = parsePriceCsv(`timestamp,price\n${rows.join('\n')}`, { maxIssues: 10 });
    expect(!r.ok && [r.issues.length, r.truncated]).toEqual([10, true]);
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parsePriceCsv(`timestamp,price\n${text}`, { timeZone: 'Europe/Stockholm' });
        return r.ok ? r.points.every((p) => Number.isFinite(p.priceUsdPerMwh)) : r.issues.length > 0;
      }),
    );
  });
});
