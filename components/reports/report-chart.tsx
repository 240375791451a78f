'use client';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportJson } from '@/lib/api-client/types';
import { formatNumber } from '@/lib/format';

/** The report's one series (per day or per category) as bars. */
export function ReportChart({ chart }: { chart: ReportJson['chart'] }) {
  if (chart.points.length === 0) return <p className="text-sm text-muted-foreground">Nothing to chart.</p>;
  return (
    <figure aria-label={`${chart.title} (${chart.unit})`} data-testid="report-chart" className="h-56 w-full">
      <figcaption className="mb-1 text-xs text-muted-foreground">
        {chart.title} ({chart.unit})
      </figcaption>
      <ResponsiveContainer width="100%" height="90%">
        <BarChart data={chart.points}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatNumber(v)} />
          <Tooltip formatter={(v) => formatNumber(Number(v))} />
          <Bar dataKey="value" fill="var(--chart-1)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
