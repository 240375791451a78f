import { describe, expect, it } from 'vitest';
import { NUMERIC_METRICS, ROLLUP_METRICS } from './metrics';
import { MAX_COLUMNS, MEAN_COLUMNS } from './rollup-columns';

const INT4_MAX = 2 ** 31 - 1;
const range = (source: string) => NUMERIC_METRICS.find((m) => m.column === source)!;

describe('device rollup columns', () => {
  it('store one mean per rollup metric, named after the raw column and its scale', () => {
    expect(MEAN_COLUMNS.map((c) => c.source)).toEqual(ROLLUP_METRICS.map((m) => m.column));
    for (const c of MEAN_COLUMNS) {
      expect(c.column).toBe(c.scale && c.scale > 1 ? `${c.source}_x${c.scale}` : c.source);
      expect(c.count).toBe(`${c.source}_n`);
    }
  });

  it.each([...MEAN_COLUMNS, ...MAX_COLUMNS].filter((c) => c.scale !== null))(
    '$column holds every accepted $source value as a 32-bit integer',
    (c) => {
      const { min, max } = range(c.source);
      // PostgreSQL stores these as int4; a value outside it would fail the rollup insert.
      expect(Math.abs(min) * c.scale!).toBeLessThanOrEqual(INT4_MAX);
      expect(Math.abs(max) * c.scale!).toBeLessThanOrEqual(INT4_MAX);
    },
  );

  it('keeps the metrics whose range spans many decades as REAL', () => {
    expect(MEAN_COLUMNS.filter((c) => c.scale === null).map((c) => c.key)).toEqual(['hashrateThs']);
  });
});
