// Text exposition format 0.0.4 (what `promtool check metrics` and Prometheus read): one HELP and
// TYPE per family, then its samples. Pure.

/** Label values per the exposition format: backslash, double quote and newline escaped. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export type Sample = { labels: Record<string, string | number>; value: number };

export type Family = {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: Sample[];
};

function labelText(labels: Sample['labels']): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(String(v))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** The lines of one family; a family without samples still declares itself (dashboards find it). */
export function familyLines(f: Family): string[] {
  return [
    `# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
    `# TYPE ${f.name} ${f.type}`,
    ...f.samples.map((s) => `${f.name}${labelText(s.labels)} ${valueText(s.value)}`),
  ];
}
