import type { RangeParam } from '@/lib/api-client/range';
import { rangeKey } from '@/lib/api-client/range';

/** Hierarchical query keys; site prices live under ['sites', id] so a site change invalidates them too. */
export const marketKeys = {
  all: ['market'] as const,
  latest: () => ['market', 'latest'] as const,
  history: (series: readonly string[], range: RangeParam) =>
    ['market', 'history', [...series].sort().join(','), rangeKey(range)] as const,
  gpuRates: () => ['market', 'gpu-rates'] as const,
  settings: () => ['settings', 'market'] as const,
  sitePrices: (siteId: number, from: number, to: number) => ['sites', siteId, 'prices', from, to] as const,
  sitePreview: (siteId: number, draft: string) => ['sites', siteId, 'prices', 'preview', draft] as const,
};

export const economicsKeys = {
  all: ['economics'] as const,
  summary: (siteId: number | null) => ['economics', 'summary', siteId ?? 'fleet'] as const,
  device: (deviceId: number) => ['economics', 'device', deviceId] as const,
  projection: (growthPctPerMonth: number, days: number | null, siteId: number | null) =>
    ['economics', 'projection', growthPctPerMonth, days ?? 'default', siteId ?? 'fleet'] as const,
};
