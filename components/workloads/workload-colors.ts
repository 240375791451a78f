import type { AssignmentKind } from '@/lib/api-client/types';

/** One colour per workload kind, from the theme's chart palette (light and dark). */
export const WORKLOAD_COLORS: Record<AssignmentKind | 'none', string> = {
  pool: 'var(--chart-1)',
  job: 'var(--chart-4)',
  rent: 'var(--chart-3)',
  curtail: 'var(--chart-2)',
  idle: 'var(--chart-7)',
  maintenance: 'var(--chart-6)',
  none: 'var(--muted)',
};
