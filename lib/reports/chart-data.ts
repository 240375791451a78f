// The one series a report is charted by (PDF and the page preview): a value summed per day or per
// category of the main section. Pure.
import type { Report } from './types';

export type ChartPoint = { label: string; value: number };
export type ChartSpec = { title: string; unit: string; points: ChartPoint[] };

const SPECS: Record<Report['kind'], { by: string; value: string | null; title: string; unit: string }> = {
  energy: { by: 'date', value: 'energyCostUsd', title: 'Energy cost per day', unit: 'USD' },
  revenue: { by: 'date', value: 'marginUsd', title: 'Margin per day', unit: 'USD' },
  performance: { by: 'date', value: 'energyKwh', title: 'IT energy per day', unit: 'kWh' },
  jobs: { by: 'job', value: 'revenueUsd', title: 'Revenue per job', unit: 'USD' },
  incidents: { by: 'category', value: null, title: 'Events per category', unit: 'events' },
};

export function chartOf(report: Report): ChartSpec {
  const spec = SPECS[report.kind];
  const sums = new Map<string, number>();
  for (const row of report.sections[0]?.rows ?? []) {
    const label = String(row[spec.by] ?? '');
    const v = spec.value === null ? 1 : Number(row[spec.value] ?? 0);
    sums.set(label, (sums.get(label) ?? 0) + (Number.isFinite(v) ? v : 0));
  }
  const points = [...sums].map(([label, value]) => ({ label, value }));
  if (spec.by === 'date') points.sort((a, b) => a.label.localeCompare(b.label));
  return { title: spec.title, unit: spec.unit, points: points.slice(0, 62) };
}
