import type { TimeSeriesPoint } from '@/components/charts/types';

type Series = { key: string; points: readonly { ts: number; value: number }[] };

/** Series with the same step → one row per bucket; a series without a value there gets null (a gap). */
export function mergeSeries(series: readonly Series[]): TimeSeriesPoint[] {
  const rows = new Map<number, TimeSeriesPoint>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.ts) ?? ({ ts: p.ts } as TimeSeriesPoint);
      row[s.key] = p.value;
      rows.set(p.ts, row);
    }
  }
  const keys = series.map((s) => s.key);
  return [...rows.values()]
    .sort((a, b) => a.ts - b.ts)
    .map((row) => {
      for (const key of keys) if (!(key in row)) row[key] = null;
      return row;
    });
}

/** Chart colour tokens in a stable order. */
export function chartColor(index: number): string {
  return `var(--chart-${(index % 8) + 1})`;
}

/** Safe recharts data key for a series key such as `site:3` or `gpu:h100-sxm`. */
export function dataKey(seriesKey: string): string {
  return seriesKey.replace(/[^A-Za-z0-9_]/g, '_');
}
